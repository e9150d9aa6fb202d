"""The register as Open Contracting Data Standard 1.1: a straight mapping.

Field by field: `kontrakt_id` -> `contracts[].id`, `tittel` -> `title`, `status` ->
`status` (`aktiv` -> active, `utløpt`/`avsluttet` -> terminated), `start`/`slutt` ->
`period.startDate`/`endDate`, `slutt` + every remaining option -> `period.maxExtentDate`,
`verdi` -> `value` (NOK). Renewal data follows the official Renewal extension
(declared in the package's `extensions`): `hasRenewal` when options remain or the
contract renews itself, `renewal.maximumRenewals` = number of options left,
`renewal.period` = from the day after the current end to the maximum extent. Each
`endringer` line -> one `amendments[]` entry. The buyer and the supplier (org. no. as
identifier, scheme NO-BRC) are `parties[]`, referenced from `buyer` and
`awards[].suppliers`. Dates are Oslo time: a start at the beginning of its day, an
end at the end of its last day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from skills.contracts.model import Amendment, Contract
from skills.contracts.values import OSLO

OCDS_VERSION = "1.1"
RENEWAL_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_renewal_extension/master/extension.json"
)
ORG_SCHEME = "NO-BRC"  # Brønnøysundregistrene, as org-id.guide names it
_STATUS = {"aktiv": "active", "utløpt": "terminated", "avsluttet": "terminated"}


@dataclass(frozen=True)
class Buyer:
    name: str
    org_nr: str = ""

    @property
    def party_id(self) -> str:
        return f"{ORG_SCHEME}-{self.org_nr}" if self.org_nr else "buyer"


def ocds_datetime(day: date) -> str:
    """The first moment of `day` in Oslo."""
    return datetime.combine(day, time(0, 0), OSLO).isoformat()


def ocds_end(day: date) -> str:
    """The last second of `day` in Oslo: a contract that ends 31.05 runs all that day."""
    return datetime.combine(day, time(23, 59, 59), OSLO).isoformat()


def _period(start: date | None, end: date, max_extent: date | None = None) -> dict[str, Any]:
    period: dict[str, Any] = {}
    if start is not None:
        period["startDate"] = ocds_datetime(start)
    period["endDate"] = ocds_end(end)
    if max_extent is not None:
        period["maxExtentDate"] = ocds_end(max_extent)
    if start is not None:
        period["durationInDays"] = (end - start).days + 1
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
    """One OCDS 1.1 contract object with the Renewal extension's fields."""
    # What the register could not read is not stated: no renewal facts from a guess.
    unknown = contract.unreadable & {"opsjoner", "fornyes_automatisk"}
    result: dict[str, Any] = {
        "id": contract.contract_id,
        "awardID": contract.contract_id,  # required by OCDS; the register has one award each
        "title": contract.title,
        "status": _STATUS.get(contract.status, "active"),
        # A contract that renews itself has no latest end to state.
        "period": _period(
            contract.period_start,
            contract.period_end,
            None if unknown or contract.auto_renew else contract.max_extent,
        ),
    }
    if not unknown:
        result["hasRenewal"] = bool(contract.options_months) or contract.auto_renew
    if contract.value is not None:
        result["value"] = {"amount": float(contract.value), "currency": "NOK"}
    if contract.options_months and not unknown:
        result["renewal"] = {
            "maximumRenewals": len(contract.options_months),
            "period": _period(contract.period_end + timedelta(days=1), contract.max_extent),
        }
    elif contract.auto_renew and not unknown:
        result["renewal"] = {"description": "Renews automatically unless terminated."}
    if contract.amendments:
        result["amendments"] = [
            _amendment(n, a) for n, a in enumerate(contract.amendments, start=1)
        ]
    return result


def _supplier_party(contract: Contract) -> dict[str, Any]:
    party: dict[str, Any] = {
        "id": f"{ORG_SCHEME}-{contract.org_nr}"
        if contract.org_nr
        else f"supplier-{contract.contract_id}",
        "name": contract.supplier or contract.contract_id,
        "roles": ["supplier"],
    }
    if contract.org_nr:
        party["identifier"] = {"scheme": ORG_SCHEME, "id": contract.org_nr}
        if contract.supplier:
            party["identifier"]["legalName"] = contract.supplier
    return party


def _buyer_party(buyer: Buyer) -> dict[str, Any]:
    party: dict[str, Any] = {"id": buyer.party_id, "name": buyer.name, "roles": ["buyer"]}
    if buyer.org_nr:
        party["identifier"] = {"scheme": ORG_SCHEME, "id": buyer.org_nr, "legalName": buyer.name}
    return party


def release_package(
    contracts: Iterable[Contract],
    published: date,
    ocid_prefix: str,
    publisher: str,
    buyer: Buyer | None = None,
) -> dict[str, Any]:
    """A release package with one `contract` release per register row.

    An empty register is refused: the schema requires at least one release, and an
    empty package would claim a register that says nothing."""
    who = buyer or Buyer("Felles innkjøp for fylkeskommunene")
    stamp = ocds_datetime(published)
    releases = []
    for contract in contracts:
        supplier = _supplier_party(contract)
        buyer_party = _buyer_party(who)
        releases.append(
            {
                "ocid": f"{ocid_prefix}-{contract.contract_id}",
                "id": f"{contract.contract_id}-contract-{published.isoformat()}",
                "date": stamp,
                "tag": ["contract"],
                "initiationType": "tender",
                "parties": [buyer_party, supplier],
                "buyer": {"id": buyer_party["id"], "name": buyer_party["name"]},
                "awards": [
                    {
                        "id": contract.contract_id,
                        "suppliers": [{"id": supplier["id"], "name": supplier["name"]}],
                    }
                ],
                "contracts": [to_ocds(contract)],
            }
        )
    if not releases:
        raise ValueError("an OCDS release package needs at least one contract")
    return {
        "uri": f"urn:{ocid_prefix}:register:{published.isoformat()}",
        "version": OCDS_VERSION,
        "extensions": [RENEWAL_EXTENSION],
        "publishedDate": stamp,
        "publisher": {"name": publisher},
        "releases": releases,
    }
