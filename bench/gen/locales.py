"""Countries: how each prints money, dates, addresses, phone numbers and tax identifiers.

The list of countries is split like every other list (develop takes the even positions, frozen the
odd ones), so a country's own lists (its date formats, its tax labels) belong to one split whole.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gen.pick import Pick, half
from gen.sheet import Seg

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


@dataclass(frozen=True)
class Country:
    code: str
    names: tuple[str, ...]  # how the country is printed at the foot of an address
    currency: str
    symbol: str
    decimal: str
    group: str
    money: tuple[str, ...]  # templates: {n} number, {s} symbol, {c} ISO code
    dates: tuple[str, ...]  # templates for fmt_date
    short_dates: tuple[str, ...]  # without the year (bank statement rows)
    address: str  # which address layout (see address_lines)
    places: tuple[tuple[str, str | None, str], ...]  # city, region, postal-code pattern (# digit, @ letter)
    streets: tuple[str, ...]  # street patterns: {n} number, {name}, {k} a small number
    street_names: tuple[str, ...]
    phones: tuple[str, ...]  # phone patterns (# digit)
    tax_ids: tuple[tuple[str, str], ...]  # (label, pattern)
    sales_taxes: tuple[tuple[str, float], ...]  # (label, rate in %)
    suffixes: tuple[str, ...]  # company-name endings
    lakh: bool = False  # Indian digit grouping: 12,34,567.00


def _de_like(code, names, decimal, group, money, dates, places, suffixes, tax_ids, taxes, phones, streets, street_names,
             currency="EUR", symbol="€"):
    return Country(code, names, currency, symbol, decimal, group, money, dates,
                   ("{dd}.{mm}.", "{d}.{m}."), "eu", places, streets, street_names, phones, tax_ids, taxes, suffixes)


COUNTRIES: list[Country] = [
    Country("US", ("USA", "United States"), "USD", "$", ".", ",", ("{s}{n}", "{n} USD", "USD {n}", "{s} {n}"),
            ("{mm}/{dd}/{yyyy}", "{Month} {d}, {yyyy}", "{Mon} {d}, {yyyy}", "{m}/{d}/{yy}", "{yyyy}-{mm}-{dd}"),
            ("{mm}/{dd}", "{Mon} {d}"), "us",
            (("Austin", "TX", "787##"), ("Denver", "CO", "802##"), ("Columbus", "OH", "432##"),
             ("Portland", "OR", "972##"), ("Raleigh", "NC", "276##"), ("Madison", "WI", "537##"),
             ("Boise", "ID", "837##"), ("Tucson", "AZ", "857##"), ("Albany", "NY", "122##"),
             ("Nashville", "TN", "372##"), ("Sacramento", "CA", "958##"), ("Burlington", "VT", "054##")),
            ("{n} {name} Street", "{n} {name} Ave", "{n} {name} Blvd, Suite {k}00", "{n} {name} Road",
             "{n} W {name} Dr", "{n} {name} Pkwy Unit {k}"),
            ("Maple", "Cedar", "Lakeview", "Franklin", "Sunset", "Mill Creek", "Ridge", "Hillcrest", "Harbor",
             "Grant", "Juniper", "Old Orchard"),
            ("(###) ###-####", "###-###-####", "+1 ### ### ####", "###.###.####"),
            (("EIN", "##-#######"), ("Federal Tax ID", "##-#######"), ("Tax ID No.", "##-#######")),
            (("Sales Tax ({r}%)", 8.25), ("Tax {r}%", 6.25), ("State Sales Tax", 7.5), ("Sales tax @ {r}%", 8.875)),
            ("Inc.", "LLC", "Corp.", "Co.")),
    Country("GB", ("United Kingdom", "UK"), "GBP", "£", ".", ",", ("{s}{n}", "GBP {n}", "{n} GBP", "{s} {n}"),
            ("{dd}/{mm}/{yyyy}", "{d} {Month} {yyyy}", "{dth} {Month} {yyyy}", "{dd}-{Mon}-{yyyy}", "{d} {Mon} {yy}"),
            ("{dd} {Mon}", "{dd}/{mm}"), "uk",
            (("Leeds", None, "LS# #@@"), ("Bristol", None, "BS# #@@"), ("Manchester", None, "M## #@@"),
             ("Norwich", None, "NR# #@@"), ("Cardiff", None, "CF## #@@"), ("Glasgow", None, "G## #@@"),
             ("Edinburgh", None, "EH# #@@"), ("York", None, "YO## #@@"), ("Brighton", None, "BN# #@@"),
             ("Reading", None, "RG# #@@"), ("Exeter", None, "EX# #@@"), ("Sheffield", None, "S## #@@")),
            ("{n} {name} Road", "Unit {k}, {name} Business Park", "{n} {name} Lane", "Flat {k}, {n} {name} Street",
             "{n} {name} Close", "{name} House, {n} High Street"),
            ("Kingsway", "Mill", "Station", "Abbey", "Church", "Victoria", "Meadow", "Riverside", "Castle",
             "Albion", "Wellington", "Orchard"),
            ("0113 496 ####", "+44 20 7946 ####", "01632 960###", "0161 ### ####"),
            (("VAT Reg. No.", "GB ### #### ##"), ("VAT No", "GB#########"),
             ("VAT Registration Number", "GB ### #### ##")),
            (("VAT @ {r}%", 20.0), ("VAT {r}%", 20.0), ("VAT", 20.0), ("VAT at 5%", 5.0)),
            ("Ltd", "Limited", "PLC", "LLP")),
    _de_like("DE", ("Germany", "Deutschland"), ",", ".", ("{n} {s}", "{n} EUR", "EUR {n}", "{s} {n}"),
             ("{dd}.{mm}.{yyyy}", "{d}.{m}.{yyyy}", "{yyyy}-{mm}-{dd}", "{d}. {Month} {yyyy}"),
             (("Hamburg", None, "20###"), ("München", None, "80###"), ("Köln", None, "50###"),
              ("Leipzig", None, "04###"), ("Stuttgart", None, "70###"), ("Bremen", None, "28###"),
              ("Dresden", None, "01###"), ("Nürnberg", None, "90###"), ("Freiburg im Breisgau", None, "79###"),
              ("Hannover", None, "30###"), ("Kiel", None, "24###"), ("Mainz", None, "55###")),
             ("GmbH", "AG", "GmbH & Co. KG", "e.K."),
             (("USt-IdNr.", "DE#########"), ("VAT ID", "DE#########"), ("USt-ID", "DE #########")),
             (("MwSt. {r}%", 19.0), ("USt. {r} %", 19.0), ("VAT {r}%", 19.0), ("MwSt. 7%", 7.0)),
             ("+49 ## #######", "0## ######-0", "(0###) ## ## ##", "+49 (0)## ### ###"),
             ("{name}straße {n}", "{name}weg {n}", "Am {name}platz {k}", "{name}allee {n}a", "{name}gasse {k}"),
             ("Linden", "Berg", "Haupt", "Garten", "Schiller", "Goethe", "Bahnhof", "Kirch", "Wald", "Rosen",
              "Mühlen", "Ring")),
    Country("CA", ("Canada", "CANADA"), "CAD", "$", ".", ",", ("{s}{n} CAD", "CAD {n}", "{n} CAD", "C{s}{n}"),
            ("{yyyy}-{mm}-{dd}", "{Month} {d}, {yyyy}", "{Mon} {d} {yyyy}", "{yyyy}/{mm}/{dd}"),
            ("{Mon} {dd}", "{mm}-{dd}"), "ca",
            (("Toronto", "ON", "M#@ #@#"), ("Vancouver", "BC", "V#@ #@#"), ("Calgary", "AB", "T#@ #@#"),
             ("Ottawa", "ON", "K#@ #@#"), ("Halifax", "NS", "B#@ #@#"), ("Winnipeg", "MB", "R#@ #@#"),
             ("Montréal", "QC", "H#@ #@#"), ("Victoria", "BC", "V#@ #@#"), ("Regina", "SK", "S#@ #@#"),
             ("Moncton", "NB", "E#@ #@#"), ("Kingston", "ON", "K#@ #@#"), ("Edmonton", "AB", "T#@ #@#")),
            ("{n} {name} St W", "Unit {k} - {n} {name} Avenue", "{n} {name} Road", "{k}0-{n} {name} Crescent",
             "{n} {name} Blvd", "Suite {k}00, {n} {name} Street"),
            ("King", "Queen", "Bay", "Dundas", "Robson", "Granville", "Portage", "Spring Garden", "Laurier",
             "Jasper", "Yonge", "Bloor"),
            ("(###) ###-####", "###-###-####", "+1 ###-###-####", "### ### ####"),
            (("GST/HST No.", "#########RT0001"), ("Business Number", "######### RT0001"),
             ("HST Reg. #", "#########RT0001")),
            (("HST {r}%", 13.0), ("GST {r}%", 5.0), ("GST/HST", 13.0), ("HST (ON 13%)", 13.0)),
            ("Inc.", "Ltd.", "Corp.", "Limited")),
    _de_like("CH", ("Switzerland", "Schweiz"), ".", "'", ("CHF {n}", "{n} CHF", "{s} {n}", "CHF {n}"),
             ("{dd}.{mm}.{yyyy}", "{d}.{m}.{yy}", "{d}. {Month} {yyyy}", "{dd}.{mm}.{yy}"),
             (("Zürich", None, "80##"), ("Bern", None, "30##"), ("Basel", None, "40##"), ("Lausanne", None, "10##"),
              ("Luzern", None, "60##"), ("Genève", None, "12##"), ("Winterthur", None, "84##"),
              ("St. Gallen", None, "90##"), ("Lugano", None, "69##"), ("Chur", None, "70##"), ("Biel", None, "25##"),
              ("Aarau", None, "50##")),
             ("AG", "GmbH", "SA", "Sàrl"),
             (("UID", "CHE-###.###.### MWST"), ("MWST-Nr.", "CHE-###.###.###"), ("VAT No.", "CHE-###.###.### MWST")),
             (("MWST {r}%", 8.1), ("VAT {r}%", 8.1), ("MwSt. {r} %", 8.1), ("MWST 2.6%", 2.6)),
             ("+41 ## ### ## ##", "0## ### ## ##", "+41 (0)## ### ## ##", "0## ### ## ##"),
             ("{name}strasse {n}", "{name}weg {k}", "{name}gasse {n}", "Rue du {name} {k}", "{name}platz {k}"),
             ("Bahnhof", "See", "Limmat", "Rhein", "Zeughaus", "Bundes", "Markt", "Löwen", "Sonnen", "Tal",
              "Kirch", "Burg"),
             currency="CHF", symbol="Fr."),
    Country("AU", ("Australia", "AUSTRALIA"), "AUD", "$", ".", ",", ("{s}{n}", "A{s}{n}", "AUD {n}", "{n} AUD"),
            ("{dd}/{mm}/{yyyy}", "{d} {Mon} {yyyy}", "{d}/{mm}/{yyyy}", "{d} {Month} {yyyy}"),
            ("{dd} {Mon}", "{d}/{mm}"), "au",
            (("Sydney", "NSW", "2###"), ("Melbourne", "VIC", "3###"), ("Brisbane", "QLD", "4###"),
             ("Perth", "WA", "6###"), ("Adelaide", "SA", "5###"), ("Hobart", "TAS", "7###"),
             ("Canberra", "ACT", "26##"), ("Darwin", "NT", "08##"), ("Geelong", "VIC", "32##"),
             ("Newcastle", "NSW", "23##"), ("Cairns", "QLD", "48##"), ("Fremantle", "WA", "616#")),
            ("{n} {name} Street", "Level {k}, {n} {name} St", "{k}/{n} {name} Road", "Unit {k}, {n} {name} Parade",
             "{n} {name} Highway", "Shop {k}, {n} {name} Avenue"),
            ("Pitt", "George", "Collins", "Flinders", "Hay", "Murray", "Elizabeth", "Swanston", "Bourke",
             "Macquarie", "Oxford", "Beach"),
            ("(0#) #### ####", "+61 # #### ####", "04## ### ###", "1300 ### ###"),
            (("ABN", "## ### ### ###"), ("A.B.N.", "## ### ### ###"), ("ABN:", "###########")),
            (("GST", 10.0), ("GST {r}%", 10.0), ("Total GST", 10.0), ("GST (10%)", 10.0)),
            ("Pty Ltd", "Pty. Limited", "Pty Ltd", "Pty. Ltd.")),
    _de_like("NL", ("Netherlands", "Nederland"), ",", ".", ("{s} {n}", "EUR {n}", "{n} EUR", "{s}{n}"),
             ("{dd}-{mm}-{yyyy}", "{d}-{m}-{yyyy}", "{d} {Month} {yyyy}", "{yyyy}-{mm}-{dd}"),
             (("Amsterdam", None, "10## @@"), ("Utrecht", None, "35## @@"), ("Rotterdam", None, "30## @@"),
              ("Den Haag", None, "25## @@"), ("Eindhoven", None, "56## @@"), ("Groningen", None, "97## @@"),
              ("Haarlem", None, "20## @@"), ("Leiden", None, "23## @@"), ("Delft", None, "26## @@"),
              ("Zwolle", None, "80## @@"), ("Breda", None, "48## @@"), ("Arnhem", None, "68## @@")),
             ("B.V.", "N.V.", "B.V.", "V.O.F."),
             (("BTW-nr", "NL#########B01"), ("VAT", "NL#########B0#"), ("Btw-id", "NL#########B01")),
             (("BTW {r}%", 21.0), ("VAT {r}%", 21.0), ("BTW 9%", 9.0), ("Btw {r}%", 21.0)),
             ("+31 20 ### ####", "020-#######", "+31 (0)## ### ####", "06-########"),
             ("{name}straat {n}", "{name}gracht {n}", "{name}weg {n}-{k}", "{name}laan {n}", "{name}kade {k}"),
             ("Keizers", "Prinsen", "Molen", "Kerk", "Dorps", "Stations", "Heren", "Linde", "Vondel", "Singel",
              "Haven", "Markt")),
    _de_like("FR", ("France", "FRANCE"), ",", " ", ("{n} {s}", "{n} EUR", "EUR {n}", "{s} {n}"),
             ("{dd}/{mm}/{yyyy}", "{d} {Month} {yyyy}", "{dd}.{mm}.{yyyy}", "{dd}/{mm}/{yy}"),
             (("Paris", None, "750##"), ("Lyon", None, "6900#"), ("Marseille", None, "130##"),
              ("Toulouse", None, "310##"), ("Nantes", None, "440##"), ("Bordeaux", None, "330##"),
              ("Lille", None, "590##"), ("Strasbourg", None, "670##"), ("Rennes", None, "350##"),
              ("Montpellier", None, "340##"), ("Dijon", None, "210##"), ("Grenoble", None, "380##")),
             ("SAS", "SARL", "S.A.", "EURL"),
             (("TVA intracom.", "FR## #########"), ("N° TVA", "FR###########"), ("VAT No.", "FR## ### ### ###")),
             (("TVA {r}%", 20.0), ("VAT {r} %", 20.0), ("TVA {r} %", 20.0), ("TVA 5,5%", 5.5)),
             ("01 ## ## ## ##", "+33 1 ## ## ## ##", "04 ## ## ## ##", "+33 (0)5 ## ## ## ##"),
             ("{n} rue {name}", "{n}, avenue {name}", "{n} bis boulevard {name}", "{n} place {name}",
              "{n} chemin {name}"),
             ("de la Paix", "Victor Hugo", "des Lilas", "du Commerce", "Jean Jaurès", "de la République", "Pasteur",
              "des Tanneurs", "Gambetta", "du Moulin", "Saint-Michel", "des Écoles")),
    Country("IN", ("India", "INDIA"), "INR", "Rs.", ".", ",", ("Rs. {n}", "INR {n}", "{n} INR", "Rs {n}"),
            ("{dd}-{mm}-{yyyy}", "{dd}/{mm}/{yyyy}", "{dd}-{Mon}-{yyyy}", "{d} {Month} {yyyy}"),
            ("{dd}-{Mon}", "{dd}/{mm}"), "in",
            (("Bengaluru", "Karnataka", "560###"), ("Pune", "Maharashtra", "411###"),
             ("Chennai", "Tamil Nadu", "600###"), ("Hyderabad", "Telangana", "500###"), ("Kochi", "Kerala", "682###"),
             ("Jaipur", "Rajasthan", "302###"), ("Ahmedabad", "Gujarat", "380###"),
             ("Noida", "Uttar Pradesh", "201###"), ("Indore", "Madhya Pradesh", "452###"),
             ("Mysuru", "Karnataka", "570###"), ("Nagpur", "Maharashtra", "440###"), ("Gurugram", "Haryana", "122###")),
            ("No. {n}, {k}rd Cross, {name}", "Plot {n}, Sector {k}", "{k}0{k}, {name} Apartments", "{n}, {name} Road",
             "Flat {k}B, {name} Towers", "Survey No. {n}, {name}"),
            ("Indiranagar", "MG", "Koramangala", "Anna Salai", "Banjara Hills", "Civil Lines", "Park Street",
             "Jubilee Hills", "Residency", "Brigade", "Nehru", "Gandhi"),
            ("+91 9#### #####", "080-#### ####", "+91 ## #### ####", "0##-########"),
            (("GSTIN", "##@@@@@####@#Z#"), ("GST No.", "##@@@@@####@#Z#"), ("GSTIN/UIN", "##@@@@@####@#Z#")),
            (("IGST {r}%", 18.0), ("GST @ {r}%", 18.0), ("IGST @ 12%", 12.0), ("GST {r}%", 18.0)),
            ("Pvt. Ltd.", "Private Limited", "LLP", "Pvt Ltd"), lakh=True),
    Country("IE", ("Ireland", "IRELAND"), "EUR", "€", ".", ",", ("{s}{n}", "EUR {n}", "{n} EUR", "{s} {n}"),
            ("{dd}/{mm}/{yyyy}", "{d} {Month} {yyyy}", "{dth} {Mon} {yyyy}", "{dd}-{mm}-{yyyy}"),
            ("{dd} {Mon}", "{dd}/{mm}"), "ie",
            (("Dublin", "Co. Dublin", "D0# @@##"), ("Cork", "Co. Cork", "T12 @###"),
             ("Galway", "Co. Galway", "H91 @###"), ("Limerick", "Co. Limerick", "V94 @###"),
             ("Waterford", "Co. Waterford", "X91 @###"), ("Kilkenny", "Co. Kilkenny", "R95 @###"),
             ("Sligo", "Co. Sligo", "F91 @###"), ("Athlone", "Co. Westmeath", "N37 @###"),
             ("Drogheda", "Co. Louth", "A92 @###"), ("Tralee", "Co. Kerry", "V92 @###"),
             ("Ennis", "Co. Clare", "V95 @###"), ("Navan", "Co. Meath", "C15 @###")),
            ("{n} {name} Street", "Unit {k}, {name} Business Park", "{n} Upper {name} Street", "{name} House, {n} Quay",
             "{n} {name} Road", "Block {k}, {name} Court"),
            ("Mount", "Baggot", "Harcourt", "Patrick", "Shandon", "Eyre", "Dominick", "Merchants", "Parnell",
             "Grattan", "Strand", "Abbey"),
            ("+353 1 ### ####", "(01) ### ####", "021 ### ####", "+353 ## ### ####"),
            (("VAT No.", "IE#######@"), ("VAT Reg", "IE #######@"), ("VAT Number", "IE#######@@")),
            (("VAT @ {r}%", 23.0), ("VAT {r}%", 23.0), ("VAT 13.5%", 13.5), ("VAT at {r}%", 23.0)),
            ("Ltd", "Limited", "DAC", "Teoranta")),
    _de_like("AT", ("Austria", "Österreich"), ",", ".", ("{s} {n}", "EUR {n}", "{n} {s}", "{n} EUR"),
             ("{dd}.{mm}.{yyyy}", "{d}. {Month} {yyyy}", "{d}.{m}.{yyyy}", "{yyyy}-{mm}-{dd}"),
             (("Wien", None, "1###"), ("Graz", None, "80##"), ("Linz", None, "40##"), ("Salzburg", None, "50##"),
              ("Innsbruck", None, "60##"), ("Klagenfurt", None, "90##"), ("Villach", None, "95##"),
              ("Wels", None, "46##"), ("St. Pölten", None, "31##"), ("Dornbirn", None, "68##"),
              ("Steyr", None, "44##"), ("Bregenz", None, "69##")),
             ("GmbH", "OG", "KG", "GesmbH"),
             (("UID-Nr.", "ATU########"), ("VAT ID", "ATU########"), ("UID", "ATU ########")),
             (("USt. {r}%", 20.0), ("MwSt {r}%", 20.0), ("VAT {r}%", 20.0), ("USt. 10%", 10.0)),
             ("+43 1 ### ## ##", "0### ######", "+43 (0)### ####", "01 / ### ## ##"),
             ("{name}gasse {n}", "{name}straße {n}/{k}", "{name}platz {k}", "{name}weg {n}", "{name}ring {k}"),
             ("Mariahilfer", "Herren", "Linzer", "Grazer", "Donau", "Schotten", "Kärntner", "Sporgasse", "Landstraßer",
              "Wiedner", "Stern", "Hof")),
    _de_like("BE", ("Belgium", "Belgique"), ",", ".", ("{n} {s}", "EUR {n}", "{s} {n}", "{n} EUR"),
             ("{dd}/{mm}/{yyyy}", "{d} {Month} {yyyy}", "{dd}-{mm}-{yyyy}", "{dd}.{mm}.{yyyy}"),
             (("Brussel", None, "1000"), ("Antwerpen", None, "2000"), ("Gent", None, "9000"), ("Liège", None, "4000"),
              ("Leuven", None, "3000"), ("Namur", None, "5000"), ("Brugge", None, "8000"), ("Mechelen", None, "2800"),
              ("Hasselt", None, "3500"), ("Mons", None, "7000"), ("Kortrijk", None, "8500"), ("Aalst", None, "9300")),
             ("BV", "SRL", "NV", "SA"),
             (("BTW/TVA", "BE 0###.###.###"), ("VAT BE", "0###.###.###"), ("Ondernemingsnr./BTW", "BE0#########")),
             (("BTW {r}%", 21.0), ("TVA {r}%", 21.0), ("VAT {r} %", 21.0), ("BTW 6%", 6.0)),
             ("+32 2 ### ## ##", "02 ### ## ##", "+32 (0)# ### ## ##", "04## ## ## ##"),
             ("{name}straat {n}", "Rue {name} {n}", "{name}laan {n} bus {k}", "Avenue {name} {n}", "{name}lei {k}"),
             ("Kerk", "de la Loi", "Meir", "Louise", "Veld", "Stations", "Brabant", "Molen", "Royale", "Leopold",
              "Kouter", "Sint-Jans")),
    Country("SG", ("Singapore", "SINGAPORE"), "SGD", "S$", ".", ",", ("{s}{n}", "SGD {n}", "{n} SGD", "{s} {n}"),
            ("{dd}/{mm}/{yyyy}", "{d} {Mon} {yyyy}", "{dd}-{Mon}-{yy}", "{d} {Month} {yyyy}"),
            ("{dd} {Mon}", "{dd}/{mm}"), "sg",
            (("Singapore", None, "0#####"), ("Singapore", None, "1#####"), ("Singapore", None, "2#####"),
             ("Singapore", None, "3#####"), ("Singapore", None, "4#####"), ("Singapore", None, "5#####")),
            ("{n} {name} Road #{k}-0{k}", "Blk {n} {name} Ave {k} #0{k}-{n}", "{n} {name} Street #1{k}-01",
             "{n} {name} Drive"),
            ("Anson", "Ang Mo Kio", "Tampines", "Orchard", "Jurong West", "Bukit Timah", "Cecil", "Serangoon"),
            ("+65 6### ####", "6### ####", "+65 9### ####", "(65) 6### ####"),
            (("GST Reg No.", "M#-#######-#"), ("GST Reg. No:", "20#######@"), ("UEN / GST", "20#######@")),
            (("GST {r}%", 9.0), ("GST @ {r}%", 9.0), ("GST", 9.0), ("Add GST {r}%", 9.0)),
            ("Pte. Ltd.", "Pte Ltd", "LLP", "Pte. Ltd.")),
    Country("ZA", ("South Africa", "SOUTH AFRICA"), "ZAR", "R", ".", " ", ("R {n}", "R{n}", "ZAR {n}", "{n} ZAR"),
            ("{yyyy}/{mm}/{dd}", "{d} {Month} {yyyy}", "{dd}/{mm}/{yyyy}", "{yyyy}-{mm}-{dd}"),
            ("{dd} {Mon}", "{mm}/{dd}"), "za",
            (("Cape Town", None, "8001"), ("Johannesburg", None, "2001"), ("Durban", None, "4001"),
             ("Pretoria", None, "0002"), ("Stellenbosch", None, "7600"), ("Gqeberha", None, "6001"),
             ("Bloemfontein", None, "9301"), ("Polokwane", None, "0699")),
            ("{n} {name} Street", "Unit {k}, {n} {name} Road", "{n} {name} Avenue", "{name} Park, {n} Main Road"),
            ("Long", "Bree", "Loop", "Jan Smuts", "Oxford", "Florida", "Church", "Voortrekker"),
            ("+27 21 ### ####", "021 ### ####", "+27 (0)11 ### ####", "011 ### ####"),
            (("VAT No.", "4#########"), ("VAT Reg No", "4#########"), ("VAT Number:", "4#########")),
            (("VAT {r}%", 15.0), ("VAT @ {r}%", 15.0), ("VAT", 15.0), ("Output VAT {r}%", 15.0)),
            ("(Pty) Ltd", "(Pty) Ltd.", "CC", "Inc.")),
]


def country(p: Pick, currencies: tuple[str, ...] | None = None) -> Country:
    """A country of this split whose currency the schema allows (any, when `currencies` is None)."""
    pool = [c for c in half(COUNTRIES, p.split) if currencies is None or c.currency in currencies]
    return p.rng.choice(pool)


# ---------------------------------------------------------------------------------------- formats
def fill(p: Pick, pattern: str) -> str:
    """# → a digit, @ → a capital letter."""
    return "".join(p.digits(1) if ch == "#" else p.letters(1) if ch == "@" else ch for ch in pattern)


