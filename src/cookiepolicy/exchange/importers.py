"""Importing known cookies from the Open Cookie Database into the draft.

The database (https://github.com/jkwakman/Open-Cookie-Database, Apache-2.0) describes
cookies per platform in English, with a free-text retention period. An import appends
the selected platforms' cookies to ``data/cookies.yml`` (and their data controllers to
``data/services.yml``) as text, so the comments and layout of those files are kept.

Nothing is guessed. What the database cannot tell is left for a person to decide, in a
way that ``policy validate`` keeps reporting until it is done:

* the purpose in the other site languages repeats the English text, under a
  ``# TODO: translate`` comment: validation warns that the texts are identical, and
  ``policy validate --strict`` fails, until it is translated;
* a retention period that does not read as a duration ("Varies", "1 hour or longer",
  a date) is written as a comment and the ``duration`` field is left out: validation
  reports the missing field as an error at that line, so the policy cannot be built
  with an unknown duration;
* a data controller without an https privacy link gets no ``policy_url`` (optional: a
  ``# TODO`` comment asks for it).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cookiepolicy.loading.documents import read_checked
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.opencookiedb import (
    CATEGORY_KINDS,
    FIRST_PARTY_CONTROLLERS,
    SOURCE,
    SOURCE_URL,
    Retention,
    Row,
    parse_retention,
    read_database,
    slug,
)
from cookiepolicy.loading.validate import check_link
from cookiepolicy.model.inventory import FIRST_PARTY, MATCH_WILDCARD
from cookiepolicy.model.problems import PolicyError, Problem, Report, visible
from cookiepolicy.safeio.fsutil import Transaction, journal_path
from cookiepolicy.safeio.yamlsafe import SafeLoader, dump_yaml


def select_platforms(rows: list[Row], platforms: Iterable[str]) -> list[Row]:
    """The rows of the named platforms (case-insensitive); unknown names list close matches."""
    known: dict[str, str] = {}
    for row in rows:
        if row.platform:
            known.setdefault(row.platform.casefold(), row.platform)
    wanted: list[str] = []
    report = Report()
    for name in platforms:
        key = " ".join(name.split()).casefold()
        if key in known:
            wanted.append(key)
            continue
        close = difflib.get_close_matches(key, list(known), n=5, cutoff=0.5)
        close += [k for k in known if key and key in k and k not in close][: 5 - len(close)]
        hint = ("did you mean: " + ", ".join(f"`{known[k]}`" for k in close) + "?") if close else \
            f"the database lists {len(known)} platforms in its Platform column"
        report.add(Problem(file="--platform", message=f"unknown platform `{name}`", hint=hint))
    if not report.ok:
        raise PolicyError(report)
    return [row for row in rows if row.platform.casefold() in wanted]


# ---------------------------------------------------------------- mapping to the site's data


def _category_map(rows: list[Row], mapping: list[str], categories: list[dict[str, Any]]) -> dict[str, str]:
    """Database category -> category id: --category first, then an id or a single kind that fits."""
    ids = [str(c.get("id")) for c in categories if isinstance(c, dict)]
    known = sorted({row.category for row in rows if row.category} | set(CATEGORY_KINDS) | {"Functional"})
    result: dict[str, str] = {}
    report = Report()
    for entry in mapping:
        source, sep, target = entry.partition("=")
        source, target = source.strip(), target.strip()
        if not sep or not source or not target:
            report.add(Problem(file="--category", message=f"`{entry}`: write DATABASE_CATEGORY=ID",
                               hint="e.g. --category Functional=strictly-necessary"))
            continue
        match = next((k for k in known if k.casefold() == source.casefold()), None)
        if match is None:
            close = difflib.get_close_matches(source, known, n=3, cutoff=0.5)
            report.add(Problem(file="--category", message=f"`{source}` is not a category of the database",
                               hint=("did you mean " + ", ".join(f"`{c}`" for c in close) + "?") if close
                               else "database categories: " + ", ".join(known)))
            continue
        if target not in ids:
            close = difflib.get_close_matches(target, ids, n=1, cutoff=0.6)
            report.add(Problem(file="--category", message=f"`{target}` is not a category id of categories.yml",
                               hint=f"did you mean `{close[0]}`?" if close else "categories: " + ", ".join(ids)))
            continue
        result[match] = target
    needed = sorted({row.category for row in rows})
    for name in needed:
        if name in result:
            continue
        by_id = [i for i in ids if i == slug(name)]
        kind = CATEGORY_KINDS.get(name)
        by_kind = [str(c.get("id")) for c in categories if isinstance(c, dict) and kind and c.get("kind") == kind]
        if by_id:
            result[name] = by_id[0]
        elif len(by_kind) == 1:
            result[name] = by_kind[0]
        else:
            count = sum(1 for row in rows if row.category == name)
            why = ("several categories are of that kind" if len(by_kind) > 1 else
                   "it covers strictly necessary cookies and preferences alike" if name == "Functional" else
                   "no category is of that kind")
            report.add(Problem(file="--category", message=f"the database category `{name or '(empty)'}` of {count} "
                               f"selected cookie(s) has no category here: {why}",
                               hint=f"give --category {name or 'NAME'}=ID; categories: " + ", ".join(ids)
                               if ids else "define the categories in categories.yml first"))
    if not report.ok:
        raise PolicyError(report)
    return result


def _is_link(url: str) -> bool:
    """The same parse as the validator's: a CSV cannot bring in a link the data could not hold."""
    try:
        check_link(url)
    except ValueError:
        return False
    return True


