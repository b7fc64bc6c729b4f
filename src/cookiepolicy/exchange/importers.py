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


def run_import(files: SiteFiles, csv_file: Path, platforms: list[str], category_map: list[str],
               today: dt.date) -> ImportResult:
    rows = [row for row in select_platforms(read_database(csv_file), platforms) if row.name]
    result = ImportResult()
    site_path = files.draft_files()["site"]
    site_doc, _ = read_checked(site_path, files.name(site_path), "site")
    site = site_doc.data if isinstance(site_doc.data, dict) else {}
    languages = [str(lang) for lang in site.get("languages") or ["en"]]
    company = str(site.get("company", "")).casefold()
    _, _, categories_data, _ = _read(files, "categories")
    categories = list((categories_data or {}).get("categories") or [])
    cookies_path, cookies_text, cookies_data, cookies_lines = _read(files, "cookies")
    services_path, services_text, services_data, services_lines = _read(files, "services")
    raw_items = (cookies_data or {}).get("items")
    raw_services = (services_data or {}).get("services")
    existing_items = [i for i in raw_items or [] if isinstance(i, dict)] if isinstance(raw_items, list) else []
    existing_services = [s for s in raw_services or [] if isinstance(s, dict)] if isinstance(raw_services, list) \
        else []
    category_of = _category_map(rows, category_map, categories)

    def localized(english: str) -> dict[str, str]:
        return {lang: english for lang in languages}

    others = [lang for lang in languages if lang != "en"]

    # services: one per data controller that is not the site itself
    service_ids = {str(s.get("id")) for s in existing_services}
    service_by_name = {str(s.get("name", "")).casefold(): str(s.get("id")) for s in existing_services}
    provider_of: dict[str, str] = {}
    new_services: list[tuple[list[str], dict[str, Any]]] = []
    for controller in dict.fromkeys(row.controller for row in rows):
        if controller.casefold() in FIRST_PARTY_CONTROLLERS or (company and controller.casefold() == company):
            provider_of[controller] = FIRST_PARTY
            continue
        sid = slug(controller)
        if controller.casefold() in service_by_name:
            provider_of[controller] = service_by_name[controller.casefold()]
            continue
        if sid in service_ids:
            provider_of[controller] = sid
            continue
        own = [row for row in rows if row.controller == controller]
        names = list(dict.fromkeys(row.platform for row in own))
        links = list(dict.fromkeys(row.privacy_url for row in own if row.privacy_url))
        url = next((u for u in links if _HTTPS.match(u) and _is_link(u)), None)
        comments = [f"Imported from the {SOURCE} ({', '.join(names)}).",
                    "TODO: describe its role for this site; TODO: translate " +
                    ", ".join(f"role.{lang} and sets_cookies.{lang}" for lang in others)]
        data: dict[str, Any] = {
            "id": sid,
            "name": controller,
            "role": localized(", ".join(names)),
            "sets_cookies": localized(f"sets its own cookies for {', '.join(names)}; each is listed in this "
                                      "policy with its purpose and duration."),
        }
        if url:
            data["policy_url"] = url
        else:
            given = f"gives `{links[0][:80]}`, not a valid https link" if links else "gives no link"
            comments.append(f"TODO: policy_url: the database {given}; add the https address of its privacy policy")
            result.flagged += 1
            result.notes.append(f"{files.name(services_path)}: service `{sid}` needs a policy_url (the database "
                                f"{given})")
        new_services.append((comments, data))
        service_ids.add(sid)
        provider_of[controller] = sid
        result.services += 1

    # items: one per name; the first of two rows with the same name wins, the other is a note
    taken: dict[tuple[str, str], str] = {}
    for item in existing_items:
        taken[(str(item.get("storage")), str(item.get("name")))] = "already in " + files.name(cookies_path)
    new_items: list[tuple[list[str], dict[str, Any]]] = []
    for row in rows:
        retention = parse_retention(row.retention)
        storage = retention.storage or "cookie"
        name = row.item_name
        key = (storage, name)
        if key in taken:
            result.notes.append(f"skipped `{name}` of {row.platform} (line {row.line} of the database): "
                                f"{taken[key]}")
            continue
        taken[key] = f"the database lists it twice; kept the one of {row.platform} (line {row.line})"
        comments = [f"{SOURCE}: {row.platform}, {row.category}, id {row.id}"]
        data = {"name": name, **({"match": MATCH_WILDCARD} if row.wildcard else {}), "storage": storage,
                "category": category_of[row.category]}
        provider = provider_of[row.controller]
        if provider != FIRST_PARTY:
            data["provider"] = provider
        if row.description:
            data["purpose"] = localized(row.description)
            if others:
                comments.append("TODO: translate " + ", ".join(f"purpose.{lang}" for lang in others)
                                + " (it repeats the English text)")
        else:
            comments.append("TODO: purpose: the database gives no description; write one per language")
        needs_human = not row.description
        if retention.duration is not None:
            data["duration"] = retention.duration.to_data()
        else:
            comments.append(f"TODO: duration: {retention.problem}; write session, persistent, \"<n> <unit>\" "
                            "or {until: {en: ..., tr: ...}}")
            needs_human = True
        if not re.fullmatch(r"[^\s|<>`]+", name):
            comments.append(f"TODO: name: “{name}” cannot be a cookie name (spaces, |, <, > or `); check it")
            needs_human = True
        domain = _clean_domain(row.domain) if row.domain else None
        if domain:
            data["domain"] = domain
        elif row.domain:
            comments.append(f"database domain: {row.domain}")
        if needs_human:
            result.flagged += 1
            result.notes.append(f"{files.name(cookies_path)}: `{name}` needs a human: "
                                + "; ".join(c.removeprefix("TODO: ") for c in comments if c.startswith("TODO: ")
                                            and not c.startswith("TODO: translate")))
        new_items.append((comments, data))
        result.added += 1

    if not new_items and not new_services:
        result.notes.append("nothing to add: every selected cookie is in the draft already")
        return result
    header = (f"Imported from the {SOURCE} ({SOURCE_URL}, Apache-2.0) on {today.isoformat()}: "
              + ", ".join(dict.fromkeys(row.platform for row in rows)))
    tx = Transaction(journal=journal_path(files.data), label="import", command="policy import")
    if new_items:
        new_items[0][0].insert(0, header)
        text = _append(cookies_text, "items", cookies_data, _block(new_items), cookies_lines)
        _check_written(text, "items", len(raw_items or []) + len(new_items), files.name(cookies_path))
        tx.write(cookies_path, text, replace=True)
    if new_services:
        new_services[0][0].insert(0, header)
        text = _append(services_text, "services", services_data, _block(new_services), services_lines)
        _check_written(text, "services", len(raw_services or []) + len(new_services), files.name(services_path))
        tx.write(services_path, text, replace=True)
    tx.commit()
    if others and new_items:
        result.notes.append(f"{result.added} purpose(s) repeat the English text in " + ", ".join(others)
                            + ": `policy validate` warns for each until it is translated")
    return result


__all__ = ["Retention", "import_open_cookie_database", "parse_retention", "read_database"]
