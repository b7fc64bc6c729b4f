"""Loading a site's data: files -> checked documents -> the model, with every problem reported.

Each file is read and checked once per content: MkDocs' i18n plugin re-runs the build per
language and ``mkdocs serve`` rebuilds on every edit, so results are cached on (path, mtime,
size) and only a changed file is parsed again. Across processes, checked files and releases
are kept on disk by content (see ``cache``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml

from cookiepolicy.loading.frozen import read_frozen
from cookiepolicy.loading.transfers import mechanism_problems
from cookiepolicy.loading.validate import check_localized, check_schema, did_you_mean, lookalike, nfc, problem_at
from cookiepolicy.loading.wildcards import match_of, match_problems
from cookiepolicy.model.inventory import (
    CONSENT_BASIS,
    FIRST_PARTY,
    PLACEHOLDER_COMPANY,
    THIRD_PARTY,
    Category,
    Contact,
    Duration,
    Inventory,
    Item,
    Policy,
    Release,
    Service,
    Site,
)
from cookiepolicy.model.practices import contradictions
from cookiepolicy.model.problems import ERROR, WARNING, PolicyError, Problem, Report
from cookiepolicy.safeio import cache
from cookiepolicy.safeio.yamlsafe import Document, Unreadable, child, compose, read_limited, read_yaml
from cookiepolicy.text.durations import DurationError, localized_parts, read_duration
from cookiepolicy.text.words import say

LOCK_NAME = "SHA256SUMS"


@dataclass(frozen=True)
class SiteFiles:
    """Where a site keeps its data; paths in messages are relative to ``root``."""

    root: Path
    data_dir: str = "data"
    docs_dir: str = "docs"
    config: Path | None = None  # its mkdocs.yml (``--config``, ``mkdocs -f``); None: root/mkdocs.yml

    @property
    def config_file(self) -> Path:
        return self.config or self.root / CONFIG_NAME

    @property
    def data(self) -> Path:
        return self.root / self.data_dir

    @property
    def docs(self) -> Path:
        return self.root / self.docs_dir

    @property
    def releases(self) -> Path:
        return self.data / "releases"

    @property
    def lock(self) -> Path:
        return self.releases / LOCK_NAME

    def draft_files(self) -> dict[str, Path]:
        return {kind: self.data / f"{kind}.yml" for kind in ("site", "categories", "services", "cookies")}

    def name(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


# ---------------------------------------------------------------- settings from mkdocs.yml

CONFIG_NAME = "mkdocs.yml"


def read_settings(config_file: Path, name: str = CONFIG_NAME) -> dict[str, str]:
    """``docs_dir`` and ``extra.policy.data_dir`` of a site's ``mkdocs.yml``: one reader for the build and the CLI.

    Raises ``PolicyError`` naming the file, line and field when the settings have the wrong shape
    (``extra.policy: "a string"``); a missing file means the defaults.
    """
    try:
        raw = read_limited(config_file)
    except FileNotFoundError:
        return {}
    except Unreadable as exc:
        raise PolicyError(Report([Problem(file=name, message=exc.message, hint=exc.hint)])) from None
    try:
        root = compose(raw.decode("utf-8", errors="replace"))
    except (yaml.YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else getattr(exc, "line", None)
        reason = getattr(exc, "problem", None) or getattr(exc, "message", None) or str(exc)
        raise PolicyError(Report([Problem(file=name, line=line, message=f"malformed YAML: {reason}")])) from None
    settings: dict[str, str] = {}
    problems: list[Problem] = []

    def refuse(node: yaml.Node, field: str, message: str, hint: str) -> None:
        problems.append(Problem(file=name, line=node.start_mark.line + 1, field=field, message=message, hint=hint))

    def text(node: yaml.Node, field: str) -> None:
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        if not value or node.tag != "tag:yaml.org,2002:str" or Path(value).is_absolute() or ".." in Path(value).parts \
                or not value.isprintable():
            refuse(node, field, "must be a folder inside the site, e.g. `data`", "write a relative folder name")
        else:
            settings[field.rpartition(".")[2]] = value

    extra = child(root, "extra")
    policy = child(extra, "policy")
    for node, field in ((extra, "extra"), (policy, "extra.policy")):
        if node is not None and not isinstance(node, yaml.MappingNode) and node.tag != "tag:yaml.org,2002:null":
            refuse(node, field, "must be a mapping of settings, not a single value",
                   "write e.g. `policy:` and below it, indented, `data_dir: data`")
    data_dir, docs_dir = child(policy, "data_dir"), child(root, "docs_dir")
    if data_dir is not None:
        text(data_dir, "extra.policy.data_dir")
    if docs_dir is not None:
        text(docs_dir, "docs_dir")
    if problems:
        raise PolicyError(Report(problems))
    return settings


def site_files(root: Path, config_file: Path | None = None, data_dir: str | None = None) -> SiteFiles:
    """Where a site keeps its data, as its ``mkdocs.yml`` says (``data_dir`` given here wins)."""
    config_file = config_file or root / CONFIG_NAME
    settings = read_settings(config_file, SiteFiles(root).name(config_file.resolve()))
    return SiteFiles(root=root, data_dir=data_dir or settings.get("data_dir", "data"),
                     docs_dir=settings.get("docs_dir", "docs"), config=config_file)


# ---------------------------------------------------------------- reading, cached per file

_DOC_CACHE: dict[Path, tuple[tuple[int, int], Document, list[Problem]]] = {}


def read_checked(path: Path, name: str, kind: str) -> tuple[Document, list[Problem]]:
    """Read and schema-check one file, reusing the last result while the file is unchanged."""
    try:
        stat = path.stat()
        signature = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        signature = (-1, -1)
    cached = _DOC_CACHE.get(path)
    if cached and cached[0] == signature and signature != (-1, -1) and cached[1].name == name:
        return cached[1], cached[2]
    doc, problems = _checked_on_disk(path, name, kind)
    _DOC_CACHE[path] = (signature, doc, problems)
    return doc, problems


def _checked_on_disk(path: Path, name: str, kind: str) -> tuple[Document, list[Problem]]:
    """``_check``'s result, from the on-disk cache when these bytes were checked before."""
    doc, problems = cache.cached(path, f"doc\0{kind}\0{name}", lambda: _check(path, name, kind))
    doc.path = path  # the same bytes may have been read elsewhere (a git snapshot in a temporary folder)
    return doc, problems