_HTTPS = re.compile(r"^https://[^\s/$.?#][^\s]*$")
_DOMAIN = re.compile(r"^\.?[a-z0-9-]+(\.[a-z0-9-]+)+$")


def _clean_domain(domain: str) -> str | None:
    value = re.sub(r"\s*\(3rd party\)\s*", "", domain, flags=re.IGNORECASE).strip().lower()
    return value if _DOMAIN.match(value) else None


# ---------------------------------------------------------------- writing YAML as text


def _block(entries: list[tuple[list[str], dict[str, Any]]]) -> str:
    """List entries in block style, each after its comment lines."""
    out = []
    for comments, data in entries:
        out += [f"# {visible(c)}" for c in comments]  # a line break from the database cannot end a comment
        out += dump_yaml([data]).splitlines()
    return "\n".join(out) + "\n"


def _append(text: str, key: str, data: Any, block: str, lines: dict[tuple[str | int, ...], int]) -> str:
    """``text`` with ``block`` added at the end of the top-level list ``key``, comments kept."""
    values = data.get(key) if isinstance(data, dict) else None
    source = text.splitlines()
    if isinstance(values, list) and values:
        first = source[lines[(key, 0)] - 1]
        stripped = first.lstrip(" ")
        if stripped.startswith("-") and list(data) == [key]:
            indent = len(first) - len(stripped)
            body = text if text.endswith("\n") else text + "\n"
            return body + _reindent(block, indent)
    if values in (None, []) and (not isinstance(data, dict) or list(data) in ([key], [])):
        # an empty list (`items: []` or `items:`) or a file with comments only: start the list
        kept = [line for line in source if not re.match(rf"^{key}\s*:", line)]
        body = "\n".join(kept).rstrip("\n")
        return (body + "\n" if body else "") + f"{key}:\n" + _reindent(block, 2)
    raise PolicyError(f"cannot add to `{key}` here: write it as a block list (`- ` entries) and try again")


def _reindent(block: str, indent: int) -> str:
    return "".join((" " * indent + line if line.strip() else line) for line in block.splitlines(keepends=True))


def _read(files: SiteFiles, kind: str) -> tuple[Path, str, Any, dict[tuple[str | int, ...], int]]:
    path = files.draft_files()[kind]
    name = files.name(path)
    if not path.exists():
        return path, "", None, {}
    doc, problems = read_checked(path, name, kind)
    if doc.data is None:
        raise PolicyError(Report([p for p in problems if p.severity == "error"] or
                                 [Problem(file=name, message="cannot be read")]))
    if not isinstance(doc.data, dict):
        raise PolicyError(f"{name}: the file must be a mapping of fields")
    return path, path.read_text(encoding="utf-8"), doc.data, doc.lines


def _check_written(text: str, key: str, expected: int, name: str) -> None:
    data = yaml.load(text, Loader=SafeLoader) or {}
    found = data.get(key) if isinstance(data, dict) else None
    if not isinstance(found, list) or len(found) != expected:  # pragma: no cover - a bug, never data
        raise PolicyError(f"{name}: the import could not be added safely; nothing was written")


# ---------------------------------------------------------------- the import


