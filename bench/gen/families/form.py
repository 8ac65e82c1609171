"""Filled-in rental application forms (the dev set's form schema): tick boxes, blank fields."""

from __future__ import annotations

import datetime as dt

from gen import locales, people
from gen.case import Case, leaves
from gen.pick import Pick
from gen.sheet import FACES, GLYPH_FONT, LETTER, Sheet, em_box, width
from gen.words_forms import CONTACT, EMPLOYMENT, FORM, PETS, RELATIONS

TICKS = ["ballot", "bracket", "square", "paren", "vector_check", "vector_radio", "circle", "underscore",
         "vector_fill", "check_after"]
LAYOUTS = ["boxes", "underline", "two_column", "label_above", "table", "inline"]
FILL_FACES = ["Courier", "DejaVuSansMono", "Times-Roman", "LiberationMono", "Helvetica", "LiberationSerif"]


def tick(sheet: Sheet, x: float, y: float, style: str, checked: bool, label: str, path: str | None,
         size: float) -> float:
    """A tick box and its label; cites mark + label when `path`. Returns the x after the label."""
    font = sheet.font()
    s = size
    glyphs = {"ballot": ("☒", "☐"), "square": ("■", "□"), "circle": ("◉", "○")}
    texts = {"bracket": ("[x]", "[ ]"), "paren": ("(•)", "( )"), "underscore": ("_X_", "___")}
    start = x
    if style in glyphs:
        mark = glyphs[style][0 if checked else 1]
        sheet.text(x, y, mark, size=s * 1.2, font=GLYPH_FONT)
        x += width(mark, GLYPH_FONT, s * 1.2) + 3
    elif style in texts:
        mark = texts[style][0 if checked else 1]
        sheet.text(x, y, mark, size=s)
        x += width(mark, font, s) + 3
    elif style in ("vector_check", "vector_fill"):
        filled = checked and style == "vector_fill"
        sheet.rect(x, y - s * 0.8, s * 0.9, s * 0.9, stroke=0.0, fill=0.1 if filled else None)
        if checked and style == "vector_check":
            sheet.text(x + s * 0.1, y - s * 0.05, "✔", size=s * 0.85, font=GLYPH_FONT)
        x += s * 0.9 + 4
    elif style == "vector_radio":
        sheet.circle(x + s * 0.45, y - s * 0.33, s * 0.42, stroke=0.0)
        if checked:
            sheet.circle(x + s * 0.45, y - s * 0.33, s * 0.2, stroke=None, fill=0.0)
        x += s * 0.9 + 4
    sheet.text(x, y, label, size=s)
    x += width(label, font, s)
    if style == "check_after" and checked:
        sheet.text(x + 3, y, "✓", size=s * 1.1, font=GLYPH_FONT)
        x += 3 + width("✓", GLYPH_FONT, s * 1.1)
    if path:
        box = em_box(start, y, x - start, font, s)
        sheet.cite(path, label, [box], kind="checkbox")
    return x


