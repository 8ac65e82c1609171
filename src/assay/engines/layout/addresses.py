"""Postal addresses and the party blocks that carry them.

An address is read as parts (the lines of a block, or the comma / "·" separated pieces of a
one-line address) anchored on the part that holds the postal code: "City, ST 12345" (US, Canada,
Australia, India), "12345 City" (continental Europe), "City 123456" or "City - 123456, Region"
(Singapore, India), a UK, Irish (Eircode) or Canadian postcode on its own line under the city or after it
("Bristol BS1 4DJ"), or four digits after the city on an address's last line ("Cape Town 8001").
The street is the part before the city; a region is a part of words after a code that follows its
city; a country is a part after the postal code (or that region) that names one, or a word or two of letters
alone there (a country the list does not know, less sure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assay.domain.document import Word

_US_CA_AU = re.compile(
    r"^(?P<city>.*?)[,\s]*\b(?P<region>[A-Z]{2,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+"
    r"(?P<zip>\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{4}|\d{6})$")
# The Dutch "1095 GK" is tried first: read as "1095", its letters would start the city ("GK Amsterdam").
_EU = re.compile(r"^(?P<zip>\d{4} ?[A-Z]{2}(?=\s)|(?:[A-Z]{1,2}-)?\d{4,5}|\d{2}-\d{3}|\d{3} \d{2})"
                 r"\s+(?P<city>[^\d,]+)$")
# The code after its city: "Singapore 585922", "Nagpur - 440156, Maharashtra". Bare, it takes five or six digits
# (a street's house number rarely has that many); after a dash, four or more.
_CITY_ZIP = re.compile(r"^(?P<city>[^\d,]*[^\d\s,\-–])(?:,?\s+(?=\d{5})|\s*[-–]\s*(?=\d{4}))(?P<zip>\d{4,6})"
                       r"(?:\s*,\s*(?P<region>[^\d,]+))?$")
_REGION = re.compile(r"^[^\d,@]+$")
UK_CODE = r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"  # "SW1A 1AA"
EIRCODE = r"[AC-FHKNPRTV-Y]\d[\dW] ?[\dAC-FHKNPRTV-Y]{4}"  # Irish "D02 X285", in the letters Eircodes use
_CA_CODE = r"[A-Z]\d[A-Z] ?\d[A-Z]\d"  # Canadian "K1A 0B1"
_CODE_LINE = re.compile(rf"^(?P<zip>{UK_CODE}|{EIRCODE}|{_CA_CODE})$")  # a postcode alone on its line
# ... or after its city: "Bristol BS1 4DJ", "Dublin 2, D02 X285"; a four-digit code after its city ("Cape Town
# 8001", South Africa, Australia without a state) only on an address's last line (before a country, a label, a
# contact or a tax-number line), where a house number is not ("PO Box 1234 / Cape Town 8001").
_CITY_CODE = re.compile(rf"^(?P<city>[^\d,]*[^\d\s,](?: \d{{1,2}})?),?\s+(?P<zip>{UK_CODE}|{EIRCODE}|{_CA_CODE})$")
_CITY_ZIP4 = re.compile(r"^(?P<city>[^\d,]*[^\d\s,\-–]),?\s+(?P<zip>\d{4})$")
_ZIP_ONLY = re.compile(r"^(?P<zip>\d{4,5}(?:-\d{4})?)$")
COUNTRIES = {
    "united states", "usa", "united states of america", "canada", "united kingdom", "uk", "great britain",
    "england", "scotland", "wales", "ireland", "germany", "deutschland", "france", "italy", "italia", "spain",
    "españa", "portugal", "netherlands", "the netherlands", "belgium", "austria", "switzerland", "sweden",
    "norway", "denmark", "finland", "poland", "czech republic", "australia", "new zealand", "mexico",
    "brazil", "india", "japan", "china", "singapore", "south africa", "luxembourg", "greece",
}
_NOT_ADDRESS = re.compile(r"(?i)(@|www\.|https?:|\btel\b|\bphone\b|\bfax\b|^\+?[\d ()\-]{7,}$|\battn\b|\bc/o\b)")

# A tax or company number runs to TAX_NUMBER_DIGITS digits or more.
TAX_NUMBER_DIGITS = 6
# A line of contacts or registrations ends the address: a phone or mail label ("Tel/Fax", "H/P", "Telp", "Tlf"), a
# bare phone number or a registration label.
_NOT_ADDRESS_LINE = re.compile(
    r"(?i)(@|www\.|https?:|\b(tel|telp|tlf|t[ée]l|phone|fax|mobile|hp|h/p|whatsapp|email|e-mail)\b|"
    r"^\+?[\d ()\-]{7,}$|\b(gst|vat|tax|reg|registration|company|co)\s*(no|id|number|reg)\b)")
# So does a tax number: the name tax offices give it the world over, then TAX_NUMBER_DIGITS digits or more.
_TAX_LABEL = re.compile(r"(?i)\b(gst|vat|sst|tin|abn|acn|gstin|uen|brn|npwp|cif|nif|siret|siren|btw|kvk|ein|hst|rfc|"
                        r"cnpj|ruc|rut|nit|iva)\b")


# A phone number by its shape, with no label: PHONE_DIGITS digits or more in one run of digits, spaces, dashes and
# brackets with a dash or a bracket in it ("(916) 456-1853", "07-5542-467"), or more digits set apart by spaces
# ("03 9271 9872"); a postal code with a street's or a lot's number ("LOT 1234 56100") is shorter.
PHONE_DIGITS = 9
_PHONE_RUN = re.compile(r"\+?\(?\d[\d\s\-()]*\d")


def ends_address(text: str) -> bool:
    """A contact, registration or tax-number line: no line of an address."""
    tax = _TAX_LABEL.search(text)
    phone = any((digits := sum(c.isdigit() for c in m[0])) >= PHONE_DIGITS
                and (re.search(r"[\-()]", m[0]) or (digits > PHONE_DIGITS and " " in m[0]))
                for m in _PHONE_RUN.finditer(text))
    return bool(_NOT_ADDRESS_LINE.search(text)) or phone or (
        tax is not None and sum(c.isdigit() for c in text[tax.end():]) >= TAX_NUMBER_DIGITS)


@dataclass(slots=True)
class AddressParts:
    street: list[Word] | None = None
    city: list[Word] | None = None
    region: list[Word] | None = None
    postal_code: list[Word] | None = None
    country: list[Word] | None = None
    country_known: bool = True  # the country is one the list names, not only shaped like one
    used_parts: int = 0  # index after the last part the address used

    def found(self) -> int:
        return sum(x is not None for x in (self.street, self.city, self.postal_code))


def text_of(words: list[Word] | None) -> str:
    return " ".join(w.text for w in words or []).strip().rstrip(",")


def split_parts(lines: list[list[Word]]) -> list[list[Word]]:
    """Address parts: lines, split at '·'/'|' always, and at commas when the address is one line."""
    parts: list[list[Word]] = []
    one_line = len(lines) == 1 and not any(w.text in ("·", "|", "•") for w in lines[0])
    for line in lines:
        cur: list[Word] = []
        for w in line:
            if w.text in ("·", "|", "•", "–", "—"):
                if cur:
                    parts.append(cur)
                cur = []
                continue
            cur.append(w)
            if one_line and w.text.endswith(","):
                parts.append(cur)
                cur = []
        if cur:
            parts.append(cur)
    merged: list[list[Word]] = []
    for i, part in enumerate(parts):  # 'Rotonda Nedda, 25', '202, Gandhi Apartments': a house number on its own
        number = len(part) == 1 and re.fullmatch(r"\d{1,4}[a-zA-Z]?,?", part[0].text)  # belongs to its street
        if number and merged:
            merged[-1] = merged[-1] + part
        elif number and i + 1 < len(parts):
            parts[i + 1] = part + parts[i + 1]
        else:
            merged.append(part)
    return merged


def parse_address(parts: list[list[Word]]) -> AddressParts | None:
    """Find the postal-code part and read the address around it."""
    for style in ("region_zip", "zip_city", "city_zip"):  # "City, ST 12345" is the stronger signal
        for i, part in enumerate(parts):
            text = text_of(part)
            if _NOT_ADDRESS.search(text):
                continue
            got = _postal_part(parts, i, text, style)
            if got is not None:
                return got
    return None


def _postal_part(parts: list[list[Word]], i: int, text: str, style: str) -> AddressParts | None:
    part = parts[i]
    out = AddressParts(used_parts=i + 1)
    if style == "region_zip":
        m = _US_CA_AU.match(text)
        if not m:
            return None
        region_words, zip_words = _tail_words(part, m["region"], m["zip"])
        city_words = _head_words(part, m["city"])
        if city_words is None and i > 0 and m["region"].isupper():
            city_words = parts[i - 1]
            street_at = i - 2
        elif city_words is None:
            return None
        else:
            street_at = i - 1
        out.city, out.region, out.postal_code = city_words, region_words, zip_words
    elif style == "city_zip":
        m = _CITY_ZIP.match(text)
        if not m:
            return _city_code(parts, i, text)
        n_zip, n_region = 1, len(m["region"].split()) if m["region"] else 0
        at = len(part) - n_region - n_zip
        if at < 1 or part[at].text.strip(",") != m["zip"]:
            return None  # the code is not a word of its own ("Pune-411001")
        out.city = [_strip_comma(w) for w in part[:at] if w.text not in ("-", "–")]
        out.postal_code = [_strip_comma(part[at])]
        out.region = [_strip_comma(w) for w in part[len(part) - n_region:]] if n_region else None
        street_at = i - 1
    elif m := _EU.match(text):
        n_zip = len(m["zip"].split())
        out.postal_code, out.city = part[:n_zip], part[n_zip:]
        street_at = i - 1
    elif (_CODE_LINE.match(text) or _ZIP_ONLY.match(text)) and i >= 2:
        out.postal_code, out.city = part, parts[i - 1]
        street_at = i - 2
    else:
        return None
    if street_at < 0 or _NOT_ADDRESS.search(text_of(parts[street_at])):
        return None
    out.street = parts[street_at]
    after = i + 1
    if (style == "city_zip" and out.region is None and after + 1 < len(parts) and _is_region(parts[after])
            and _is_country(parts[after + 1])):  # "Pune 411001 / Maharashtra / India"
        out.region = parts[after]
        after += 1
    if after < len(parts) and (_is_country(parts[after]) or _country_shaped(parts[after], parts[after - 1])):
        out.country = parts[after]
        out.country_known = _is_country(parts[after])
        out.used_parts = after + 1
    return out


def _city_code(parts: list[list[Word]], i: int, text: str) -> AddressParts | None:
    """A city and its postcode on one line, the code last: "Bristol BS1 4DJ", "Cape Town 8001"."""
    after = text_of(parts[i + 1]) if i + 1 < len(parts) else ""
    last = (not after or ":" in after or bool(_NOT_ADDRESS.search(after)) or ends_address(after)
            or _is_country(parts[i + 1]) or _country_shaped(parts[i + 1], parts[i]))
    m = _CITY_CODE.match(text) or (_CITY_ZIP4.match(text) if last else None)
    if not m or i < 1 or _NOT_ADDRESS.search(text_of(parts[i - 1])):
        return None
    part, n_zip = parts[i], len(m["zip"].split())
    out = AddressParts(street=parts[i - 1], city=[_strip_comma(w) for w in part[:-n_zip]],
                       postal_code=part[-n_zip:], used_parts=i + 1)
    if not out.city:
        return None
    if i + 1 < len(parts) and (_is_country(parts[i + 1]) or _country_shaped(parts[i + 1], part)):
        out.country, out.used_parts = parts[i + 1], i + 2
        out.country_known = _is_country(parts[i + 1])
    return out


def _country_shaped(part: list[Word], before: list[Word]) -> bool:
    """A country the list does not know ("Österreich", "Suomi"): one or two capitalised words of letters alone,
    on the part right after the postal code, set close under it (a title under the address is set apart)."""
    words = text_of(part).split()
    line = max(w.box.h for w in before)
    close = part[0].box.y - max(w.box.bottom for w in before) <= line
    return close and 1 <= len(words) <= 2 and all(w.isalpha() and w[0].isupper() for w in words)


def _is_country(part: list[Word]) -> bool:
    return text_of(part).lower().strip(".") in COUNTRIES


def _is_region(part: list[Word]) -> bool:
    """A part of a few words and no digits that names no country: the region after "City - 123456"."""
    return len(part) <= 3 and _REGION.match(text_of(part)) is not None and not _is_country(part)


def _tail_words(part: list[Word], region: str, zip_code: str) -> tuple[list[Word], list[Word]]:
    n_zip = len(zip_code.split())
    n_region = len(region.split())
    zip_words = part[len(part) - n_zip:]
    region_words = part[len(part) - n_zip - n_region: len(part) - n_zip]
    return [_strip_comma(w) for w in region_words], zip_words


def _head_words(part: list[Word], city: str) -> list[Word] | None:
    city = city.strip().rstrip(",")
    if not city:
        return None
    n = len(city.split())
    return [_strip_comma(w) for w in part[:n]]


def _strip_comma(w: Word) -> Word:
    return Word(w.text.rstrip(","), w.box, w.confidence) if w.text.endswith(",") else w