def _check(path: Path, name: str, kind: str, frozen: bool = False) -> tuple[Document, list[Problem]]:
    """Read and schema-check; a ``frozen`` release (checksum recorded and matching) is read part by part."""
    doc = read_frozen(path, name) if frozen else None
    doc, problems = (doc, []) if doc is not None else read_yaml(path, name)
    if not problems:
        if isinstance(doc.data, dict):
            problems = check_schema(doc, kind)
        else:  # a list, a single value, or `null`
            problems = [problem_at(doc, (), "the file must be a mapping of fields (`field: value`)")]
    return doc, problems


# ---------------------------------------------------------------- building the model


def parse_duration(value: Any) -> Duration | None:
    """The structured duration of any form the data allows (see ``durations``); None if unreadable."""
    try:
        return read_duration(value)
    except ValueError:
        return None


_T = TypeVar("_T")


def _safely(build: Callable[[], _T]) -> _T | None:
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


def _category(d: dict[str, Any]) -> Category:
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


def _service(d: dict[str, Any]) -> Service:
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


def _item(d: dict[str, Any]) -> Item:
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
_BUILT: dict[int, tuple[dict[str, Any], tuple[str, ...] | None, Item | None]] = {}
_BUILT_LIMIT = 50_000
# Items without problems by the content of their entry: the releases repeat most entries, and an item
# (frozen, built only from the entry) is the same whichever release it was read from.
_BUILT_BY_CONTENT: dict[str, Item] = {}
_BUILT_ENTITIES: dict[tuple[str, str], Any] = {}  # categories and services, the same way


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
    item = _safely(lambda: _item(d))
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
class _Part:
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


