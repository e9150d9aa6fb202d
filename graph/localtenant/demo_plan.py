"""The demo's procurement-plan list (`Anskaffelsesplan`), as an office sets it up: the
columns the assistant reads and writes (docs/procurement-plan.md), with Norwegian
titles, and one entry a person made by hand."""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.localtenant.demo_contracts import add_months

COLUMN_TITLES = {
    "Title": "Behov",
    "kilde_id": "Kilde-ID",
    "kategori": "Kategori",
    "cpv": "CPV",
    "estimert_verdi": "Estimert verdi",
    "enheter": "Enheter",
    "ansvarlig": "Ansvarlig",
    "markedsdialog": "Planlagt markedsdialog",
    "kunngjoring": "Planlagt kunngjøring",
    "kontraktstart": "Kontraktstart",
    "arbeidsstart": "Arbeidsstart",
    "status": "Status",
    "kilde": "Kilde",
    "lenke": "Lenke",
    "generert": "Generert av assistenten (ikke rediger)",
}


def plan_list(today: date) -> dict[str, Any]:
    start = add_months(date(today.year, today.month, 1), 14)
    return {
        "id": "33333333-aaaa-4bbb-8ccc-000000000003",
        "name": "Anskaffelsesplan",
        "displayName": "Anskaffelsesplan",
        "columns": list(COLUMN_TITLES),
        "columnTitles": COLUMN_TITLES,
        "items": [
            {
                "id": "1",
                "createdDateTime": f"{today.isoformat()}T08:15:00Z",
                "lastModifiedDateTime": f"{today.isoformat()}T08:15:00Z",
                "fields": {
                    "Title": "Skoleskyss med båt i Fjordbygda",
                    "kategori": "transport",
                    "cpv": "60640000",
                    "estimert_verdi": 6000000,
                    "enheter": "Vestmark fylkeskommune",
                    "ansvarlig": "henrik.dahl@innkjop.example.no",
                    "kontraktstart": start.isoformat(),
                    "status": "planlagt",
                    "kilde": "manuell",
                },
            }
        ],
    }
