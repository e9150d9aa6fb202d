"""Demo ledgers, EHF invoices and a category sheet for the purchasing analysis.

Three fictional county municipalities export the last twelve months before `today` the
way their systems do (Visma CSV in Windows-1252, Unit4 CSV in UTF-8, SAF-T Financial 1.30
XML), so the readers meet the formats they will meet in an office. The story is designed,
not sampled, so every figure the analysis should show is known in advance:

- register suppliers are paid only inside their contract periods, with accounts whose
  KOSTRA art names the contract's category (or names none): that spend is covered;
- every classified off-contract amount is a fixed series of invoices (`STORY`), and only
  one of them (Østfjord's courses, 12 x 135 000 = 1 620 000 NOK) crosses the national
  threshold; everything else off contract is bought from suppliers whose arts name no
  category, so it stays unclassified rather than leaking into a category by chance;
- the IKT operations framework is used beyond its maximum value (11 400 000 of 11 000 000).

Amounts are kept as whole øre (int) and dates as ordinals while generating: two hundred
thousand lines are written in a couple of seconds at `make run`.
"""

from __future__ import annotations

import csv
import io
import random
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

from graph.localtenant.demo_contracts import Contract, add_months, build_contracts
from graph.localtenant.docxwrite import _normalise_zip
from graph.localtenant.orgnr import make_orgnr, spaced

FOLDER = "Innkjøpsanalyse"
OSTFJORD = "Østfjord fylkeskommune"
NORDVIK = "Nordvik fylkeskommune"
VESTMARK = "Vestmark fylkeskommune"
# Ledger lines per entity (for SAF-T: transactions, each one expense line plus its
# payables, salary or bank line).
LINES = {OSTFJORD: 110_000, NORDVIK: 80_000, VESTMARK: 10_000}
SHARE = {OSTFJORD: 0.45, NORDVIK: 0.37, VESTMARK: 0.18}  # of the office's contract volume

# The threshold story: one entity, one category without a contract, fixed invoices.
THRESHOLD_ENTITY = OSTFJORD
THRESHOLD_CATEGORY = "Kurs og opplæring"
THRESHOLD_INVOICE = 135_000_00  # øre
THRESHOLD_INVOICES = 12
ADS_CATEGORY = "Annonser og kunngjøringer"

# Register rows left out of the ledgers: their register cells are broken on purpose
# (end date, options, org. no.), so whether they cover anything is not part of the story.
SKIPPED_CONTRACTS = frozenset({49, 36, 15})
# The IKT operations framework is paid by fixed monthly invoices (see module docstring).
IKT_OPERATIONS = 17
IKT_MONTHLY = {OSTFJORD: 520_000_00, NORDVIK: 430_000_00}


@dataclass(frozen=True)
class Story:
    """A fixed series of off-contract (or fixed-amount) invoices: `count` x `amount`."""

    entity: str
    supplier: str
    account: str
    amount: int  # øre, excl. VAT
    count: int
    first_days_ago: int
    step_days: int
    org_nr: str = ""  # "" = make_orgnr(supplier)


def _bad_orgnr(name: str) -> str:
    """A number that fails mod-11: the valid one with its check digit moved by one."""
    valid = make_orgnr(name)
    return valid[:8] + str((int(valid[8]) + 1) % 10)


STORY = (
    # Threshold risk: Østfjord buys courses without a contract, 1 620 000 NOK.
    Story(OSTFJORD, "Kompetansehuset Vest AS", "1500", THRESHOLD_INVOICE, 7, 8, 49),
    Story(OSTFJORD, "Lederskolen Norge AS", "1500", THRESHOLD_INVOICE, 5, 30, 63),
    Story(NORDVIK, "Kompetansehuset Vest AS", "1500", 45_000_00, 8, 20, 40),
    # Advertising: a category with no contract, below the threshold everywhere.
    Story(OSTFJORD, "Østfjord Avis AS", "1400", 18_750_00, 24, 3, 14),
    Story(NORDVIK, "Annonsehuset Norge AS", "1400", 15_000_00, 20, 6, 17),
    # Leakage: contracted categories bought off contract.
    Story(OSTFJORD, "Skinnende Rent Østfjord AS", "2600", 48_500_00, 18, 12, 19),
    Story(NORDVIK, "Datakjeden Nord AS", "1300", 62_000_00, 14, 9, 24),
    Story(NORDVIK, "Kafé Fjordglimt", "1150", 9_800_00, 30, 2, 11,
          org_nr=_bad_orgnr("Kafé Fjordglimt")),
    # Renhold after the contract ended: Glans Renhold's contract ended 60 days ago.
    Story(NORDVIK, "Glans Renhold AS", "2600", 52_000_00, 6, 5, 9),
)  # fmt: skip

# Expected figures, for the docs and the tests (øre).
OFF_CONTRACT = {
    (OSTFJORD, THRESHOLD_CATEGORY): 1_620_000_00,
    (OSTFJORD, ADS_CATEGORY): 450_000_00,
    (OSTFJORD, "renhold"): 873_000_00,
    (NORDVIK, THRESHOLD_CATEGORY): 360_000_00,
    (NORDVIK, ADS_CATEGORY): 300_000_00,
    (NORDVIK, "IKT"): 868_000_00,
    (NORDVIK, "mat og drikke"): 294_000_00,
    (NORDVIK, "renhold"): 312_000_00,
}