@dataclass
class ImportResult:
    added: int = 0
    flagged: int = 0
    services: int = 0
    notes: list[str] = field(default_factory=list)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def import_open_cookie_database(files: SiteFiles, csv_file: Path, platforms: list[str],
                                category_map: list[str] | None = None,
                                note: Callable[[str], None] = _stderr,
                                today: dt.date | None = None) -> tuple[int, int]:
    """Add the platforms' cookies to the draft; returns (items added, entries that need a human)."""
    from cookiepolicy.history.releases import recover_release
    from cookiepolicy.safeio.fsutil import lock

    with lock(files.data, "`policy import` or `policy release` of this site"):
        recover_release(files)  # an interrupted import (or release) is completed or undone first
        result = run_import(files, csv_file, platforms, category_map or [], today or dt.date.today())
    for message in result.notes:
        note(message)
    return result.added, result.flagged


_Entry = tuple[list[str], dict[str, Any]]  # an entry to write: its comment lines, its data


@dataclass
class _Draft:
    """One data file of the draft as an import reads it: text kept, for appending to it."""

    path: Path
    text: str
    data: Any
    lines: dict[tuple[str | int, ...], int]
    key: str

    @classmethod
    def read(cls, files: SiteFiles, kind: str, key: str) -> _Draft:
        return cls(*_read(files, kind), key)

    def raw(self) -> Any:
        return (self.data or {}).get(self.key)

    def entries(self) -> list[dict[str, Any]]:
        raw = self.raw()
        return [e for e in raw or [] if isinstance(e, dict)] if isinstance(raw, list) else []

    def append(self, entries: list[_Entry], files: SiteFiles, tx: Transaction) -> None:
        """Stage the file with ``entries`` at the end of its list, checked to read back whole."""
        text = _append(self.text, self.key, self.data, _block(entries), self.lines)
        _check_written(text, self.key, len(self.raw() or []) + len(entries), files.name(self.path))
        tx.write(self.path, text, replace=True)


@dataclass
class _Import:
    """What one import knows: the selected rows, the site's languages and company, the counts so far."""

    files: SiteFiles
    rows: list[Row]
    languages: list[str]
    company: str
    result: ImportResult

    @property
    def others(self) -> list[str]:
        return [lang for lang in self.languages if lang != "en"]

    def localized(self, english: str) -> dict[str, str]:
        return {lang: english for lang in self.languages}

    def flag(self, note: str) -> None:
        self.result.flagged += 1
        self.result.notes.append(note)


def run_import(files: SiteFiles, csv_file: Path, platforms: list[str], category_map: list[str],
               today: dt.date) -> ImportResult:
    rows = [row for row in select_platforms(read_database(csv_file), platforms) if row.name]
    site_path = files.draft_files()["site"]
    site_doc, _ = read_checked(site_path, files.name(site_path), "site")
    site = site_doc.data if isinstance(site_doc.data, dict) else {}
    run = _Import(files, rows, [str(lang) for lang in site.get("languages") or ["en"]],
                  str(site.get("company", "")).casefold(), ImportResult())
    _, _, categories_data, _ = _read(files, "categories")
    categories = list((categories_data or {}).get("categories") or [])
    cookies = _Draft.read(files, "cookies", "items")
    services = _Draft.read(files, "services", "services")
    category_of = _category_map(rows, category_map, categories)
    provider_of, new_services = _services(run, services)
    new_items = _items(run, cookies, provider_of, category_of)
    if not new_items and not new_services:
        run.result.notes.append("nothing to add: every selected cookie is in the draft already")
        return run.result
    header = (f"Imported from the {SOURCE} ({SOURCE_URL}, Apache-2.0) on {today.isoformat()}: "
              + ", ".join(dict.fromkeys(row.platform for row in rows)))
    tx = Transaction(journal=journal_path(files.data), label="import", command="policy import")
    for draft, entries in ((cookies, new_items), (services, new_services)):
        if entries:
            entries[0][0].insert(0, header)
            draft.append(entries, files, tx)
    tx.commit()
    if run.others and new_items:
        run.result.notes.append(f"{run.result.added} purpose(s) repeat the English text in " + ", ".join(run.others)
                                + ": `policy validate` warns for each until it is translated")
    return run.result


def _services(run: _Import, services: _Draft) -> tuple[dict[str, str], list[_Entry]]:
    """The provider of each data controller, and a new service for each that is not the site itself
    and not in services.yml already (by name or id)."""
    existing = services.entries()
    service_ids = {str(s.get("id")) for s in existing}
    service_by_name = {str(s.get("name", "")).casefold(): str(s.get("id")) for s in existing}
    provider_of: dict[str, str] = {}
    new_services: list[_Entry] = []
    for controller in dict.fromkeys(row.controller for row in run.rows):
        folded, sid = controller.casefold(), slug(controller)
        if folded in FIRST_PARTY_CONTROLLERS or (run.company and folded == run.company):
            provider_of[controller] = FIRST_PARTY
        elif folded in service_by_name:
            provider_of[controller] = service_by_name[folded]
        elif sid in service_ids:
            provider_of[controller] = sid
        else:
            new_services.append(_service_entry(run, controller, sid, services.path))
            service_ids.add(sid)
            provider_of[controller] = sid
            run.result.services += 1
    return provider_of, new_services