def build_inventory(categories: _Part, services: _Part, items: _Part, not_used: list[str],
                    languages: list[str] | None, usage_places: dict[str, Any] | None, report: Report,
                    not_used_at: tuple[Document | None, tuple[str | int, ...]] = (None, ()),
                    site: Site | None = None, history: bool = False) -> Inventory:
    """The inventory plus every semantic problem: translations, references, duplicates.

    ``history``: a published release, which may write a wildcard in the form it was frozen in (see
    ``wildcards``); the draft must state ``match``."""
    built_items: list[Item] = []

    def unique(part: _Part, at: tuple[str | int, ...], key: Any, seen: dict[Any, Any], what: str) -> bool:
        if key in seen:
            report.add(problem_at(part.doc, at, say("data.listed_twice", what=what, line=part.doc.line(seen[key])),
                                  say("data.listed_twice_hint")))
            return False
        seen[key] = at  # its line is looked up only for a message
        return True

    def entities(part: _Part, texts: tuple[str, ...], build: Callable[[dict[str, Any]], Any], what: str) -> list[Any]:
        built: list[Any] = []
        seen: dict[Any, Any] = {}
        langs = tuple(languages) if languages is not None else None
        for at, d in part.entries():
            content = _content(d, langs)
            entity = _BUILT_ENTITIES.get((what, content)) if content is not None else None
            if entity is None:  # not one an earlier release (or the draft) stated the same, without problems
                problems = [p for field in texts
                            for p in check_localized(part.doc, (*at, field), d.get(field), languages)]
                report.extend(problems)
                entity = _safely(functools.partial(build, d))
                if entity is not None and content is not None and not problems:
                    if len(_BUILT_ENTITIES) >= _BUILT_LIMIT:
                        _BUILT_ENTITIES.clear()
                    _BUILT_ENTITIES[(what, content)] = entity
            if entity and unique(part, (*at, "id"), entity.id, seen, f"{what} `{entity.id}`"):
                built.append(entity)
        return built

    built_categories = entities(categories, ("name", "description"), _category, "category")
    built_services = entities(services, ("role", "sets_cookies"), _service, "service")
    for at, d in categories.entries():
        report.extend(_legal_basis_problems(categories.doc, at, d))
    for at, d in services.entries():
        report.extend(country_problem(services.doc, (*at, "country"), d.get("country")))
        report.extend(mechanism_problems(services.doc, at, d))

    category_ids = [c.id for c in built_categories]
    service_ids = [s.id for s in built_services]
    category_set, service_set = set(category_ids), set(service_ids)  # looked up once per item
    used_categories: set[str] = set()
    used_services: set[str] = {c.provider for c in built_categories
                               if c.provider and c.provider not in (FIRST_PARTY, THIRD_PARTY)}
    for at, d in categories.entries():  # `first-party`: the company sets them, as a source may say of a category
        if d.get("provider") and d["provider"] not in (*service_ids, THIRD_PARTY, FIRST_PARTY):
            report.add(problem_at(categories.doc, (*at, "provider"), say("data.unknown_service", id=d["provider"]),
                                  did_you_mean(d["provider"], [*service_ids, FIRST_PARTY, THIRD_PARTY])
                                  or f"use a service id from services.yml, `{FIRST_PARTY}` for the company itself, "
                                  f"or `{THIRD_PARTY}` for one the policy does not name"))
    seen: dict[Any, Any] = {}
    looks: dict[str, tuple[str, int | None]] = {}
    for at, d in items.entries():
        item = _built_item(items.doc, at, d, languages, report)
        if item is None:
            continue
        if not history:
            report.extend(match_problems(items.doc, at, d))
        if item.category and item.category not in category_set:
            report.add(problem_at(items.doc, (*at, "category"), say("data.unknown_category", id=item.category),
                                  did_you_mean(item.category, category_ids)
                                  or say("data.unknown_category_hint", known=", ".join(category_ids))))
        used_categories.add(item.category)
        if item.provider not in (FIRST_PARTY, THIRD_PARTY):
            used_services.add(item.provider)
            if item.provider not in service_set:
                report.add(problem_at(items.doc, (*at, "provider"), say("data.unknown_service", id=item.provider),
                                      did_you_mean(item.provider, [*service_ids, FIRST_PARTY, THIRD_PARTY])
                                      or f"use `{FIRST_PARTY}`, a service id from services.yml, or "
                                      f"`{THIRD_PARTY}` for one the policy does not name"))
        for place in item.used_on:
            if usage_places is not None and place not in usage_places:
                report.add(problem_at(items.doc, (*at, "used_on"), say("data.unknown_place", id=place),
                                      did_you_mean(place, usage_places) or say("data.unknown_place_hint")))
        if item.storage == "sessionStorage" and item.duration.kind != "session":
            report.add(problem_at(items.doc, (*at, "duration"),
                                  "sessionStorage is cleared when the tab closes: its duration must be `session`",
                                  "write `duration: session`, or use localStorage"))
        label = f"{item.storage} `{item.name}`"
        if unique(items, (*at, "name"), (item.storage, nfc(item.name)), seen, label):
            built_items.append(item)
            report.extend(lookalike(items.doc, (*at, "name"), item.name, looks))
    names = {i.key for i in built_items}
    for at, d in items.entries():
        old = d.get("renamed_from")
        if isinstance(old, str) and isinstance(d.get("storage"), str) and (d["storage"], old) in names:
            report.add(problem_at(items.doc, (*at, "renamed_from"),
                                  f"`{old}` still exists, so this item cannot be renamed from it",
                                  "remove the old item, or drop renamed_from"))
    # first wins; no scan per entity (an id that is not text was reported by the schema check)
    category_at = {d["id"]: a for a, d in reversed(categories.entries()) if isinstance(d.get("id"), str)}
    service_at = {d["id"]: a for a, d in reversed(services.entries()) if isinstance(d.get("id"), str)}
    # an unreadable items file says nothing about which categories and services are used
    items_read = isinstance(items.doc.data, dict)
    for category in built_categories:
        if items_read and category.id not in used_categories and category.listed:
            at = category_at[category.id]
            report.add(problem_at(categories.doc, (*at, "id"), say("data.no_items", id=category.id),
                                  say("data.no_items_hint"), WARNING))
    for service in built_services:
        # a listed service is described in the third-party list even without items of its own
        if items_read and service.id not in used_services and not service.listed:
            at = service_at[service.id]
            report.add(problem_at(services.doc, (*at, "id"), say("data.not_used_service", id=service.id),
                                  say("data.not_used_service_hint"), WARNING))
    inventory = Inventory(categories=tuple(built_categories), services=tuple(built_services),
                          items=tuple(built_items), not_used=tuple(not_used), site=site)
    doc, at = not_used_at
    for practice, item in contradictions(inventory):
        if doc is not None:
            report.add(problem_at(doc, (*at, "not_used"),
                                  f"says the site does not use {practice}, but {item.storage} `{item.name}` is one",
                                  "remove it from not_used, or fix the item"))
    if doc is not None and inventory.not_used:  # what the cookies are, not only what the data calls them
        from cookiepolicy.loading import (
            cookiedb,  # it reads the database with the importer, which reads sites with this module
        )
        for practice, item, match in cookiedb.contradictions(inventory, cookiedb.database_path()):
            report.add(problem_at(doc, (*at, "not_used"),
                                  f"says the site does not use {practice}, but {item.storage} `{item.name}` is "
                                  f"{match.describe()}, whatever its category `{item.category}` says",
                                  f"remove {practice} from not_used, or check the item's name and provider"))
    return inventory