# The office's category sheet: (Org.nr., Leverandør, Art, Kategori).
OFFICE_RULES = (
    ("", "", "1400", ADS_CATEGORY),
    ("", "", "1500", THRESHOLD_CATEGORY),
    (make_orgnr("Kompetansehuset Vest AS"), "", "", THRESHOLD_CATEGORY),
    ("", "Lederskolen Norge AS", "", THRESHOLD_CATEGORY),
)

# Accounts (KOSTRA art + one digit) a register supplier is booked on, per category: arts
# that name the category or name none, never another category's art.
CATEGORY_ACCOUNTS = {
    "kontorrekvisita": ("1000", "1000", "1050"),
    "helse- og velferdstjenester": ("1100", "2090", "2700"),
    "mat og drikke": ("1150",),
    "IKT": ("1300", "2000", "1950"),
    "transport": ("1700", "1700", "2100"),
    "energi": ("1800", "1810"),
    "bygg og anlegg": ("2300", "2500", "2400"),
    "renhold": ("2600",),
    "skolemøbler": ("2000",),
    "arbeidsklær og verneutstyr": ("1200",),
    "konsulenttjenester": ("2700",),
}
# Suppliers whose usual account differs from their category's first choice.
SUPPLIER_ACCOUNTS = {
    "Veiladen Energi AS": ("1200",),  # fuel: art 120 names nothing, the register says energi
    "Varmeverket Innlandet AS": ("1810",),
    "Fjellkraft Energi AS": ("1800",),
    "Vestfjell Rådgivning AS": ("2700", "2300"),
    "Vinterdrift Innlandet AS": ("2400",),
    "Trygg Eiendomsservice AS": ("2400",),
    "Nettlinje Fjord AS": ("1300",),
    "Mobilnett Norge AS": ("1300",),
    "Skylager Lisens AS": ("1950",),
    "Printpartner AS": ("2000", "2400"),
    "Pleiepartner Bemanning AS": ("2700",),
    "Arbeidshelse Vest AS": ("2700",),
}
# Relative number of invoices per year and category (many small food invoices, a few
# large IKT ones) and the yearly volume of a contract without a value in the register.
CATEGORY_LINES = {
    "kontorrekvisita": 9.0, "helse- og velferdstjenester": 3.0, "mat og drikke": 12.0,
    "IKT": 2.0, "transport": 6.0, "energi": 1.5, "bygg og anlegg": 3.0, "renhold": 1.5,
    "skolemøbler": 1.0, "arbeidsklær og verneutstyr": 2.0, "konsulenttjenester": 0.6,
}  # fmt: skip
CONTRACT_YEARLY = 4_000_000_00  # øre, for contracts the register gives no value

# Unclassified background: arts that name no category (other goods, insurance, rent,
# fees, equipment, leases, repairs, other services).
BACKGROUND_ACCOUNTS = ("1200", "1200", "1850", "1900", "1950", "2000", "2200", "2400", "2700")
_PLACES = (
    "Fjord",
    "Nord",
    "Vest",
    "Dal",
    "Berg",
    "Elve",
    "Strand",
    "Skog",
    "Vik",
    "Holm",
    "Sol",
    "Øst",
    "Lia",
    "Nes",
    "Bakke",
    "Mo",
    "Haug",
    "Bru",
    "Sand",
    "Tind",
)
_TRADES = (
    "Elektro",
    "Maskin",
    "Trykkeri",
    "Blomster",
    "Låsservice",
    "Hotell",
    "Skilt",
    "Regnskap",
    "Rør",
    "Ventilasjon",
    "Glass",
    "Maling",
    "Bilverksted",
    "Catering",
    "Lyd og Lys",
    "Sikkerhet",
    "Kran",
    "Gjenvinning",
    "Kontorservice",
    "Arkitekter",
    "Dekk",
    "Hage",
    "Bokhandel",
    "Musikk",
    "Idrett",
    "Tak",
    "Miljø",
    "Data",
    "Foto",
    "Tekstil",
)
_FORMS = ("AS", "AS", "AS", "AS", "ANS", "SA", "DA")
TRANSFER_RECIPIENTS = (
    "Fylkesidrettsrådet", "Frivillighetssentralen", "Kulturrådet i fylket",
    "Museumsstiftelsen", "Turistforeningen", "Næringshagen SA", "Ungdomsrådet",
    "Studieforbundet", "Bygdeungdomslaget", "Fylkets musikkråd",
)  # fmt: skip
FUNCTIONS = ("400", "420", "430", "510", "515", "520", "521", "524", "532", "554", "660",
             "700", "722", "730", "740", "750", "760", "771")  # fmt: skip
SALARY_ACCOUNTS = ("0100", "0100", "0100", "0200", "0300", "0500", "0900", "0990")


@dataclass
class Line:
    day: int  # date ordinal
    supplier: str
    org_nr: str
    supplier_no: str
    account: str
    ansvar: str
    function: str
    project: str
    invoice: str
    amount: int  # øre; a credit note is negative
    number: int = 0  # voucher number, given when the lines are sorted