def build(p: Pick) -> Case:
    c = locales.country(p)
    face = p.pick(FACES)
    sheet = Sheet(face, p.pick([LETTER, (595.28, 841.89)]))
    layout, tick_style = p.pick(LAYOUTS), p.pick(TICKS)
    fill_font = p.pick(FILL_FACES)
    size = p.pick([9.0, 9.5, 8.5, 10.0])
    first, last = people.person(p)
    blank = p.rng.random() * 0.6  # how much of the optional part is left blank
    def maybe(value):
        return value if p.rng.random() >= blank else None

    addr = locales.address(p, c)
    birth = locales.some_date(p, 1955, 2004)
    status = maybe(p.pick(list(EMPLOYMENT)))
    pets = maybe(p.chance(0.45))
    fmt = p.any(c.dates)
    domain = p.pick(["mail.com", "outlook.com", "proton.me", "gmx.net"])
    email = f"{first.lower()}.{last.lower()}{p.int(1, 99)}@{domain}".replace(" ", "").replace("'", "")
    expected = {
        "applicant": {"first_name": first, "middle_name": maybe(p.pick(people.MIDDLE)), "last_name": last,
                      "date_of_birth": maybe(birth), "email": maybe(email),
                      "phone": maybe(locales.phone(p, c))},
        "current_address": addr.expected(),
        "years_at_address": maybe(p.int(1, 14)),
        "employment_status": status,
        "employer_name": maybe(people.company(p, c)) if status in ("employed", "self_employed") else None,
        "monthly_income": maybe(float(p.int(12, 95) * 100)) if status in ("employed", "self_employed", "retired")
        else None,
        "has_pets": pets,
        "pet_details": maybe(p.pick(PETS)) if pets else None,
        "smoker": maybe(p.chance(0.2)),
        "preferred_contact": maybe(p.pick(list(CONTACT))),
        "consent_background_check": p.chance(0.75),
        "emergency_contact": {"name": maybe(people.person_name(p)), "phone": maybe(locales.phone(p, c)),
                              "relationship": maybe(p.pick(RELATIONS))},
        "desired_move_in_date": maybe(locales.some_date(p, 2025, 2026)),
        "signature_date": maybe(locales.some_date(p, 2025, 2026)),
    }
    for key in ("date_of_birth",):
        value = expected["applicant"][key]
        expected["applicant"][key] = value.isoformat() if value else None
    dates = {k: expected[k] for k in ("desired_move_in_date", "signature_date")}
    for k, v in dates.items():
        expected[k] = v.isoformat() if v else None

    x0, x1 = 48.0, sheet.width - 48.0
    y = 60.0
    title = p.pick(FORM["title"])
    sheet.text(x0, y, title.upper() if p.chance(0.4) else title, size=17, bold=True)
    y += 16
    if p.chance(0.6):
        sheet.text(x0, y + 4, p.pick(["Please complete in BLOCK CAPITALS and tick where applicable.",
                                      "All fields marked * are required.",
                                      "Complete one form per adult occupant.",
                                      "Incomplete applications may delay processing."]), size=size * 0.85, gray=0.3)
        y += 14
    form = Form(sheet, p, layout, size, fill_font, x0, x1, y + 14)

    a = expected["applicant"]
    form.section(p.pick(FORM["section_applicant"]))
    form.fields([("first", first, "applicant.first_name"), ("middle", a["middle_name"], "applicant.middle_name"),
                 ("last", last, "applicant.last_name")])
    form.fields([("dob", _date(birth, fmt) if a["date_of_birth"] else None, "applicant.date_of_birth"),
                 ("email", a["email"], "applicant.email"), ("phone", a["phone"], "applicant.phone")])
    form.section(p.pick(FORM["section_address"]))
    form.fields([("street", addr.street, "current_address.street")])
    form.fields([("city", addr.city, "current_address.city"), ("region", addr.region, "current_address.region"),
                 ("postal", addr.postal_code, "current_address.postal_code")])
    form.fields([("country", addr.country, "current_address.country"),
                 ("years", _num(expected["years_at_address"]), "years_at_address")])
    form.choice(p.pick(FORM["employment"]), {k: p.pick(v) for k, v in EMPLOYMENT.items()}, status,
                "employment_status", tick_style)
    form.fields([("employer", expected["employer_name"], "employer_name"),
                 ("income", _money(expected["monthly_income"], c), "monthly_income")])
    yes, no = p.pick(FORM["yes"]), p.pick(FORM["no"])
    form.choice(p.pick(FORM["pets_q"]), {True: yes, False: no}, pets, "has_pets", tick_style)
    form.fields([("pet_details", expected["pet_details"], "pet_details")])
    form.choice(p.pick(FORM["smoke_q"]), {True: yes, False: no}, expected["smoker"], "smoker", tick_style)
    form.choice(p.pick(FORM["contact_q"]), {k: p.pick(v) for k, v in CONTACT.items()},
                expected["preferred_contact"], "preferred_contact", tick_style)
    form.section(p.pick(FORM["section_emergency"]))
    e = expected["emergency_contact"]
    form.fields([("ec_name", e["name"], "emergency_contact.name"), ("ec_phone", e["phone"], "emergency_contact.phone"),
                 ("ec_relation", e["relationship"], "emergency_contact.relationship")])
    form.fields([("move_in", _date(dates["desired_move_in_date"], fmt), "desired_move_in_date")])
    form.y += size
    tick(sheet, x0, form.y, tick_style, expected["consent_background_check"], p.pick(FORM["consent"]),
         "consent_background_check", size)
    form.y += size * 3
    form.fields([("signature", None, None), ("sig_date", _date(dates["signature_date"], fmt), "signature_date")])
    tags = [f"country:{c.code}", f"layout:{layout}", f"tick:{tick_style}", "checkboxes", f"font:{face.name}"]
    tags += ["blank_fields"] if None in leaves(expected).values() else []
    return Case("form", f"form-{layout}", "form", expected, sheet.cites, [pg.size for pg in sheet.pages],
                sheet.pdf(), tags=tags)