# ---------------------------------------------------------------- the whole site


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


VERSION = re.compile(r"\A[0-9]+(\.[0-9]+)*\Z")
"""A version: ASCII digits and dots, the whole string (``$`` would accept a trailing newline)."""
FORMAT = 2
"""The snapshot format ``policy release`` writes; 2 added the site facts (``site:``)."""
PUBLISHED_DIRS = ("releases", "versions")


def is_version(text: str) -> bool:
    return bool(VERSION.match(text)) and text.isascii()


def version_key(version: str) -> tuple[int, ...]:
    """Versions compare as numbers: 1.10 comes after 1.9."""
    return tuple(int(p) for p in version.split("."))


def file_sha256(path: Path) -> str:
    return hashlib.sha256(read_limited(path)).hexdigest()


_SUM_LINE = re.compile(r"\A([0-9a-fA-F]{64}) ([ *])(.+)\Z", re.DOTALL)


@dataclass(frozen=True)
class Sum:
    """One line of SHA256SUMS: the digest (lower case), the path it names, and where it was read."""

    digest: str
    name: str
    line: int


def parse_sums(files: SiteFiles) -> tuple[list[Sum], list[Problem]]:
    """SHA256SUMS read the way ``sha256sum -c`` reads it, with every path confined to the site.

    Either hex case; ``  `` (text) or `` *`` (binary) before the name; ``#`` comments and blank
    lines skipped; a leading ``\\`` escapes ``\\n`` and ``\\\\`` in the name. A path is accepted
    only if it names a regular file under data/releases/ or docs/versions/ without leaving the
    site through ``..``, an absolute path or a symbolic link.
    """
    lock = files.name(files.lock)
    if not files.lock.is_file():
        return [], []
    try:
        text = read_limited(files.lock).decode("utf-8")
    except UnicodeDecodeError:
        return [], [Problem(file=lock, message="is not UTF-8 text", hint="restore it from git")]
    except Unreadable as exc:
        return [], [Problem(file=lock, message=exc.message, hint="restore it from git")]
    return parse_sums_text(text, lock, files)


def parse_sums_text(text: str, lock: str, files: SiteFiles | None = None) -> tuple[list[Sum], list[Problem]]:
    """The lines of a SHA256SUMS text; with ``files``, only paths that ``confine`` accepts."""
    sums: list[Sum] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if not line.strip() or line.startswith("#"):
            continue
        escaped = line.startswith("\\")
        match = _SUM_LINE.match(line[1:] if escaped else line)
        if not match:
            problems.append(Problem(file=lock, line=number, message="not a checksum line",
                                    hint="each line is a SHA-256 digest, two spaces (or ` *`) and a path"))
            continue
        digest, _, name = match.groups()
        if escaped:
            name = re.sub(r"\\(.)", lambda m: {"n": "\n", "\\": "\\"}.get(m.group(1), m.group(0)), name)
        where = confine(files, name) if files is not None else None
        if where:
            problems.append(Problem(file=lock, line=number, message=f"`{name}` {where}",
                                    hint="SHA256SUMS lists only the files `policy release` wrote"))
            continue
        if name in seen:
            problems.append(Problem(file=lock, line=number,
                                    message=f"`{name}` is listed twice (first on line {seen[name]})"))
            continue
        seen[name] = number
        sums.append(Sum(digest.lower(), name, number))
    return sums, problems


