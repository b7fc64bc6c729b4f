"""Transfers abroad after Law 7499: how a third party's data leaves the country, as the data states it.

KVKK Art. 9 (as amended in 2024) allows a transfer abroad on an adequacy decision, on appropriate
safeguards (a standard contract notified to the Authority, binding corporate rules approved by the
Board, a written undertaking with the Board's permission) or, occasionally, in one of the cases of
Art. 9(6), explicit consent among them. The policy names the route only when the data does.
"""

from __future__ import annotations

from typing import Any

from cookiepolicy.model.problems import Problem
from cookiepolicy.safeio.yamlsafe import Document

MECHANISMS = ("adequacy", "standard-contract", "bcr", "undertaking", "occasional-consent", "occasional-other")
MECHANISM_HELP = ("how data goes abroad (KVKK Art. 9): adequacy (an adequacy decision), standard-contract "
                  "(a standard contract notified to the Authority), bcr (binding corporate rules approved by "
                  "the Board), undertaking (a written undertaking, with the Board's permission), "
                  "occasional-consent (an occasional transfer on explicit consent) or occasional-other (another "
                  "case of Art. 9(6))")


def mechanism_problems(doc: Document | None, at: tuple[str | int, ...], d: dict[str, Any]) -> list[Problem]:
    """A mechanism stated for a service that does not transfer data abroad contradicts the data."""
    if d.get("transfer_mechanism") is None or d.get("transfer_abroad") is True or doc is None:
        return []
    from cookiepolicy.loading.validate import problem_at  # late: validate reads the schemas, which read MECHANISMS here
    said = "says data does not go abroad" if d.get("transfer_abroad") is False else "is not set"
    return [problem_at(doc, (*at, "transfer_mechanism"),
                       f"`transfer_mechanism: {d['transfer_mechanism']}` names how data goes abroad, but "
                       f"`transfer_abroad` {said}",
                       "set `transfer_abroad: true`, or remove `transfer_mechanism`")]
