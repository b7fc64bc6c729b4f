"""The semantic diff of two inventories: one plain structure that every view renders.

Items are keyed by (storage type, name). A rename is one change when the new item says
``renamed_from``; an item that moved to another storage type under the same name is a
change of its storage type. Everything is dict look-ups: linear in the size of the data.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from cookiepolicy.model.inventory import CONTACT_FIELDS, Category, Duration, Inventory, Item, Policy, Service, Site
from cookiepolicy.model.problems import Report
from cookiepolicy.safeio.memo import Memo

LOCALIZED_FIELDS = {"purpose", "role", "sets_cookies", "name", "description"}
ITEM_FIELDS = ("storage", "category", "provider", "duration", "purpose", "attributes", "used_on", "cross_site",
               "domain")
SERVICE_FIELDS = ("name", "role", "sets_cookies", "policy_url", "listed", "country", "processor_role",
                  "transfer_abroad", "transfer_mechanism")
CATEGORY_FIELDS = ("name", "kind", "legal_basis", "ground", "description", "listed", "provider",
                   "explicit", "withdrawal", "requested_service")  # the consent facts a sentence asserts (claims.py)


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any
    lang: str | None = None  # set for a change of text in one language

    @property
    def wording(self) -> bool:
        """Only whitespace, punctuation, quote style or letter case changed: the meaning did not."""
        return (self.lang is not None and isinstance(self.old, str) and isinstance(self.new, str)
                and _letters(self.old) == _letters(self.new))


def _letters(value: str) -> str:
    return re.sub(r"[\W_]+", "", value.casefold())


@dataclass(frozen=True)
class Unreadable:
    """What one side's data holds but could not be read: never compared, never reported as removed.

    ``files`` are data files that could not be parsed at all, with the entity they hold
    ("item", "service", "category"); ``keys`` are single entries that failed, as (entity, key).
    """

    files: tuple[tuple[str, str], ...] = ()
    keys: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.files or self.keys)

    def covers(self, entity: str, key: str) -> bool:
        return (entity, key) in self.keys or any(e == entity for _, e in self.files)


@dataclass(frozen=True)
class Change:
    """One entity added, removed, renamed or changed; ``fields`` lists what changed."""

    kind: str  # "added" | "removed" | "changed" | "renamed"
    entity: str  # "item" | "service" | "category"
    key: str
    old: Any = None
    new: Any = None
    fields: tuple[FieldChange, ...] = ()
    old_key: str | None = None

    @property
    def wording_only(self) -> bool:
        return self.kind == "changed" and bool(self.fields) and all(f.wording for f in self.fields)


@dataclass
class Side:
    """One side of a comparison: what could be read, its problems, and what could not be read."""

    policy: Policy | None
    report: Report = field(default_factory=Report)
    unreadable: Unreadable = field(default_factory=Unreadable)
    is_release: bool = False


@dataclass(frozen=True)
class PolicyDiff:
    categories: tuple[Change, ...] = ()
    services: tuple[Change, ...] = ()
    items: tuple[Change, ...] = ()
    not_used_added: tuple[str, ...] = ()
    not_used_removed: tuple[str, ...] = ()
    site: tuple[FieldChange, ...] = ()  # site facts (see diff_sites)
    # entries left out because one side could not read them: (side "old"/"new", entity, key)
    skipped: tuple[tuple[str, str, str], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.categories or self.services or self.items or self.not_used_added
                    or self.not_used_removed or self.site)

    def changes(self) -> list[Change]:
        return [*self.categories, *self.services, *self.items]

    def to_json(self) -> dict[str, Any]:
        def entity(value: Any) -> Any:
            if value is None:
                return None
            data = asdict(value)
            if isinstance(value, Item):
                data["duration"] = value.duration.to_data()
                data["attributes"] = list(value.attributes)
                data["used_on"] = list(value.used_on)
            return data

        def plain(value: Any) -> Any:
            if isinstance(value, Duration):
                return value.to_data()
            if isinstance(value, tuple):
                return list(value)
            return value

        def change(c: Change) -> dict[str, Any]:
            return {
                "change": c.kind,
                "key": c.key,
                **({"renamed_from": c.old_key} if c.old_key else {}),
                "wording_only": c.wording_only,
                "fields": [{"field": f.field, "lang": f.lang, "old": plain(f.old), "new": plain(f.new)}
                           for f in c.fields],
                "old": entity(c.old),
                "new": entity(c.new),
            }

        return {
            "changed": not self.empty,
            "categories": [change(c) for c in self.categories],
            "services": [change(c) for c in self.services],
            "items": [change(c) for c in self.items],
            "not_used": {"added": list(self.not_used_added), "removed": list(self.not_used_removed)},
            "site": [{"field": f.field, "lang": f.lang, "old": plain(f.old), "new": plain(f.new)} for f in self.site],
            "not_compared": [{"side": side, "entity": entity, "key": key} for side, entity, key in self.skipped],
        }


def _field_changes(old: Any, new: Any, names: tuple[str, ...]) -> tuple[FieldChange, ...]:
    changes = []
    for name in names:
        a, b = getattr(old, name), getattr(new, name)
        if a == b:
            continue
        if name in LOCALIZED_FIELDS and isinstance(a, dict) and isinstance(b, dict):
            for lang in sorted(set(a) | set(b)):
                if a.get(lang) != b.get(lang):
                    changes.append(FieldChange(name, a.get(lang), b.get(lang), lang))
        else:
            changes.append(FieldChange(name, a, b))
    return tuple(changes)


def item_label(item: Item) -> str:
    return f"{item.storage}:{item.name}"


def _diff_by_id(old: tuple[Category, ...] | tuple[Service, ...], new: tuple[Any, ...], entity: str,
                names: tuple[str, ...]) -> tuple[Change, ...]:
    before = {e.id: e for e in old}
    after = {e.id: e for e in new}
    changes: list[Change] = []
    for key, value in after.items():
        if key not in before:
            changes.append(Change("added", entity, key, new=value))
        else:
            fields = _field_changes(before[key], value, names)
            if fields:
                changes.append(Change("changed", entity, key, before[key], value, fields))
    changes.extend(Change("removed", entity, key, old=value) for key, value in before.items() if key not in after)
    return tuple(changes)


_RECENT: Memo[tuple[int, int], tuple[Inventory, Inventory, PolicyDiff]] = Memo()
_RECENT_LIMIT = 64


def _diff(old: Inventory, new: Inventory) -> PolicyDiff:
    """The full changes from ``old`` to ``new``; recent results are remembered by the two inventories'
    identity (they are immutable), so each language's changelog reuses the release-to-release diffs."""
    key = (id(old), id(new))
    hit = _RECENT.get(key)
    if hit is not None and hit[0] is old and hit[1] is new:
        return hit[2]
    result = _diff_uncached(old, new)
    if len(_RECENT) >= _RECENT_LIMIT:  # bounded: each entry keeps two inventories alive
        del _RECENT[next(iter(_RECENT))]
    _RECENT[key] = (old, new, result)  # holding both keeps their ids from being reused
    return result


