"""Product catalogues, one product per page (the dev set's catalog schema, per_page), with a cover
and a back page left out by target_pages."""

from __future__ import annotations

from gen import blocks, locales
from gen.case import Case
from gen.pick import Pick
from gen.sheet import FACES, Seg, Sheet, width
from gen.words_forms import CATALOG, CATEGORY_WORDS, COLOURS, PRODUCT_WORDS, PRODUCTS

CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "CHF")
LAYOUTS = ["hero_top", "side_by_side", "spec_table", "prose", "badge", "band"]
DIM_FORMS = ["wdh_letters", "numbers_legend", "hwd_slash", "rows", "millimetres", "compact"]
COLOUR_FORMS = ["list", "swatches", "sentence", "bullets", "slashes", "chips"]


def build(p: Pick) -> Case:
    c = locales.country(p, CURRENCIES)
    face = p.pick(FACES)
    sheet = Sheet(face, p.pick([(612.0, 792.0), (595.28, 841.89), (792.0, 612.0), (420.94, 595.28)]))
    layout, dim_form, colour_form = p.pick(LAYOUTS), p.pick(DIM_FORMS), p.pick(COLOUR_FORMS)
    money_form = p.any(c.money)
    brand = f"{p.pick(PRODUCT_WORDS)} {p.pick(['Home', 'Living', 'Studio', 'Interiors', 'Design', 'Haus'])}"
    sku_label = p.pick(CATALOG["sku"])
    sku_pattern = p.pick(["@@@-#####", "###.###.##", "@#####", "##-@@-###", "####@", "@@ ### ###"])
    n = p.int(2, 5)
    intro_pages = 1 + (1 if p.chance(0.35) else 0)

    cover(sheet, brand, p)
    if intro_pages == 2:
        sheet.new_page()
        sheet.text(60, 80, p.pick(["Contents", "In this catalogue", "Index", "Overview"]), size=18, bold=True)
        for i in range(n):
            sheet.text(60, 120 + i * 20, f"{p.pick(PRODUCT_WORDS)} collection .......... {intro_pages + i + 1}",
                       size=11)
    expected = []
    for k in range(n):
        sheet.new_page()
        category = p.any(list(CATEGORY_WORDS))
        item = product(p, c, category, sku_pattern)
        expected.append(item)
        draw_product(p, sheet, c, item, k, layout, dim_form, colour_form, money_form, sku_label)
    sheet.new_page()
    sheet.text(60, 90, p.pick(["Visit our showroom", "How to order", "Contact us", "Terms of sale"]), size=16,
               bold=True)
    sheet.flow(60, 120, sheet.width - 120, [Seg(
        f"Prices valid until {locales.fmt_date(locales.some_date(p), p.any(c.dates))}. Delivery from "
        f"{locales.money(p.int(15, 90), c, money_form)}. Orders over {locales.money(p.int(300, 900), c, money_form)} "
        f"ship free. All dimensions are approximate; weights are net of packaging.")], size=10)
    first, last = intro_pages + 1, intro_pages + n
    tags = [f"country:{c.code}", f"layout:{layout}", f"dims:{dim_form}", f"colours:{colour_form}",
            f"font:{face.name}", "target_pages", "multi_page"]
    tags += ["blank_fields"] if any(None in (e["weight_kg"], e["warranty_years"], *e["dimensions_cm"].values())
                                    for e in expected) else []
    return Case("catalog", f"cat-{layout}", "catalog", expected, sheet.cites, [pg.size for pg in sheet.pages],
                sheet.pdf(), config={"extraction_target": "per_page", "target_pages": f"{first}-{last}"}, tags=tags)


def cover(sheet: Sheet, brand: str, p: Pick) -> None:
    sheet.rect(0, 0, sheet.width, sheet.height * 0.55, stroke=None, fill=0.85)
    sheet.text(50, sheet.height * 0.35, brand, size=30, bold=True)
    sheet.text(50, sheet.height * 0.35 + 34, p.pick(["Spring / Summer Collection", "Autumn Catalogue",
                                                    "Trade Price List", "New Season"]), size=14)
    sheet.text(50, sheet.height - 60, p.pick(["www.example-interiors.com", "Free delivery on large orders",
                                              "Catalogue no. 14", "Valid while stocks last"]), size=10, gray=0.3)


