"""Which of an office's columns holds which register field.

Offices name their columns as they like ("Kontrakt-ID", "Avtalenavn", "Sluttdato",
"Varsel opsjon (mnd)"), SharePoint turns titles into internal names
("Leverand_x00f8_r", "Kontrakt_x002d_ID"), and Excel exports add title rows above
the header. So a header is compared by a key that ignores case, spacing, punctuation
and the difference between æøå and ae/o/a, against the canonical field names and the
headers offices really use. An office can also name its own columns once (a setting,
a small mapping file, or `--columns` on the command line); those win.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from skills.i18n import N_, InputError, tr

# The canonical fields, in the order an export writes them. `verdi` is the contract's
# estimated total value in NOK excl. VAT; `maksverdi` a framework agreement's maximum
# value (what purchasing analysis measures consumption against, when given).
FIELDS = (
    "kontrakt_id",
    "tittel",
    "leverandor",
    "org_nr",
    "eier",
    "kategori",
    "avtaletype",
    "start",
    "slutt",
    "opsjoner",
    "opsjon_varsel_mnd",
    "fornyes_automatisk",
    "oppsigelse_mnd",
    "ledetid_mnd",
    "status",
    "verdi",
    "maksverdi",
    "endringer",
)
REQUIRED = ("kontrakt_id", "slutt")

# How each field reads to a person (for messages about missing columns).
LABELS: dict[str, str] = {
    "kontrakt_id": N_("Contract id"),
    "tittel": N_("Title"),
    "leverandor": N_("Supplier"),
    "org_nr": N_("Org. no."),
    "eier": N_("Contract owner"),
    "kategori": N_("Category"),
    "avtaletype": N_("Agreement type"),
    "start": N_("Start date"),
    "slutt": N_("End date"),
    "opsjoner": N_("Options"),
    "opsjon_varsel_mnd": N_("Option notice period"),
    "fornyes_automatisk": N_("Automatic renewal"),
    "oppsigelse_mnd": N_("Termination notice period"),
    "ledetid_mnd": N_("Lead time"),
    "status": N_("Status"),
    "verdi": N_("Value"),
    "maksverdi": N_("Maximum value"),
    "endringer": N_("Amendments"),
}

# Headers seen in Norwegian offices' registers and in English ones, written as people
# write them; they are compared by `header_key`, so case, spaces, punctuation and
# æøå do not matter here.
_ALIASES: dict[str, tuple[str, ...]] = {
    "kontrakt_id": (
        "Kontrakt-ID", "Kontraktsnr", "Kontraktnr", "Kontraktsnummer", "Kontraktnummer",
        "Avtalenr", "Avtalenummer", "Avtale-ID", "Avtale nr", "Kontrakt nr", "Kontrakts-ID",
        "Referanse", "Ref.nr.", "Saksnr. kontrakt", "Contract ID", "Contract no",
        "Contract number", "Agreement ID", "Agreement no", "Reference",
    ),
    "tittel": (
        "Tittel", "Avtalenavn", "Avtalenamn", "Kontraktsnavn", "Kontraktnavn", "Navn på avtale",
        "Navn på kontrakt", "Avtale", "Kontrakt", "Beskrivelse", "Anskaffelse", "Navn",
        "Title", "Name", "Contract name", "Agreement name", "Contract title", "Description",
    ),
    "leverandor": (
        "Leverandør", "Leverandørnavn", "Leverandør navn", "Leverandøren", "Firma",
        "Supplier", "Supplier name", "Vendor", "Contractor",
    ),
    "org_nr": (
        "Org.nr.", "Org nr", "Orgnr", "Organisasjonsnummer", "Org.nummer", "Leverandørens org.nr.",
        "Org.nr. leverandør", "Leverandør org.nr.", "Organisasjonsnr", "Org. no.",
        "Organisation number", "Organization number", "Company number", "Supplier org no",
    ),
    "eier": (
        "Eier", "Kontraktseier", "Kontraktseier e-post", "Kontraktsansvarlig",
        "Kontraktansvarlig", "Avtaleansvarlig", "Avtaleeier", "Avtaleforvalter",
        "Kontraktsforvalter", "Ansvarlig", "Ansvarlig e-post", "Owner", "Contract owner",
        "Contract manager", "Responsible", "Owner e-mail",
    ),
    "kategori": (
        "Kategori", "Innkjøpskategori", "Anskaffelseskategori", "Område", "Fagområde",
        "Innkjøpsområde", "Category", "Procurement category",
    ),
    "avtaletype": (
        "Avtaletype", "Kontraktstype", "Kontrakttype", "Type avtale", "Type kontrakt", "Type",
        "Avtaleform", "Agreement type", "Contract type", "Rammeavtale", "Er rammeavtale",
        "Framework agreement", "Framework",
    ),
    "start": (
        "Start", "Startdato", "Avtalestart", "Kontraktsstart", "Fra dato", "Fra", "Gyldig fra",
        "Oppstart", "Ikrafttredelse", "Start date", "Valid from", "From",
    ),
    "slutt": (
        "Slutt", "Sluttdato", "Utløpsdato", "Utløper", "Utløp", "Avtaleslutt", "Kontraktsslutt",
        "Til dato", "Til", "Gyldig til", "Gjeldende sluttdato", "Dagens sluttdato",
        "Nåværende sluttdato", "End", "End date", "Expiry", "Expiry date", "Expires",
        "Valid to", "Valid until", "Current end date",
    ),
    "opsjoner": (
        "Opsjoner", "Opsjon", "Opsjoner igjen", "Gjenstående opsjoner", "Opsjonar",
        "Forlengelse", "Forlengelsesopsjoner", "Opsjon på forlengelse", "Opsjoner (år)",
        "Forlengelsesmulighet", "Forlengelsesmuligheter", "Mulighet for forlengelse",
        "Gjenstående forlengelser",
        "Options", "Extension options", "Renewal options", "Options left",
    ),
    "opsjon_varsel_mnd": (
        "Varsel opsjon", "Opsjon varsel", "Varsel om opsjon", "Varslingsfrist opsjon",
        "Varslingsfrist", "Varslingstid", "Frist for å utløse opsjon", "Opsjon utløses innen",
        "Frist for varsel om opsjon", "Opsjonsvarsel", "Opsjonsfrist", "Frist opsjon",
        "Option notice", "Option notice period", "Notice for options",
    ),
    "fornyes_automatisk": (
        "Automatisk fornyelse", "Fornyes automatisk", "Auto fornyelse", "Autofornyelse",
        "Forlenges automatisk", "Automatisk forlenget", "Fornyast automatisk",
        "Automatisk forlengelse", "Forlenges automatisk", "Løpende avtale", "Løpende",
        "Automatic renewal", "Auto renewal", "Auto-renew", "Renews automatically", "Evergreen",
    ),
    "oppsigelse_mnd": (
        "Oppsigelsestid", "Oppsigelse", "Oppsigelsesfrist", "Frist for oppsigelse",
        "Oppseiingstid", "Oppseiing", "Oppseiingsfrist",
        "Termination notice", "Notice period", "Termination notice period",
    ),
    "ledetid_mnd": (
        "Ledetid", "Ledetid ny anskaffelse", "Ledetid anskaffelse", "Tid til ny anskaffelse",
        "Lead time", "Re-tender lead time", "Procurement lead time",
    ),
    "status": ("Status", "Avtalestatus", "Kontraktsstatus", "Contract status"),
    "verdi": (
        "Verdi", "Kontraktsverdi", "Avtaleverdi", "Estimert verdi", "Anslått verdi",
        "Estimert kontraktsverdi", "Total verdi", "Verdi eks. mva", "Value", "Contract value",
        "Estimated value", "Total value",
    ),
    "maksverdi": (
        "Maksverdi", "Maksimal verdi", "Maksimalverdi", "Maks verdi", "Maksimal kontraktsverdi",
        "Rammeavtalens maksverdi", "Øvre ramme", "Maksimal ramme", "Maximum value", "Max value",
    ),
    "endringer": ("Endringer", "Endringslogg", "Endringshistorikk", "Amendments", "Changes"),
}  # fmt: skip

# A unit in a header ("Varsel opsjon (mnd)", "Oppsigelsestid i dager") says what a bare
# number in that column means; it is not part of the column's name.
_UNIT_WORDS = {
    "mnd": "months",
    "mndr": "months",
    "maned": "months",
    "maneder": "months",
    "manad": "months",
    "manader": "months",
    "months": "months",
    "month": "months",
    "ar": "years",
    "years": "years",
    "year": "years",
    "dager": "days",
    "dagar": "days",
    "days": "days",
    "i": "",
    "ja": "",
    "nei": "",
    "yes": "",
    "no": "",
    "j": "",
    "n": "",
    "y": "",
    "nok": "",
    "kr": "",
    "eks": "",
    "mva": "",
    "ekskl": "",
    "antall": "",
    "number": "",
    "of": "",
    "in": "",
}
# A header saying "the current one" beats a plain one for the same field, and one saying
# "the original one" never counts: "Gjeldende sluttdato" is the end date, "Opprinnelig
# sluttdato" is history.
_CURRENT = ("gjeldende", "navaerende", "dagens", "current", "gjenstaende", "igjen", "remaining",
            "oppdatert", "ny")  # fmt: skip
_HISTORY = ("opprinnelig", "original", "forste", "tidligere", "gammel", "previous", "initial")
# Headers whose yes/no values answer "is this a framework agreement?".
YES_NO_FRAMEWORK = frozenset(
    {"rammeavtale", "errammeavtale", "frameworkagreement", "framework", "isframework"}
)
# Columns SharePoint adds to every list and to its "Export to CSV": never register fields,
# never worth a note.
SYSTEM_HEADERS = frozenset(
    {"id", "innholdstype", "elementtype", "bane", "endret", "endretav", "opprettet",
     "opprettetav", "vedlegg", "contenttype", "itemtype", "path", "modified", "modifiedby",
     "created", "createdby", "attachments", "versjon", "version"}
)  # fmt: skip
_SHAREPOINT_ESCAPE = re.compile(r"_x([0-9a-fA-F]{4})_")
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u"})
_WORDS = re.compile(r"[a-z0-9]+")


def decode_internal_name(name: str) -> str:
    """SharePoint's internal column names escape characters as `_xHHHH_`."""
    return _SHAREPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), name)