def diff_inventories(old: Inventory, new: Inventory, old_unreadable: Unreadable | None = None,
                     new_unreadable: Unreadable | None = None) -> PolicyDiff:
    """The changes from ``old`` to ``new``; entries a side could not read are left out, not removed."""
    full = _diff(old, new)
    if not (old_unreadable or new_unreadable):
        return full
    old_unreadable, new_unreadable = old_unreadable or Unreadable(), new_unreadable or Unreadable()
    skipped: list[tuple[str, str, str]] = []

    def keep(changes: tuple[Change, ...]) -> tuple[Change, ...]:
        kept = []
        for change in changes:
            if change.kind == "removed" and new_unreadable.covers(change.entity, change.key):
                skipped.append(("new", change.entity, change.key))
            elif change.kind == "added" and old_unreadable.covers(change.entity, change.key):
                skipped.append(("old", change.entity, change.key))
            else:
                kept.append(change)
        return tuple(kept)

    categories, services, items = keep(full.categories), keep(full.services), keep(full.items)
    # an entry only one side has, and which that side could not read (a typo in a new cookie): it is
    # no change anybody can describe, but it is one, so it is listed as not compared
    for side, unreadable, other in (("new", new_unreadable, old), ("old", old_unreadable, new)):
        known = {"item": {f"{i.storage}:{i.name}" for i in other.items}, "category": {c.id for c in other.categories},
                 "service": {s.id for s in other.services}}
        for entity, key in sorted(unreadable.keys):
            if key not in known.get(entity, set()) and (side, entity, key) not in skipped:
                skipped.append((side, entity, key))
    return PolicyDiff(categories=categories, services=services, items=items,
                      not_used_added=full.not_used_added, not_used_removed=full.not_used_removed,
                      site=full.site, skipped=tuple(skipped))


