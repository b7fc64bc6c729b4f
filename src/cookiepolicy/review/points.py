"""What a reviewer should look at twice, read from the diff, and how each point is worded.

Points are catalog keys with their values; a comment cut to fit keeps them by legal weight
(``POINT_WEIGHTS``): the legal basis and consent, then transfers abroad and what a statement
checks, then third parties, then the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cookiepolicy.history.diff import PolicyDiff
from cookiepolicy.model.inventory import THIRD_PARTY, Duration, Inventory, Item
from cookiepolicy.model.practices import RULES
from cookiepolicy.render.sentences import one_line, running_duration_words, site_field_name
from cookiepolicy.text.localize import Catalog, country_name, format_list, language_name, text
from cookiepolicy.text.markdown import code, escape

# values that name something from the data: code style in Markdown
_NAMES = {"name", "field", "where", "url", "old", "new"}


def _provider(item: Item, inventory: Inventory) -> str:
    service = inventory.service(item.provider)
    return service.name if service else item.provider


Point = tuple[str, dict[str, Any]]


def attention_points(diff: PolicyDiff, old: Inventory, new: Inventory) -> list[Point]:
    """Catalog keys and values of what a reviewer should look at twice, read from the diff.

    A point about consent carries ``explicit`` (not shown, not exported): whether the category it is
    about states that the consent is explicit, so the comment says "explicit" only then."""
    points: list[Point] = []
    for service in diff.services:
        points += _service_points(service)
    for category in diff.categories:
        if category.kind == "changed":
            points += _category_points(category)
    for item in diff.items:
        if item.new is not None:
            points += _item_points(item.new, item.old, old, new)
    return points


def _service_points(change: Any) -> list[Point]:
    points: list[Point] = []
    if change.kind == "added":
        points.append(("review.new_service", {"name": change.new.name}))
    elif change.kind == "changed":
        fields = {f.field for f in change.fields}
        if "policy_url" in fields:
            points.append(("review.policy_url", {"service": change.new.name, "url": change.new.policy_url}))
        if "role" in fields:
            points.append(("review.service_role", {"service": change.new.name}))
        if "processor_role" in fields and change.new.processor_role:
            points.append(("kvkk.review.processor_role", {"service": change.new.name,
                                                          "role": change.new.processor_role}))
    # a third party that starts sending data abroad, new or not
    if change.new is not None and change.new.transfer_abroad and (change.old is None
                                                                  or not change.old.transfer_abroad):
        points.append(("kvkk.review.transfer_abroad", {"service": change.new.name}))
    return points


def _category_points(change: Any) -> list[Point]:
    old, new = change.old, change.new
    points: list[Point] = []
    if any(f.field == "kind" for f in change.fields):  # the not-used statements check categories by kind
        points.append(("review.category_kind", {"category": new.name, "old_kind": old.kind, "new_kind": new.kind}))
    if old.legal_basis == "consent" and new.legal_basis in ("contract", "legitimate-interest"):
        points.append(("kvkk.review.category_basis", {"category": new.name, "basis": new.legal_basis,
                                                      "explicit": old.explicit}))
    elif old.consent == "exempt" and new.consent == "required":
        points.append(("review.category_consent", {"name": change.key, "category": new.name,
                                                   "explicit": new.explicit}))
    elif old.consent == "required" and new.consent == "exempt":
        points.append(("review.category_exempt", {"name": change.key, "category": new.name,
                                                  "explicit": old.explicit}))
    elif new.legal_basis == "strictly-necessary" != old.legal_basis:  # from contract, LI, none
        points.append(("kvkk.review.category_into_exempt", {"category": new.name}))
    return points


def _item_points(item: Item, before: Item | None, old: Inventory, new: Inventory) -> list[Point]:
    points = _third_party_points(item, before, new)
    new_cat = new.category(item.category)
    if before is None:
        if new_cat and new_cat.consent == "required":
            points.append(("review.new_needs_consent", {"name": item.name, "category": new_cat.name,
                                                        "explicit": new_cat.explicit}))
        return points
    points += _moved_points(item, before, old, new)
    a, b = before.duration.seconds(), item.duration.seconds()
    if a is not None and b is not None and b > a:
        points.append(("review.longer", {"name": item.name, "old": before.duration, "new": item.duration}))
    points += _statement_points(item, before, old, new)
    return points


def _third_party_points(item: Item, before: Item | None, new: Inventory) -> list[Point]:
    if before is not None and before.provider == item.provider:
        return []
    if item.provider == THIRD_PARTY:
        return [("review.new_unnamed_third_party_item", {"name": item.name})]
    if item.third_party:
        return [("review.new_third_party_item", {"name": item.name, "provider": _provider(item, new)})]
    return []


def _moved_points(item: Item, before: Item, old: Inventory, new: Inventory) -> list[Point]:
    """An item moved into or out of a category that needs consent (a category whose own consent
    changed is one point of its own, not one per item)."""
    new_cat, old_cat = new.category(item.category), old.category(before.category)
    if new_cat is None or before.category == item.category:
        return []
    if new_cat.consent == "required" and (old_cat is None or old_cat.consent == "exempt"):
        return [("review.needs_consent", {"name": item.name, "category": new_cat.name,
                                          "explicit": new_cat.explicit})]
    if new_cat.consent == "exempt" and old_cat is not None and old_cat.consent == "required":
        return [("review.no_longer_consent", {"name": item.name, "category": new_cat.name})]
    return []


def _statement_points(item: Item, before: Item, old: Inventory, new: Inventory) -> list[Point]:
    """A changed ``cross_site`` that changes what a ``not_used`` statement of the new side checks: the
    page keeps saying "no cross-site tracking cookies" and the reviewer checks that it still holds."""
    if item.cross_site == before.cross_site:
        return []
    practices = tuple(p for p in new.not_used if p in RULES and RULES[p](item, new) != RULES[p](before, old))
    if not practices:
        return []
    key = "review.cross_site_on" if item.cross_site else "review.cross_site_off"
    return [(key, {"name": item.name, "practices": practices})]


# Attention points by legal weight, heaviest first: a comment cut to fit keeps them in this order.
POINT_WEIGHTS = (
    ("kvkk.review.category_basis", "review.category_consent", "review.category_exempt", "review.new_needs_consent",
     "review.needs_consent", "review.no_longer_consent"),  # the legal basis and consent
    ("kvkk.review.transfer_abroad", "review.category_kind", "review.cross_site_on",
     "review.cross_site_off"),  # transfers abroad; what a statement checks
    ("review.new_service", "review.new_third_party_item", "review.new_unnamed_third_party_item",
     "kvkk.review.processor_role"),  # third parties
)
POINT_WEIGHT = {key: weight for weight, keys in enumerate(POINT_WEIGHTS) for key in keys}


# How a value of a point is worded, by its name (a value from data is shown as it is)
_WORDED: dict[str, Callable[[Catalog, Any, str], str]] = {
    "fact": lambda c, value, lang: site_field_name(c, str(value)),
    "role": lambda c, value, lang: c.t(f"kvkk.processor_role.{value}"),
    "basis": lambda c, value, lang: c.t(f"kvkk.basis_name.{value}"),
    "old_kind": lambda c, value, lang: c.maybe(f"change.kind.{value}") or str(value),
    "new_kind": lambda c, value, lang: c.maybe(f"change.kind.{value}") or str(value),
    "language": lambda c, value, lang: language_name(str(value), lang),
    "practices": lambda c, value, lang: format_list([c.t(f"practice.{p}") for p in value], lang),
}


def point_key(key: str, values: dict[str, Any]) -> str:
    """The catalog key a point is worded with: "explicit consent" only where the category states it."""
    return f"{key}_explicit" if values.get("explicit") else key


def point_words(key: str, values: dict[str, Any], lang: str, md: bool) -> dict[str, str]:
    c = Catalog.get(lang)
    names = _NAMES - {"name"} if key == "review.new_service" else _NAMES  # a company, not an identifier
    values = _other_language(c, _country(values, lang), lang)
    out = {}
    for name, value in values.items():
        if name == "explicit":  # chooses the sentence (point_key), says nothing itself
            continue
        if isinstance(value, Duration):  # inside a sentence: "(session → 30 days)"
            words = running_duration_words(value, lang)
            out[name] = escape(words) if md else words
            continue
        worded = one_line(_worded(c, name, value, lang))
        if md:
            out[name] = code(worded) if name in names else escape(worded)
        else:
            out[name] = f"`{worded}`" if name in names else worded
    return out


def _worded(c: Catalog, name: str, value: Any, lang: str) -> str:
    if value is None:  # an optional fact that one side does not state
        return c.t("change.none")
    if name in _WORDED:
        return _WORDED[name](c, value, lang)
    return text(value, lang) if isinstance(value, dict) else str(value)


def _other_language(c: Catalog, values: dict[str, Any], lang: str) -> dict[str, Any]:
    """When only another language's text changed (a postal address in Turkish), that one is shown."""
    old, new = values.get("old"), values.get("new")
    if not (isinstance(old, dict) and isinstance(new, dict) and text(old, lang) == text(new, lang)):
        return values
    other = next(k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k))
    return {**values, "old": old.get(other) or c.t("change.none"), "new": new.get(other) or c.t("change.none")}


def _country(values: dict[str, Any], lang: str) -> dict[str, Any]:
    """A country by its name in the reader's language."""
    if values.get("fact") != "country":
        return values
    return {**values, **{k: country_name(values[k], lang) for k in ("old", "new") if values.get(k)}}
