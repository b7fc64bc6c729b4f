"""What a site may state it does not use, and the inventory facts that would contradict it.

A statement such as "we do not use advertising cookies" is generated from ``not_used`` and
checked here against the items, so the page can never say one thing and list another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from cookiepolicy.model.inventory import Inventory, Item

Rule = Callable[[Item, Inventory], bool]


def _kind(item: Item, inventory: Inventory) -> str | None:
    category = inventory.category(item.category)
    return category.kind if category else None


RULES: dict[str, Rule] = {
    "advertising": lambda item, inv: _kind(item, inv) == "advertising",
    "cross-site-tracking": lambda item, inv: item.cross_site,
    "third-party-analytics": lambda item, inv: item.third_party and _kind(item, inv) == "analytics",
    "third-party-tracking": lambda item, inv: item.third_party
    and (item.cross_site or _kind(item, inv) == "advertising"),
}


def contradictions(inventory: Inventory) -> Iterator[tuple[str, Item]]:
    """Each (practice, item) where the inventory uses what ``not_used`` denies."""
    for practice in inventory.not_used:
        rule = RULES.get(practice)
        if rule is None:
            continue
        for item in inventory.items:
            if rule(item, inventory):
                yield practice, item