def confine(files: SiteFiles, name: str) -> str | None:
    """Why ``name`` may not be read as a published file, or None when it may."""
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or "\n" in name or any(p in ("", ".", "..") for p in parts):
        return "is not a plain path inside the site"
    allowed = [files.releases, files.docs / "versions"]
    path = files.root / name
    if not any(path.parent == folder or folder in path.parents for folder in allowed):
        return f"is outside {', '.join(files.name(f) + '/' for f in allowed)}"
    root = files.root.resolve()
    try:
        resolved = path.resolve()
        resolved.relative_to(root)
    except (OSError, ValueError):
        return "leads outside the site"
    if resolved != root / name:
        return "goes through a symbolic link"
    if path.exists() and not path.is_file():
        return "is not a regular file"
    return None


def read_lock(files: SiteFiles) -> dict[str, str]:
    """The checksums of published files by path (lines that cannot be trusted are left out)."""
    return {s.name: s.digest for s in parse_sums(files)[0]}


_LOCK_MEMO: dict[Path, tuple[tuple[int, int, int], dict[str, str]]] = {}


def _lock_digests(files: SiteFiles) -> dict[str, str]:
    """``read_lock`` once per version of SHA256SUMS, for choosing how to read each release (the
    checksums themselves are checked by ``check_published`` on every load)."""
    try:
        info = files.lock.stat()
    except OSError:
        return {}
    signature = (info.st_mtime_ns, info.st_size, info.st_ino)
    kept = _LOCK_MEMO.get(files.lock)
    if kept is None or kept[0] != signature:
        kept = (signature, read_lock(files))
        _LOCK_MEMO[files.lock] = kept
    return kept[1]


def _site(doc: Document, at: tuple[str | int, ...] = ()) -> Site | None:
    d = doc.data
    for key in at:
        d = d.get(key) if isinstance(d, dict) else None
    if not isinstance(d, dict):
        return None
    return _safely(lambda: Site(company=d["company"], domain=d.get("domain"), url=d.get("url"),
                                contact_email=d.get("contact_email") or (d.get("contact") or {}).get("email"),
                                languages=tuple(d["languages"]), default_language=d["default_language"],
                                usage_places={k: dict(v) for k, v in d.get("usage_places", {}).items()},
                                tr_forms={k: dict(v) for k, v in d.get("tr_forms", {}).items()},
                                contact=_contact(d.get("contact") or {}), country=d.get("country"),
                                cite_articles=bool(d.get("cite_articles", False)),
                                table_headers={k: dict(v) for k, v in d.get("table_headers", {}).items()}))


def _text_or_localized(value: Any) -> dict[str, str]:
    """A plain text holds for every language: kept under ``"*"``, which ``localize.text`` falls back to."""
    if isinstance(value, dict):
        return dict(value)
    return {"*": value} if isinstance(value, str) else {}


def _contact(d: dict[str, Any]) -> Contact:
    return Contact(name=_text_or_localized(d.get("name")), legal_name=d.get("legal_name"),
                   address=_text_or_localized(d.get("address")), kep=d.get("kep"), phone=d.get("phone"),
                   rights_url=d.get("rights_url"), privacy_url=d.get("privacy_url"))


def check_contact(doc: Document, at: tuple[str | int, ...], languages: list[str] | None) -> list[Problem]:
    """The contact block: translations, ``contact_email`` agreeing with ``contact.email``, a way to reach us."""
    d: Any = doc.data
    for key in at:
        d = d.get(key) if isinstance(d, dict) else None
    if not isinstance(d, dict):
        return []
    contact: dict[str, Any] = d["contact"] if isinstance(d.get("contact"), dict) else {}
    problems: list[Problem] = []
    for key in ("name", "address"):
        problems += check_localized(doc, (*at, "contact", key), contact.get(key), languages)
    email = contact.get("email")
    if isinstance(email, str) and isinstance(d.get("contact_email"), str) and email != d["contact_email"]:
        problems.append(problem_at(doc, (*at, "contact", "email"), f"`{email}` differs from contact_email "
                                   f"`{d['contact_email']}`", "contact_email is the same fact as contact.email: "
                                   "remove contact_email, or give both the same address"))
    if d.get("company") == PLACEHOLDER_COMPANY:  # `policy init` without --company: never published as a name
        problems.append(problem_at(doc, (*at, "company"), "the company is still the placeholder `policy init` wrote",
                                   "write the company's name as its policy states it, e.g. `company: Acme Ltd`"))
    # no way to reach the controller is no error: a real policy may give only a name, or nothing, and
    # `policy lint` reports it (KVKK Art. 10(1)(a)) instead of the site inventing an address
    problems += country_problem(doc, (*at, "country"), d.get("country"))
    return problems


