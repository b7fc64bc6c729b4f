"""Which changes between two versions need fresh consent, a new notice before processing, or nothing more.

Each change of a ``PolicyDiff`` is matched to one or more change kinds (``RULES``); the table
``RULES`` says the class of each kind. The class of a change is the highest of its kinds, and the
class of a version the highest of its changes. Why each kind has its class is said in the catalogs
(``classify.reason.<kind>``), in every language, so the reader sees the reason, not a code.

The classes follow ePrivacy Art. 5(3) / KVKK Art. 5(1) (consent covers the purposes, the recipients
and the lifetime the visitor was told of: anything beyond it needs consent again) and the KVKK
disclosure communiqué (a notice is given before processing: a changed purpose of processing on
another ground needs a new notice first). Removals, shorter lifetimes and wording only tell.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from cookiepolicy.history.diff import Change, FieldChange, PolicyDiff
from cookiepolicy.model.inventory import Inventory, Item
from cookiepolicy.text.localize import Catalog


class Level(IntEnum):
    """How much a change asks of the site, lowest first; the value is ``policy diff --exit-code``'s code."""

    NONE = 0
    INFORMATIONAL = 1
    NOTICE = 2
    CONSENT = 3


# The declared table: change kind -> its class. The detection below only names kinds; what each
# kind requires is decided here alone.
RULES: dict[str, Level] = {
    # a visitor's earlier consent does not cover it: the banner asks again
    "consent_category_added": Level.CONSENT,  # a new category used with consent
    "consent_category_basis": Level.CONSENT,  # a category that now rests on consent
    "consent_item_added": Level.CONSENT,  # a new item in a consent category
    "consent_item_moved_in": Level.CONSENT,  # an item moved into a consent category
    "consent_purpose": Level.CONSENT,  # the purpose of something used with consent changed in meaning
    "consent_longer": Level.CONSENT,  # a consent item kept longer
    "consent_duration_unclear": Level.CONSENT,  # a consent item's lifetime changed, not comparably shorter
    "consent_third_party": Level.CONSENT,  # a new third party receiving data under consent
    "consent_transfer_abroad": Level.CONSENT,  # a new transfer abroad by a service used with consent
    # processing on another ground: the visitor is told before it starts
    "notice_category_added": Level.NOTICE,
    "notice_item_added": Level.NOTICE,
    "notice_purpose": Level.NOTICE,
    "notice_basis": Level.NOTICE,  # another legal basis, not consent
    "notice_recipient": Level.NOTICE,  # a new recipient under another basis
    "notice_transfer_abroad": Level.NOTICE,
    "notice_transfer_details": Level.NOTICE,  # country, legal role or transfer mechanism of a service
    "notice_longer": Level.NOTICE,  # an item on another ground kept longer
    "notice_controller": Level.NOTICE,  # the data controller or its country
    # the page tells more exactly or tells less: nothing new is processed
    "info_wording": Level.INFORMATIONAL,
    "info_removed": Level.INFORMATIONAL,
    "info_shorter": Level.INFORMATIONAL,
    "info_renamed": Level.INFORMATIONAL,
    "info_other": Level.INFORMATIONAL,
}

LEVEL_NAMES = {Level.CONSENT: "consent", Level.NOTICE: "notice", Level.INFORMATIONAL: "informational",
               Level.NONE: "none"}


@dataclass(frozen=True)
class Classed:
    """One change (an entity's, a site fact's or a not-used statement's) with the kinds it matched."""

    kinds: tuple[str, ...]
    change: Change | None = None
    site: FieldChange | None = None
    practice: tuple[str, str] | None = None  # ("added"|"removed", practice)

    @property
    def level(self) -> Level:
        return max((RULES[k] for k in self.kinds), default=Level.NONE)

    def top_kinds(self) -> tuple[str, ...]:
        """The kinds that give the change its class (the reasons a reader is shown)."""
        return tuple(k for k in self.kinds if RULES[k] == self.level)


@dataclass(frozen=True)
class Classification:
    entries: tuple[Classed, ...] = ()

    @property
    def level(self) -> Level:
        return max((e.level for e in self.entries), default=Level.NONE)

    def at(self, level: Level) -> list[Classed]:
        return [e for e in self.entries if e.level == level]

    def reasons(self, level: Level) -> list[str]:
        """The distinct kinds that put changes in ``level``, in the table's order."""
        found = {k for e in self.at(level) for k in e.top_kinds()}
        return [k for k in RULES if k in found]