def product(p: Pick, c: locales.Country, category: str, sku_pattern: str) -> dict:
    textiles = category == "Textiles"
    dims = {"width": float(p.int(30, 220)), "depth": None if textiles else float(p.int(20, 90)),
            "height": float(p.int(1, 15) if textiles else p.int(20, 200))}
    if p.chance(0.2):
        dims["depth"] = None
    if p.chance(0.1):
        dims = {"width": None, "depth": None, "height": None}
    return {"product_name": f"{p.pick(PRODUCT_WORDS)} {p.pick(PRODUCTS[category])}",
            "sku": locales.fill(p, sku_pattern), "category": category,
            "price": float(p.int(19, 1899)) + p.pick([0.0, 0.99, 0.5, 0.0, 0.95, 0.0]), "currency": c.currency,
            "dimensions_cm": dims,
            "weight_kg": round(p.int(3, 600) / 10, 1) if p.chance(0.7) else None,
            "colors": p.picks(COLOURS, p.int(1, 4)), "in_stock": p.chance(0.6),
            "warranty_years": p.pick([2, 5, 1, 3, 10, 2]) if p.chance(0.6) else None}


def draw_product(p: Pick, sheet: Sheet, c, item: dict, k: int, layout: str, dim_form: str, colour_form: str,
                 money_form: str, sku_label: str) -> None:
    path = f"[{k}]"
    W = sheet.width
    x0, x1 = 40.0, W - 40.0
    section = p.pick(CATEGORY_WORDS[item["category"]])
    if layout == "band":
        sheet.rect(0, 24, W, 30, stroke=None, fill=0.25)
        sheet.text(x0, 44, section.upper(), size=13, bold=True, gray=1.0, path=f"{path}.category")
    else:
        sheet.line(x0, 40, [Seg(f"{p.pick(['Home', 'Catalogue', 'Collection', 'Shop'])} \u203a "),
                            Seg(section, f"{path}.category")], size=9)
    sheet.text(x1, 40, f"{sheet.page}", size=9, align="right", gray=0.4)
    image_h = sheet.height * (0.38 if layout in ("hero_top", "badge", "band") else 0.3)
    if layout in ("side_by_side", "prose"):
        sheet.rect(x0, 70, (x1 - x0) * 0.45, image_h, stroke=0.6, fill=0.9)
        tx, y, wide = x0 + (x1 - x0) * 0.5, 90.0, (x1 - x0) * 0.5
    else:
        sheet.rect(x0, 70, x1 - x0, image_h, stroke=0.6, fill=0.9)
        tx, y, wide = x0, 70 + image_h + 34, x1 - x0
    sheet.text(tx, y, item["product_name"], size=20, bold=True, path=f"{path}.product_name")
    price = blocks.money_seg(item["price"], c, money_form, f"{path}.price", f"{path}.currency", bold=True)
    if not price.sub:
        price = Seg(f"{price.text} {c.currency}", f"{path}.price", True, (c.currency, f"{path}.currency"))
    price_label = p.pick(CATALOG["price"])
    if layout == "badge":
        sheet.circle(x1 - 60, 70 + image_h - 10, 52, stroke=None, fill=0.8)
        sheet.text(x1 - 60, 70 + image_h - 22, price_label, size=9, align="center")
        sheet.line(x1 - 60, 70 + image_h - 4, [price], size=14, align="center")
    else:
        y += 26
        sheet.line(tx, y, [Seg(price_label + " ", bold=False), price], size=14)
        if p.chance(0.3):
            sheet.text(tx + wide - 10, y, f"was {locales.money(item['price'] * 1.25, c, money_form)}", size=9,
                       align="right", gray=0.4)
    y += 26
    sheet.line(tx, y, [Seg(sku_label + " "), Seg(item["sku"], f"{path}.sku")], size=10)
    y += 18
    if layout == "prose":
        y = sheet.flow(tx, y, wide, [Seg(p.pick(["Crafted to last, with clean lines and honest materials.",
                                                 "A quiet classic that works in any room.",
                                                 "Designed in-house and made in small batches."]))], size=10) + 4
    y = dimensions(sheet, tx, y, item["dimensions_cm"], dim_form, path, p, c)
    if item["weight_kg"] is not None:
        grams = p.chance(0.2)
        text = f"{round(item['weight_kg'] * 1000)} g" if grams else f"{locales.number(item['weight_kg'], c, 1)} kg"
        sheet.line(tx, y, [Seg(p.pick(CATALOG["weight"]) + ": "), Seg(text, f"{path}.weight_kg")], size=10)
        y += 16
    y = colours(sheet, tx, y, wide, item["colors"], colour_form, path, p)
    stock = p.pick(CATALOG["in_stock" if item["in_stock"] else "not_in_stock"])
    sheet.text(tx, y + 6, stock, size=11, bold=True, path=f"{path}.in_stock")
    y += 24
    if item["warranty_years"]:
        text = p.pick(CATALOG["warranty"]).format(n=item["warranty_years"])
        sheet.text(tx, y, text, size=10, path=f"{path}.warranty_years")