@dataclass(frozen=True)
class Window:
    start: date  # first day of the twelve months before `today`
    end: date  # `today`

    def clamp(self, first: date, last: date) -> tuple[int, int] | None:
        low, high = max(first, self.start), min(last, self.end)
        return None if low > high else (low.toordinal(), high.toordinal())


def window(today: date) -> Window:
    return Window(add_months(today, -12) + timedelta(days=1), today)


def background_suppliers() -> list[str]:
    """About 140 fictional supplier names, the same every day."""
    rng = random.Random("spend:suppliers")
    names: list[str] = []
    while len(names) < 140:
        name = f"{rng.choice(_PLACES)} {rng.choice(_TRADES)} {rng.choice(_FORMS)}"
        if name not in names:
            names.append(name)
    return names


def _contract_seq(contract: Contract) -> int:
    return int(contract.contract_id[-3:])


def _yearly(contract: Contract) -> int:
    """The contract's yearly volume in øre: its estimated value over its full length."""
    value = contract.fields.get("verdi")
    if not value:
        return CONTRACT_YEARLY
    months = max((contract.end - contract.start).days // 30, 1)
    return int(float(value) * 100 * 12 / months * 0.8)


class _Entity:
    """Lines of one entity, built from the register, the story and the background."""

    def __init__(self, name: str, today: date, contracts: list[Contract]) -> None:
        self.name = name
        self.rng = random.Random(f"spend:{name}:{today.isoformat()}")
        self.window = window(today)
        self.contracts = contracts
        self.lines: list[Line] = []
        self.supplier_numbers: dict[str, str] = {}
        self.ansvar = [str(self.rng.randrange(1000, 9999)) for _ in range(60)]
        self.projects = [f"P{self.rng.randrange(2300, 2699)}" for _ in range(12)]

    def supplier_no(self, org_nr: str) -> str:
        if org_nr not in self.supplier_numbers:
            self.supplier_numbers[org_nr] = str(20001 + len(self.supplier_numbers))
        return self.supplier_numbers[org_nr]

    def add(self, day: int, supplier: str, org_nr: str, account: str, amount: int) -> Line:
        rng = self.rng
        line = Line(
            day=day,
            supplier=supplier,
            org_nr=org_nr,
            supplier_no=self.supplier_no(org_nr or supplier) if supplier else "",
            account=account,
            ansvar=rng.choice(self.ansvar),
            function=rng.choice(FUNCTIONS),
            project=rng.choice(self.projects) if rng.random() < 0.08 else "",
            invoice=str(rng.randrange(10_000, 9_999_999)) if supplier else "",
            amount=amount,
        )
        self.lines.append(line)
        return line

    def story(self) -> int:
        count = 0
        today = self.window.end.toordinal()
        for story in STORY:
            if story.entity != self.name:
                continue
            org = story.org_nr or make_orgnr(story.supplier)
            for k in range(story.count):
                day = today - story.first_days_ago - k * story.step_days
                self.add(day, story.supplier, org, story.account, story.amount)
                count += 1
        monthly = IKT_MONTHLY.get(self.name)
        operations = next(c for c in self.contracts if _contract_seq(c) == IKT_OPERATIONS)
        if monthly:
            for k in range(12):
                day = today - 15 - 30 * k
                self.add(day, operations.fields["leverandor"], operations.fields["org_nr"],
                         "2400", monthly)  # fmt: skip
                count += 1
        return count

    def covered(self, total: int) -> None:
        """`total` lines from register suppliers, inside their periods and categories."""
        rng = self.rng
        streams: list[tuple[Contract, tuple[int, int], float, int]] = []
        for contract in self.contracts:
            seq = _contract_seq(contract)
            if seq in SKIPPED_CONTRACTS or seq == IKT_OPERATIONS:
                continue
            span = self.window.clamp(contract.start, contract.end)
            if span is None:
                continue
            days = span[1] - span[0] + 1
            weight = CATEGORY_LINES[contract.fields["kategori"]] * days / 365
            volume = int(_yearly(contract) * SHARE[self.name] * days / 365)
            streams.append((contract, span, weight, volume))
        weights = sum(weight for _, _, weight, _ in streams)
        counts = [max(1, int(total * weight / weights)) for _, _, weight, _ in streams]
        counts[0] += total - sum(counts)
        for (contract, span, _, volume), count in zip(streams, counts, strict=True):
            name = contract.fields["leverandor"]
            org = contract.fields["org_nr"]
            accounts = SUPPLIER_ACCOUNTS.get(name) or CATEGORY_ACCOUNTS[contract.fields["kategori"]]
            mean = max(volume // count, 200_00)
            for _ in range(count):
                amount = int(mean * rng.lognormvariate(0, 0.8) / 1.377)
                if rng.random() < 0.004:
                    amount = -amount // 3  # a credit note
                shown = name
                if name == "Papir & Penn Norge AS" and rng.random() < 0.2:
                    shown = "Papir og Penn Norge AS"  # the same supplier, spelled another way
                self.add(rng.randint(*span), shown, org, rng.choice(accounts), amount)

    def background(self, total: int, names: Sequence[str]) -> None:
        """Suppliers without a contract, on arts that name no category."""
        rng = self.rng
        start, end = self.window.start.toordinal(), self.window.end.toordinal()
        weights = [1 / (rank + 3) for rank in range(len(names))]
        chosen = rng.choices(range(len(names)), weights=weights, k=total)
        accounts = {name: rng.sample(BACKGROUND_ACCOUNTS, 2) for name in names}
        for index in chosen:
            name = names[index]
            amount = int(rng.lognormvariate(7.4, 1.0) * 100)
            if rng.random() < 0.003:
                amount = -amount
            org = make_orgnr(name)
            self.add(rng.randint(start, end), name, org, rng.choice(accounts[name]), amount)

    def non_purchases(self, salaries: int, transfers: int) -> None:
        """Salaries (art 0xx, no supplier) and grants (art 470): in a ledger, not spend."""
        rng = self.rng
        start, end = self.window.start.toordinal(), self.window.end.toordinal()
        for _ in range(salaries):
            amount = int(rng.uniform(5_000, 400_000) * 100)
            self.add(rng.randint(start, end), "", "", rng.choice(SALARY_ACCOUNTS), amount)
        for _ in range(transfers):
            name = f"{rng.choice(TRANSFER_RECIPIENTS)} {self.name.split()[0]}"
            amount = int(rng.uniform(10_000, 600_000)) * 100
            self.add(rng.randint(start, end), name, make_orgnr(name), "4700", amount)

    def build(self, names: Sequence[str]) -> list[Line]:
        total = LINES[self.name]
        fixed = self.story()
        salaries, transfers = total * 12 // 100, total * 3 // 100
        covered = total * 50 // 100
        self.non_purchases(salaries, transfers)
        self.covered(covered)
        self.background(total - fixed - salaries - transfers - covered, names)
        self.lines.sort(key=lambda line: (line.day, line.supplier, line.amount))
        for number, line in enumerate(self.lines, start=100_001):
            line.number = number
        return self.lines


def build_ledgers(today: date, contracts: list[Contract] | None = None) -> dict[str, list[Line]]:
    """Every entity's lines for `today`, in voucher order."""
    contracts = contracts if contracts is not None else build_contracts(today)
    names = background_suppliers()
    names.append("Språkbro Tolk AS")  # its register org. no. is wrong: never matched
    return {name: _Entity(name, today, contracts).build(names) for name in LINES}


# --- formats -----------------------------------------------------------------------------


def _kroner_no(ore: int) -> str:
    """'-1 234,50': Norwegian grouping and decimal comma."""
    sign = "-" if ore < 0 else ""
    whole, cents = divmod(abs(ore), 100)
    return f"{sign}{whole:,}".replace(",", " ") + f",{cents:02d}"


def _kroner_dot(ore: int) -> str:
    sign = "-" if ore < 0 else ""
    whole, cents = divmod(abs(ore), 100)
    return f"{sign}{whole}.{cents:02d}"


def _dates(lines: Iterable[Line], style: Callable[[date], str]) -> dict[int, str]:
    return {day: style(date.fromordinal(day)) for day in {line.day for line in lines}}


VISMA_HEADER = ("Bilagsdato", "Bilagsnr", "Lev.nr", "Leverandør", "Org.nr.", "Konto", "Ansvar",
                "Tjeneste", "Prosjekt", "Fakturanr", "Beløp")  # fmt: skip
UNIT4_HEADER = ("Posteringsdato", "Bilagsnummer", "Reskontronr", "Leverandørnavn",
                "Organisasjonsnummer", "Art", "Ansvarssted", "Funksjon", "Prosjekt",
                "Fakturanummer", "Beløp")  # fmt: skip


def visma_csv(entity: str, lines: list[Line], span: Window) -> bytes:
    """Visma: a title row, semicolons, dd.mm.yyyy, '1 234,50', Windows-1252."""
    days = _dates(lines, lambda d: d.strftime("%d.%m.%Y"))
    out = [
        f"{entity} - Hovedbok med leverandørposter {span.start:%d.%m.%Y}-{span.end:%d.%m.%Y}",
        ";".join(VISMA_HEADER),
    ]
    for n, line in enumerate(lines):
        org = line.org_nr
        if org and n % 7 == 0:
            org = spaced(org)
        out.append(
            f"{days[line.day]};{line.number};{line.supplier_no};{line.supplier};{org};"
            f"{line.account};{line.ansvar};{line.function};{line.project};{line.invoice};"
            f"{_kroner_no(line.amount)}"
        )
    return ("\r\n".join(out) + "\r\n").encode("cp1252")


def unit4_csv(lines: list[Line]) -> bytes:
    """Unit4 (Agresso): commas, quoted where needed, ISO dates, '1234.50', UTF-8."""
    days = _dates(lines, date.isoformat)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(UNIT4_HEADER)
    writer.writerows(
        (days[line.day], line.number, line.supplier_no, line.supplier, line.org_nr,
         line.account, line.ansvar, line.function, line.project, line.invoice,
         _kroner_dot(line.amount))
        for line in lines
    )  # fmt: skip
    return buffer.getvalue().encode("utf-8")


# --- SAF-T Financial 1.30 ----------------------------------------------------------------

SAFT_NS = "urn:StandardAuditFile-Taxation-Financial:NO"
PAYABLES, SALARIES_DUE, BANK = "2350", "2370", "2100"
_KOSTRA_NAMES = {
    "010": "Fastlønn", "020": "Lønn til vikarer", "030": "Lønn til ekstrahjelp",
    "050": "Annen lønn og trekkpliktige godtgjørelser", "090": "Pensjonsinnskudd",
    "099": "Arbeidsgiveravgift", "100": "Kontormateriell", "105": "Undervisningsmateriell",
    "110": "Medisinsk forbruksmateriell", "115": "Matvarer",
    "120": "Annet forbruksmateriell, varer og tjenester",
    "130": "Post, bank, telefon, internett, bredbånd", "140": "Annonser, reklame, informasjon",
    "150": "Opplæring og kurs", "170": "Transport og reise", "180": "Strøm",
    "181": "Fjernvarme og fjernkjøling", "185": "Forsikringer, vakthold og sikring",
    "190": "Leie av lokaler og grunn", "195": "Avgifter, gebyrer, lisenser o.l.",
    "200": "Kjøp og finansiell leasing av driftsmidler", "209": "Medisinsk utstyr",
    "210": "Kjøp og leie av transportmidler", "220": "Leie av driftsmidler",
    "230": "Vedlikehold, påkostning, nybygg og nyanlegg",
    "240": "Driftsavtaler, reparasjoner og vaktmestertjenester",
    "250": "Materialer til vedlikehold, påkostning, nybygg og nyanlegg",
    "260": "Renholds- og vaskeritjenester", "270": "Andre tjenester",
    "470": "Overføring til andre",
}  # fmt: skip
_BALANCE = {PAYABLES: ("Leverandørgjeld", "35"), SALARIES_DUE: ("Skyldig lønn", "32"),
            BANK: ("Bankinnskudd", "10")}  # fmt: skip


def _amount(ore: int) -> str:
    return _kroner_dot(ore)


def saft_xml(entity: str, org_nr: str, lines: list[Line], span: Window, today: date) -> bytes:
    """One GeneralLedgerEntries journal; every transaction an expense line against
    payables (with the supplier), salaries due or the bank, so debit equals credit."""
    accounts = sorted({line.account for line in lines})
    suppliers: dict[str, tuple[str, str]] = {}
    for line in lines:
        if line.supplier:
            suppliers.setdefault(line.supplier_no, (line.supplier, line.org_nr))
    esc = escape
    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<AuditFile xmlns="{SAFT_NS}">\n<Header>\n<AuditFileVersion>1.30</AuditFileVersion>\n'
        "<AuditFileCountry>NO</AuditFileCountry>\n"
        f"<AuditFileDateCreated>{today.isoformat()}</AuditFileDateCreated>\n"
        "<SoftwareCompanyName>Fiktiv Økonomisystemer AS</SoftwareCompanyName>\n"
        "<SoftwareID>Fiktiv Økonomi</SoftwareID>\n<SoftwareVersion>2025.2</SoftwareVersion>\n"
        f"<Company>\n<RegistrationNumber>{org_nr}</RegistrationNumber>\n"
        f"<Name>{esc(entity)}</Name>\n<Address>\n<StreetName>Fylkeshusgata</StreetName>\n"
        "<Number>1</Number>\n<City>Vestmark</City>\n<PostalCode>6800</PostalCode>\n"
        "<Country>NO</Country>\n</Address>\n<Contact>\n<ContactPerson>\n"
        "<FirstName>Kari</FirstName>\n<LastName>Regnskap</LastName>\n</ContactPerson>\n"
        "</Contact>\n</Company>\n<DefaultCurrencyCode>NOK</DefaultCurrencyCode>\n"
        "<SelectionCriteria>\n"
        f"<SelectionStartDate>{span.start.isoformat()}</SelectionStartDate>\n"
        f"<SelectionEndDate>{span.end.isoformat()}</SelectionEndDate>\n"
        "</SelectionCriteria>\n<TaxAccountingBasis>A</TaxAccountingBasis>\n</Header>\n"
        "<MasterFiles>\n<GeneralLedgerAccounts>\n",
    ]
    for account in [*accounts, BANK, PAYABLES, SALARIES_DUE]:
        if account in _BALANCE:
            name, code = _BALANCE[account]
        else:
            code = account[:3]
            name = _KOSTRA_NAMES[code]
        out.append(
            f"<Account>\n<AccountID>{account}</AccountID>\n"
            f"<AccountDescription>{esc(name)}</AccountDescription>\n"
            f"<GroupingCategory>KA_KS</GroupingCategory>\n<GroupingCode>{code}</GroupingCode>\n"
            "<AccountType>GL</AccountType>\n<OpeningDebitBalance>0.00</OpeningDebitBalance>\n"
            "<ClosingDebitBalance>0.00</ClosingDebitBalance>\n</Account>\n"
        )
    out.append("</GeneralLedgerAccounts>\n<Suppliers>\n")
    for number, (name, org) in sorted(suppliers.items()):
        out.append(
            f"<Supplier>\n<RegistrationNumber>{org}</RegistrationNumber>\n"
            f"<Name>{esc(name)}</Name>\n<Address>\n<City>Ukjent</City>\n"
            f"<Country>NO</Country>\n</Address>\n<SupplierID>{number}</SupplierID>\n"
            f"<BalanceAccount>\n<AccountID>{PAYABLES}</AccountID>\n"
            "<OpeningCreditBalance>0.00</OpeningCreditBalance>\n"
            "<ClosingCreditBalance>0.00</ClosingCreditBalance>\n</BalanceAccount>\n</Supplier>\n"
        )
    out.append(
        "</Suppliers>\n<AnalysisTypeTable>\n"
        + "".join(
            f"<AnalysisTypeTableEntry>\n<AnalysisType>{kind}</AnalysisType>\n"
            f"<AnalysisTypeDescription>{text}</AnalysisTypeDescription>\n"
            f"<AnalysisID>{value}</AnalysisID>\n"
            f"<AnalysisIDDescription>{text} {value}</AnalysisIDDescription>\n"
            "</AnalysisTypeTableEntry>\n"
            for kind, text, values in (
                ("ANSVAR", "Ansvar", sorted({line.ansvar for line in lines})),
                ("FUNKSJON", "Funksjon", sorted({line.function for line in lines})),
            )
            for value in values
        )
        + "</AnalysisTypeTable>\n</MasterFiles>\n"
    )
    debit = sum(line.amount for line in lines if line.amount > 0)
    credit = -sum(line.amount for line in lines if line.amount < 0)
    out.append(
        f"<GeneralLedgerEntries>\n<NumberOfEntries>{len(lines)}</NumberOfEntries>\n"
        f"<TotalDebit>{_amount(debit + credit)}</TotalDebit>\n"
        f"<TotalCredit>{_amount(debit + credit)}</TotalCredit>\n"
        "<Journal>\n<JournalID>LF</JournalID>\n<Description>Leverandørfakturaer og lønn"
        "</Description>\n<Type>GL</Type>\n"
    )
    for line in lines:
        day = date.fromordinal(line.day)
        iso = day.isoformat()
        what = f"Faktura {line.invoice}" if line.invoice else "Lønn"
        side, other = ("Debit", "Credit") if line.amount >= 0 else ("Credit", "Debit")
        value = _amount(abs(line.amount))
        if line.supplier and line.account[:2] != "47":
            counter = PAYABLES
        else:
            counter = BANK if line.supplier else SALARIES_DUE
        supplier = f"<SupplierID>{line.supplier_no}</SupplierID>\n" if line.supplier else ""
        reference = f"<ReferenceNumber>{line.invoice}</ReferenceNumber>\n" if line.invoice else ""
        out.append(
            f"<Transaction>\n<TransactionID>{line.number}</TransactionID>\n"
            f"<Period>{day.month}</Period>\n<PeriodYear>{day.year}</PeriodYear>\n"
            f"<TransactionDate>{iso}</TransactionDate>\n<Description>{what}</Description>\n"
            f"<SystemEntryDate>{iso}</SystemEntryDate>\n<GLPostingDate>{iso}</GLPostingDate>\n"
            f"<Line>\n<RecordID>1</RecordID>\n<AccountID>{line.account}</AccountID>\n"
            f"<Analysis>\n<AnalysisType>ANSVAR</AnalysisType>\n"
            f"<AnalysisID>{line.ansvar}</AnalysisID>\n</Analysis>\n"
            f"<Analysis>\n<AnalysisType>FUNKSJON</AnalysisType>\n"
            f"<AnalysisID>{line.function}</AnalysisID>\n</Analysis>\n"
            f"<Description>{what}</Description>\n"
            f"<{side}Amount>\n<Amount>{value}</Amount>\n</{side}Amount>\n{reference}</Line>\n"
            f"<Line>\n<RecordID>2</RecordID>\n<AccountID>{counter}</AccountID>\n{supplier}"
            f"<Description>{what}</Description>\n"
            f"<{other}Amount>\n<Amount>{value}</Amount>\n</{other}Amount>\n{reference}</Line>\n"
            "</Transaction>\n"
        )
    out.append("</Journal>\n</GeneralLedgerEntries>\n</AuditFile>\n")
    return "".join(out).encode("utf-8")


# --- EHF (Peppol BIS Billing 3.0) --------------------------------------------------------

CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
# Item classification schemes (UNTDID 7143): STI = CPV, TST = UNSPSC.
CPV, UNSPSC = "STI", "TST"
# (entity, supplier, VAT %, [(description, listID, code, share of the amount)]).
INVOICES = (
    (OSTFJORD, "Papir & Penn Norge AS", 25, (
        ("Kopipapir A4 80 g, 5 x 500 ark", CPV, "30197630", 0.6),
        ("Kontorrekvisita etter bestilling", CPV, "30192000", 0.4))),
    (OSTFJORD, "Printpartner AS", 25, (
        ("Multifunksjonsmaskin A3, leie", UNSPSC, "43212105", 0.8),
        ("Toner og service", UNSPSC, "44103103", 0.2))),
    (OSTFJORD, "Nordlys Matgrossist AS", 15, (
        ("Meieriprodukter", CPV, "15500000", 0.5),
        ("Brød og bakervarer", CPV, "15810000", 0.3),
        ("Frukt og grønnsaker", CPV, "15300000", 0.2))),
    (OSTFJORD, "Rent & Klart Renhold AS", 25, (
        ("Renhold av kontorlokaler, månedlig", CPV, "90911200", 1.0),)),
    (NORDVIK, "Datapunkt Norge AS", 25, (
        ("Bærbar PC 14\"", CPV, "30213100", 0.85),
        ("Dokkingstasjon", UNSPSC, "43211603", 0.15))),
    (NORDVIK, "Verneklær Norge AS", 25, (
        ("Arbeidsbukse, hi-vis", CPV, "18100000", 0.7),
        ("Vernesko S3", UNSPSC, "46181604", 0.3))),
    (NORDVIK, "Fjordbuss Transport AS", 25, (
        ("Elevtransport, rute 12", CPV, "60112000", 1.0),)),
)  # fmt: skip


def _party(name: str, org: str, street: str, city: str, postcode: str) -> str:
    return (
        f'<cac:Party>\n<cbc:EndpointID schemeID="0192">{org}</cbc:EndpointID>\n'
        f"<cac:PartyName>\n<cbc:Name>{escape(name)}</cbc:Name>\n</cac:PartyName>\n"
        f"<cac:PostalAddress>\n<cbc:StreetName>{street}</cbc:StreetName>\n"
        f"<cbc:CityName>{city}</cbc:CityName>\n<cbc:PostalZone>{postcode}</cbc:PostalZone>\n"
        "<cac:Country>\n<cbc:IdentificationCode>NO</cbc:IdentificationCode>\n</cac:Country>\n"
        "</cac:PostalAddress>\n<cac:PartyTaxScheme>\n"
        f"<cbc:CompanyID>NO{org}MVA</cbc:CompanyID>\n"
        "<cac:TaxScheme>\n<cbc:ID>VAT</cbc:ID>\n</cac:TaxScheme>\n</cac:PartyTaxScheme>\n"
        f"<cac:PartyLegalEntity>\n<cbc:RegistrationName>{escape(name)}</cbc:RegistrationName>\n"
        f'<cbc:CompanyID schemeID="0192">{org}</cbc:CompanyID>\n</cac:PartyLegalEntity>\n'
        "</cac:Party>\n"
    )


def ehf_invoice(line: Line, entity: str, buyer_org: str, vat: int,
                items: Sequence[tuple[str, str, str, float]]) -> bytes:  # fmt: skip
    """A Peppol BIS Billing 3.0 invoice for one ledger line: same supplier org. no.,
    same invoice number, lines summing to the ledger amount (excl. VAT)."""
    issued = date.fromordinal(line.day) - timedelta(days=3)
    amounts = [int(line.amount * share) for *_, share in items]
    amounts[-1] = line.amount - sum(amounts[:-1])
    tax = line.amount * vat // 100
    total = _kroner_dot(line.amount)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
        'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
        'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">\n'
        f"<cbc:CustomizationID>{CUSTOMIZATION}</cbc:CustomizationID>\n"
        f"<cbc:ProfileID>{PROFILE}</cbc:ProfileID>\n<cbc:ID>{line.invoice}</cbc:ID>\n"
        f"<cbc:IssueDate>{issued.isoformat()}</cbc:IssueDate>\n"
        f"<cbc:DueDate>{(issued + timedelta(days=30)).isoformat()}</cbc:DueDate>\n"
        "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>\n"
        "<cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>\n"
        f"<cbc:BuyerReference>{line.ansvar}</cbc:BuyerReference>\n"
        "<cac:AccountingSupplierParty>\n"
        + _party(line.supplier, line.org_nr, "Industriveien 4", "Hamar", "2317")
        + "</cac:AccountingSupplierParty>\n<cac:AccountingCustomerParty>\n"
        + _party(entity, buyer_org, "Fylkeshusgata 1", entity.split()[0], "6800")
        + "</cac:AccountingCustomerParty>\n"
        "<cac:PaymentMeans>\n<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>\n"
        f"<cbc:PaymentID>{line.invoice}</cbc:PaymentID>\n<cac:PayeeFinancialAccount>\n"
        "<cbc:ID>12345678903</cbc:ID>\n</cac:PayeeFinancialAccount>\n</cac:PaymentMeans>\n"
        f'<cac:TaxTotal>\n<cbc:TaxAmount currencyID="NOK">{_kroner_dot(tax)}</cbc:TaxAmount>\n'
        f'<cac:TaxSubtotal>\n<cbc:TaxableAmount currencyID="NOK">{total}</cbc:TaxableAmount>\n'
        f'<cbc:TaxAmount currencyID="NOK">{_kroner_dot(tax)}</cbc:TaxAmount>\n'
        f"<cac:TaxCategory>\n<cbc:ID>S</cbc:ID>\n<cbc:Percent>{vat}</cbc:Percent>\n"
        "<cac:TaxScheme>\n<cbc:ID>VAT</cbc:ID>\n</cac:TaxScheme>\n</cac:TaxCategory>\n"
        "</cac:TaxSubtotal>\n</cac:TaxTotal>\n<cac:LegalMonetaryTotal>\n"
        f'<cbc:LineExtensionAmount currencyID="NOK">{total}</cbc:LineExtensionAmount>\n'
        f'<cbc:TaxExclusiveAmount currencyID="NOK">{total}</cbc:TaxExclusiveAmount>\n'
        f'<cbc:TaxInclusiveAmount currencyID="NOK">{_kroner_dot(line.amount + tax)}'
        "</cbc:TaxInclusiveAmount>\n"
        f'<cbc:PayableAmount currencyID="NOK">{_kroner_dot(line.amount + tax)}'
        "</cbc:PayableAmount>\n</cac:LegalMonetaryTotal>\n"
    ]
    for number, ((text, scheme, code, _), amount) in enumerate(
        zip(items, amounts, strict=True), start=1
    ):
        parts.append(
            f"<cac:InvoiceLine>\n<cbc:ID>{number}</cbc:ID>\n"
            '<cbc:InvoicedQuantity unitCode="EA">1</cbc:InvoicedQuantity>\n'
            f'<cbc:LineExtensionAmount currencyID="NOK">{_kroner_dot(amount)}'
            "</cbc:LineExtensionAmount>\n<cac:Item>\n"
            f"<cbc:Name>{escape(text)}</cbc:Name>\n<cac:CommodityClassification>\n"
            f'<cbc:ItemClassificationCode listID="{scheme}">{code}</cbc:ItemClassificationCode>\n'
            "</cac:CommodityClassification>\n<cac:ClassifiedTaxCategory>\n"
            f"<cbc:ID>S</cbc:ID>\n<cbc:Percent>{vat}</cbc:Percent>\n"
            "<cac:TaxScheme>\n<cbc:ID>VAT</cbc:ID>\n</cac:TaxScheme>\n"
            "</cac:ClassifiedTaxCategory>\n</cac:Item>\n<cac:Price>\n"
            f'<cbc:PriceAmount currencyID="NOK">{_kroner_dot(amount)}</cbc:PriceAmount>\n'
            "</cac:Price>\n</cac:InvoiceLine>\n"
        )
    parts.append("</Invoice>\n")
    return "".join(parts).encode("utf-8")


