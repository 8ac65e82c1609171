"""Résumés / CVs (the dev set's resume schema)."""

from __future__ import annotations

import datetime as dt
import unicodedata

from gen import locales, people
from gen.case import Case
from gen.pick import Pick
from gen.sheet import FACES, LETTER, Seg, Sheet, width
from gen.words_forms import DEGREES, RESUME, SCHOOLS, SKILLS, TITLES

LAYOUTS = ["classic", "sidebar_left", "split_header", "gutter", "sidebar_right", "banner"]
ENTRY_FORMS = ["title_dates_right", "company_first", "dates_gutter", "title_at_company", "stacked", "dates_first"]
MONTH_FORMS = ["{Mon} {yyyy}", "{mm}/{yyyy}", "{Month} {yyyy}", "{yyyy}-{mm}", "{mm}.{yyyy}", "{mm}-{yyyy}"]
RANGE_JOINS = [" – ", " - ", " to ", " — ", " until ", " till "]
SKILL_FORMS = ["comma", "bullets", "columns", "pipes", "grouped", "dots"]
EDU_FORMS = ["degree_school_year", "school_degree_paren", "stacked_range", "pipe_graduated", "degree_only_year",
             "school_first_year"]
BULLETS = ["Cut month-end close from 9 to 4 days across 3 entities", "Led a team of 6; hired 4 engineers in 2021",
           "Migrated 120 services to Kubernetes with zero downtime", "Grew qualified pipeline by 35% year on year",
           "Owned a budget of 2.4M across 14 suppliers", "Introduced weekly reviews; defects fell 40%",
           "Shipped the mobile onboarding used by 80,000 customers", "Ran 25 usability studies and 3 design sprints",
           "Negotiated 3-year contracts saving 180k annually", "Automated reporting, saving 12 hours a week"]


