"""An independent review's attempts to make the terms reader propose a confident wrong
value, each with what a contract manager reads in it (worked out by hand). A value is
right, absent, or marked for checking; never wrong without a mark."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from skills.contracts.terms import extract_terms
from skills.contracts.terms_review import Choice, DocumentTerms, choose_findings, resolve

CHECKED = "checked"  # the value may be anything, but it must carry a check
ABSENT = None


@dataclass(frozen=True)
class P:
    text: str
    page: int | None = None
    paragraph: int = 1
    kind: str = ""
    cells: tuple[str, ...] = ()


def row(*cells: str) -> P:
    return P(" | ".join(cells), kind="row", cells=cells)


def document(name: str, *texts: str | P, signed: bool = True, day: int = 1) -> DocumentTerms:
    passages = [t if isinstance(t, P) else P(t) for t in texts]
    passages = [P(p.text, p.page, n, p.kind, p.cells) for n, p in enumerate(passages, 1)]
    proposal = extract_terms(passages, name)
    return DocumentTerms(name, datetime(2025, 1, day, tzinfo=UTC), signed, proposal)


def resolved(*documents: DocumentTerms) -> dict[str, Choice]:
    return resolve(choose_findings(list(documents)))


def check(found: dict[str, Choice], expected: dict[str, str | None]) -> None:
    for field, want in expected.items():
        got = found.get(field)
        if want is ABSENT:
            assert got is None or got.finding.checks, f"{field}: {got}"
        elif want == CHECKED:
            assert got is not None and got.finding.checks, f"{field}: {got}"
        else:
            assert got is not None, f"{field} not found"
            assert got.finding.value == want, f"{field}: {got.finding}"


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Dersom avtalen fornyes automatisk, skal Leverandøren varsle Kunden."],
         {"fornyes_automatisk": ABSENT}),
        ([row("Automatisk fornyelse (ja/nei)", "Nei")], {"fornyes_automatisk": "nei"}),
        ([row("Fornyes avtalen automatisk?", "Nei")], {"fornyes_automatisk": "nei"}),
        ([row("3.2", "Automatisk fornyelse", "Nei")], {"fornyes_automatisk": "nei"}),
        ([row("Automatisk fornyelse", "Gjelder ikke")], {"fornyes_automatisk": "nei"}),
        ([row("Automatisk fornyelse", "Avtalen har ingen bestemmelse om automatisk fornyelse")],
         {"fornyes_automatisk": "nei"}),
        (["Det er ikke avtalt automatisk fornyelse."], {"fornyes_automatisk": "nei"}),
        (["Automatisk fornyelse er uaktuelt."], {"fornyes_automatisk": "nei"}),
        (["Avtalen skal verken fornyes automatisk eller forlenges stilltiende."],
         {"fornyes_automatisk": "nei"}),
        (["Avtalen skal ikke under noen omstendighet fornyes automatisk."],
         {"fornyes_automatisk": "nei"}),
        (["Bestemmelsen om automatisk fornyelse i SSA-L punkt 2.2 gjelder ikke."],
         {"fornyes_automatisk": "nei"}),
        (["Punkt 2.2 om automatisk fornyelse kommer ikke til anvendelse."],
         {"fornyes_automatisk": "nei"}),
        (["SSA-L punkt 2.2 (automatisk fornyelse) er strøket."], {"fornyes_automatisk": "nei"}),
        (["There is no automatic renewal."], {"fornyes_automatisk": "nei"}),
        (["Automatic renewal does not apply."], {"fornyes_automatisk": "nei"}),
        # A table that says no beside general terms that mention renewal as a condition.
        (["Dersom avtalen fornyes automatisk, gjelder punkt 9.",
          row("Automatisk fornyelse", "Nei")], {"fornyes_automatisk": "nei"}),
    ],
)  # fmt: skip
def test_automatic_renewal(texts: list[str | P], expected: dict[str, str | None]) -> None:
    check(resolved(document("Avtale.docx", *texts)), expected)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Avtalen gjelder fra 1. mars 2025 og løper i 3 år. Eksisterende avtale om drift av "
          "skrivere utløper 31. desember 2025."], {"slutt": "2028-02-29"}),
        (["Avtalen gjelder fra 1. mars 2025 og løper i 3 år. Leverandørens avtale med "
          "underleverandøren utløper 30. juni 2026."], {"slutt": "2028-02-29"}),
        (["Avtalen gjelder fra 1. mars 2025 og løper i 3 år. Dagens avtale utløper 28. februar "
          "2025."], {"slutt": "2028-02-29"}),
        # Another agreement's end that does not fit start + term is marked, not trusted.
        (["Avtalen gjelder fra 1. mars 2025 og løper i 3 år.",
          "Avtalen om overgangsbistand gjelder til og med 31. august 2027."],
         {"slutt": CHECKED}),
        (["Avtalen trer i kraft 1. mars 2025, men prisene gjelder til og med 31. august 2025."],
         {"start": "2025-03-01", "slutt": ABSENT}),
        (["Periode 1: 01.01.2025–31.12.2025"], {"start": ABSENT, "slutt": ABSENT}),
        (["Avtalens priser gjelder i 12 måneder fra avtalestart."], {"varighet_mnd": ABSENT}),
        (["Avtalen løper i 4 år, inkludert opsjon på forlengelse i 1+1 år."],
         {"varighet_mnd": ABSENT, "opsjoner": "1+1"}),
        ([row("Varighet", "4 år inkludert opsjoner")], {"varighet_mnd": ABSENT}),
        (["Avtalen gjelder i 999 år."], {"varighet_mnd": ABSENT, "slutt": ABSENT}),
        (["Avtalen skal gjelde i 2 år."], {"varighet_mnd": "24"}),
        (["Avtalen skal ha en varighet på 2 år."], {"varighet_mnd": "24"}),
        (["Avtalen skal løpe i 2 år."], {"varighet_mnd": "24"}),
        (["Avtalen er gyldig i 3 år."], {"varighet_mnd": "36"}),
        (["Denne avtalen, med bilag, gjelder i to år."], {"varighet_mnd": "24"}),
        ([row("Avtalens varighet", "36 måneder fra 01.03.2025")],
         {"varighet_mnd": "36", "start": "2025-03-01", "slutt": "2028-02-29"}),
        (["This agreement is valid from 1 March 2025 to 28 February 2027."],
         {"start": "2025-03-01", "slutt": "2027-02-28"}),
        # Two terms in one document: the first is shown, marked.
        (["Avtalen gjelder i 2 år.", row("Varighet", "3 år")], {"varighet_mnd": CHECKED}),
    ],
)  # fmt: skip
def test_period(texts: list[str | P], expected: dict[str, str | None]) -> None:
    check(resolved(document("Avtale.docx", *texts)), expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Avtalen kan forlenges med inntil 2 år, ett år av gangen.", "1+1"),
        ("Avtalen kan forlenges med 1 år, maksimalt 2 ganger.", "1+1"),
        ("Oppdragsgjevar kan forlengje avtala med eitt år to gonger.", "1+1"),
        ("The Customer may extend the Agreement by one year, up to two times.", "1+1"),
        ("Avtalen kan forlenges med inntil ett år av gangen, til sammen inntil to år.", "1+1"),
        ("Oppdragsgiver kan forlenge avtalen i 1 år, og deretter ytterligere 1 år.", "1+1"),
        ("Oppdragsgiver har opsjon på forlengelse i to perioder à 12 måneder.", "1+1"),
        ("Avtalen kan forlenges 2 ganger med 1 år.", "1+1"),
        ("Avtalen kan ikke forlenges utover opsjonen på ett år.", "1"),
        ("Oppdragsgiver har opsjon på forlengelse i 1 år og 6 måneder.", ABSENT),
        ("Samlet varighet inkludert opsjoner er maksimalt 4 år.", ABSENT),
    ],
)
def test_options(text: str, expected: str | None) -> None:
    check(resolved(document("Avtale.docx", text)), {"opsjoner": expected})


def test_a_priced_option_row_is_no_extension_and_a_yes_row_is_read() -> None:
    priced = document(
        "Avtale.docx",
        row("Opsjon", "12 måneder utvidet garanti, kr 4 500"),
        "Avtalen gjelder i 2 år med opsjon på forlengelse 1 + 1 år.",
    )
    check(resolved(priced), {"opsjoner": "1+1"})
    check(resolved(document("Avtale.docx", row("Opsjon", "Ja, 1+1 år"))), {"opsjoner": "1+1"})


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Leverandøren kan si opp avtalen med 6 måneders varsel. Kunden kan si opp avtalen med "
          "1 måneds varsel."], {"oppsigelse_mnd": CHECKED}),
        (["Avtalen har 6 måneders gjensidig oppsigelsestid."], {"oppsigelse_mnd": "6"}),
        (["Oppsigelsestid: 999 måneder"], {"oppsigelse_mnd": ABSENT}),
        (["Oppsigelsestiden er 0 dager."], {"oppsigelse_mnd": ABSENT}),
        (["Avtalen kan sies opp med minimum 90 kalenderdagers varsel."],
         {"oppsigelse_mnd": CHECKED}),
    ],
)  # fmt: skip
def test_notices(texts: list[str | P], expected: dict[str, str | None]) -> None:
    check(resolved(document("Avtale.docx", *texts)), expected)


def test_a_start_at_signing_needs_a_signature_block_not_any_date() -> None:
    found = resolved(
        document(
            "Avtale.docx",
            "Avtalen trer i kraft ved signering og gjelder i to år.",
            "Tilbudet er datert 10. januar 2025.",
            "Leverandøren skal levere utstyret innen 1. mai 2025.",
        )
    )
    check(found, {"start": ABSENT, "varighet_mnd": "24", "slutt": ABSENT})


CONTRACT = (
    "Avtalen gjelder fra 1. mars 2024 til og med 28. februar 2026.",
    "Oppdragsgiver har opsjon på forlengelse 1 + 1 år.",
)


def test_an_amendment_in_other_words_still_moves_the_end() -> None:
    found = resolved(
        document("Rammeavtale signert.pdf", *CONTRACT),
        document(
            "Tilleggsavtale 1 signert.docx",
            "Tilleggsavtale nr. 1",
            "Oppdragsgiver benytter den første opsjonen. Avtalen forlenges med ett år, til "
            "28. februar 2027.",
            day=20,
        ),
    )
    check(found, {"slutt": "2027-02-28", "opsjoner": CHECKED, "start": "2024-03-01"})


@pytest.mark.parametrize(
    "sentence",
    [
        "Avtalens sluttdato endres til 28.02.2027.",
        "Ny sluttdato for avtalen er 28.02.2027.",
        "Kontrakten løper nå til 28.02.2027.",
        "Sluttdato endres fra 28.02.2026 til 28.02.2027.",
    ],
)
def test_amendment_wordings_for_a_new_end(sentence: str) -> None:
    amendment = document("Tilleggsavtale 2 signert.docx", "Tilleggsavtale nr. 2", sentence, day=9)
    found = resolved(document("Rammeavtale signert.pdf", *CONTRACT), amendment)
    check(found, {"slutt": "2027-02-28"})
    assert found["slutt"].finding.checks == ()


def test_an_amendment_with_nothing_readable_marks_the_older_period_values() -> None:
    found = resolved(
        document("Rammeavtale signert.pdf", *CONTRACT),
        document("Tilleggsavtale 1 signert.docx", "Tilleggsavtale nr. 1", "Se vedlegg.", day=20),
    )
    check(found, {"slutt": CHECKED, "opsjoner": CHECKED})


def test_an_amendments_background_under_a_typed_heading_is_not_its_change() -> None:
    amendment = document(
        "Tilleggsavtale 1 signert.docx",
        "Tilleggsavtale nr. 1 til rammeavtale 2024-011",
        "Bakgrunn",
        "Rammeavtalen gjelder til og med 28. februar 2026, med opsjon på forlengelse i 1 + 1 år.",
        "Endring",
        "Avtalen forlenges til og med 28. februar 2027. Det gjenstår én opsjon på ett år.",
        "Tilleggsavtalen trer i kraft ved signering.",
        "For Kunden",
        "Sted/dato: Hamar, 20.11.2025",
        day=20,
    )
    found = resolved(document("Rammeavtale signert.pdf", *CONTRACT), amendment)
    check(found, {"slutt": "2027-02-28", "opsjoner": "1", "start": "2024-03-01"})
    assert found["slutt"].finding.checks == () and found["opsjoner"].finding.checks == ()


def test_two_signed_amendments_the_later_supersedes_the_earlier() -> None:
    found = resolved(
        document("Rammeavtale signert.pdf", *CONTRACT),
        document("Tilleggsavtale 1 signert.docx", "Tilleggsavtale nr. 1",
                 "Avtalen forlenges til og med 28.02.2027.", day=10),
        document("Tilleggsavtale 2 signert.docx", "Tilleggsavtale nr. 2",
                 "Avtalen forlenges til og med 29.02.2028. Det gjenstår ingen opsjoner.", day=20),
    )  # fmt: skip
    check(found, {"slutt": "2028-02-29", "opsjoner": ""})
    assert found["slutt"].finding.checks == () and found["slutt"].conflicts == ()
    assert {c.value for c in found["slutt"].superseded} == {"2027-02-28", "2026-02-28"}


def test_a_computed_end_carries_the_doubt_of_a_term_in_conflict() -> None:
    found = resolved(
        document("Kontrakt signert.docx", "Kontrakten gjelder fra 1. mars 2025 og løper i 2 år."),
        document("Kontrakt utkast v2.docx", "Kontrakten løper i 3 år.", signed=False, day=20),
    )
    assert found["varighet_mnd"].finding.checks == ("conflict",)
    assert found["slutt"].finding.value == "2027-02-28"
    assert "conflict" in found["slutt"].finding.checks
