"""The register as Open Contracting Data Standard 1.1 `contracts[]`: a straight mapping.

Field by field: `kontrakt_id` -> `id`, `tittel` -> `title`, `status` -> `status`
(`aktiv` -> active, `utløpt`/`avsluttet` -> terminated), `start`/`slutt` ->
`period.startDate`/`endDate`, `slutt` + every remaining option -> `period.maxExtentDate`,
`durationInDays` = start to end. The renewal extension: `hasRenewal` when options remain
or the contract renews itself, `renewal.maximumRenewals` = number of options left,
`renewal.period` = from the current end to the maximum extent. Each `endringer` line ->
one `amendments[]` entry (`rationale` = what changed; `description` = the end-date move
and who recorded it). Dates are written as midnight UTC date-times, as OCDS requires.
The package names no extension URL: a publisher adds the one for the renewal fields it
registers with.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from skills.contracts.model import Amendment, Contract

OCDS_VERSION = "1.1"
_STATUS = {"aktiv": "active", "utløpt": "terminated", "avsluttet": "terminated"}


def ocds_datetime(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _period(start: date | None, end: date, max_extent: date | None = None) -> dict[str, Any]:
    period: dict[str, Any] = {}
    if start is not None:
        period["startDate"] = ocds_datetime(start)
    period["endDate"] = ocds_datetime(end)
    if max_extent is not None:
        period["maxExtentDate"] = ocds_datetime(max_extent)
    if start is not None:
        period["durationInDays"] = (end - start).days
    return period


def _amendment(number: int, amendment: Amendment) -> dict[str, Any]:
    details = []
    if amendment.previous_end is not None and amendment.new_end is not None:
        details.append(
            f"End date moved from {amendment.previous_end.isoformat()} "
            f"to {amendment.new_end.isoformat()}."
        )
    if amendment.by:
        details.append(f"Recorded by {amendment.by}.")
    entry: dict[str, Any] = {
        "id": str(number),
        "date": ocds_datetime(amendment.date),
        "rationale": amendment.description,
    }
    if details:
        entry["description"] = " ".join(details)
    return entry


def to_ocds(contract: Contract) -> dict[str, Any]:
    """One OCDS 1.1 contract object (with the renewal fields of the lots extension)."""
    result: dict[str, Any] = {
        "id": contract.contract_id,
        "awardID": contract.contract_id,  # required by OCDS; the register has one award each
        "title": contract.title,
        "status": _STATUS.get(contract.status, "active"),
        "period": _period(contract.period_start, contract.period_end, contract.max_extent),
        "hasRenewal": bool(contract.options_months) or contract.auto_renew,
    }
    if contract.options_months:
        result["renewal"] = {
            "maximumRenewals": len(contract.options_months),
            "period": _period(contract.period_end, contract.max_extent),
        }
    elif contract.auto_renew:
        result["renewal"] = {"description": "Renews automatically unless terminated."}
    if contract.amendments:
        result["amendments"] = [
            _amendment(n, a) for n, a in enumerate(contract.amendments, start=1)
        ]
    return result


def release_package(
    contracts: Iterable[Contract], published: date, ocid_prefix: str, publisher: str
) -> dict[str, Any]:
    """A release package with one `contract` release per register row."""
    stamp = ocds_datetime(published)
    releases = []
    for contract in contracts:
        supplier: dict[str, Any] = {"name": contract.supplier}
        if contract.org_nr:
            supplier["id"] = f"NO-BRC-{contract.org_nr}"
        releases.append(
            {
                "ocid": f"{ocid_prefix}-{contract.contract_id}",
                "id": f"{contract.contract_id}-contract-{published.isoformat()}",
                "date": stamp,
                "tag": ["contract"],
                "initiationType": "tender",
                "awards": [{"id": contract.contract_id, "suppliers": [supplier]}],
                "contracts": [to_ocds(contract)],
            }
        )
    return {
        "uri": f"urn:{ocid_prefix}:register:{published.isoformat()}",
        "version": OCDS_VERSION,
        "publishedDate": stamp,
        "publisher": {"name": publisher},
        "releases": releases,
    }