def _diff_uncached(old: Inventory, new: Inventory) -> PolicyDiff:
    before = {i.key: i for i in old.items}
    after = {i.key: i for i in new.items}
    added = [i for k, i in after.items() if k not in before]
    removed = {k: i for k, i in before.items() if k not in after}
    changes: list[Change] = []
    for key, item in after.items():
        if key in before:
            fields = _field_changes(before[key], item, ITEM_FIELDS)
            if fields:
                changes.append(Change("changed", "item", item_label(item), before[key], item, fields))

    still_added = []
    for item in added:
        source = (item.storage, item.renamed_from) if item.renamed_from else None
        if source and source in removed:
            old_item = removed.pop(source)
            changes.append(Change("renamed", "item", item_label(item), old_item, item,
                                  _field_changes(old_item, item, ITEM_FIELDS), old_key=item_label(old_item)))
        else:
            still_added.append(item)
    # the same name moved to another storage type, when that reading is unambiguous
    removed_by_name: dict[str, list[tuple[str, str]]] = {}
    for key in removed:
        removed_by_name.setdefault(key[1], []).append(key)
    added_names = [i.name for i in still_added]
    for item in list(still_added):
        candidates = removed_by_name.get(item.name, [])
        if len(candidates) == 1 and added_names.count(item.name) == 1:
            old_item = removed.pop(candidates[0])
            still_added.remove(item)
            changes.append(Change("changed", "item", item_label(item), old_item, item,
                                  _field_changes(old_item, item, ITEM_FIELDS)))
    changes.extend(Change("added", "item", item_label(i), new=i) for i in still_added)
    changes.extend(Change("removed", "item", item_label(i), old=i) for i in removed.values())
    order = {"removed": 0, "renamed": 1, "changed": 2, "added": 3}
    changes.sort(key=lambda c: (order[c.kind], c.key))
    return PolicyDiff(
        categories=_diff_by_id(old.categories, new.categories, "category", CATEGORY_FIELDS),
        services=_diff_by_id(old.services, new.services, "service", SERVICE_FIELDS),
        items=tuple(changes),
        not_used_added=tuple(p for p in new.not_used if p not in old.not_used),
        not_used_removed=tuple(p for p in old.not_used if p not in new.not_used),
        site=diff_sites(old.site, new.site),
    )


# ---------------------------------------------------------------- site facts
# A page shows the company, its addresses, languages and usage places: changing them changes the
# policy as much as changing a cookie does.

SITE_FIELDS = ("company", "domain", "url", "contact_email", "languages", "default_language")
# the contact block, compared field by field as ``contact_NAME`` (its e-mail is ``contact_email``)


def diff_sites(old: Site | None, new: Site | None) -> tuple[FieldChange, ...]:
    """Changed site facts; a usage place is ``usage_place:ID``, its texts compared per language."""
    if old is None or new is None:
        return ()
    changes = list(_field_changes(old, new, SITE_FIELDS))
    for name in CONTACT_FIELDS:
        before, after = getattr(old.contact, name), getattr(new.contact, name)
        if before != after:  # a text per language stays whole: the sentence shows the reader's language
            changes.append(FieldChange(f"contact_{name}", before or None, after or None))
    if old.country != new.country:
        changes.append(FieldChange("country", old.country, new.country))
    for place in [*old.usage_places, *(p for p in new.usage_places if p not in old.usage_places)]:
        before, after = old.usage_places.get(place), new.usage_places.get(place)
        if before is None or after is None:
            changes.append(FieldChange(f"usage_place:{place}", before, after))
            continue
        for lang in sorted(set(before) | set(after)):
            if before.get(lang) != after.get(lang):
                changes.append(FieldChange(f"usage_place:{place}", before, after, lang))
    return tuple(changes)


EMPTY = Inventory()
__all__ = ["Change", "FieldChange", "PolicyDiff", "Side", "Unreadable", "diff_inventories", "diff_sites"]