def _invoice_line(lines: list[Line], supplier: str) -> Line:
    """The supplier's largest positive line in the last three months: a recent invoice."""
    latest = max(line.day for line in lines) - 90
    return max(
        (line for line in lines if line.supplier == supplier and line.day >= latest
         and line.amount > 0),
        key=lambda line: (line.amount, line.number),
    )  # fmt: skip


# --- the category sheet ------------------------------------------------------------------


def categories_xlsx(when: datetime) -> bytes:
    """The office's mapping sheet; zip and core timestamps fixed, so the bytes repeat."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kategorier"
    sheet.append(["Org.nr.", "Leverandør", "Art", "Kategori"])
    for row in OFFICE_RULES:
        sheet.append(list(row))
    book.properties.creator = "Felles innkjøp"
    book.properties.created = when.replace(tzinfo=None)
    book.properties.modified = when.replace(tzinfo=None)
    raw = io.BytesIO()
    book.save(raw)
    return _normalise_zip(_fixed_core(raw.getvalue(), when), when)


def _fixed_core(data: bytes, when: datetime) -> bytes:
    """openpyxl stamps docProps/core.xml with the time of saving: put `when` there."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            body = source.read(member.filename)
            if member.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, body)
            target.writestr(member.filename, body)
    return out.getvalue()


