"""Why a Microsoft 365 call failed, said to the reader in their language.

The errors under `graph/` carry English detail for the log; inside a sentence the user
reads, the reason is one of these (the detail stays in the log).
"""

from __future__ import annotations

from graph.errors import ForbiddenError, GraphGatewayError, NotFoundError, ThrottledError
from skills.i18n import Phrase


def graph_reason(problem: GraphGatewayError) -> Phrase:
    if isinstance(problem, ForbiddenError):
        return Phrase(
            "the assistant lacks the permission {permission}", permission=problem.permission
        )
    if isinstance(problem, ThrottledError):
        return Phrase("Microsoft 365 is busy right now")
    if isinstance(problem, NotFoundError):
        return Phrase("it was not found in Microsoft 365")
    return Phrase("Microsoft 365 did not answer as expected")
