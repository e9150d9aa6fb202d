"""A market dialogue as suppliers really answer one, with its ground truth written by hand.

Five questions, eight suppliers and a mail with nothing attached: headings by text and by
Word style, Word's automatic list numbering, "Til spørsmål 5:", "(spørsmål 4 og 5)", a
numbered nynorsk paragraph, a template table with a blank cell and the questions copied
in, a Swedish supplier in English, a consortium, a signature with a contact person and
"NO … MVA", a correction mail that replaces one answer, and a scanned PDF.
"""

from __future__ import annotations

import io
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import docx

from tests.skills.supplier_input.files import DOCX_TYPE, pdf
from tests.support.scan import scanned_pdf

QUESTIONS = [
    "Delkontrakter: Bør avtalen deles i delkontrakter etter geografi eller etter produktgruppe?",
    "Prismodell: Hvilken prismodell anbefaler dere?",
    "Leveringstid: Hvilken leveringstid er realistisk for større bestillinger?",
    "Miljøkrav: Hvilke miljøkrav er realistiske å stille til møblene?",
    "Avtaleperiode: Hvor lang bør avtaleperioden være, med opsjoner?",
]

# (supplier name, org. no.) -> per question a phrase the right answer contains, or None
# where the supplier did not answer. Written by hand from the texts below.
TRUTH: dict[tuple[str, str], list[str | None]] = {
    ("Nordic Kontor AS", "982525608"): [
        "geografiske delkontrakter",
        "fastpris per produkt",
        "seks uker",
        "Svanemerket",
        "to år med opsjon",
    ],
    ("Møbelhuset Vest AS", "974760673"): [
        "produktgrupper",
        "rammepris med rabatt",
        "fire uker",
        "Möbelfakta",
        "Möbelfakta",  # one paragraph answers questions 4 and 5
    ],
    ("Skolemøbler Nord AS", "987654325"): [
        "én samlet kontrakt",
        "indeksregulert fastpris",
        None,  # the template cell was left blank
        "reservedeler i ti år",
        "fire år",
    ],
    ("Fjordinnreiing AS", ""): [
        "geografi",
        "timepris",  # the correction mail replaces "listepris med rabatt"
        None,
        "ombruk",
        "tre år",
    ],
    ("Svensk Inredning AB", ""): [
        "product groups",
        "fixed unit prices",
        "eight weeks",
        None,
        "four years",
    ],
    ("Bygg og Bord AS", "916445571"): [
        "konsortiet",
        "fastpris",
        None,
        None,
        "to pluss to år",
    ],
    ("Kystmøbler AS", ""): [
        "nord og sør",
        "konsumprisindeksen",
        None,
        None,
        None,
    ],
    # Its answer was to be attached and is not: listed, so someone asks for it again.
    ("moe-interior.no", ""): [None, None, None, None, None],
}
CONSORTIUM_MEMBERS = [("Stol og Sete AS", "920345670")]
MISSING_ATTACHMENT = "tomt-vedlegg.eml"
CORRECTION = ("fjord-korrigering.eml", "fjord.eml")
SUPERSEDED_TEXT = "listepris med rabatt"


