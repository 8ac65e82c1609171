"""Made-up people, companies and goods. Every pool is split (develop even, frozen odd positions)."""

from __future__ import annotations

from dataclasses import dataclass

from gen.locales import Country
from gen.pick import Pick

GIVEN = ["Amelia", "Rahul", "Sofia", "Kwame", "Mei", "Lukas", "Priya", "Mateo", "Aisha", "Jonas", "Hannah", "Tariq",
         "Chloé", "Oluwaseun", "Ingrid", "Diego", "Yuki", "Fatima", "Connor", "Ananya", "Elif", "Bram", "Grace",
         "Nikolai", "Zanele", "Marco", "Siobhan", "Wei", "Leila", "Pieter", "Camille", "Arjun", "Freya", "Hamza",
         "Lucía", "Tomasz", "Noor", "Oscar", "Keira", "Dmitri"]
MIDDLE = ["J.", "Anne", "R.", "Louise", "K.", "Marie", "T.", "James", "S.", "Rose", "M.", "Kumar", "E.", "Grace",
          "D.", "Lee"]
FAMILY = ["Okafor", "Fischer", "Sharma", "Lindqvist", "Moreau", "Nakamura", "O'Brien", "Van der Berg", "Mensah",
          "Kowalski", "Rossi", "Haddad", "Thompson", "Iyer", "García", "Müller", "Walsh", "Petrov", "Dubois",
          "Chen", "MacLeod", "Nguyen", "Bianchi", "Hughes", "Jansen", "Adeyemi", "Brennan", "Schmid", "Patel",
          "Novak", "Fitzgerald", "Kaur", "Dlamini", "Lefebvre", "Andersen", "Ramírez", "Doyle", "Weber", "Osei",
          "Pereira"]
TRADE_WORDS = ["Northgate", "Bluewater", "Ironbark", "Kestrel", "Meridian", "Alder", "Copperleaf", "Harbourside",
               "Summit", "Quayside", "Lanterna", "Fernhill", "Polaris", "Redwood", "Brightline", "Oakmere",
               "Saltmarsh", "Granite", "Halcyon", "Tidewater", "Ember", "Larchfield", "Vantage", "Wrenfield"]
INDUSTRIES = ["Supplies", "Logistics", "Engineering", "Trading", "Print Works", "Office Solutions", "Fasteners",
              "Timber", "Software", "Electrical", "Packaging", "Laboratories", "Textiles", "Foods", "Hardware",
              "Consulting", "Facilities", "Instruments", "Design Studio", "Machinery"]


def person(p: Pick) -> tuple[str, str]:
    return p.pick(GIVEN), p.pick(FAMILY)


def person_name(p: Pick) -> str:
    first, last = person(p)
    return f"{first} {last}"


def company(p: Pick, c: Country) -> str:
    suffix = p.any(c.suffixes)
    form = p.pick(["word_industry", "family_industry", "family_and_family", "word_only", "initials_industry",
                   "family_sons"])
    if form == "word_industry":
        return f"{p.pick(TRADE_WORDS)} {p.pick(INDUSTRIES)} {suffix}"
    if form == "family_industry":
        return f"{p.pick(FAMILY)} {p.pick(INDUSTRIES)} {suffix}"
    if form == "family_and_family":
        return f"{p.pick(FAMILY)} & {p.pick(FAMILY)} {suffix}"
    if form == "word_only":
        return f"{p.pick(TRADE_WORDS)} {suffix}"
    if form == "initials_industry":
        return f"{p.letters(1)}{p.letters(1)}{p.letters(1)} {p.pick(INDUSTRIES)} {suffix}"
    return f"{p.pick(FAMILY)} {p.pick(['& Sons', 'Brothers', '& Partners', 'Group'])} {suffix}"


@dataclass(frozen=True)
class Good:
    description: str
    low: float
    high: float
    unit: str  # unit of measure as a PO prints it


