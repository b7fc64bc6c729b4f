"""Checked documents built into the model: categories, services, items, with every problem reported."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from cookiepolicy.loading.transfers import mechanism_problems
from cookiepolicy.loading.validate import check_localized, did_you_mean, lookalike, nfc, problem_at
from cookiepolicy.loading.wildcards import match_of, match_problems
from cookiepolicy.model.inventory import (
    CONSENT_BASIS,
    FIRST_PARTY,
    THIRD_PARTY,
    Category,
    Duration,
    Inventory,
    Item,
    Service,
    Site,
)
from cookiepolicy.model.practices import contradictions
from cookiepolicy.model.problems import WARNING, Problem, Report
from cookiepolicy.safeio.memo import Memo
from cookiepolicy.safeio.yamlsafe import Document
from cookiepolicy.text.durations import DurationError, localized_parts, read_duration
from cookiepolicy.text.words import say


def parse_duration(value: Any) -> Duration | None:
    """The structured duration of any form the data allows (see ``durations``); None if unreadable."""
    try:
        return read_duration(value)
    except ValueError:
        return None


_T = TypeVar("_T")


def safely(build: Callable[[], _T]) -> _T | None:
    """Build one entity; a malformed one was reported by the schema check and is skipped."""
    try:
        return build()
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _texts(d: dict[str, Any], *keys: str) -> None:
    """Fields used as keys must be text; a list or mapping there was reported by the schema check."""
    for key in keys:
        value = d.get(key, "")
        values = value if key == "used_on" and isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in values):
            raise TypeError(key)


def build_category(d: dict[str, Any]) -> Category:
    _texts(d, "id", "consent", "kind", "provider", "legal_basis", "ground")
    old = "consent" in d  # the older spelling says explicit consent, withdrawal and the requested service
    return Category(id=d["id"], name=dict(d["name"]), description=dict(d.get("description", {})),
                    consent=d.get("consent", ""), kind=d["kind"], listed=bool(d.get("listed", True)),
                    provider=d.get("provider"), legal_basis="" if old else d.get("legal_basis", ""),
                    ground=d.get("ground", ""), explicit=bool(d.get("explicit", False)),
                    withdrawal=bool(d.get("withdrawal", False)),
                    requested_service=bool(d.get("requested_service", False)))


def _legal_basis_problems(doc: Document, at: tuple[str | int, ...], d: dict[str, Any]) -> list[Problem]:
    """``consent`` and ``legal_basis`` are two spellings of one fact: one of them, and no contradiction."""
    consent, basis = d.get("consent"), d.get("legal_basis")
    if consent is None and basis is None:  # optional like every fact the law wants: `policy lint` asks for it
        return []
    ground = d.get("ground")
    if ground is not None and CONSENT_BASIS.get(consent or "", basis) != "strictly-necessary":
        return [problem_at(doc, (*at, "ground"), f"`ground` names the legal ground of a strictly necessary "
                           f"category, but this category's legal basis is {CONSENT_BASIS.get(consent or '', basis)}",
                           "remove `ground` (the legal basis is already a ground), or set "
                           "`legal_basis: strictly-necessary`")]
    if isinstance(consent, str) and isinstance(basis, str) and CONSENT_BASIS.get(consent) not in (None, basis):
        return [problem_at(doc, (*at, "legal_basis"), f"`consent: {consent}` says the legal basis is "
                           f"{CONSENT_BASIS[consent]}, but `legal_basis` is {basis}",
                           "remove `consent` (legal_basis replaces it), or make them agree")]
    return []


def build_service(d: dict[str, Any]) -> Service:
    _texts(d, "id", "policy_url", "country", "processor_role")
    transfer = d.get("transfer_abroad")
    return Service(id=d["id"], name=str(d["name"]), role=dict(d.get("role", {})),
                   sets_cookies=dict(d.get("sets_cookies", {})), policy_url=d.get("policy_url"),
                   listed=bool(d.get("listed", True)), domains=tuple(str(x) for x in d.get("domains", ())),
                   country=d.get("country"), processor_role=d.get("processor_role"),
                   transfer_abroad=transfer if isinstance(transfer, bool) else None,
                   transfer_mechanism=d.get("transfer_mechanism"))


def country_problem(doc: Document, at: tuple[str | int, ...], code_: Any) -> list[Problem]:
    """A country code the schema's pattern lets through but that names no country (``XX``)."""
    from babel import Locale  # late: only for the check

    if not isinstance(code_, str) or code_ in Locale.parse("en").territories:
        return []
    return [problem_at(doc, at, f"`{code_}` is not an ISO 3166 country code",
                       "write the two-letter code, e.g. TR for Türkiye, US for the United States, DE for Germany")]