def build(p: Pick) -> Case:
    c = locales.country(p)
    face = p.pick(FACES)
    sheet = Sheet(face, p.pick([LETTER, (595.28, 841.89)]))
    layout = p.pick(LAYOUTS)
    first, last = people.person(p)
    name = f"{first} {last}"
    handle = unicodedata.normalize("NFKD", f"{first}-{last}".lower()).encode("ascii", "ignore").decode()
    handle = handle.replace(" ", "").replace("'", "") + (f"-{p.digits(3)}" if p.chance(0.5) else "")
    place = locales.address(p, c)
    location = f"{place.city}, {place.region}" if place.region else f"{place.city}, {p.any(c.names)}"
    domain = p.pick(["gmail.com", "outlook.com", "proton.me", "mail.de"])
    email = f"{handle.split('-')[0]}.{handle.split('-')[1]}@{domain}"
    linkedin = p.pick(RESUME["linkedin"]).format(h=handle) if p.chance(0.6) else None
    expected = {
        "full_name": name, "email": email if p.chance(0.9) else None,
        "phone": locales.phone(p, c) if p.chance(0.85) else None,
        "location": location if p.chance(0.8) else None, "linkedin": None,
        "skills": p.picks(SKILLS, p.int(4, 10)),
        "work_experience": [], "education": [],
    }
    if linkedin:
        # "LinkedIn: /in/x" and "LinkedIn - x" print a label before the handle
        expected["linkedin"] = linkedin.split(": ")[-1].split(" - ")[-1] if linkedin.startswith("LinkedIn") \
            else linkedin
    month_form, join = p.pick(MONTH_FORMS), p.pick(RANGE_JOINS)
    present = p.pick(RESUME["present"])
    end = dt.date(p.int(2024, 2026), p.int(1, 12), 1)
    current = p.chance(0.6)
    for k in range(p.int(2, 5)):
        length = p.int(8, 50)
        start = _months_before(end, length)
        expected["work_experience"].append({
            "company": people.company(p, c), "title": p.pick(TITLES), "start_date": f"{start:%Y-%m}",
            "end_date": None if (k == 0 and current) else f"{end:%Y-%m}",
            "location": f"{locales.address(p, c).city}" if p.chance(0.5) else None})
        end = _months_before(start, p.int(0, 4))
    year = end.year
    for school, degree in zip(p.picks(SCHOOLS, 2)[:p.int(1, 2)], p.picks(DEGREES, 2), strict=False):
        expected["education"].append({"institution": school, "degree": degree,
                                      "graduation_year": year if p.chance(0.85) else None})
        year -= p.int(1, 4)

    cv = Cv(sheet, p, expected, month_form, join, present)
    x0, x1 = 46.0, sheet.width - 46.0
    if layout in ("sidebar_left", "sidebar_right"):
        side = 170.0
        sx = x0 if layout == "sidebar_left" else x1 - side
        mx0, mx1 = (x0 + side + 20, x1) if layout == "sidebar_left" else (x0, x1 - side - 20)
        sheet.rect(sx - 8, 0, side + 12, sheet.height, stroke=None, fill=0.93)
        y = cv.name(sx, 70, side, size=17)
        y = cv.contact(sx, y + 6, side, stacked=True, linkedin_raw=linkedin)
        y = cv.skills(sx, y + 16, side, p.pick(["bullets", "comma", "dots", "bullets"]))
        cv.education(sx, y + 12, side)
        y = cv.experience(mx0, 70, mx1 - mx0, p.pick(["stacked", "company_first", "title_dates_right",
                                                       "dates_first"]))
    else:
        if layout == "banner":
            sheet.rect(0, 0, sheet.width, 108, stroke=None, fill=0.88)
        if layout == "split_header":
            cv.name(x0, 64, 260, size=22)
            y = cv.contact(x1, 52, 220, stacked=True, linkedin_raw=linkedin, align="right")
        else:
            y = cv.name(x0 if layout != "classic" else sheet.width / 2, 64, x1 - x0, size=22,
                        align="center" if layout == "classic" else "left")
            y = cv.contact(x0, y + 2, x1 - x0, stacked=False, linkedin_raw=linkedin,
                           align="center" if layout == "classic" else "left")
        y = max(y, 120.0)
        if p.chance(0.5):
            y = cv.heading(x0, y + 10, x1 - x0, p.pick(RESUME["summary"]))
            y = sheet.flow(x0, y, x1 - x0, [Seg(p.pick([
                "Analytical professional with a record of delivering measurable results in fast-moving teams.",
                "Hands-on lead who enjoys turning messy processes into simple, reliable systems.",
                "Customer-focused specialist, comfortable with numbers and with people.",
                "Curious generalist with ten years across operations, finance and technology."]))], size=9.5)
        gutter = layout == "gutter"
        y = cv.experience(x0, y + 8, x1 - x0, "dates_gutter" if gutter else p.pick(ENTRY_FORMS))
        y = cv.skills(x0, y + 10, x1 - x0, p.pick(SKILL_FORMS))
        cv.education(x0, y + 10, x1 - x0)
    tags = [f"layout:{layout}", f"months:{month_form}", f"font:{face.name}", f"country:{c.code}"]
    tags += ["multi_page"] if sheet.page > 1 else []
    tags += ["blank_fields"] if None in (expected["email"], expected["phone"], expected["location"], linkedin) else []
    return Case("resume", f"res-{layout}", "resume", expected, sheet.cites, [pg.size for pg in sheet.pages],
                sheet.pdf(), tags=tags)


def _width(sheet: Sheet, segs: list[Seg], size: float) -> float:
    return sum(width(seg.text, sheet.font(seg.bold), size) for seg in segs)


