"""Wildcard items are stated, not guessed: an item's name is a pattern only when the item says
``match: wildcard``. A ``*`` typed into a name by mistake would otherwise make the banner's "Reject
all" delete every cookie it matches and the audit count unrelated cookies as declared.

Releases published before the field existed wrote a pattern as a bare ``*`` in the name; they are
frozen, so history still reads them that way (``load._item``), while the draft must say it.
"""

from __future__ import annotations

from typing import Any

from cookiepolicy.loading.validate import problem_at
from cookiepolicy.model.inventory import MATCH_EXACT, MATCH_WILDCARD
from cookiepolicy.model.problems import Problem
from cookiepolicy.safeio.yamlsafe import Document
from cookiepolicy.text.words import say


def match_of(entry: dict[str, Any]) -> str:
    """An entry's ``match``; without the field, what the data said before it existed (a ``*`` in the name)."""
    stated = entry.get("match")
    if isinstance(stated, str):
        return stated
    return MATCH_WILDCARD if "*" in str(entry.get("name", "")) else MATCH_EXACT


def match_problems(doc: Document | None, at: tuple[str | int, ...], entry: dict[str, Any]) -> list[Problem]:
    """A draft entry whose name and ``match`` disagree: a ``*`` with no ``match``, or a wildcard with no ``*``."""
    name, stated = entry.get("name"), entry.get("match")
    if not isinstance(name, str) or doc is None:
        return []
    if stated is None and "*" in name:
        return [problem_at(doc, (*at, "name"), say("data.undeclared_wildcard", name=name),
                           say("data.undeclared_wildcard_hint", wildcard=MATCH_WILDCARD, exact=MATCH_EXACT))]
    if stated == MATCH_WILDCARD and "*" not in name:
        return [problem_at(doc, (*at, "match"), f"`match: {MATCH_WILDCARD}`, but the name `{name}` has no `*`",
                           "write the part that varies as `*`, e.g. `_ga_*`, or remove `match`")]
    return []