def _words(header: str) -> list[str]:
    text = decode_internal_name(str(header)).casefold().translate(_FOLD)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return _WORDS.findall(text)


def header_key(header: str) -> str:
    """The comparable form of a header: 'Varsel opsjon (mnd)' -> 'varselopsjon'."""
    words = _words(header)
    while len(words) > 1 and words[-1] in _UNIT_WORDS:
        words.pop()
    return "".join(words)


def header_unit(header: str) -> str:
    """'months', 'years', 'days' when the header names a unit, else ''."""
    words = _words(header)
    while len(words) > 1 and words[-1] in _UNIT_WORDS:
        unit = _UNIT_WORDS[words.pop()]
        if unit:
            return unit
    return ""


_KNOWN: dict[str, str] = {}
for _field in FIELDS:
    _KNOWN[header_key(_field)] = _field
    for _alias in _ALIASES[_field]:
        _KNOWN.setdefault(header_key(_alias), _field)


class ColumnMappingError(InputError):
    """The office's own column mapping could not be used."""


def parse_mapping(text: str) -> dict[str, str]:
    """`kontrakt_id=Avtalenr; slutt=Utløper` (or one pair per line, or JSON) -> mapping.

    A value that names an existing file is read as such a file.
    """
    raw = text.strip()
    if not raw:
        return {}
    if "=" not in raw and not raw.startswith("{"):
        path = Path(raw)
        try:
            raw = path.read_text(encoding="utf-8-sig").strip()
        except OSError as exc:
            raise ColumnMappingError(
                "columns",
                "“{raw}” is neither a readable file ({reason}) nor a column mapping: write "
                "e.g. “kontrakt_id=Contract no; slutt=Expires”.",
                raw=raw,
                reason=exc.strerror or exc,
            ) from exc
    pairs: dict[str, str] = {}
    if raw.startswith("{"):
        try:
            loaded = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ColumnMappingError(
                "columns",
                "The column file is not valid JSON ({msg}, line {lineno}).",
                msg=exc.msg,
                lineno=exc.lineno,
            ) from exc
        if not isinstance(loaded, dict):
            loaded = {}
        pairs = {str(k): str(v) for k, v in loaded.items()}
    else:
        for part in re.split(r"[;\n]", raw):
            if not part.strip() or part.strip().startswith("#"):
                continue
            name, sep, header = part.partition("=")
            if not sep or not header.strip():
                raise ColumnMappingError(
                    "columns",
                    "“{part}” in the column mapping lacks “=”: write e.g. “slutt=Expiry date”.",
                    part=part.strip(),
                )
            pairs[name.strip()] = header.strip()
    mapping: dict[str, str] = {}
    for name, header in pairs.items():
        canonical = _KNOWN.get(header_key(name))
        if canonical is None:
            raise ColumnMappingError(
                "columns",
                "“{name}” is not a field of the contract register. The fields are: {fields}.",
                name=name,
                fields=", ".join(FIELDS),
            )
        mapping[canonical] = header
    return mapping