def _months_before(d: dt.date, months: int) -> dt.date:
    total = d.year * 12 + d.month - 1 - months
    return dt.date(total // 12, total % 12 + 1, 1)


class Cv:
    """Writes the résumé's parts; each returns the baseline below what it wrote."""

    def __init__(self, sheet: Sheet, p: Pick, data: dict, month_form: str, join: str, present: str) -> None:
        self.sheet, self.p, self.data = sheet, p, data
        self.month_form, self.join, self.present = month_form, join, present
        self.heading_style = p.pick(["rule", "caps", "bar", "plain"])

    def room(self, y: float, need: float = 40) -> float:
        if y + need > self.sheet.height - 50:
            self.sheet.new_page()
            return 60.0
        return y

    def name(self, x: float, y: float, wide: float, size: float, align: str = "left") -> float:
        self.sheet.text(x, y, self.data["full_name"], size=size, bold=True, path="full_name", align=align)
        return y + size * 0.9

    def contact(self, x: float, y: float, wide: float, stacked: bool, linkedin_raw: str | None,
                align: str = "left") -> float:
        d = self.data
        parts = []
        for key, label in (("email", self.p.pick(RESUME["email"])), ("phone", self.p.pick(RESUME["phone"])),
                           ("location", "")):
            if d[key]:
                parts.append([Seg(f"{label} " if label else ""), Seg(d[key], key)])
        if linkedin_raw:
            value = d["linkedin"]
            at = linkedin_raw.index(value)
            parts.append([Seg(linkedin_raw[:at]), Seg(value, "linkedin")])
        size = 9.0
        if stacked:
            for part in parts:
                y += size * 1.45
                self.sheet.line(x, y, part, size=size, align=align)
            return y
        sep = self.p.pick(["  |  ", "  ·  ", "   ", "  •  "])
        flat: list[Seg] = []
        for i, part in enumerate(parts):
            flat += ([Seg(sep)] if i else []) + part
        if align == "center":
            line_w = sum(width(s.text, self.sheet.font(), size) for s in flat)
            if line_w < wide:
                self.sheet.line(self.sheet.width / 2, y + size * 1.5, flat,
                                size=size, align="center")
                return y + size * 1.5
        return self.sheet.flow(x, y + size * 1.5, wide, flat, size=size)

    def heading(self, x: float, y: float, wide: float, text: str) -> float:
        y = self.room(y + 14)
        s = self.sheet
        if self.heading_style == "caps":
            s.text(x, y, text.upper(), size=10.5, bold=True)
        elif self.heading_style == "bar":
            s.rect(x - 3, y - 10, wide + 6, 14, stroke=None, fill=0.82)
            s.text(x, y, text, size=10.5, bold=True)
        else:
            s.text(x, y, text, size=12, bold=True)
            if self.heading_style == "rule":
                s.hline(x, x + wide, y + 4, 0.6)
        return y + 16

    def months(self, d: str | None) -> str:
        if d is None:
            return self.present
        return locales.fmt_date(dt.date(int(d[:4]), int(d[5:]), 1), self.month_form)

    def experience(self, x: float, y: float, wide: float, form: str) -> float:
        s, size = self.sheet, 9.5
        y = self.heading(x, y, wide, self.p.pick(RESUME["experience"]))
        for i, job in enumerate(self.data["work_experience"]):
            y = self.room(y, 70)
            path = f"work_experience[{i}]"
            start = Seg(self.months(job["start_date"]), f"{path}.start_date")
            end = Seg(self.months(job["end_date"]), f"{path}.end_date" if job["end_date"] else None)
            dates = [start, Seg(self.join), end]
            title = Seg(job["title"], f"{path}.title", True)
            company = Seg(job["company"], f"{path}.company")
            loc = [Seg(", "), Seg(job["location"], f"{path}.location")] if job["location"] else []
            if form == "title_dates_right":
                left = [title, Seg(" — "), company, *loc]
                s.line(x, y, left, size=size)
                if _width(s, left, size) + _width(s, dates, size * 0.9) + 16 > wide:
                    y += size * 1.4  # no room beside the title: the dates go under it
                s.line(x + wide, y, dates, size=size * 0.9, align="right")
            elif form == "company_first":
                s.line(x, y, [Seg(company.text, company.path, True), *loc], size=size)
                y += size * 1.4
                s.line(x, y, [Seg(title.text, title.path)], size=size)
                s.line(x + wide, y, dates, size=size * 0.9, align="right")
            elif form == "dates_gutter":
                s.line(x, y, dates, size=min(size * 0.85, size * 0.85 * 112 / _width(s, dates, size * 0.85)))
                s.line(x + 120, y, [title], size=size)
                y += size * 1.4
                s.line(x + 120, y, [company, *loc], size=size)
            elif form == "title_at_company":
                segs = [title, Seg(" at "), company, *loc, Seg("  ·  "), *dates]
                y = s.flow(x, y, wide, segs, size=size) - size * 1.3
            elif form == "stacked":
                s.line(x, y, [title], size=size)
                y += size * 1.4
                s.line(x, y, [company], size=size)
                y += size * 1.4
                s.line(x, y, [*dates, *([Seg("  |  "), *loc[1:]] if loc else [])], size=size * 0.9)
            else:  # dates_first
                s.line(x, y, [*dates], size=size * 0.9)
                y += size * 1.4
                s.line(x, y, [title, Seg(", "), company, *loc], size=size)
            y += size * 1.5
            indent = 120 if form == "dates_gutter" else 8
            for bullet in self.p.picks(BULLETS, self.p.int(1, 3)):
                y = self.room(y)
                y = s.flow(x + indent, y, wide - indent, [Seg("• " + bullet)], size=size * 0.9)
            y += 6
        return y

    def skills(self, x: float, y: float, wide: float, form: str) -> float:
        s, size = self.sheet, 9.0
        y = self.heading(x, y, wide, self.p.pick(RESUME["skills"]))
        skills = self.data["skills"]
        segs = [Seg(skill, f"skills[{i}]") for i, skill in enumerate(skills)]
        if form in ("bullets",):
            for seg in segs:
                y = self.room(y)
                s.line(x, y, [Seg("• "), seg], size=size)
                y += size * 1.4
            return y
        if form == "columns":
            per = 3
            each = wide / per
            for i, seg in enumerate(segs):
                s.line(x + (i % per) * each, y + (i // per) * size * 1.5, [Seg("- "), seg], size=size)
            return y + ((len(segs) + per - 1) // per) * size * 1.5
        if form == "grouped":
            half = (len(segs) + 1) // 2
            groups = [(self.p.pick(["Technical", "Tools", "Hard skills", "Platforms"]), segs[:half]),
                      (self.p.pick(["Professional", "Soft skills", "Other", "Languages & more"]), segs[half:])]
            for label, group in groups:
                flat: list[Seg] = [Seg(label + ": ", bold=True)]
                for i, seg in enumerate(group):
                    flat += ([Seg(", ")] if i else []) + [seg]
                y = s.flow(x, y, wide, flat, size=size)
            return y
        sep = {"comma": ", ", "pipes": " | ", "dots": " · "}.get(form, ", ")
        flat = []
        for i, seg in enumerate(segs):
            flat += ([Seg(sep)] if i else []) + [seg]
        return s.flow(x, y, wide, flat, size=size)

    def education(self, x: float, y: float, wide: float) -> float:
        s, size = self.sheet, 9.0
        y = self.heading(x, y, wide, self.p.pick(RESUME["education"]))
        form = self.p.pick(EDU_FORMS)
        for i, edu in enumerate(self.data["education"]):
            y = self.room(y)
            path = f"education[{i}]"
            school = Seg(edu["institution"], f"{path}.institution")
            degree = Seg(edu["degree"], f"{path}.degree")
            year = edu["graduation_year"]
            yseg = [Seg(str(year), f"{path}.graduation_year")] if year else []
            if form == "stacked_range" and year:
                y = s.flow(x, y, wide, [Seg(school.text, school.path, True)], size=size)
                y = s.flow(x, y, wide, [degree], size=size)
                y = s.flow(x, y, wide, [Seg(f"{year - self.p.int(2, 4)} – "), *yseg], size=size)
            elif form in ("school_degree_paren", "school_first_year", "stacked_range"):
                tail = [Seg(" ("), *yseg, Seg(")")] if yseg else []
                y = s.flow(x, y, wide, [Seg(school.text, school.path, True), Seg(" — "), degree, *tail], size=size)
            elif form == "pipe_graduated":
                tail = [Seg(" | Graduated "), *yseg] if yseg else []
                y = s.flow(x, y, wide, [degree, Seg(" | "), school, *tail], size=size)
            else:
                tail = [Seg(", "), *yseg] if yseg else []
                y = s.flow(x, y, wide, [Seg(degree.text, degree.path, True), Seg(", "), school, *tail], size=size)
            y += 4
        return y
