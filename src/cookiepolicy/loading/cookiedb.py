"""What the cookies are, from the Open Cookie Database the project ships, beside what the data calls them.

A statement such as "no advertising cookies" was checked only against ``kind`` and ``cross_site``,
which sources rarely state: an ad network's cookie filed under a "functional" category passed. Here
an item is looked up by its name (exactly, or by a wildcard entry's prefix) and, when a named third
party sets it, by that party too (the database's platform or data controller must share a word with
the service's name or id), so ``session`` or ``id`` of one vendor is never taken for another's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cookiepolicy.loading.opencookiedb import Row, read_database
from cookiepolicy.model.inventory import FIRST_PARTY, THIRD_PARTY, Inventory, Item
from cookiepolicy.model.problems import PolicyError
from cookiepolicy.text.words import say

DATABASE = Path("third_party/open-cookie-database/open-cookie-database.csv")
# The database's categories that make a cookie one of the consent kinds, by the kind's name in the data.
KIND_OF = {"Marketing": "advertising", "Analytics": "analytics"}
# What each statement of ``not_used`` denies, in the database's terms: (categories, third party only).
# Only marketing refutes a statement: the database files vendors' functional cookies under Analytics
# too often (Intercom's conversation cookie), so Analytics is a lint point for a person, not an error.
DENIED = {
    "advertising": (("Marketing",), False),
    "cross-site-tracking": (("Marketing",), True),  # an ad network's cookie follows the visitor across sites
    "third-party-tracking": (("Marketing",), True),
}
_WORD = re.compile(r"[a-z0-9]{3,}")


@dataclass(frozen=True)
class Match:
    """A database entry an item is: what to name in a finding."""

    row: Row

    def describe(self) -> str:
        return say("data.database_match", platform=self.row.platform, name=self.row.name, category=self.row.category,
                   line=self.row.line)


def database_path(root: Path | None = None) -> Path | None:
    """The shipped database: in the site (a copy of the project), else beside the installed engine."""
    path: Path
    for path in (*((root / DATABASE,) if root else ()), Path(__file__).resolve().parents[3] / DATABASE):
        if path.is_file():
            return path
    return None


@functools.cache
def _rows(path: Path) -> tuple[dict[str, list[Row]], list[Row]]:
    """Entries by exact name, and the wildcard entries (longest prefix first); read once per process."""
    exact: dict[str, list[Row]] = {}
    wild: list[Row] = []
    try:
        rows = read_database(path)
    except PolicyError:
        return {}, []
    for row in rows:
        if not row.name:
            continue
        if row.wildcard:
            wild.append(row)
        else:
            exact.setdefault(row.name, []).append(row)
    wild.sort(key=lambda r: -len(r.name))
    return exact, wild


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def lookup(item: Item, inventory: Inventory, path: Path) -> Match | None:
    """The database entry that is this item, or None when none is (or the party does not fit)."""
    if item.provider == FIRST_PARTY:  # the company sets it itself: a vendor's entry of the same name is not it
        return None
    exact, wild = _rows(path)
    candidates = exact.get(item.name, []) or [r for r in wild if item.name.startswith(r.name.rstrip("*"))][:3]
    if not candidates:
        return None
    if item.provider == THIRD_PARTY:
        # an unnamed party: only a name one vendor alone uses (`_fbp`, `_gcl_au`), never `id` or `session`
        unique = len(exact.get(item.name, [])) == 1 and len(item.name) >= 4
        return Match(candidates[0]) if unique else None
    service = inventory.service(item.provider)
    party = _words(f"{service.name} {service.id}") if service else _words(item.provider)
    for row in candidates:
        if party & _words(f"{row.platform} {row.controller}"):
            return Match(row)
    return None


def contradictions(inventory: Inventory, path: Path | None) -> Iterator[tuple[str, Item, Match]]:
    """Each (practice, item, entry) where ``not_used`` denies what the database says the item is."""
    if path is None or not inventory.not_used:
        return
    for item in inventory.items:
        match = lookup(item, inventory, path)
        if match is None:
            continue
        for practice in inventory.not_used:
            categories, third_only = DENIED.get(practice, ((), False))
            if match.row.category in categories and (item.third_party or not third_only):
                yield practice, item, match


def kind_disagreements(inventory: Inventory, path: Path | None) -> Iterator[tuple[Item, str, Match]]:
    """Each (item, its category's kind, entry) where the database files the item under a consent kind
    (advertising, analytics) but its category is of a kind that needs no consent (necessary, preferences...):
    the disagreement that matters in law; analytics filed as advertising, or the reverse, needs consent alike."""
    if path is None:
        return
    for item in inventory.items:
        category = inventory.category(item.category)
        match = lookup(item, inventory, path)
        if match is None or category is None:
            continue
        kind = KIND_OF.get(match.row.category)
        if kind and category.kind not in KIND_OF.values():
            yield item, category.kind, match