def migrate_format_1(current: Site | None) -> Site | None:
    """The site facts of a snapshot written before they were recorded (no ``format``, or 1).

    Such a snapshot never held them: until ``policy record-site-facts`` records them (from the
    commit that added the snapshot, in ``recorded_site_facts``), it is shown with the site facts
    of today's site.yml, and ``policy verify`` fails when one differs from that commit. So the
    published words of an old release cannot change without the check saying so.
    """
    return current


def recorded_site_facts(files: SiteFiles, version: str) -> Path:
    """Where the site facts of a format-1 release are recorded, once ``policy record-site-facts`` ran."""
    return files.releases / "site-facts" / f"{version}.yml"


_RELEASE_CACHE: dict[Path, tuple[tuple[int, int], str, Release | None, list[Problem]]] = {}
_WORDED: dict[str, tuple[Release, Release]] = {}  # a loaded release -> the same with its wording file named


def load_release(path: Path, files: SiteFiles, languages: list[str] | None, usage_places: dict[str, Any] | None,
                 report: Report, current: Site | None = None) -> Release | None:
    """One snapshot, checked against the rules it was written under: its own languages and places.

    ``languages``/``usage_places`` are not used for a snapshot that records its site facts; a
    format-1 snapshot (none recorded) is checked for structure only, its texts having been
    checked when it was published.

    A snapshot is checked once per content (on disk, see ``cache``) and, while its file is
    unchanged, is the same object on every load of the process, so what is remembered by its
    identity (the changelog's release-to-release diffs) stays valid.
    """
    try:
        stat = path.stat()
    except OSError:
        return _load_release(path, files, languages, usage_places, report, current)
    signature = (stat.st_mtime_ns, stat.st_size)
    recorded = recorded_site_facts(files, path.stem)
    facts = cache.read_plain(recorded) if recorded.exists() else b""  # a format-1 release's recorded facts
    context = json.dumps(["release", files.name(path), languages, usage_places, current,
                          hashlib.sha256(facts).hexdigest() if facts is not None else "unreadable"],
                         sort_keys=True, default=repr)
    kept = _RELEASE_CACHE.get(path)
    if kept is not None and kept[0] == signature and kept[1] == context:
        report.extend(kept[3])
        return kept[2]

    own = Report()
    release = _load_release(path, files, languages, usage_places, own, current)
    problems = own.problems
    _RELEASE_CACHE[path] = (signature, context, release, problems)
    report.extend(problems)
    return release


def _load_release(path: Path, files: SiteFiles, languages: list[str] | None, usage_places: dict[str, Any] | None,
                  report: Report, current: Site | None) -> Release | None:
    # not read_checked: only the release built from the document is kept, in the process and on disk
    name = files.name(path)
    raw = cache.read_plain(path)
    frozen = raw is not None and _lock_digests(files).get(name) == hashlib.sha256(raw).hexdigest()
    # on disk only the checked document, plain data (see ``cache``); the release is built from it here
    doc, problems = cache.cached(path, f"release\0{name}\0{frozen}", lambda: _check(path, name, "release", frozen))
    doc.path = path
    report.extend(problems)
    if doc.data is None or problems:
        return None
    release = _release(doc, path, files, languages, usage_places, own := Report(), current)
    report.extend(own.errors)  # warnings were for the author before publishing; a release cannot change
    return release


def _release(doc: Document, path: Path, files: SiteFiles, languages: list[str] | None,
             usage_places: dict[str, Any] | None, report: Report, current: Site | None) -> Release | None:
    data = doc.data
    if str(data["version"]) != path.stem:
        report.add(problem_at(doc, ("version",), f"version `{data['version']}` does not match the file name",
                              f"a release file is named after its version: {data['version']}.yml"))
    fmt = data.get("format", 1)
    if fmt > FORMAT:
        report.add(problem_at(doc, ("format",), f"snapshot format {fmt} is newer than this engine reads "
                              f"({FORMAT})", "upgrade the cookiepolicy package"))
        return None
    if fmt >= 2:
        site = _site(doc, ("site",))
        if site is None:
            report.add(problem_at(doc, ("site",), "the site facts of this release cannot be read"))
            return None
        languages, usage_places = list(site.languages), site.usage_places
        for key, text in site.usage_places.items():
            report.extend(check_localized(doc, ("site", "usage_places", key), text, languages))
    else:
        site, languages, usage_places = migrate_format_1(current), None, None
        recorded = recorded_site_facts(files, path.stem)
        if recorded.exists():
            facts, problems = read_checked(recorded, files.name(recorded), "site_facts")
            report.extend(problems)
            site = _site(facts, ("site",)) if not problems else None
            if site is None:
                return None
    inventory = build_inventory(_Part(doc, "categories"), _Part(doc, "services"), _Part(doc, "items"),
                                list(data.get("not_used", [])), languages, usage_places,
                                report, (doc, ()), site, history=True)
    if "summary" in data:
        report.extend(check_localized(doc, ("summary",), data["summary"], languages))
    try:
        published = dt.date.fromisoformat(data["published"])
        effective = dt.date.fromisoformat(data["effective"])
    except ValueError:  # the schema checks the shape; 2026-02-30 has the shape of a date
        for field in ("published", "effective"):
            if not _is_date(data[field]):
                report.add(problem_at(doc, (field,), f"`{data[field]}` is not a possible date",
                                      "write a real calendar date as YYYY-MM-DD"))
        return None
    if effective < published:
        report.add(problem_at(doc, ("effective",),
                              say("release.before_published", effective=effective, published=published),
                              say("release.before_published_hint")))
    return Release(version=str(data["version"]), published=published, effective=effective,
                   summary=dict(data.get("summary", {})), inventory=inventory, path=files.name(path), format=fmt)


