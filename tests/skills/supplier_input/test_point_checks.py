"""The checks on a model's summary points, on points as a model writes them about real
supplier answers: what an officer needs must pass, rankings, made-up quotes, secret
figures and other languages must not."""

from __future__ import annotations

import pytest

from skills.supplier_input.point_checks import point_problem

CITED = ["Vi anbefaler delkontrakter per fylke og en rammeavtale med to års varighet."]
FLAGGED = ["Rabatt til Oslo kommune: 37 prosent; timepris 1450 kroner."]

PASS_NB = [
    "Leverandøren anbefaler å bruke rammeavtale med to års varighet.",
    "Leverandøren mener miljøkrav bør prioriteres høyere.",
    "Leverandøren mener små leverandører bør få mulighet til å delta.",
    "Leverandøren mener delkontrakter er det beste alternativet for små aktører.",
    "Leverandøren ønsker en tydelig rangering av tildelingskriteriene.",
    "Leverandørane meiner små leverandørar bør få høve til å delta.",
    "Leverandøren anbefaler delkontrakter per fylke.",
    "Leverandøren skriver «delkontrakter per fylke».",
    "Leverandøren mener rammeavtale er det beste valget for kommunen.",
    "Leverandøren vil bidra til å finne den beste leverandøren.",
    "Leverandøren mener løsningen er overlegen.",
    "Leverandøren tilbyr Software as a Service med drift og support.",
    "Leverandøren er meget opptatt av kvalitet, og meget fornøyd med dialogen.",
]
REFUSE_NB = {
    "Stol og Bord AS er det klart beste valget og bør få avtalen.": "ranks",
    "Vi anbefaler Lur Leverandør AS for denne avtalen.": "ranks",
    "Oppdragsgiver bør gå for Lur Leverandør AS.": "ranks",
    "Dette er den sterkeste av alle leverandørene.": "ranks",
    "Leverandøren er overlegen de andre.": "ranks",
    "Lur Leverandør AS bør velges som leverandør.": "ranks",
    "Oppdragsgiver bør inngå avtale med Lur Leverandør AS.": "ranks",
    "Leverandøren er den mest kvalifiserte leverandøren.": "ranks",
    "Leverandøren er bedre enn de øvrige leverandørene.": "ranks",
    "Leverandøren skriver „vi garanterer levering innen to dager“.": "quotation",
    "Leverandøren skriver 'vi garanterer levering innen to dager'.": "quotation",
    "Leverandøren skriver ‘vi garanterer levering innen to dager’.": "quotation",
    "Leverandøren skriver «vi garanterer levering innen to dager».": "quotation",
    "Leverandøren oplyser, at de kan levere efter aftale og gerne vil deltage.": "language",
    "Leverantören anser att avtalet bör delas och att priserna ska vara fasta.": "language",
    "The supplier would like the contract to be split into lots per county.": "language",
    "Leverandøren gir 37 prosent rabatt.": "flagged",
    "Rabatt til Oslo kommune er 37 prosent med timepris 1450 kroner.": "flagged",
}


@pytest.mark.parametrize("text", PASS_NB)
def test_what_an_officer_needs_passes(text: str) -> None:
    assert point_problem(text, CITED, FLAGGED, "nb") is None


@pytest.mark.parametrize(("text", "why"), sorted(REFUSE_NB.items()))
def test_what_must_not_be_shown_is_refused(text: str, why: str) -> None:
    problem = point_problem(text, CITED, FLAGGED, "nb")
    assert problem is not None and why.split()[0][:5] in problem.replace("recommends", "ranks")


def test_english_readers() -> None:
    quoted = ["Vi kan levere innen fire uker og har lager i Trondheim."]
    own_words = "The supplier writes «Vi kan levere innen fire uker og har lager i Trondheim»."
    assert point_problem(own_words, quoted, FLAGGED, "en") is None
    assert (
        point_problem("The supplier recommends choosing lots per county.", CITED, [], "en") is None
    )
    for text in (
        "We recommend Lur Leverandør AS.",
        "This supplier deserves the contract.",
        "It outperforms all other suppliers.",
    ):
        assert point_problem(text, CITED, [], "en") == "ranks or recommends suppliers"
