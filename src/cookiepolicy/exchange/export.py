"""One inventory, every consumer: which version an export shows, the policy as JSON, what a build
publishes beside the pages, and writing an export's files."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from cookiepolicy.exchange.cookieconsent import cookieconsent_js, to_cookieconsent
from cookiepolicy.exchange.tcf import to_tcf
from cookiepolicy.loading.build import build_category, build_item, build_service
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model.inventory import Category, Inventory, Policy, Release, Site
from cookiepolicy.model.problems import PolicyError
from cookiepolicy.render.sentences import category_basis_sentence
from cookiepolicy.render.site import load, view_for
from cookiepolicy.text.localize import Catalog, format_duration

JSON_FORMAT = "cookiepolicy/1"


@dataclass
class Chosen:
    """The inventory an export shows: a release, the release in force, or the draft (release None)."""

    policy: Policy
    inventory: Inventory
    release: Release | None
    warnings: list[str] = field(default_factory=list)

    @property
    def site(self) -> Site:
        """The site facts shown with the inventory: a release's own, else site.yml's."""
        return self.inventory.site or self.policy.site


def loaded_policy(files: SiteFiles) -> Policy:
    """The site's policy through the shared loaded site; a data error stops the export."""
    policy = load(files).policy
    if policy is None:
        raise PolicyError(load(files).report)
    return policy


def choose(files: SiteFiles, version: str | None = None, in_force: bool = False,
           date: dt.date | None = None) -> Chosen:
    policy = loaded_policy(files)
    known = ", ".join(r.version for r in policy.releases) or "none yet"
    if version is not None:
        release = policy.release(version)
        if release is None:
            raise PolicyError(f"version {version} is not a published release (releases: {known})")
        return Chosen(policy, release.inventory, release)
    if in_force:
        day = date or dt.date.today()
        release = policy.in_force(day)
        if release is None:
            raise PolicyError(f"no release is in force on {day} (releases: {known})")
        return Chosen(policy, release.inventory, release)
    return Chosen(policy, policy.draft, None)


def _data(entity: Any) -> dict[str, Any]:
    """An entity as written in the data files: fields at their default are left out."""
    out: dict[str, Any] = {}
    for f in fields(entity):
        value = getattr(entity, f.name)
        if value == f.default or not f.metadata.get("export", True):
            continue
        if f.name == "duration":
            value = value.to_data()
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def to_json(chosen: Chosen) -> dict[str, Any]:
    inv, release = chosen.inventory, chosen.release
    site = chosen.site
    langs = site.languages
    site_data: dict[str, Any] = {"company": site.company, "domain": site.domain, "url": site.url,
                 "contact_email": site.contact_email, "languages": list(langs),
                 "default_language": site.default_language}
    site_data = {k: v for k, v in site_data.items() if v is not None}  # optional facts left out when unstated
    contact = {k: v for k, v in _data(site.contact).items() if v}
    if contact:
        site_data["contact"] = {k: v.get("*", v) if isinstance(v, dict) else v for k, v in contact.items()}
    if site.country:
        site_data["country"] = site.country
    if site.usage_places:
        site_data["usage_places"] = site.usage_places
    release_data: dict[str, Any] | None = None
    if release is not None:
        release_data = {"version": release.version, "published": release.published.isoformat(),
                        "effective": release.effective.isoformat()}
        if release.summary:
            release_data["summary"] = release.summary
    categories = [_category_data(c, langs) for c in inv.categories]
    items = []
    for item in inv.items:
        seconds = item.duration.seconds()
        items.append({**_data(item),
                      "duration_text": {lang: format_duration(item.duration, lang) for lang in langs},
                      "duration_seconds": int(seconds) if seconds is not None and seconds != float("inf") else None})
    return {"format": JSON_FORMAT, "site": site_data, "release": release_data, "not_used": list(inv.not_used),
            "categories": categories, "services": [_data(s) for s in inv.services], "items": items}