def build_item(d: dict[str, Any]) -> Item:
    _texts(d, "storage", "category", "provider", "used_on", "renamed_from", "domain")
    duration = parse_duration(d["duration"])
    if duration is None:
        raise ValueError("duration")
    # no category: a flat inventory, as a source with no categories has it (none is invented)
    return Item(name=str(d["name"]), storage=d["storage"], category=d.get("category", ""), purpose=dict(d["purpose"]),
                duration=duration, provider=d.get("provider", FIRST_PARTY),
                attributes=tuple(d.get("attributes", ())), used_on=tuple(d.get("used_on", ())),
                cross_site=bool(d.get("cross_site", False)), renamed_from=d.get("renamed_from"),
                domain=d.get("domain"), match=match_of(d))


# Items built from entries without translation problems, by the entry's identity: a published
# release's entries are shared with the releases that repeat them (see frozen.py).
_BUILT: Memo[int, tuple[dict[str, Any], tuple[str, ...] | None, Item | None]] = Memo()
_BUILT_LIMIT = 50_000
# Items without problems by the content of their entry: the releases repeat most entries, and an item
# (frozen, built only from the entry) is the same whichever release it was read from.
_BUILT_BY_CONTENT: Memo[str, Item] = Memo()
_BUILT_ENTITIES: Memo[tuple[str, str], Any] = Memo()  # categories and services, the same way


def _built_item(doc: Document, at: tuple[str | int, ...], d: dict[str, Any], languages: list[str] | None,
                report: Report) -> Item | None:
    """The item of one entry, its translations checked; None when it cannot be built."""
    langs = tuple(languages) if languages is not None else None
    kept = _BUILT.get(id(d))
    if kept is not None and kept[0] is d and kept[1] == langs:
        return kept[2]
    # the same entry in another release read from the disk cache: another dict with the same content
    content = _content(d, langs)
    same = _BUILT_BY_CONTENT.get(content) if content is not None else None
    if same is not None:
        _BUILT[id(d)] = (d, langs, same)
        return same
    problems = check_localized(doc, (*at, "purpose"), d.get("purpose"), languages)
    for sub, localized in localized_parts(d.get("duration")):
        problems += check_localized(doc, (*at, "duration", *sub), localized, languages)
    try:
        read_duration(d.get("duration"))
    except DurationError as exc:  # text the schema lets through but no reader understands
        problems.append(problem_at(doc, (*at, "duration", *exc.at), exc.message, exc.hint))
    except ValueError:
        pass  # a malformed structure: the schema check reported it
    report.extend(problems)
    item = safely(lambda: build_item(d))
    if not problems:
        if len(_BUILT) >= _BUILT_LIMIT:
            _BUILT.clear()
            _BUILT_BY_CONTENT.clear()
        _BUILT[id(d)] = (d, langs, item)  # holding d keeps its id from being reused
        if content is not None and item is not None:
            _BUILT_BY_CONTENT[content] = item
    return item


def _content(d: dict[str, Any], langs: tuple[str, ...] | None) -> str | None:
    """An entry's content and the languages it was checked for, as a key (``repr``: written by one
    writer, equal entries have their keys in the same order; another order only misses the memo)."""
    try:
        return repr((d, langs))
    except RecursionError:  # nesting no data file has; the schema refuses it
        return None


@dataclass
class Part:
    """A list of entities inside a document, e.g. ``items`` of cookies.yml."""

    doc: Document
    key: str

    def entries(self) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
        if self.doc is None or not isinstance(self.doc.data, dict):
            return []
        values = self.doc.data.get(self.key)
        if not isinstance(values, list):
            return []
        return [((self.key, i), v) for i, v in enumerate(values) if isinstance(v, dict)]


@dataclass
class _Known:
    """The ids the built categories and services define, which items and categories may refer to."""

    category_ids: list[str]
    service_ids: list[str]
    category_set: set[str]  # looked up once per item
    service_set: set[str]

    @classmethod
    def of(cls, categories: list[Category], services: list[Service]) -> _Known:
        category_ids, service_ids = [c.id for c in categories], [s.id for s in services]
        return cls(category_ids, service_ids, set(category_ids), set(service_ids))

    def providers(self) -> list[str]:
        return [*self.service_ids, FIRST_PARTY, THIRD_PARTY]


