"""A large site for the benchmark: the whole Open Cookie Database as one policy with 20 releases.

Every row of the database becomes an item (English purpose from the description, a Turkish
purpose derived mechanically: "[tr] " + text); each data controller becomes a service. The
releases are made with the real ``create_release``: each adds, changes, renames and removes
items, so the changelog and the archived pages have real work to do.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path
from typing import Any

from cookiepolicy.exchange.importers import _clean_domain
from cookiepolicy.history.releases import create_release
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.opencookiedb import FIRST_PARTY_CONTROLLERS, parse_retention, read_database, slug
from cookiepolicy.loading.validate import invisible
from cookiepolicy.safeio import memo
from cookiepolicy.safeio.yamlsafe import dump_yaml

ROOT = Path(__file__).resolve().parent.parent
FIRST_PUBLISHED = dt.date(2024, 1, 8)
TODAY = "2026-11-22"  # POLICY_TODAY for every build: after the last release takes effect

CATEGORIES = [
    # database name, id, kind, consent, en, tr
    ("Necessary", "necessary", "necessary", "exempt", "Strictly necessary", "Zorunlu"),
    ("Security", "security", "security", "exempt", "Security", "Güvenlik"),
    ("Functional", "functional", "other", "required", "Functional", "İşlevsel"),
    ("Personalization", "personalization", "preferences", "required", "Personalization", "Kişiselleştirme"),
    ("Analytics", "analytics", "analytics", "required", "Analytics", "Analiz"),
    ("Marketing", "marketing", "advertising", "required", "Marketing", "Pazarlama"),
]
_NAME = re.compile(r"^[^\s|<>`]+$")

MKDOCS_YML = """\
site_name: Benchmark Shop
site_url: https://bench.example/
docs_dir: docs
theme:
  name: material
  custom_dir: overrides
  language: en
  features:
    - navigation.sections
    - search.highlight