def number(value: float, c: Country, decimals: int = 2) -> str:
    text = f"{abs(value):.{decimals}f}"
    whole, _, frac = text.partition(".")
    if c.lakh and len(whole) > 3:
        head, tail = whole[:-3], whole[-3:]
        parts = []
        while len(head) > 2:
            parts.insert(0, head[-2:])
            head = head[:-2]
        parts.insert(0, head)
        whole = ",".join([*parts, tail]) if head else tail
    else:
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = c.group.join([whole, *groups])
    out = whole + (c.decimal + frac if decimals else "")
    return ("-" if value < 0 else "") + out


def money(value: float, c: Country, template: str) -> str:
    return template.format(n=number(value, c), s=c.symbol, c=c.currency)


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def fmt_date(d: dt.date, pattern: str) -> str:
    return pattern.format(d=d.day, dd=f"{d.day:02d}", m=d.month, mm=f"{d.month:02d}", yyyy=d.year,
                          yy=f"{d.year % 100:02d}", Month=MONTHS[d.month - 1], Mon=MONTHS[d.month - 1][:3],
                          MON=MONTHS[d.month - 1][:3].upper(), dth=ordinal(d.day))


def some_date(p: Pick, year_from: int = 2024, year_to: int = 2026) -> dt.date:
    start = dt.date(year_from, 1, 1).toordinal()
    end = dt.date(year_to, 12, 31).toordinal()
    return dt.date.fromordinal(p.int(start, end))