def check_published(files: SiteFiles, report: Report) -> None:
    """What holds without git history: releases, archive folders and SHA256SUMS agree, files unedited.

    Every release has its archive folder and vice versa; every file in an archive folder and
    every release is listed in SHA256SUMS; every listed file exists and has its checksum.
    """
    sums, problems = parse_sums(files)
    report.extend(problems)
    listed = {s.name: s for s in sums}
    lock = files.name(files.lock)
    archive = files.docs / "versions"
    snapshots = {p.stem: p for p in files.releases.glob("*.yml")} if files.releases.is_dir() else {}
    folders = {p.name: p for p in archive.iterdir() if p.is_dir()} if archive.is_dir() else {}
    for version, path in sorted(snapshots.items()):
        if version not in folders and is_version(version):
            report.add(Problem(file=files.name(path), message=f"release {version} has no archived pages in "
                               f"{files.name(archive / version)}/", hint="restore them from git"))
    from cookiepolicy.safeio.fsutil import journal_command, journal_path, old_journal_path

    journals = [p for p in (journal_path(files.data), old_journal_path(files.data)) if p.exists()]
    state = journal_path(files.data).parent
    leftovers = [p for folder in (files.data, archive, state) if folder.is_dir() and not folder.is_symlink()
                 for p in folder.rglob(".*.policy-tmp")]
    if leftovers or journals:
        command = journal_command(journals[0] if journals else journal_path(files.data), leftovers)
        report.add(Problem(file=files.name(files.data) + "/", message=f"an interrupted `{command}` left "
                           "files behind", hint=f"run `{command}` again: it completes or undoes it first"))
        return
    for version, folder in sorted(folders.items()):
        if version not in snapshots:
            report.add(Problem(file=files.name(folder) + "/", message=f"archive folder without a release "
                               f"{files.name(files.releases / (version + '.yml'))}",
                               hint="restore the release from git, or remove a folder made by hand"))
        for path in sorted(folder.rglob("*")):
            if (path.is_file() or path.is_symlink()) and files.name(path) not in listed:
                report.add(Problem(file=files.name(path), message=f"is in an archive folder but not in {lock}",
                                   hint="only `policy release` adds pages to a published version: remove it"))
    recorded = files.releases / "site-facts"
    for path in sorted(recorded.iterdir()) if recorded.is_dir() else []:
        if files.name(path) not in listed:
            report.add(Problem(file=files.name(path), message=f"is not recorded in {lock}",
                               hint="record site facts with `policy record-site-facts`, never by hand"))
        if path.stem not in snapshots:
            report.add(Problem(file=files.name(path), message=f"records the site facts of a release {path.stem} "
                               "that does not exist", hint="restore the release from git"))
    for entry in sums:
        path = files.root / entry.name
        if not path.exists():
            report.add(Problem(file=lock, line=entry.line, message=f"published file `{entry.name}` is missing",
                               hint="restore it from git: published releases are never deleted"))
        elif file_sha256(path) != entry.digest:
            report.add(Problem(file=entry.name, line=1,
                               message=f"this published file was edited after its release (checksum on "
                                       f"{lock} line {entry.line} differs)",
                               hint=f"restore it with `git checkout -- {entry.name}`; publish a correction as "
                                    "a new release"))