def _service_entry(run: _Import, controller: str, sid: str, services_path: Path) -> _Entry:
    """A new service for a data controller, its role and cookies from the platforms it serves."""
    own = [row for row in run.rows if row.controller == controller]
    names = list(dict.fromkeys(row.platform for row in own))
    links = list(dict.fromkeys(row.privacy_url for row in own if row.privacy_url))
    url = next((u for u in links if _HTTPS.match(u) and _is_link(u)), None)
    comments = [f"Imported from the {SOURCE} ({', '.join(names)}).",
                "TODO: describe its role for this site; TODO: translate " +
                ", ".join(f"role.{lang} and sets_cookies.{lang}" for lang in run.others)]
    data: dict[str, Any] = {
        "id": sid,
        "name": controller,
        "role": run.localized(", ".join(names)),
        "sets_cookies": run.localized(f"sets its own cookies for {', '.join(names)}; each is listed in this "
                                      "policy with its purpose and duration."),
    }
    if url:
        data["policy_url"] = url
    else:
        given = f"gives `{links[0][:80]}`, not a valid https link" if links else "gives no link"
        comments.append(f"TODO: policy_url: the database {given}; add the https address of its privacy policy")
        run.flag(f"{run.files.name(services_path)}: service `{sid}` needs a policy_url (the database {given})")
    return comments, data


def _items(run: _Import, cookies: _Draft, provider_of: dict[str, str], category_of: dict[str, str]) -> list[_Entry]:
    """One item per name; the first of two rows with the same name wins, the other is a note."""
    taken: dict[tuple[str, str], str] = {}
    for item in cookies.entries():
        taken[(str(item.get("storage")), str(item.get("name")))] = "already in " + run.files.name(cookies.path)
    new_items: list[_Entry] = []
    for row in run.rows:
        retention = parse_retention(row.retention)
        key = (retention.storage or "cookie", row.item_name)
        if key in taken:
            run.result.notes.append(f"skipped `{row.item_name}` of {row.platform} (line {row.line} of the "
                                    f"database): {taken[key]}")
            continue
        taken[key] = f"the database lists it twice; kept the one of {row.platform} (line {row.line})"
        comments, data = _item_entry(run, row, retention, provider_of[row.controller], category_of[row.category])
        todo = [c.removeprefix("TODO: ") for c in comments
                if c.startswith("TODO: ") and not c.startswith("TODO: translate")]
        if todo:
            run.flag(f"{run.files.name(cookies.path)}: `{row.item_name}` needs a human: " + "; ".join(todo))
        new_items.append((comments, data))
        run.result.added += 1
    return new_items


def _item_entry(run: _Import, row: Row, retention: Retention, provider: str, category: str) -> _Entry:
    """The item of one row; what the database cannot tell is a ``TODO`` comment (the field left out)."""
    name = row.item_name
    comments = [f"{SOURCE}: {row.platform}, {row.category}, id {row.id}"]
    data: dict[str, Any] = {"name": name, **({"match": MATCH_WILDCARD} if row.wildcard else {}),
                            "storage": retention.storage or "cookie", "category": category}
    if provider != FIRST_PARTY:
        data["provider"] = provider
    if row.description:
        data["purpose"] = run.localized(row.description)
        if run.others:
            comments.append("TODO: translate " + ", ".join(f"purpose.{lang}" for lang in run.others)
                            + " (it repeats the English text)")
    else:
        comments.append("TODO: purpose: the database gives no description; write one per language")
    if retention.duration is not None:
        data["duration"] = retention.duration.to_data()
    else:
        comments.append(f"TODO: duration: {retention.problem}; write session, persistent, \"<n> <unit>\" "
                        "or {until: {en: ..., tr: ...}}")
    if not re.fullmatch(r"[^\s|<>`]+", name):
        comments.append(f"TODO: name: “{name}” cannot be a cookie name (spaces, |, <, > or `); check it")
    domain = _clean_domain(row.domain) if row.domain else None
    if domain:
        data["domain"] = domain
    elif row.domain:
        comments.append(f"database domain: {row.domain}")
    return comments, data


__all__ = ["Retention", "import_open_cookie_database", "parse_retention", "read_database"]