def _category_data(c: Category, langs: tuple[str, ...]) -> dict[str, Any]:
    """A category as exported: ``consent`` where it says the basis (as before), else ``basis``; and the
    legal-basis sentence per language, left out when the data states no basis."""
    data = {**_data(c), "kind": c.kind}
    basis = data.pop("legal_basis")
    if not c.consent:
        data.pop("consent", None)
        data["basis"] = basis
    sentences = {lang: category_basis_sentence(Catalog.get(lang), c) for lang in langs}
    if all(sentences.values()):
        data["legal_basis"] = sentences
    return data


def from_json(data: dict[str, Any]) -> tuple[Site, Inventory, Release | None]:
    """Read an exported document back into the model (what a consumer of /cookies.json gets)."""
    s = data["site"]
    site = Site(company=s["company"], domain=s.get("domain"), url=s.get("url"), contact_email=s.get("contact_email"),
                languages=tuple(s["languages"]), default_language=s["default_language"],
                usage_places=dict(s.get("usage_places", {})))
    categories = tuple(build_category({**c, "legal_basis": c.get("basis", "")}) for c in data["categories"])
    inv = Inventory(categories=categories,
                    services=tuple(build_service(v) for v in data["services"]),
                    items=tuple(build_item(i) for i in data["items"]), not_used=tuple(data["not_used"]), site=site)
    r = data["release"]
    release = None if r is None else Release(
        version=r["version"], published=dt.date.fromisoformat(r["published"]),
        effective=dt.date.fromisoformat(r["effective"]), summary=dict(r.get("summary", {})), inventory=inv)
    return site, inv, release


def published(files: SiteFiles, date: dt.date, production: bool, banner: bool = False,
              memo: dict[tuple[Any, ...], Any] | None = None, memo_key: tuple[Any, ...] = (),
              site_url: str | None = None) -> tuple[dict[str, str], list[str]]:
    """The files a build puts next to its pages, by path, and the export warnings: ``cookies.json``
    and ``tcf-disclosure.json`` of what the policy page shows (the release in force in production,
    else the draft), and the same for every release under ``versions/VERSION/``; with ``banner``,
    the consent banner's ``assets/cookieconsent/config.js`` of what the policy page shows.

    A release never changes, so its files are kept in ``memo`` under ``memo_key`` (the adapter
    passes the loaded site's outputs, keyed on what the releases are read from)."""
    loaded = load(files)
    policy = loaded_policy(files)
    shown = Chosen(policy, policy.draft, None)
    if production:  # what a production build's policy page shows
        view = view_for(policy, None, date, True, loaded.pending())
        shown = Chosen(policy, view.inventory, view.release)
    targets = [("", shown)] + [(f"versions/{r.version}/", Chosen(policy, r.inventory, r)) for r in policy.releases]
    out: dict[str, str] = {}
    warnings: list[str] = []
    for prefix, chosen in targets:
        key = (*memo_key, "export", prefix)
        if prefix and memo is not None and key in memo:
            files_of, warned = memo[key]
        else:  # compact JSON: a large site's releases make tens of megabytes indented
            files_of = {prefix + "cookies.json": json.dumps(to_json(chosen), ensure_ascii=False, separators=(",", ":")),
                        prefix + "tcf-disclosure.json": json.dumps(to_tcf(chosen, files), ensure_ascii=False,
                                                                   separators=(",", ":"))}
            warned = list(chosen.warnings)
            if prefix and memo is not None:
                memo[key] = (files_of, warned)
        out.update(files_of)
        warnings += [w for w in warned if w not in warnings]
    if banner:
        out["assets/cookieconsent/config.js"] = cookieconsent_js(to_cookieconsent(shown, files, site_url))
    return out, warnings


def write_tree(out: Path, contents: dict[str, str]) -> list[Path]:
    """Write every file under ``out`` or none (an existing export is replaced)."""
    from cookiepolicy.safeio.fsutil import Transaction

    tx = Transaction()
    for name, content in contents.items():
        tx.write(out / name, content, replace=True)
    return tx.commit()