# --- writing -----------------------------------------------------------------------------


def entity_orgnr(entity: str) -> str:
    return make_orgnr(entity)


def ledger_paths(root: Path, today: date) -> dict[str, Path]:
    """Where each entity's export lands below the drive root."""
    span = window(today)
    period = f"{span.start:%Y-%m}_{span.end:%Y-%m}"
    base = root / FOLDER / "Regnskap"
    stamp = f"{today:%Y%m%d}070000"
    return {
        OSTFJORD: base / OSTFJORD / f"Visma hovedbok leverandørposter {period}.csv",
        NORDVIK: base / NORDVIK / f"Unit4 posteringer {period}.csv",
        VESTMARK: base / VESTMARK / f"SAF-T Financial_{entity_orgnr(VESTMARK)}_{stamp}_1_1.xml",
    }


@lru_cache(maxsize=2)
def _spend_files(today: date) -> tuple[tuple[Path, bytes], ...]:
    """The files below the drive root, made once per day and process: the demo is
    regenerated by many tests in one run, and 200,000 lines take seconds to write out."""
    ledgers = build_ledgers(today, build_contracts(today))
    span = window(today)
    when = datetime.combine(today - timedelta(days=1), time(7, 0))
    data = {
        OSTFJORD: visma_csv(OSTFJORD, ledgers[OSTFJORD], span),
        NORDVIK: unit4_csv(ledgers[NORDVIK]),
        VESTMARK: saft_xml(VESTMARK, entity_orgnr(VESTMARK), ledgers[VESTMARK], span, today),
    }
    files = [(path, data[entity]) for entity, path in ledger_paths(Path(), today).items()]
    for entity, supplier, vat, items in INVOICES:
        line = _invoice_line(ledgers[entity], supplier)
        invoice = ehf_invoice(line, entity, entity_orgnr(entity), vat, items)
        name = f"EHF {line.org_nr} {line.invoice}.xml"
        files.append((Path(FOLDER) / "Fakturaer" / entity / name, invoice))
    files.append((Path(FOLDER) / "kategorier.xlsx", categories_xlsx(when)))
    return tuple(files)


def write_spend(root: Path, today: date) -> None:
    """Everything under `Innkjøpsanalyse/` in the drive at `root`."""
    for relative, data in _spend_files(today):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