@dataclass
class _Builder:
    """Builds the entities of one inventory into the model, reporting every problem on the way."""

    report: Report
    languages: list[str] | None

    def unique(self, part: Part, at: tuple[str | int, ...], key: Any, seen: dict[Any, Any], what: str) -> bool:
        """Whether ``key`` is new in ``part``; a second entry with it is reported, naming the first's line."""
        if key in seen:
            self.report.add(problem_at(part.doc, at, say("data.listed_twice", what=what,
                                                         line=part.doc.line(seen[key])),
                                       say("data.listed_twice_hint")))
            return False
        seen[key] = at  # its line is looked up only for a message
        return True

    def entities(self, part: Part, texts: tuple[str, ...], build: Callable[[dict[str, Any]], Any],
                 what: str) -> list[Any]:
        """The categories or services of ``part``, each id once."""
        built: list[Any] = []
        seen: dict[Any, Any] = {}
        for at, d in part.entries():
            entity = self.entity(part, at, d, texts, build, what)
            if entity and self.unique(part, (*at, "id"), entity.id, seen, f"{what} `{entity.id}`"):
                built.append(entity)
        return built

    def entity(self, part: Part, at: tuple[str | int, ...], d: dict[str, Any], texts: tuple[str, ...],
               build: Callable[[dict[str, Any]], Any], what: str) -> Any:
        """One entity, its translations checked; reused when an earlier release (or the draft) stated the
        same without problems."""
        content = _content(d, tuple(self.languages) if self.languages is not None else None)
        entity = _BUILT_ENTITIES.get((what, content)) if content is not None else None
        if entity is not None:
            return entity
        problems = [p for field in texts for p in check_localized(part.doc, (*at, field), d.get(field), self.languages)]
        self.report.extend(problems)
        entity = safely(functools.partial(build, d))
        if entity is not None and content is not None and not problems:
            if len(_BUILT_ENTITIES) >= _BUILT_LIMIT:
                _BUILT_ENTITIES.clear()
            _BUILT_ENTITIES[(what, content)] = entity
        return entity

    def items(self, items: Part, known: _Known, usage_places: dict[str, Any] | None,
              history: bool) -> tuple[list[Item], set[str], set[str]]:
        """The items, each (storage, name) once, with the categories and services they use."""
        built: list[Item] = []
        seen: dict[Any, Any] = {}
        looks: dict[str, tuple[str, int | None]] = {}
        used_categories: set[str] = set()
        used_services: set[str] = set()
        for at, d in items.entries():
            item = _built_item(items.doc, at, d, self.languages, self.report)
            if item is None:
                continue
            if not history:
                self.report.extend(match_problems(items.doc, at, d))
            self.report.extend(_item_problems(items.doc, at, item, known, usage_places))
            used_categories.add(item.category)
            if item.provider not in (FIRST_PARTY, THIRD_PARTY):
                used_services.add(item.provider)
            if self.unique(items, (*at, "name"), (item.storage, nfc(item.name)), seen, f"{item.storage} `{item.name}`"):
                built.append(item)
                self.report.extend(lookalike(items.doc, (*at, "name"), item.name, looks))
        return built, used_categories, used_services


def build_inventory(categories: Part, services: Part, items: Part, not_used: list[str],
                    languages: list[str] | None, usage_places: dict[str, Any] | None, report: Report,
                    not_used_at: tuple[Document | None, tuple[str | int, ...]] = (None, ()),
                    site: Site | None = None, history: bool = False) -> Inventory:
    """The inventory plus every semantic problem: translations, references, duplicates.

    ``history``: a published release, which may write a wildcard in the form it was frozen in (see
    ``wildcards``); the draft must state ``match``."""
    builder = _Builder(report, languages)
    built_categories = builder.entities(categories, ("name", "description"), build_category, "category")
    built_services = builder.entities(services, ("role", "sets_cookies"), build_service, "service")
    _entry_facts(categories, services, report)
    known = _Known.of(built_categories, built_services)
    _category_providers(categories, known, report)
    built_items, used_categories, used_services = builder.items(items, known, usage_places, history)
    used_services |= {c.provider for c in built_categories
                      if c.provider and c.provider not in (FIRST_PARTY, THIRD_PARTY)}
    _renames(items, built_items, report)
    if isinstance(items.doc.data, dict):  # an unreadable items file says nothing about what is used
        _unused(categories, built_categories, used_categories, services, built_services, used_services, report)
    inventory = Inventory(categories=tuple(built_categories), services=tuple(built_services),
                          items=tuple(built_items), not_used=tuple(not_used), site=site)
    doc, at = not_used_at
    if doc is not None:
        report.extend(_not_used_problems(doc, at, inventory))
    return inventory


def _entry_facts(categories: Part, services: Part, report: Report) -> None:
    """Facts within one entry: a category's legal basis, a service's country and transfer mechanism."""
    for at, d in categories.entries():
        report.extend(_legal_basis_problems(categories.doc, at, d))
    for at, d in services.entries():
        report.extend(country_problem(services.doc, (*at, "country"), d.get("country")))
        report.extend(mechanism_problems(services.doc, at, d))