class Form:
    """Fields down the page in one layout; a row holds up to three fields."""

    def __init__(self, sheet: Sheet, p: Pick, layout: str, size: float, fill_font: str, x0: float, x1: float,
                 y: float) -> None:
        self.sheet, self.p, self.layout, self.size, self.fill_font = sheet, p, layout, size, fill_font
        self.x0, self.x1, self.y = x0, x1, y
        self.ending = p.pick([":", "", ":", " *"])

    def label(self, key: str) -> str:
        text = self.p.pick(FORM[key])
        return text if text.endswith(":") or text.endswith("?") else text + self.ending

    def section(self, title: str) -> None:
        s = self.sheet
        self.y += self.size * 1.2
        if self.layout in ("boxes", "table"):
            s.rect(self.x0, self.y - self.size * 1.1, self.x1 - self.x0, self.size * 1.6, stroke=None, fill=0.2)
            s.text(self.x0 + 4, self.y, title.upper(), size=self.size, bold=True, gray=1.0)
        else:
            s.text(self.x0, self.y, title, size=self.size * 1.15, bold=True)
            s.hline(self.x0, self.x1, self.y + 4, 0.5)
        self.y += self.size * 2.0

    def fields(self, items: list[tuple[str, str | None, str | None]]) -> None:
        s, size = self.sheet, self.size
        each = (self.x1 - self.x0) / len(items)
        if self.layout in ("two_column", "table"):
            for key, value, path in items:
                label = self.label(key)
                if self.layout == "table":
                    s.rect(self.x0, self.y - size * 1.2, 170, size * 1.9, stroke=0.4, fill=0.93)
                    s.rect(self.x0 + 170, self.y - size * 1.2, self.x1 - self.x0 - 170, size * 1.9, stroke=0.4)
                s.text(self.x0 + 4, self.y, label, size=size)
                if value:
                    s.text(self.x0 + 176, self.y, value, size=size, font=self.fill_font, path=path)
                else:
                    s.hline(self.x0 + 176, self.x1 - 10, self.y + 2, 0.3, 0.6) if self.layout == "two_column" else None
                self.y += size * 1.9
            return
        for i, (key, value, path) in enumerate(items):
            x = self.x0 + i * each
            label = self.label(key)
            if self.layout == "boxes":
                s.rect(x, self.y - size, each - 4, size * 2.9, stroke=0.3)
                s.text(x + 3, self.y, label, size=size * 0.75, gray=0.3)
                if value:
                    self.value(x + 6, self.y + size * 1.45, value, path, each - 14)
            elif self.layout == "label_above":
                s.text(x, self.y, label, size=size * 0.8, gray=0.25)
                s.hline(x, x + each - 12, self.y + size * 1.75, 0.4)
                if value:
                    self.value(x + 2, self.y + size * 1.45, value, path, each - 16)
            else:  # underline / inline: the value on a rule after the label
                lw = width(label, s.font(), size) + 4
                s.text(x, self.y, label, size=size)
                s.hline(x + lw, x + each - 10, self.y + 2, 0.4)
                if value:
                    self.value(x + lw + 4, self.y - 1, value, path, each - lw - 16)
        self.y += size * (3.3 if self.layout in ("boxes", "label_above") else 2.1)

    def value(self, x: float, y: float, text: str, path: str | None, room: float) -> None:
        """A filled-in value, set smaller when it would run into the next field."""
        size = min(self.size, self.size * room / max(1.0, width(text, self.fill_font, self.size)))
        self.sheet.text(x, y, text, size=max(size, 5.0), font=self.fill_font, path=path)

    def choice(self, question: str, options: dict, chosen, path: str, style: str) -> None:
        s, size = self.sheet, self.size
        s.text(self.x0, self.y, question, size=size, bold=self.layout in ("boxes", "table"))
        x = self.x0 + max(width(question, s.font(True), size) + 14, 150)
        y = self.y
        for value, text in options.items():
            need = width(text, s.font(), size) + size * 2.5
            if x + need > self.x1:
                x, y = self.x0 + 150, y + size * 1.7
            x = tick(s, x, y, style, chosen == value and chosen is not None, text, path if chosen == value else None,
                     size) + size * 1.6
        self.y = y + size * 2.2


def _date(d: dt.date | None, fmt: str) -> str | None:
    return locales.fmt_date(d, fmt) if d else None


def _num(v) -> str | None:
    return None if v is None else str(v)


def _money(v, c) -> str | None:
    if v is None:
        return None
    return locales.number(v, c, 0 if v == int(v) else 2)