not_in_nav: |
  versions/*/
nav:
  - index.md
  - changelog.md
  - versions/index.md
markdown_extensions:
  - admonition
  - attr_list
  - tables
  - toc:
      permalink: true
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - locale: en
          name: English
          default: true
          build: true
        - locale: tr
          name: Türkçe
          build: true
          nav_translations:
            Cookie Policy: Çerez Politikası
            Changelog: Değişiklik kaydı
            Previous versions: Önceki sürümler
"""
MACROS_PLUGIN = """\
  - macros:
      module_name: macros/main
      on_undefined: strict
      on_error_fail: true
# mkdocs-macros does not watch data files: without this, `mkdocs serve` would not rebuild.
watch:
  - data
"""

PAGES = {
    "index.md": """\
---
title: Cookie Policy
---

# Cookie Policy

{{ notices() }}

{{ release_line() }}

## 1. What cookies are

Cookies are small text files stored in your browser. This policy explains which cookies and storage \
{{ company() }} uses on {{ domain() }} and why.

## 2. Cookies by category

{{ category_sections() }}

## 3. Third-party services

{{ services_list() }}

## 4. Changes and contact

Every change is listed in the [changelog](changelog.md). Questions: {{ contact_email() }}.
""",
    "index.tr.md": """\
---
title: Çerez Politikası
---

# Çerez Politikası

{{ notices() }}

{{ release_line() }}

## 1. Çerez nedir

Çerezler, tarayıcınızda saklanan küçük metin dosyalarıdır. Bu politika, {{ company() }} tarafından \
{{ domain() }} üzerinde hangi çerezlerin neden kullanıldığını açıklar.

## 2. Kategorilere göre çerezler

{{ category_sections() }}

## 3. Üçüncü taraf hizmetler

{{ services_list() }}

## 4. Değişiklikler ve iletişim

Her değişiklik [değişiklik kaydında](changelog.md) yer alır. Sorularınız için: {{ contact_email() }}.
""",
    "changelog.md": "---\ntitle: Changelog\n---\n\n# Changelog\n\n{{ changelog() }}\n",
    "changelog.tr.md": "---\ntitle: Değişiklik kaydı\n---\n\n# Değişiklik kaydı\n\n{{ changelog() }}\n",
    "versions/index.md": "---\ntitle: Previous versions\n---\n\n# Previous versions\n\n{{ versions_table() }}\n",
    "versions/index.tr.md": "---\ntitle: Önceki sürümler\n---\n\n# Önceki sürümler\n\n{{ versions_table() }}\n",
}


def tr(text: str) -> str:
    return "[tr] " + text


def database_inventory(database: Path, limit: int | None = None) -> tuple[list[dict], list[dict], list[dict]]:
    """Categories, services and items (plain data, as in the YAML files) from the database's rows."""
    rows = read_database(database)[:limit]
    categories = [{"id": cid, "kind": kind, "consent": consent, "name": {"en": en, "tr": tr_name},
                   "description": {"en": f"{en} cookies and storage.", "tr": f"{tr_name} çerezleri ve depolama."}}
                  for _, cid, kind, consent, en, tr_name in CATEGORIES]
    category_of = {name: cid for name, cid, *_ in CATEGORIES}
    services: dict[str, dict] = {}
    items: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for row in rows:
        if not row.name or row.category not in category_of:
            continue
        retention = parse_retention(row.retention)
        storage = retention.storage or "cookie"
        name = row.item_name if _NAME.match(row.item_name) else re.sub(r"[\s|<>`]+", "_", row.item_name)
        name = "".join(c for c in name if not invisible(c))  # a soft hyphen in the database is not a name
        if (storage, name) in seen:
            continue
        seen.add((storage, name))
        item: dict[str, Any] = {"name": name, "storage": storage, "category": category_of[row.category]}
        if "*" in name:  # a pattern only when the database marks it one (`match`, see wildcards.py)
            item = {"name": name, "match": "wildcard" if row.wildcard else "exact", **item}
        if row.controller.casefold() not in FIRST_PARTY_CONTROLLERS:
            sid = slug(row.controller)
            if sid not in services:
                url = row.privacy_url if row.privacy_url.startswith("https://") else "https://example.com/privacy"
                services[sid] = {"id": sid, "name": row.controller,
                                 "role": {"en": row.platform, "tr": tr(row.platform)},
                                 "sets_cookies": {"en": f"sets its own cookies for {row.platform}.",
                                                  "tr": tr(f"sets its own cookies for {row.platform}.")},
                                 "policy_url": url}
            item["provider"] = sid
        item["purpose"] = {"en": row.description, "tr": tr(row.description)}
        if retention.ok:
            item["duration"] = retention.duration.to_data()
        else:
            said = row.retention or "unknown"
            item["duration"] = {"until": {"en": f"the period described as “{said}”", "tr": tr(said)}}
        domain = _clean_domain(row.domain) if row.domain else None
        if domain:
            item["domain"] = domain
        items.append(item)
    return categories, list(services.values()), items


def _changed(item: dict, version: int, how: int, category_ids: list[str]) -> dict:
    item = {**item}
    if how == 0:  # a new wording in both languages
        item["purpose"] = {"en": f"{item['purpose']['en']} (as of version {version})",
                           "tr": f"{item['purpose']['tr']} (sürüm {version})"}
    elif how == 1:  # a longer or shorter life
        item["duration"] = f"{version + 1} days" if item["duration"] != f"{version + 1} days" else "session"
    else:  # another category
        index = category_ids.index(item["category"])
        item["category"] = category_ids[(index + 1) % len(category_ids)]
    return item


def write_data(files: SiteFiles, categories: list[dict], services: list[dict], items: list[dict]) -> None:
    header = "# Generated by benchmarks/sitegen.py from the Open Cookie Database (Apache-2.0).\n"
    data = files.data
    data.mkdir(parents=True, exist_ok=True)
    (data / "categories.yml").write_text(header + dump_yaml({"categories": categories}), encoding="utf-8")
    (data / "services.yml").write_text(header + dump_yaml({"services": services}), encoding="utf-8")
    (data / "cookies.yml").write_text(header + dump_yaml({"items": items}), encoding="utf-8")
    for kind in ("categories", "services", "cookies"):  # rewritten within the file system's timestamp granularity
        memo.forget(files.draft_files()[kind])


def _plan(pool: int) -> tuple[int, int, int, int]:
    """Items added, removed, changed and renamed by each release, for a pool of ``pool`` items."""
    adds = max(2, pool // 55)
    return adds, max(1, adds // 5), max(3, adds * 3 // 5), 2


def _draft_size(pool: int, releases: int) -> int:
    """How many items the draft ends with when ``pool`` items are used (see ``generate``)."""
    _, removes, _, _ = _plan(pool)
    return pool - 10 - (releases - 1) * removes + 5


def generate(folder: Path, database: Path, releases: int = 20, limit: int | None = None,
             items: int | None = None) -> dict[str, Any]:
    """Write the site into ``folder``; returns facts about it for the report.

    ``limit`` takes only the first rows of the database (the quick mode); ``items`` uses just enough
    of them for a draft of about that many items. Each release adds about 2% of the items,
    removes, changes and renames a few.
    """
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "macros").mkdir(parents=True)
    (folder / "overrides").mkdir()
    (folder / "mkdocs.yml").write_text(MKDOCS_YML + MACROS_PLUGIN, encoding="utf-8")
    (folder / "macros" / "main.py").write_text(
        "from cookiepolicy.adapters.mkdocs.macros import define_env, on_post_build, on_post_page_macros\n\n"
        "__all__ = [\"define_env\", \"on_post_build\", \"on_post_page_macros\"]\n", encoding="utf-8")
    for name, text in PAGES.items():
        path = folder / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    files = SiteFiles(root=folder)
    files.data.mkdir()
    (files.data / "site.yml").write_text(dump_yaml({
        "company": "Benchmark Shop", "domain": "bench.example", "url": "https://bench.example",
        "contact_email": "privacy@bench.example", "languages": ["en", "tr"], "default_language": "en",
    }), encoding="utf-8")

    categories, services, pool = database_inventory(database, limit)
    if items is not None:
        size = next((n for n in range(items, len(pool) + 1) if _draft_size(n, releases) >= items), len(pool))
        pool = pool[:size]
    adds, removes, changes, renames = _plan(len(pool))
    category_ids = [c["id"] for c in categories]
    rng = random.Random(20)
    rng.shuffle(pool)
    reserve = (releases - 1) * adds + 10
    current = pool[: len(pool) - reserve]
    waiting = pool[len(pool) - reserve:]
    for number in range(1, releases + 1):
        if number > 1:
            for _ in range(removes):
                current.pop(rng.randrange(len(current)))
            for k in rng.sample(range(len(current)), changes):
                current[k] = _changed(current[k], number, k % 3, category_ids)
            for k in rng.sample(range(len(current)), renames):
                old = current[k]
                current[k] = {**old, "name": f"{old['name']}_v{number}", "renamed_from": old["name"]}
            current += [waiting.pop() for _ in range(adds)]
        write_data(files, categories, services, current)
        published = FIRST_PUBLISHED + dt.timedelta(days=28 * (number - 1))
        create_release(files, str(number), published + dt.timedelta(days=7), published,
                       {"en": f"Release {number}", "tr": f"Sürüm {number}"})
    # the draft: a few unreleased changes on top of the last release
    draft = [_changed(item, releases + 1, k % 3, category_ids) if k < 3 else item for k, item in enumerate(current)]
    draft += waiting[:5]
    write_data(files, categories, services, draft)
    used = {item.get("provider") for item in draft}
    return {"items": len(draft), "services": len(services), "services_used": len(used - {None}),
            "categories": len(categories), "releases": releases, "database_rows": len(read_database(database)[:limit])}