def load_policy(files: SiteFiles) -> tuple[Policy | None, Report]:
    """The site's policy and the report of every problem; the policy is None when errors remain."""
    report = Report()
    paths = files.draft_files()
    docs: dict[str, Document] = {}
    site_ok = False
    for kind, path in paths.items():
        doc, problems = read_checked(path, files.name(path), kind)
        report.extend(problems)
        site_ok = site_ok or (kind == "site" and not problems)
        # keep a file with schema problems: its valid entries still get the semantic checks
        docs[kind] = doc if isinstance(doc.data, dict) else Document(path, doc.name)
    site = _site(docs["site"]) if site_ok else None
    # with a broken site.yml, still check translations and places against what it says, if readable
    raw_site = docs["site"].data or {}
    languages = list(site.languages) if site else _strings(raw_site.get("languages"))
    usage_places = site.usage_places if site else raw_site.get("usage_places")
    if not isinstance(usage_places, dict):
        usage_places = None
    if site:
        report.extend(check_contact(docs["site"], (), languages))
        if site.default_language not in site.languages:
            report.add(problem_at(docs["site"], ("default_language",),
                                  f"`{site.default_language}` is not in languages", "add it to languages"))
        for key, text in site.usage_places.items():
            report.extend(check_localized(docs["site"], ("usage_places", key), text, languages))
        for key, text in site.table_headers.items():
            report.extend(check_localized(docs["site"], ("table_headers", key), text, languages))
        from cookiepolicy.text.localize import Catalog  # late: localization sits above loading

        for lang in site.languages:
            if not Catalog.has(lang):
                report.add(problem_at(docs["site"], ("languages",), f"no translations of the interface for `{lang}`",
                                      Catalog.missing(lang, files.root)))
    raw_not_used = (docs["site"].data or {}).get("not_used")  # a broken one was reported by the schema check
    not_used = [p for p in raw_not_used if isinstance(p, str)] if isinstance(raw_not_used, list) else []
    draft = build_inventory(_Part(docs["categories"], "categories"), _Part(docs["services"], "services"),
                            _Part(docs["cookies"], "items"), not_used, languages, usage_places, report,
                            (docs["site"], ()), site)

    releases = []
    release_paths = sorted(files.releases.glob("*.yml")) if files.releases.is_dir() else []
    sums = read_lock(files)
    for path in release_paths:
        if not is_version(path.stem):
            report.add(Problem(file=files.name(path), message="a release file must be named VERSION.yml",
                               hint="e.g. 1.0.yml"))
            continue
        name = files.name(path)
        if name not in sums:
            report.add(Problem(file=name, message="this release is not recorded in " + files.name(files.lock),
                               hint="create releases with `policy release`, never by hand"))
        release = load_release(path, files, languages, usage_places, report, site)
        if release:
            frozen = files.releases / "wording" / path.name  # see wording.py
            if frozen.is_file():  # the same object while the release is: its diffs are remembered by identity
                hit = _WORDED.get(str(frozen))
                if hit is None or hit[0] is not release:
                    hit = _WORDED[str(frozen)] = (release, dataclasses.replace(release, wording=str(frozen)))
                release = hit[1]
            releases.append(release)
    check_published(files, report)
    releases.sort(key=lambda r: version_key(r.version))
    for before, after in itertools.pairwise(releases):
        if after.published < before.published:
            report.add(Problem(file=after.path, message=f"published {after.published}, before version "
                               f"{before.version} ({before.published})",
                               hint="a later version cannot be published earlier"))
        # a later version may take effect earlier: published before the other took effect, it replaces
        # it (see legalstate), as a correction of a release not yet in force does
    _check_renames(_Part(docs["cookies"], "items"), releases[-1] if releases else None, report)
    if site and draft is not None and report.ok:  # data/tcf.yml, when present, against the draft's categories
        from cookiepolicy.exchange.export import tcf_mapping
        from cookiepolicy.model.problems import PolicyError

        try:
            tcf_mapping(files, draft)
        except PolicyError as exc:
            report.extend(exc.report.problems)
    if not site or not report.ok:
        return None, report
    return Policy(site=site, draft=draft, releases=tuple(releases)), report


def _check_renames(items: _Part, latest: Release | None, report: Report) -> None:
    """``renamed_from`` must name an item of the latest release, or the changelog says "added"."""
    before = {i.key for i in latest.inventory.items} if latest else set()
    for at, d in items.entries():
        old, key = d.get("renamed_from"), (d.get("storage"), str(d.get("name")))
        if not old or key in before or (key[0], old) in before:
            continue  # no rename, or one already published with this item
        names = [name for storage, name in before if storage == key[0]]
        where = f"version {latest.version}" if latest else "any published release"
        report.add(problem_at(items.doc, (*at, "renamed_from"), f"`{old}` is not in {where}, so nothing is renamed",
                              did_you_mean(old, names) or "remove renamed_from: the changelog lists the item as added",
                              WARNING))


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


__all__ = ["ERROR", "WARNING", "SiteFiles", "load_policy", "parse_duration", "version_key"]