def _consent(inv: Inventory, category_id: str | None) -> bool:
    category = inv.category(category_id) if category_id else None
    return category is not None and category.legal_basis == "consent"


def _basis(inv: Inventory, category_id: str | None) -> str | None:
    category = inv.category(category_id) if category_id else None
    return category.legal_basis if category else None


def consent_services(inv: Inventory) -> set[str]:
    """The services that receive data under consent: providers of consent items or consent categories."""
    found = {i.provider for i in inv.items if _consent(inv, i.category)}
    found |= {c.provider for c in inv.categories if c.legal_basis == "consent" and c.provider}
    return found


def _duration_kinds(old: Item, new: Item, consent: bool) -> list[str]:
    a, b = old.duration.seconds(), new.duration.seconds()
    if a is not None and b is not None and b < a:
        return ["info_shorter"]
    if a is not None and b is not None and b == a:
        return ["info_wording"]  # the same lifetime said another way
    if consent:
        return ["consent_longer" if a is not None and b is not None else "consent_duration_unclear"]
    return ["notice_longer"]


def _item_kinds(change: Change, old: Inventory, new: Inventory, old_consent_services: set[str]) -> list[str]:
    if change.kind == "removed":
        return ["info_removed"]
    item: Item = change.new
    consent = _consent(new, item.category)
    if change.kind == "added":
        return _added_item_kinds(item, consent, old, old_consent_services)
    kinds = ["info_renamed"] if change.kind == "renamed" else []
    for f in change.fields:
        kinds += _item_field_kinds(f, change.old, item, old, new, consent, old_consent_services)
    return kinds or ["info_other"]


def _added_item_kinds(item: Item, consent: bool, old: Inventory, old_consent_services: set[str]) -> list[str]:
    kinds = ["consent_item_added" if consent else "notice_item_added"]
    if item.third_party and consent and item.provider not in old_consent_services:
        kinds.append("consent_third_party")
    elif item.third_party and not consent and item.provider not in {i.provider for i in old.items}:
        kinds.append("notice_recipient")
    return kinds


def _item_field_kinds(f: FieldChange, before: Item, item: Item, old: Inventory, new: Inventory, consent: bool,
                      old_consent_services: set[str]) -> list[str]:
    """What one changed field of an item requires."""
    if f.wording:
        return ["info_wording"]
    if f.field == "category":
        return [_moved_kind(_basis(old, before.category), _basis(new, item.category))]
    if f.field == "duration":
        return _duration_kinds(before, item, consent)
    if f.field == "purpose":
        return ["consent_purpose" if consent else "notice_purpose"]
    if f.field == "provider" and item.third_party:
        return ["consent_third_party" if consent and item.provider not in old_consent_services
                else "notice_recipient"]
    return ["info_other"]


def _moved_kind(was: str | None, now: str | None) -> str:
    if now == "consent" and was != "consent":
        return "consent_item_moved_in"
    # another category on the same basis: the purpose is the item's own, compared on its own
    return "notice_basis" if was != now else "info_other"


def _category_kinds(change: Change, old_consent_services: set[str]) -> list[str]:
    if change.kind == "removed":
        return ["info_removed"]
    category = change.new
    consent = category.legal_basis == "consent"
    if change.kind == "added":
        return ["consent_category_added" if consent else "notice_category_added"]
    kinds: list[str] = []
    for f in change.fields:
        if f.wording:
            kinds.append("info_wording")
        elif f.field == "legal_basis":
            kinds.append("consent_category_basis" if consent else "notice_basis")
        elif f.field in ("description", "kind"):
            kinds.append("consent_purpose" if consent else "notice_purpose")
        elif f.field == "provider" and category.provider:
            kinds.append("consent_third_party" if consent and category.provider not in old_consent_services
                         else "notice_recipient")
        else:
            kinds.append("info_other")
    return kinds or ["info_other"]


