"""Keep the message catalogues in step with the code: extract, update, compile, check.

`python -m skills.locale.build` extracts every message id from the code with Babel,
updates the bokmål, nynorsk and English `.po` files (new ids get an empty translation,
ids no longer in the code are dropped) and compiles the `.mo` files the product reads.
`--check` changes nothing and fails if a catalogue lacks a message another has, a
translation is empty or drops a placeholder, or a file on disk is not what the code
and the `.po` files give; `make test` runs it.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from skills.i18n import DOMAIN, LANGS, LOCALE_DIR

ROOT = LOCALE_DIR.parent.parent
SOURCES = ("bot", "skills", "graph")
# The functions whose arguments are message ids: the argument positions (1-based).
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "tr": (2,),
    "tr_n": (2, 3),
    "N_": None,
    "Phrase": (1,),
    "InputError": (2,),
    "ScheduleError": (2,),
    "BriefError": (2,),
    "ColumnMappingError": (2,),
    "RegisterFileError": (2,),
    "LedgerFileError": (2,),
    "RegisterFormatError": (1,),
    "_problem": (1,),
    "ValueProblem": (1,),
    "DateProblem": (1,),
    "Problem": (1,),
}
_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z_0-9]*)")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


def extracted() -> Catalog:
    """Every message id in the code, as a template catalogue."""
    template = Catalog(domain=DOMAIN, fuzzy=False)
    for source in SOURCES:
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / source,
            keywords=KEYWORDS,
            directory_filter=lambda path: "localtenant" not in path,
        ):
            template.add(message)
    return template


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN)
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def updated(lang: str, template: Catalog) -> Catalog:
    """`lang`'s catalogue holding exactly the template's ids; English translates to itself."""
    old = _read(lang)
    fresh = Catalog(
        locale=lang,
        domain=DOMAIN,
        project="anskaffelsesassistenten",
        header_comment=f"# {DOMAIN}: texts the procurement assistant shows ({lang}).",
        fuzzy=False,
    )
    # The dates in the header stay as they were, so a check compiles the same bytes.
    fresh.creation_date = old.creation_date
    fresh.revision_date = old.revision_date
    for message in template:
        if not message.id:
            continue
        previous = old.get(message.id)
        string: str | tuple[str, ...]
        if lang == "en":
            string = _ids(message) if isinstance(message.id, tuple | list) else _ids(message)[0]
        elif previous is not None and any(_strings(previous)):
            strings = _strings(previous)
            string = strings if isinstance(message.id, tuple | list) else strings[0]
        else:
            string = ("", "") if isinstance(message.id, tuple | list) else ""
        fresh.add(message.id, string)
    return fresh


def _ids(message: Message) -> tuple[str, ...]:
    found = message.id if isinstance(message.id, tuple | list) else (message.id,)
    return tuple(str(text) for text in found)


def _strings(message: Message) -> tuple[str, ...]:
    found = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return tuple(str(text or "") for text in found)


def problems(lang: str, catalogue: Catalog) -> Iterator[str]:
    """Missing translations and placeholders that a translation drops or invents."""
    for message in catalogue:
        if not message.id:
            continue
        wanted = {p for text in _ids(message) for p in _PLACEHOLDER.findall(text)}
        for string in _strings(message):
            if not string:
                yield f"{lang}: no translation for {_ids(message)[0]!r}"
                continue
            got = set(_PLACEHOLDER.findall(string))
            if got - wanted or (wanted - got) - {"n"}:
                yield f"{lang}: placeholders {sorted(got)} != {sorted(wanted)} in {string!r}"


def rendered(catalogue: Catalog) -> tuple[bytes, bytes]:
    po, mo = io.BytesIO(), io.BytesIO()
    write_po(po, catalogue, width=96, omit_header=False, sort_output=True, no_location=True)
    write_mo(mo, catalogue)
    return po.getvalue(), mo.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail if stale")
    args = parser.parse_args(argv)
    template = extracted()
    failures: list[str] = []
    for lang in LANGS:
        catalogue = updated(lang, template)
        failures.extend(problems(lang, catalogue))
        po, mo = rendered(catalogue)
        po_file = po_path(lang)
        mo_file = po_file.with_suffix(".mo")
        if args.check:
            if not po_file.exists() or _strip_date(po_file.read_bytes()) != _strip_date(po):
                failures.append(f"{po_file.relative_to(ROOT)} is not up to date with the code")
            if not mo_file.exists() or mo_file.read_bytes() != mo:
                failures.append(f"{mo_file.relative_to(ROOT)} is not compiled from its .po")
            continue
        po_file.parent.mkdir(parents=True, exist_ok=True)
        if not po_file.exists() or _strip_date(po_file.read_bytes()) != _strip_date(po):
            po_file.write_bytes(po)
        mo_file.write_bytes(mo)
    for failure in failures:
        print(failure, file=sys.stderr)
    if failures and args.check:
        print("Run `make texts`, then translate what is empty.", file=sys.stderr)
    print(f"{len(template)} messages, {len(LANGS)} catalogues, {len(failures)} problems")
    return 1 if failures else 0


def _strip_date(po: bytes) -> bytes:
    """The header's creation date changes on every run; it is not content."""
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*"\n', b"", po)


if __name__ == "__main__":
    sys.exit(main())