@dataclass(frozen=True)
class ColumnMatch:
    """Field -> position in the row, and the office's own header for each field."""

    positions: dict[str, int] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    found: tuple[str, ...] = ()  # every non-empty header of the row, as written
    # Headers that also looked like a field but were not used for it: (field, header).
    passed_over: tuple[tuple[str, str], ...] = ()

    @property
    def unused(self) -> tuple[str, ...]:
        """Headers the register does not read: said, so nothing is ignored in silence
        (SharePoint's own columns aside)."""
        used = set(self.headers.values())
        return tuple(h for h in self.found if h not in used and header_key(h) not in SYSTEM_HEADERS)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(f for f in REQUIRED if f not in self.positions)

    @property
    def complete(self) -> bool:
        return not self.missing

    def header(self, name: str) -> str:
        """The office's header for a field (the field's label when it has none)."""
        return self.headers.get(name) or tr("nb", LABELS[name])


def match_columns(
    headers: Sequence[object], mapping: Mapping[str, str] | None = None
) -> ColumnMatch:
    """Match one header row. The office's mapping wins; then each header by its key.

    A field is taken by the first column that matches it, so a second 'Status' column
    cannot silently replace the first.
    """
    wanted = {header_key(h): f for f, h in (mapping or {}).items()}
    chosen: dict[str, tuple[int, int, str, str]] = {}  # field -> (rank, index, shown, text)
    passed: list[tuple[str, str]] = []
    found: list[str] = []
    for index, cell in enumerate(headers):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        shown = decode_internal_name(text)
        found.append(shown)
        key = header_key(text)
        if key in wanted:
            name: str | None = wanted[key]
            rank = 3
        else:
            name, rank = _field_of(key)
            if name is not None and mapping and name in mapping:
                name = None  # the office said this field lives in another column
        if name is None:
            continue
        if rank < 0:
            passed.append((name, shown))
            continue
        held = chosen.get(name)
        if held is None or rank > held[0]:
            if held is not None:
                passed.append((name, held[2]))
            chosen[name] = (rank, index, shown, text)
        else:
            passed.append((name, shown))
    positions = {name: held[1] for name, held in chosen.items()}
    names = {name: held[2] for name, held in chosen.items()}
    units: dict[str, str] = {}
    for name, held in chosen.items():
        if unit := header_unit(held[3]):
            units[name] = unit
        if name == "avtaletype" and header_key(held[3]) in YES_NO_FRAMEWORK:
            units[name] = "yes_no"
    return ColumnMatch(positions, names, units, tuple(found), tuple(passed))