# ---------------------------------------------------------------------------------------- addresses
@dataclass
class Address:
    street: str
    city: str
    region: str | None
    postal_code: str
    country: str | None

    def expected(self) -> dict:
        return {"street": self.street, "city": self.city, "region": self.region, "postal_code": self.postal_code,
                "country": self.country}


def address(p: Pick, c: Country, with_country: bool | None = None) -> Address:
    city, region, postal = p.any(c.places)
    street = p.any(c.streets).format(n=p.int(2, 980), k=p.int(2, 9), name=p.any(c.street_names))
    if with_country is None:
        with_country = p.chance(0.4)
    return Address(street, city, region, fill(p, postal), p.any(c.names) if with_country else None)


def address_lines(a: Address, c: Country, path: str | None) -> list[list[Seg]]:
    """The address as printed lines of segments; each part cited under `path` (None: not cited)."""
    def s(text: str | None, key: str) -> Seg:
        return Seg(text or "", f"{path}.{key}" if path else None)

    sep = Seg(", ")
    if c.address in ("us", "in") and a.region:
        city_line = [s(a.city, "city"), sep, s(a.region, "region"), Seg(" "), s(a.postal_code, "postal_code")]
        if c.address == "in":
            city_line = [s(a.city, "city"), Seg(" - "), s(a.postal_code, "postal_code"), sep, s(a.region, "region")]
        lines = [[s(a.street, "street")], city_line]
    elif c.address in ("ca", "au") and a.region:
        lines = [[s(a.street, "street")],
                 [s(a.city, "city"), Seg(" "), s(a.region, "region"), Seg("  "), s(a.postal_code, "postal_code")]]
    elif c.address == "uk":
        lines = [[s(a.street, "street")], [s(a.city, "city")], [s(a.postal_code, "postal_code")]]
    elif c.address == "ie":
        lines = [[s(a.street, "street")], [s(a.city, "city"), sep, s(a.region, "region")],
                 [s(a.postal_code, "postal_code")]]
    elif c.address == "sg":
        lines = [[s(a.street, "street")], [s(a.city, "city"), Seg(" "), s(a.postal_code, "postal_code")]]
    elif c.address == "za":
        lines = [[s(a.street, "street")], [s(a.city, "city")], [s(a.postal_code, "postal_code")]]
    else:  # eu: postal code before the city
        lines = [[s(a.street, "street")], [s(a.postal_code, "postal_code"), Seg(" "), s(a.city, "city")]]
    if a.country:
        lines.append([s(a.country, "country")])
    return lines


def one_line(lines: list[list[Seg]], sep: str) -> list[Seg]:
    out: list[Seg] = []
    for i, line in enumerate(lines):
        if i:
            out.append(Seg(sep))
        out.extend(line)
    return out


def phone(p: Pick, c: Country) -> str:
    return fill(p, p.any(c.phones))


def tax_id(p: Pick, c: Country) -> tuple[str, str]:
    label, pattern = p.any(c.tax_ids)
    return label, fill(p, pattern)


def sales_tax(p: Pick, c: Country) -> tuple[str, float]:
    label, rate = p.any(c.sales_taxes)
    shown = f"{rate:g}".replace(".", c.decimal)
    return label.format(r=shown), rate
