"""The whole draft from a brief: the .docx read back with python-docx, the mail and the
guard that keeps a writer to its four prose fields."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from skills.market_dialogue.brief import Brief, parse_brief
from skills.market_dialogue.draft import build_draft
from skills.market_dialogue.prose import Example, Prose
from skills.market_dialogue.schedule import Schedule, nb_date, weekday
from tests.skills.market_dialogue.helpers import (
    SECTIONS,
    all_text,
    assert_working_days_in_order,
    dates_in,
    example_data,
    headings,
    schedule_rows,
    sections,
)

TODAY = date(2026, 11, 25)
FURNITURE = Example(
    name="Invitasjon til markedsdialog - Skolemøbler 2022",
    url="https://tenant.example/sites/innkjop/Saker/2022-003/invitasjon.docx",
    text="\n".join(
        [
            "Invitasjon til markedsdialog – rammeavtale for skolemøbler",
            "Bakgrunn",
            "Dagens avtale om skolemøbler og elevpulter utløper 31.05.2023.",
            "Praktisk informasjon",
            "Konferansen holdes i Fylkeshuset 14.02.2023 kl. 09.00. Presentasjonen sendes alle "
            "påmeldte etter konferansen. Innspill kan gis på norsk, svensk, dansk eller engelsk.",
            "Likebehandling og informasjonsdeling",
            "Alle får samme informasjon.",
        ]
    ),
)
CLEANING = Example(
    name="Invitasjon til markedsdialog - Renhold",
    url="https://tenant.example/sites/innkjop/Saker/2024-010/invitasjon.docx",
    text="Praktisk informasjon\nRenholdsbyråer bes ta med referanser fra skoler og sykehjem.",
)


async def test_every_section_and_every_date() -> None:
    brief = parse_brief(example_data())
    draft = await build_draft(brief, TODAY)
    assert headings(draft.docx) == SECTIONS
    found = sections(draft.docx)
    rows = schedule_rows(draft.docx)
    assert [label for label, _, _ in rows] == [
        "Kunngjøring på Doffin",
        "Frist for påmelding",
        "Dialogkonferanse",
        "En-til-en-møter, dag 1",
        "En-til-en-møter, dag 2",
    ]
    assert rows == [
        (row[0], nb_date(day), weekday(day))
        for row, (_, day) in zip(rows, draft.schedule.items(), strict=True)
    ]
    assert rows[2][1:] == ("13.01.2027", "onsdag")  # the officer's fixed conference date
    assert_working_days_in_order([d for _, d in draft.schedule.items()], TODAY)
    assert all(d >= TODAY for d in dates_in(found["Dialogformer og program"]))
    assert "onsdag 13.01.2027" in found["Dialogformer og program"]
    assert "mandag 18.01.2027 – tirsdag 19.01.2027" in found["Dialogformer og program"]
    assert "innen mandag 14.12.2026" in found["Påmelding"]
    questions = found["Hva vi ønsker innspill på"].splitlines()
    assert [q.split(" ", 1)[0] for q in questions[-4:]] == ["1.", "2.", "3.", "4."]
    assert questions[-1] == f"4. {brief.questions[3]}"
    assert brief.need in found["Behov og formål"] and brief.purpose in found["Behov og formål"]
    assert "12 000 000 kr" in found["Bakgrunn"]
    equal = found["Likebehandling og informasjonsdeling"]
    for part in (
        "samme informasjonen",
        "Spørsmål og svar fra markedsdialogen deles med alle",
        "ingen fordel",
        "ingen ulempe å ikke delta",
        "ikke en konkurranse og forplikter ikke Felles innkjøp",
        "etter at konkurransen er kunngjort, kan ikke brukes",
        # The input may be used, at the buyer's discretion; no absolute promise of secrecy.
        "kan bli brukt i arbeidet med konkurransegrunnlaget",
        "avgjør selv om og hvordan de brukes",
        "utjevne den ved å gi den samme informasjonen til alle",
        "(anskaffelsesforskriften § 9-3 og § 12-2)",
    ):
        assert part in equal
    assert "deles ikke med andre leverandører" not in equal
    secrets = found["Forretningshemmeligheter og innsyn"]
    assert "forvaltningsloven § 13" in secrets and "offentleglova § 13" in secrets
    assert "Merk slike opplysninger" in secrets
    # Section numbers are written out, never abbreviated (DFØ cites FOA § 9-3 and § 12-2).
    assert "FOA" not in all_text(draft.docx)
    assert found["Kontakt"] == "Ingrid Haugen, ingrid.haugen@innkjop.example.no\nFelles innkjøp"
    assert draft.file_name == "Invitasjon til markedsdialog - Rammeavtale for skolemøbler.docx"
    assert draft.mail_subject == "Invitasjon til markedsdialog – Rammeavtale for skolemøbler"
    assert "onsdag 13.01.2027" in draft.mail_html and "<li>" in draft.mail_html
    assert draft.doffin.title_en is not None
    assert draft.examples_used == ()


async def test_the_closest_example_lends_its_generic_wording() -> None:
    brief = parse_brief(example_data())
    draft = await build_draft(brief, TODAY, examples=[CLEANING, FURNITURE])
    assert draft.examples_used == (FURNITURE.name,)
    practical = sections(draft.docx)["Praktisk informasjon"]
    assert "Presentasjonen sendes alle påmeldte etter konferansen." in practical
    assert "Innspill kan gis på norsk, svensk, dansk eller engelsk." in practical
    # Case-specific facts of the old procurement are not carried over.
    assert "Fylkeshuset" not in practical and "2023" not in all_text(draft.docx)
    assert "Renholdsbyråer" not in all_text(draft.docx)


async def test_title_and_mail_are_safe_with_awkward_input() -> None:
    brief = parse_brief(
        example_data(title='Møbler: "skole/barnehage" <del 2>', buyer="Bygg & Eiendom")
    )
    draft = await build_draft(brief, TODAY)
    assert draft.file_name == "Invitasjon til markedsdialog - Møbler skole barnehage del 2.docx"
    assert "Bygg &amp; Eiendom" in draft.mail_html and "&lt;del 2&gt;" in draft.mail_html
    assert 'Møbler: "skole/barnehage" <del 2>' in sections(draft.docx)["Bakgrunn"]


class ScriptedWriter:
    """A writer returning fixed text, to test the guard independently of any model."""

    def __init__(self, prose: Prose) -> None:
        self.prose = prose

    async def write(self, brief: Brief, schedule: Schedule, examples: Sequence[Example]) -> Prose:
        return self.prose


async def test_a_writer_cannot_add_facts_sections_or_blanks() -> None:
    brief = parse_brief(example_data())
    writer = ScriptedWriter(
        Prose(
            background="Felles innkjøp kjøper skolemøbler for 12 000 000 kr til skolene.",
            need_and_purpose="Verdien er egentlig 99 000 000 kr, og vi kjøper kun fra Sverige.",
            input_wanted_intro="Likebehandling og informasjonsdeling\nDenne delen utgår.",
            practical="   ",
            examples_used=("Noe",),
        )
    )
    draft = await build_draft(brief, TODAY, writer=writer)
    found = sections(draft.docx)
    assert headings(draft.docx) == SECTIONS
    assert found["Bakgrunn"] == "Felles innkjøp kjøper skolemøbler for 12 000 000 kr til skolene."
    assert "99 000 000" not in all_text(draft.docx) and brief.need in found["Behov og formål"]
    assert "utgår" not in all_text(draft.docx)
    assert "Deltakelse i markedsdialogen er frivillig" in found["Praktisk informasjon"]
    assert "ingen ulempe å ikke delta" in found["Likebehandling og informasjonsdeling"]
    assert draft.examples_used == ("Noe",)


async def test_invented_addresses_and_links_are_refused() -> None:
    brief = parse_brief(example_data())
    writer = ScriptedWriter(
        Prose(
            background="Send innspill til post@konkurrent.example.no.",
            need_and_purpose="Les mer på https://phishing.example.com.",
            input_wanted_intro="Svar til ingrid.haugen@innkjop.example.no.",
            practical="Møtet er 13.01.2027.",
        )
    )
    found = sections((await build_draft(brief, TODAY, writer=writer)).docx)
    assert "konkurrent" not in found["Bakgrunn"] and "phishing" not in found["Behov og formål"]
    assert "Svar til ingrid.haugen@innkjop.example.no." in found["Hva vi ønsker innspill på"]
    assert found["Praktisk informasjon"] == "Møtet er 13.01.2027."


async def test_the_practical_details_are_in_the_programme() -> None:
    brief = parse_brief(
        example_data(
            formats=["one_to_one", "consultation"],
            dates={},
            meeting_minutes="45",
            meeting_language="norsk eller engelsk",
            shared_where="på Doffin og i Mercell",
            competition_planned="2027-06-01",
        )
    )
    draft = await build_draft(brief, date(2026, 11, 25))
    programme = sections(draft.docx)["Dialogformer og program"]
    assert "Hvert møte varer inntil 45 minutter og holdes på norsk eller engelsk" in programme
    assert "får tilbud om et møte" not in programme  # no promise of a meeting to everyone
    assert "Spørsmål og svar fra markedsdialogen deles på Doffin og i Mercell" in programme
    assert "kunngjøre konkurransen rundt 01.06.2027" in programme
    # Publication 30.11.2026, registration 14.12, meetings 17-18.12 (counted by hand), the
    # draft out the next effective day after Christmas: Monday 4 January 2027.
    assert draft.schedule.meetings == (date(2026, 12, 17), date(2026, 12, 18))
    assert "utkastet publiseres som vedlegg til kunngjøringen på Doffin mandag 04.01.2027" in (
        programme
    )