def _service_kinds(change: Change, new_consent_services: set[str], old_consent_services: set[str]) -> list[str]:
    if change.kind == "removed":
        return ["info_removed"]
    service = change.new
    consent = service.id in new_consent_services
    kinds: list[str] = []
    if change.kind == "added":
        kinds.append("consent_third_party" if consent else "notice_recipient")
        if service.transfer_abroad:
            kinds.append("consent_transfer_abroad" if consent else "notice_transfer_abroad")
        return kinds
    for f in change.fields:
        if f.wording:
            kinds.append("info_wording")
        elif f.field == "transfer_abroad" and f.new:
            kinds.append("consent_transfer_abroad" if consent else "notice_transfer_abroad")
        elif f.field in ("country", "processor_role", "transfer_mechanism"):
            kinds.append("notice_transfer_details")
        elif f.field in ("role", "sets_cookies"):
            kinds.append("consent_purpose" if consent and service.id in old_consent_services else
                         "notice_purpose")
        else:
            kinds.append("info_other")
    return kinds or ["info_other"]


def _site_kinds(change: FieldChange) -> list[str]:
    if change.wording:
        return ["info_wording"]
    return ["notice_controller"] if change.field in ("company", "country", "contact_legal_name") else ["info_other"]


def classify(diff: PolicyDiff, old: Inventory, new: Inventory) -> Classification:
    """Every change of ``diff`` (from ``old`` to ``new``) with its kinds, in the diff's order."""
    before, after = consent_services(old), consent_services(new)
    entries: list[Classed] = []
    entries += [Classed(tuple(_category_kinds(c, before)), change=c) for c in diff.categories]
    entries += [Classed(tuple(_service_kinds(c, after, before)), change=c) for c in diff.services]
    entries += [Classed(tuple(_item_kinds(c, old, new, before)), change=c) for c in diff.items]
    entries += [Classed(("info_other",), practice=("added", p)) for p in diff.not_used_added]
    entries += [Classed(("info_other",), practice=("removed", p)) for p in diff.not_used_removed]
    entries += [Classed(tuple(_site_kinds(f)), site=f) for f in diff.site]
    return Classification(tuple(entries))


def part(entry: Classed) -> PolicyDiff:
    """The diff of one classified change alone: what the change sentences say about it."""
    change = entry.change
    if change is not None:
        if change.entity == "category":
            return PolicyDiff(categories=(change,))
        return PolicyDiff(services=(change,)) if change.entity == "service" else PolicyDiff(items=(change,))
    if entry.site is not None:
        return PolicyDiff(site=(entry.site,))
    assert entry.practice is not None
    side, practice = entry.practice
    return PolicyDiff(not_used_added=(practice,)) if side == "added" else PolicyDiff(not_used_removed=(practice,))


def label(level: Level, lang: str) -> str:
    """The class as the reader is told it ("Needs fresh consent")."""
    return Catalog.get(lang).t(f"classify.level.{LEVEL_NAMES[level]}")


def reason(kind: str, lang: str) -> str:
    return Catalog.get(lang).t(f"classify.reason.{kind}")


def headline(classification: Classification, lang: str, extra: int = 0) -> str:
    """One line a reviewer acts on: the highest class, how many changes have it, and why.

    ``extra`` counts informational changes the classification does not hold (the pages' own text)."""
    from babel import Locale
    from babel.numbers import format_decimal

    from cookiepolicy.text.localize import format_list

    c = Catalog.get(lang)
    level = classification.level
    if level is Level.NONE and extra:
        level = Level.INFORMATIONAL
    if level is Level.NONE:
        return c.t("classify.headline_none")
    count = len(classification.at(level)) + (extra if level is Level.INFORMATIONAL else 0)
    form = Locale.parse(lang).plural_form(count)  # Turkish has no plural after a number
    counted = (c.maybe(f"classify.count.{form}") or c.t("classify.count.other")).format(
        count=format_decimal(count, locale=lang))
    reasons = [reason(k, lang) for k in classification.reasons(level)]
    if level is Level.INFORMATIONAL and extra and "info_wording" not in classification.reasons(level):
        reasons.append(reason("info_wording", lang))  # the pages' own text changed
    return c.t("classify.headline", level=label(level, lang), count=counted,
               reasons=format_list(reasons, lang))


def level_of(old: Inventory, new: Inventory) -> Level:
    """The class of the change from ``old`` to ``new`` (a release from the one before it)."""
    from cookiepolicy.history.diff import diff_inventories

    return classify(diff_inventories(old, new), old, new).level


__all__ = ["RULES", "Classed", "Classification", "Level", "classify", "headline", "label", "level_of", "part",
           "reason"]