def dimensions(sheet: Sheet, x: float, y: float, dims: dict, form: str, path: str, p: Pick, c) -> float:
    known = {k: v for k, v in dims.items() if v is not None}
    if not known:
        return y
    mm = form == "millimetres"
    def seg(key: str) -> Seg:
        value = dims[key] * 10 if mm else dims[key]
        return Seg(locales.number(value, c, 0), f"{path}.dimensions_cm.{key}")
    label = Seg(p.pick(CATALOG["dimensions"]) + ": ")
    letters = {"width": "W", "depth": "D", "height": "H"}
    if form == "rows":
        names = {"width": p.pick(["Width", "W", "Breadth", "Wide"]), "depth": p.pick(["Depth", "D", "Deep", "Length"]),
                 "height": p.pick(["Height", "H", "Tall", "High"])}
        for key in known:
            sheet.line(x, y, [Seg(f"{names[key]}: "), seg(key), Seg(" cm")], size=10)
            y += 15
        return y + 2
    order = ["height", "width", "depth"] if form == "hwd_slash" else ["width", "depth", "height"]
    parts: list[Seg] = [label]
    keys = [k for k in order if k in known]
    if form == "compact":  # 80x40x75cm
        for i, key in enumerate(keys):
            parts += ([Seg("x")] if i else []) + [seg(key)]
        sheet.line(x, y, [*parts, Seg("cm")], size=10)
        return y + 17
    for i, key in enumerate(keys):
        if i:
            parts.append(Seg(" / " if form == "hwd_slash" else " × "))
        if form in ("wdh_letters", "hwd_slash"):
            parts.append(Seg(letters[key] + " "))
        parts.append(seg(key))
    parts.append(Seg(" mm" if mm else " cm"))
    if form == "numbers_legend":
        parts.append(Seg(" (" + " × ".join(letters[k] for k in keys) + ")"))
    sheet.line(x, y, parts, size=10)
    return y + 17


def colours(sheet: Sheet, x: float, y: float, wide: float, names: list[str], form: str, path: str, p: Pick) -> float:
    segs = [Seg(n, f"{path}.colors[{i}]") for i, n in enumerate(names)]
    label = p.pick(CATALOG["colors"])
    if form == "swatches":
        sheet.text(x, y, label, size=9, gray=0.3)
        for i, seg in enumerate(segs):
            sx = x + i * 70
            sheet.rect(sx, y + 6, 22, 14, stroke=0.3, fill=0.3 + 0.15 * i)
            sheet.line(sx, y + 32, [seg], size=8)
        return y + 46
    if form == "chips":
        sheet.text(x, y, label, size=9, gray=0.3)
        cx = x
        for seg in segs:
            w = width(seg.text, sheet.font(), 9) + 10
            sheet.rect(cx, y + 5, w, 14, stroke=0.4)
            sheet.line(cx + 5, y + 15, [seg], size=9)
            cx += w + 6
        return y + 34
    if form == "bullets":
        sheet.text(x, y, label + ":", size=10)
        for seg in segs:
            y += 14
            sheet.line(x + 10, y, [Seg("• "), seg], size=10)
        return y + 18
    flat: list[Seg] = [Seg(label + (": " if form == "list" else " "))]
    for i, seg in enumerate(segs):
        if i:
            flat.append(Seg(" or " if form == "sentence" and i == len(segs) - 1 else " / " if form == "slashes"
                            else ", "))
        flat.append(seg)
    return sheet.flow(x, y, wide, flat, size=10) + 4