def _category_providers(categories: Part, known: _Known, report: Report) -> None:
    """A category's provider is a service (``first-party``: the company sets them, as a source may say)."""
    for at, d in categories.entries():
        if d.get("provider") and d["provider"] not in known.providers():
            report.add(problem_at(categories.doc, (*at, "provider"), say("data.unknown_service", id=d["provider"]),
                                  did_you_mean(d["provider"], known.providers())
                                  or f"use a service id from services.yml, `{FIRST_PARTY}` for the company itself, "
                                  f"or `{THIRD_PARTY}` for one the policy does not name"))


def _item_problems(doc: Document, at: tuple[str | int, ...], item: Item, known: _Known,
                   usage_places: dict[str, Any] | None) -> list[Problem]:
    """What an item refers to (its category, provider and places) exists, and its duration fits its storage."""
    problems = []
    if item.category and item.category not in known.category_set:
        problems.append(problem_at(doc, (*at, "category"), say("data.unknown_category", id=item.category),
                                   did_you_mean(item.category, known.category_ids)
                                   or say("data.unknown_category_hint", known=", ".join(known.category_ids))))
    if item.provider not in (FIRST_PARTY, THIRD_PARTY) and item.provider not in known.service_set:
        problems.append(problem_at(doc, (*at, "provider"), say("data.unknown_service", id=item.provider),
                                   did_you_mean(item.provider, known.providers())
                                   or f"use `{FIRST_PARTY}`, a service id from services.yml, or "
                                   f"`{THIRD_PARTY}` for one the policy does not name"))
    for place in item.used_on:
        if usage_places is not None and place not in usage_places:
            problems.append(problem_at(doc, (*at, "used_on"), say("data.unknown_place", id=place),
                                       did_you_mean(place, usage_places) or say("data.unknown_place_hint")))
    if item.storage == "sessionStorage" and item.duration.kind != "session":
        problems.append(problem_at(doc, (*at, "duration"),
                                   say("data.session_duration"), say("data.session_duration_hint")))
    return problems


def _renames(items: Part, built: list[Item], report: Report) -> None:
    """An item renamed from another that still exists."""
    names = {i.key for i in built}
    for at, d in items.entries():
        old = d.get("renamed_from")
        if isinstance(old, str) and isinstance(d.get("storage"), str) and (d["storage"], old) in names:
            report.add(problem_at(items.doc, (*at, "renamed_from"),
                                  f"`{old}` still exists, so this item cannot be renamed from it",
                                  "remove the old item, or drop renamed_from"))


def _unused(categories: Part, built_categories: list[Category], used_categories: set[str], services: Part,
            built_services: list[Service], used_services: set[str], report: Report) -> None:
    """Warnings for a listed category without items and an unlisted service nothing uses."""
    # first wins; no scan per entity (an id that is not text was reported by the schema check)
    category_at = {d["id"]: a for a, d in reversed(categories.entries()) if isinstance(d.get("id"), str)}
    service_at = {d["id"]: a for a, d in reversed(services.entries()) if isinstance(d.get("id"), str)}
    for category in built_categories:
        if category.id not in used_categories and category.listed:
            report.add(problem_at(categories.doc, (*category_at[category.id], "id"),
                                  say("data.no_items", id=category.id), say("data.no_items_hint"), WARNING))
    for service in built_services:
        # a listed service is described in the third-party list even without items of its own
        if service.id not in used_services and not service.listed:
            report.add(problem_at(services.doc, (*service_at[service.id], "id"),
                                  say("data.not_used_service", id=service.id), say("data.not_used_service_hint"),
                                  WARNING))


def _not_used_problems(doc: Document, at: tuple[str | int, ...], inventory: Inventory) -> list[Problem]:
    """A practice ``not_used`` denies that an item is: by its category, or by the Open Cookie Database."""
    problems = [problem_at(doc, (*at, "not_used"),
                           say("data.not_used_contradicted", practice=practice,
                               storage=say(f"lint.storage.{item.storage}"), name=item.name),
                           say("data.not_used_contradicted_hint"))
                for practice, item in contradictions(inventory)]
    if inventory.not_used:  # what the cookies are, not only what the data calls them
        from cookiepolicy.loading import (
            cookiedb,  # it reads the database with the importer, which reads sites with this module
        )
        problems += [problem_at(doc, (*at, "not_used"),
                                say("data.not_used_database", practice=practice,
                                    storage=say(f"lint.storage.{item.storage}"), name=item.name,
                                    match=match.describe(), category=item.category),
                                say("data.not_used_database_hint", practice=practice))
                     for practice, item, match in cookiedb.contradictions(inventory, cookiedb.database_path())]
    return problems