GOODS = [
    Good("A4 copier paper, 80 gsm, box of 5 reams", 18, 42, "BOX"),
    Good("Stainless hex bolt M10 x 60", 0.15, 0.9, "PCS"),
    Good("Site survey and measured drawings", 350, 1800, "HR"),
    Good("Nitrile examination gloves, size M", 6, 14, "BOX"),
    Good("LED panel 600 x 600, 36 W, neutral white", 24, 70, "EA"),
    Good("Annual software licence - analytics module", 400, 4200, "LIC"),
    Good("Pallet wrap stretch film 500 mm", 9, 25, "RL"),
    Good("Espresso beans, single origin, 1 kg", 14, 38, "KG"),
    Good("Cat6 patch cable 2 m, blue", 1.5, 6, "EA"),
    Good("Translation of technical manual (per 1,000 words)", 60, 180, "UNIT"),
    Good("Hi-vis safety vest, class 2", 3, 11, "PCS"),
    Good("Consulting - process review workshop", 600, 2400, "DAY"),
    Good("Oak veneer panel 2440 x 1220 x 18 mm", 45, 120, "SHT"),
    Good("Toner cartridge, black, high yield", 35, 140, "EA"),
    Good("Glass beaker 250 ml, borosilicate", 2, 7, "PCS"),
    Good("Delivery and installation (flat rate)", 80, 450, "JOB"),
    Good("Cordless impact driver 18 V, body only", 70, 190, "EA"),
    Good("Corrugated shipping box 400 x 300 x 200", 0.6, 2.4, "PCS"),
    Good("Organic rolled oats 25 kg sack", 22, 55, "BAG"),
    Good("Website hosting, premium plan (monthly)", 15, 95, "MTH"),
    Good("Copper pipe 15 mm x 3 m", 8, 22, "LEN"),
    Good("Printed brochures, A5, 4pp, 500 copies", 120, 480, "LOT"),
    Good("Ergonomic mesh office chair", 140, 420, "EA"),
    Good("Pipette tips 200 ul, rack of 96", 4, 12, "RCK"),
    Good("Microfibre cleaning cloths, pack of 10", 5, 16, "PK"),
    Good("Hydraulic hose assembly 1/2 in x 1.5 m", 18, 64, "EA"),
    Good("On-site support call-out (first hour)", 75, 220, "HR"),
    Good("Extra virgin olive oil 5 L tin", 24, 60, "TIN"),
    Good("Whiteboard markers, assorted, set of 4", 3, 9, "SET"),
    Good("Galvanised wall bracket 150 mm", 1, 4.5, "PR"),
    Good("Data migration service - fixed fee", 900, 5200, "JOB"),
    Good("Heavy-duty extension reel 25 m", 30, 85, "EA"),
    Good("Recycled kraft paper bags, medium, 250", 20, 48, "CTN"),
    Good("Laboratory coat, cotton, white, size L", 12, 34, "PCS"),
    Good("Quarterly maintenance visit - HVAC", 180, 760, "VST"),
    Good("USB-C docking station, dual display", 90, 260, "EA"),
    Good("Concrete anchor 12 x 100, box of 50", 14, 39, "BOX"),
    Good("Frozen mixed berries 2.5 kg", 9, 21, "BAG"),
    Good("Graphic design - logo refresh", 300, 1500, "JOB"),
    Good("Wooden pallet, EUR standard 1200 x 800", 8, 19, "EA"),
]


def goods(p: Pick, n: int) -> list[Good]:
    """n goods of this split, repeating the pool when n is larger."""
    pool = p.shuffle(p.picks(GOODS, len(GOODS)))
    return [pool[i % len(pool)] for i in range(n)]


def item_code(p: Pick, style: str) -> str:
    return {"dash": f"{p.letters(3)}-{p.digits(4)}", "digits": p.digits(7), "dotted": f"{p.digits(3)}.{p.digits(3)}",
            "slash": f"{p.letters(2)}/{p.digits(3)}/{p.letters(1)}", "plain": f"{p.letters(2)}{p.digits(5)}",
            "long": f"{p.digits(2)}-{p.letters(2)}{p.digits(3)}-{p.digits(2)}"}[style]


CODE_STYLES = ["dash", "digits", "plain", "dotted", "long", "slash"]