def _eml(
    sender: str,
    subject: str,
    body: str,
    sent: datetime,
    attachments: list[tuple[str, bytes, tuple[str, str]]] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "postmottak-innkjop@innkjop.example.no"
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    message.set_content(body)
    for name, data, (main, sub) in attachments or []:
        message.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return bytes(message)


def _word_numbered_answer() -> bytes:
    """Word headings with automatic numbering (no digit in the text), a copied question,
    and one paragraph for two questions."""
    document = docx.Document()
    document.add_heading("Innspill fra Møbelhuset Vest AS", 0)
    for heading, answer in [
        ("Delkontrakter", "Vi anbefaler delkontrakter etter produktgrupper, fordi spesialiserte "
         "leverandører da kan delta."),
        ("Prismodell", "En rammepris med rabatt på listepris gir skolene fleksibilitet i "
         "sortimentet."),
        ("Leveringstid", "For større bestillinger er fire uker fra bestilling realistisk for "
         "oss."),
    ]:  # fmt: skip
        document.add_paragraph(heading, style="List Number")
        document.add_paragraph(answer)
    document.add_heading("Miljø og avtaleperiode (spørsmål 4 og 5)", 1)
    document.add_paragraph(
        "Vi støtter krav om Möbelfakta-sertifisering, og en avtaleperiode på to år med to "
        "opsjoner på ett år gir tid til å investere i ombruk."
    )
    document.add_paragraph("Møbelhuset Vest AS, org.nr. 974 760 673")
    raw = io.BytesIO()
    document.save(raw)
    return raw.getvalue()


def _template_answer() -> bytes:
    """The invitation's answer template: the questions in one column, answers in the other."""
    document = docx.Document()
    document.add_heading("Svarskjema markedsdialog skolemøbler", 1)
    document.add_paragraph("Leverandør: Skolemøbler Nord AS, org.nr. 987 654 325")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Spørsmål"
    table.rows[0].cells[1].text = "Svar"
    answers = [
        "Vi mener én samlet kontrakt gir best pris og enklest oppfølging.",
        "Indeksregulert fastpris med regulering en gang i året.",
        "",
        "Vi kan love reservedeler i ti år på alle stoler og pulter.",
        "Fire år inkludert opsjoner er passe for en rammeavtale.",
    ]
    for question, answer in zip(QUESTIONS, answers, strict=True):
        cells = table.add_row().cells
        cells[0].text = question
        cells[1].text = answer
    raw = io.BytesIO()
    document.save(raw)
    return raw.getvalue()


def build_dialogue(root: Path) -> Path:
    """The dialogue's files (one per supplier, mails with attachments) and its questions."""
    source = root / "innspill"
    source.mkdir()
    (source / "nordic.eml").write_bytes(
        _eml(
            "Kari Nordmann <kari.nordmann@nordickontor.no>",
            "Svar på markedsdialog skolemøbler",
            "Hei,\n\nTakk for invitasjonen. Her er våre svar.\n\n"
            "Spørsmål 1 – Delkontrakter\n\n"
            "Vi anbefaler geografiske delkontrakter, nord og sør, slik at lokale leverandører "
            "kan delta.\n\n"
            "Spørsmål 2 – Prismodell\n\n"
            "Vi foreslår fastpris per produkt, justert årlig.\n\n"
            "Spørsmål 3 – Leveringstid\n\n"
            "Ved større bestillinger er seks uker realistisk i sesong.\n\n"
            "Spørsmål 4 – Miljøkrav\n\n"
            "Svanemerket eller tilsvarende er et realistisk nivå.\n\n"
            "Til spørsmål 5: Vi anbefaler to år med opsjon på ett pluss ett år.\n\n"
            "Med vennlig hilsen\n\n"
            "Kari Nordmann\nDaglig leder\nNordic Kontor AS\nNO 982 525 608 MVA",
            datetime(2026, 3, 2, 10, 15),
        )
    )
    (source / "mobelhuset.eml").write_bytes(
        _eml(
            "Per Hansen <per@mobelhuset-vest.no>",
            "Innspill skolemøbler",
            "Hei!\n\nSe vedlagt dokument med våre innspill.\n\nHilsen Per Hansen",
            datetime(2026, 3, 3, 9, 0),
            [("Innspill Møbelhuset Vest.docx", _word_numbered_answer(), DOCX_TYPE)],
        )
    )
    (source / "skolemobler-nord.eml").write_bytes(
        _eml(
            "Ola Berg <ola@skolemobler-nord.no>",
            "Utfylt svarskjema",
            "Vedlagt følger utfylt svarskjema.",
            datetime(2026, 3, 3, 14, 30),
            [("Svarskjema Skolemøbler Nord.docx", _template_answer(), DOCX_TYPE)],
        )
    )
    (source / "fjord.eml").write_bytes(
        _eml(
            "Siri Vik <siri@fjordinnreiing.no>",
            "Innspel til marknadsdialog",
            "Hei,\n\nHer er innspela våre.\n\n"
            "1. Vi meiner avtalen bør delast etter geografi, slik at fleire lokale "
            "leverandørar kan vere med.\n\n"
            "2. Vi tilrår listepris med rabatt, fordi sortimentet endrar seg ofte.\n\n"
            "4. Krav om ombruk av møblar er realistisk dersom det gjeld delar av volumet.\n\n"
            "5. Tre år med opsjon på eitt år passar for oss.\n\n"
            "Venleg helsing\n\nSiri Vik\nFjordinnreiing AS\nsiri@fjordinnreiing.no",
            datetime(2026, 3, 4, 8, 0),
        )
    )
    (source / "fjord-korrigering.eml").write_bytes(
        _eml(
            "Siri Vik <siri@fjordinnreiing.no>",
            "Korrigering av svar på spørsmål 2",
            "Hei igjen,\n\nKorrigering av svar på spørsmål 2: Vi tilrår no timepris for "
            "montering og fastpris for møblane, fordi det gjev betre kontroll.\n\n"
            "Venleg helsing\nSiri Vik",
            datetime(2026, 3, 6, 13, 45),
        )
    )
    (source / "svensk.eml").write_bytes(
        _eml(
            "Anna Lind <anna.lind@svenskinredning.se>",
            "Market dialogue – school furniture",
            "Dear buyer,\n\n"
            "Question 1 (lots): We recommend lots by product groups rather than by region.\n\n"
            "Question 2 (pricing): Fixed unit prices with yearly indexation work best.\n\n"
            "Question 3 (delivery): Eight weeks is realistic for orders above 200 items.\n\n"
            "Question 5 (duration): Four years including options gives stability.\n\n"
            "Kind regards\n\nAnna Lind\nSvensk Inredning AB",
            datetime(2026, 3, 5, 16, 20),
        )
    )
    (source / "konsortium.eml").write_bytes(
        _eml(
            "Jon Dahl <jon@byggogbord.no>",
            "Felles innspill fra konsortium",
            "Hei,\n\nDette er et felles innspill fra et konsortium bestående av Bygg og Bord AS "
            "(org.nr. 916 445 571) og Stol og Sete AS (org.nr. 920 345 670).\n\n"
            "Spm. 1: Vi ber om at konsortiet kan gi tilbud på alle delkontrakter samlet.\n\n"
            "Spm. 2: Fastpris for hele avtaleperioden gir forutsigbarhet.\n\n"
            "Spm. 5: To pluss to år er en god avtaleperiode.\n\n"
            "Med vennlig hilsen\n\nJon Dahl\nBygg og Bord AS",
            datetime(2026, 3, 5, 11, 0),
        )
    )
    (source / "tomt-vedlegg.eml").write_bytes(
        _eml(
            "Lise Moe <lise@moe-interior.no>",
            "Innspill",
            "Hei,\n\nSe vedlegg for våre svar.\n\nMvh Lise Moe",
            datetime(2026, 3, 6, 9, 0),
        )
    )
    scan = scanned_pdf(
        pdf(
            [
                ("h1", "Innspill fra Kystmøbler AS"),
                ("p", "1. Vi anbefaler at avtalen deles i to delkontrakter: nord og sør."),
                ("p", "2. Fastpris med årlig justering etter konsumprisindeksen."),
            ]
        )
    )
    (source / "kystmobler-skannet.pdf").write_bytes(scan)
    questions = root / "sporsmal.txt"
    questions.write_text("\n".join(f"{n}. {q}" for n, q in enumerate(QUESTIONS, 1)), "utf-8")
    return source