def _field_of(key: str) -> tuple[str | None, int]:
    """The field a header names and how sure: 1 for "the current …", 0 for a plain name,
    -1 for "the original …" (history, never read)."""
    for prefix in _HISTORY:
        if key.startswith(prefix) and key[len(prefix) :] in _KNOWN:
            return _KNOWN[key[len(prefix) :]], -1
    current = next((p for p in _CURRENT if key.startswith(p) and len(key) > len(p) + 2), "")
    if key in _KNOWN:
        return _KNOWN[key], 1 if current else 0
    if current and key[len(current) :] in _KNOWN:
        return _KNOWN[key[len(current) :]], 1
    return None, 0


def best_header(
    rows: Iterable[Sequence[object]], mapping: Mapping[str, str] | None = None, limit: int = 20
) -> tuple[int, ColumnMatch] | None:
    """The header row among the first `limit` rows: the one matching most fields, the
    required ones first. (0-based index, match), or None when no row names any field."""
    best: tuple[tuple[bool, int], int, ColumnMatch] | None = None
    for index, row in enumerate(rows):
        if index >= limit:
            break
        match = match_columns(row, mapping)
        score = (match.complete, len(match.positions))
        if match.positions and (best is None or score > best[0]):
            best = (score, index, match)
    return None if best is None else (best[1], best[2])
