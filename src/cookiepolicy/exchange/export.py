"""One inventory, every consumer: the policy as JSON, as an IAB TCF disclosure, as a consent
banner's configuration, and as plain Markdown pages for any site generator.

Every export reads the same loaded site (``site.load``) as the pages do, so a fact cannot differ
between the policy page and the files published next to it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from cookiepolicy.loading.load import SiteFiles, _category, _item, _service, read_checked
from cookiepolicy.model.inventory import Category, Inventory, Item, Policy, Release, Site
from cookiepolicy.model.problems import PolicyError, Problem, Report
from cookiepolicy.render.renderer import MissingFact, category_basis_sentence, provider_label
from cookiepolicy.render.site import MACROS, load, renderer, view_for
from cookiepolicy.text.localize import Catalog, format_duration, text

JSON_FORMAT = "cookiepolicy/1"
TCF_FILE = "tcf.yml"
# Browsers keep a cookie at most 400 days (RFC 6265bis): the longest lifetime a disclosure can state.
MAX_COOKIE_SECONDS = 400 * 86400
_FRONT_MATTER = re.compile(r"\A(---\n.*?\n---\n)", re.DOTALL)
_LANG_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


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


# ---------------------------------------------------------------- json


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
    inv = Inventory(categories=tuple(_category({**c, "legal_basis": c.get("basis", "")}) for c in data["categories"]),
                    services=tuple(_service(v) for v in data["services"]),
                    items=tuple(_item(i) for i in data["items"]), not_used=tuple(data["not_used"]), site=site)
    r = data["release"]
    release = None if r is None else Release(
        version=r["version"], published=dt.date.fromisoformat(r["published"]),
        effective=dt.date.fromisoformat(r["effective"]), summary=dict(r.get("summary", {})), inventory=inv)
    return site, inv, release


# ---------------------------------------------------------------- IAB TCF device storage disclosure


@dataclass(frozen=True)
class TcfPurposes:
    purposes: tuple[int, ...]
    special_purposes: tuple[int, ...] = ()


def tcf_mapping(files: SiteFiles, inv: Inventory) -> dict[str, TcfPurposes]:
    """Each category's TCF purposes: from ``data/tcf.yml`` when present, else purpose 1 (storage
    under ePrivacy consent) for categories that need consent and none for exempt ones."""
    mapping = {c.id: TcfPurposes((1,) if c.legal_basis == "consent" else ()) for c in inv.categories}
    path = files.data / TCF_FILE
    if not path.exists():
        return mapping
    doc, problems = read_checked(path, files.name(path), "tcf")
    report = Report(problems)
    for cid, entry in (doc.data or {}).get("categories", {}).items() if not problems else ():
        line = doc.line(("categories", cid))
        category = inv.category(cid)
        if category is None:
            report.add(Problem(file=doc.name, line=line, field=f"categories.{cid}",
                               message=f"`{cid}` is not a category",
                               hint="known: " + ", ".join(c.id for c in inv.categories)))
            continue
        purposes = tuple(entry.get("purposes", mapping[cid].purposes))
        if category.legal_basis != "not-stated" and (1 in purposes) != (category.legal_basis == "consent"):
            report.add(Problem(file=doc.name, line=line, field=f"categories.{cid}.purposes",
                               message=f"purpose 1 (store or access information on a device) must be listed "
                                       f"exactly when the category needs consent; `{cid}` has consent: "
                                       f"{category.consent}" if category.consent else
                                       f"purpose 1 (store or access information on a device) is based on consent, "
                                       f"but `{cid}` has legal_basis: {category.legal_basis}",
                               hint="add 1 for consent: required, leave it out for consent: exempt"
                                    if category.consent else "leave purpose 1 out for this category"))
        mapping[cid] = TcfPurposes(purposes, tuple(entry.get("special_purposes", ())))
    if not report.ok:
        raise PolicyError(report)
    return mapping


def to_tcf(chosen: Chosen, files: SiteFiles) -> dict[str, Any]:
    """The disclosure; items whose lifetime is not a fixed period add a line to ``chosen.warnings``."""
    inv, site = chosen.inventory, chosen.site
    mapping = tcf_mapping(files, inv)
    lang = "en" if "en" in site.languages else site.default_language  # the specification suggests English
    disclosures = []
    domains: list[str] = []
    for item in inv.items:
        purposes = mapping.get(item.category, TcfPurposes(()))
        domain = item.domain or site.domain  # none when site.yml states no domain: the disclosure names none
        if domain and domain not in domains:
            domains.append(domain)
        entry: dict[str, Any] = {"identifier": item.name,
                                 "type": "cookie" if item.storage == "cookie" else "web"}
        if item.storage == "cookie":
            seconds = item.duration.seconds()
            if item.duration.kind == "not-stated":  # no number the company did not state, not even the cap
                chosen.warnings.append(
                    f"cookie `{item.name}` is left out of the disclosure: its lifetime is not stated "
                    "(`duration: not-stated`) and the specification needs one in seconds; state its duration")
                continue
            if seconds is None or seconds == float("inf"):
                seconds = MAX_COOKIE_SECONDS
                chosen.warnings.append(
                    f"cookie `{item.name}` has no fixed lifetime ({item.duration.to_data()}); the disclosure "
                    f"states {MAX_COOKIE_SECONDS} seconds (400 days, the longest a browser keeps a cookie): "
                    "give it a fixed duration for an exact value")
            entry["maxAgeSeconds"] = int(seconds)
            entry["cookieRefresh"] = False
        else:
            entry["maxAgeSeconds"] = None
        if domain:
            entry["domains"] = [domain]
        entry["purposes"] = list(purposes.purposes)
        if purposes.special_purposes:
            entry["specialPurposes"] = list(purposes.special_purposes)
        entry["description"] = text(item.purpose, lang)
        disclosures.append(entry)
    return {"disclosures": disclosures, "domains": [{"domain": d} for d in domains]}


# ---------------------------------------------------------------- vanilla-cookieconsent v3


def consent_facts(inv: Inventory) -> tuple[Any, ...]:
    """What a visitor consents to: every item of a category that needs consent, with what it does."""
    required = {c.id for c in inv.categories if c.consent == "required"}
    return tuple(sorted((i.category, i.storage, i.name, i.provider, tuple(sorted(i.purpose.items())),
                         json.dumps(i.duration.to_data(), sort_keys=True))  # every form, dates and regions too
                        for i in inv.items if i.category in required))


def revision(policy: Policy, chosen: Chosen) -> int:
    """Counts the versions up to the exported one whose change from the one before is classed "needs
    fresh consent" (classify.py), so the banner asks again exactly then and an informational or
    notice-only release keeps the revision (the draft counts as one more version)."""
    from cookiepolicy.history.classify import Level, level_of

    versions: list[Inventory] = []
    for release in policy.releases:
        versions.append(release.inventory)
        if chosen.release is not None and release.version == chosen.release.version:
            break
    if chosen.release is None:
        versions.append(chosen.inventory)
    count, previous = 0, Inventory()
    for inv in versions:
        if level_of(previous, inv) is Level.CONSENT:
            count += 1
        previous = inv
    return max(count, 1)


CONSENT_COOKIE = "cc_cookie"  # where the banner keeps the visitor's choice


def _body(name: str) -> str:
    return ".*".join(re.escape(part).replace("/", r"\/") for part in name.split("*"))


def _regex(name: str, protected: tuple[str, ...] = ()) -> str:
    """A wildcard name as the banner's regular expression; it never matches a ``protected`` name (the
    necessary cookies and the consent cookie): "Reject all" must not sign the visitor out."""
    guard = f"(?!(?:{'|'.join(_body(p) for p in protected)})$)" if protected else ""
    return "/^" + guard + _body(name) + "$/"


def _protected(inv: Inventory) -> tuple[str, ...]:
    """Cookies a wildcard of a switched category must never match: the banner's own consent cookie (the
    inventory's consent item, else the library's default) and every cookie of a category not on consent."""
    from cookiepolicy.exchange import banner

    item = banner.consent_item(inv)
    kept = {c.id for c in inv.categories if c.legal_basis != "consent"}
    return (item.name if item else CONSENT_COOKIE,
            *sorted({i.name for i in inv.items if i.category in kept and i.storage == "cookie" and not i.wildcard}))


def to_cookieconsent(chosen: Chosen, files: SiteFiles | None = None, site_url: str | None = None) -> dict[str, Any]:
    """``CookieConsent.run()``'s configuration, all of it from the data (``banner.py``): a switch per
    consent category the site uses, the other used categories read-only with their basis, the
    inventory's consent item as the banner's own cookie, and a link to the policy in each language
    (``site_url``, else mkdocs.yml's). Cookie names with ``*`` become ``{"name": {"regex": ...}}``
    here and regular expressions in ``cookieconsent_js``. Raises PolicyError when the consent item
    is declared in a way the banner cannot store; without one, a warning (``policy validate`` refuses
    it when the site enables the banner)."""
    from cookiepolicy.exchange import banner

    policy, inv = chosen.policy, chosen.inventory
    site = chosen.site
    at: dict[tuple[str | None, str], tuple[str, int | None, str]] = {}
    if files is not None and chosen.release is None:
        from cookiepolicy.checks.coverage import item_lines

        at = item_lines(files)
    item = banner.consent_item(inv)
    if item is None:
        chosen.warnings.append(banner.banner_problems(inv, site, at)[0].message
                               + ": the banner stores the choice in its own cookie `cc_cookie`, which the "
                                 "policy does not declare")
    else:
        problems = banner.banner_problems(inv, site, at)
        if problems:
            raise PolicyError(Report(problems))
    categories: dict[str, Any] = {}
    for c in banner.read_only(inv):
        categories[c.id] = {"enabled": True, "readOnly": True}
    protected = _protected(inv)  # the same for every wildcard of the export
    for c in banner.switches(inv):
        names = [{"name": {"regex": _regex(i.name, protected)} if i.wildcard else i.name}
                 for i in inv.items if i.category == c.id and i.storage == "cookie"]
        categories[c.id] = {"autoClear": {"cookies": names}} if names else {}
    categories = {c.id: categories[c.id] for c in inv.categories if c.id in categories}  # the data's order
    if site_url is None and files is not None:
        site_url = banner.site_url(files.config_file)
    links = banner.policy_urls(site, site_url)
    translations = {lang: _translation(site, inv, lang, links.get(lang)) for lang in site.languages}
    config: dict[str, Any] = {"revision": revision(policy, chosen), "hideFromBots": False,
                              "categories": categories,
                              "language": {"default": site.default_language, "autoDetect": "document",
                                           "translations": translations}}
    if item is not None:
        config["cookie"] = banner.cookie_config(site, item)
    return config


def _translation(site: Site, inv: Inventory, lang: str, policy_url: str | None = None) -> dict[str, Any]:
    from cookiepolicy.exchange import banner

    c = Catalog.get(lang)
    company = site.company

    def esc(value: str) -> str:  # the banner inserts these strings as HTML
        return html.escape(value, quote=True)

    link = banner.policy_link(c, policy_url)
    intro = [c.t("banner.intro", company=company)] if banner.switches(inv) else []
    if banner.read_only(inv):
        intro.append(c.t("banner.intro_read_only"))
    sections: list[dict[str, Any]] = [{"description": " ".join(filter(None, [esc(" ".join(intro)), link]))}]
    shown = {cat.id for cat in banner.switches(inv) + banner.read_only(inv)}
    for category in inv.categories:
        if category.id not in shown:  # a consent category the site does not use gets no switch
            continue
        note = c.t("banner.read_only_note") if category.legal_basis in banner.GROUNDS else ""
        section: dict[str, Any] = {
            "title": esc(text(category.name, lang)),
            "description": esc(" ".join(filter(None, [text(category.description, lang),  # description optional
                                                      category_basis_sentence(c, category), note]))),
            "linkedCategory": category.id,
        }
        items = [i for i in inv.items if i.category == category.id]
        if category.listed and items:
            section["cookieTable"] = {
                "headers": {key: esc(c.t(f"column.{key}")) for key in ("name", "purpose", "duration", "provider")},
                "body": [{"name": esc(_label(i, c)), "purpose": esc(text(i.purpose, lang)),
                          "duration": esc(format_duration(i.duration, lang)),
                          "provider": esc(provider_label(inv, i.provider, company, c))}
                         for i in items],
            }
        sections.append(section)
    consent_modal = {"title": esc(c.t("banner.title")), "description": esc(banner.description(inv, site, lang)),
                     "acceptAllBtn": esc(c.t("banner.accept_all")),
                     "acceptNecessaryBtn": esc(c.t("banner.reject_all")),
                     "showPreferencesBtn": esc(c.t("banner.show_preferences"))}
    if link:
        consent_modal["footer"] = link
    return {
        "consentModal": consent_modal,
        "preferencesModal": {"title": esc(c.t("banner.preferences_title")),
                             "acceptAllBtn": esc(c.t("banner.accept_all")),
                             "acceptNecessaryBtn": esc(c.t("banner.reject_all")),
                             "savePreferencesBtn": esc(c.t("banner.save")),
                             "closeIconLabel": esc(c.t("banner.close")),
                             "sections": sections},
    }


def _label(item: Item, c: Catalog) -> str:
    return item.name if item.storage == "cookie" else f"{item.name} ({c.t(f'storage_label.{item.storage}')})"


def cookieconsent_js(config: dict[str, Any]) -> str:
    """The configuration as a script that defines ``window.cookiePolicyConsent``, with real RegExps."""
    body = json.dumps(config, ensure_ascii=False, indent=2)
    body = re.sub(r'\{\s*"regex": "((?:[^"\\]|\\.)*)"\s*\}', lambda m: json.loads(f'"{m.group(1)}"'), body)
    return ("// Generated by `policy export cookieconsent` from the cookie policy's data; do not edit.\n"
            f"window.cookiePolicyConsent = {body};\n")


# ---------------------------------------------------------------- what a build publishes


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


# ---------------------------------------------------------------- markdown pages


def page_language(rel: str, site: Site) -> tuple[str, str]:
    """(language, path without the language suffix) of a page in the suffix docs structure."""
    match = _LANG_SUFFIX.match(rel)
    if match and match.group("lang") in site.languages:
        return match.group("lang"), match.group("stem") + ".md"
    return site.default_language, rel


def markdown_pages(files: SiteFiles, date: dt.date, production: bool) -> dict[str, str]:
    """Every page with its macros expanded: ``{"en/index.md": ..., "tr/index.md": ...}``."""
    import jinja2

    loaded = load(files)
    policy = loaded_policy(files)
    pages: dict[str, str] = {}
    for path in sorted(files.docs.rglob("*.md")):
        rel = path.relative_to(files.docs).as_posix()
        lang, target = page_language(rel, policy.site)
        source = path.read_text(encoding="utf-8")
        match = _FRONT_MATTER.match(source)
        front, body = (match.group(1), source[match.end():]) if match else ("", source)
        pinned = re.search(r'^policy_version:\s*"?([0-9.]+)"?\s*$', front, re.MULTILINE)
        render = renderer(loaded, lang, rel, pinned.group(1) if pinned else None, date, production)
        env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
        env.globals.update({name: getattr(render, name) for name in MACROS})
        try:
            pages[f"{lang}/{target}"] = front + env.from_string(body).render()
        except jinja2.TemplateError as exc:
            line = getattr(exc, "lineno", None)
            raise PolicyError(Report([Problem(file=files.name(path), line=line and line + front.count("\n"),
                                              message=f"cannot expand the page's macros: {exc}")])) from exc
        except MissingFact as exc:  # an optional fact the page shows: what to add, not a traceback
            raise PolicyError(Report([Problem(file=files.name(path), message=str(exc))])) from None
    return pages



# ---------------------------------------------------------------- a Zensical project, one build per language

# What the engine's Markdown needs (notices are admonitions); Zensical reads mkdocs.yml's keys.
ZENSICAL_EXTENSIONS = ["admonition", "attr_list", "tables", {"toc": {"permalink": True}}]


def zensical_project(files: SiteFiles, date: dt.date, production: bool) -> dict[str, str]:
    """Files of a Zensical project built from the ``markdown`` export: ``LANG/`` pages and
    ``mkdocs.LANG.yml`` per language. Zensical has no per-language build of one docs folder, so the
    default language builds into ``site/`` and each other language into ``site/LANG/``; the
    machine-readable exports sit next to the default language's pages, at the MkDocs build's URLs."""
    import yaml

    policy = loaded_policy(files)
    out = dict(markdown_pages(files, date, production))
    exports, _ = published(files, date, production)
    default = policy.site.default_language
    out.update({f"{default}/{name}": text for name, text in exports.items()})
    for lang in policy.site.languages:
        config = {
            "site_name": policy.site.company,
            "docs_dir": lang,
            "site_dir": "site" if lang == default else f"site/{lang}",
            "theme": {"name": "material", "language": lang, "font": False},
            "markdown_extensions": ZENSICAL_EXTENSIONS,
        }
        out[f"mkdocs.{lang}.yml"] = ("# Generated by `policy export zensical`; build the default language first:\n"
                                     f"#   zensical build -f mkdocs.{default}.yml\n"
                                     + yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return out


def write_tree(out: Path, contents: dict[str, str]) -> list[Path]:
    """Write every file under ``out`` or none (an existing export is replaced)."""
    from cookiepolicy.safeio.fsutil import Transaction

    tx = Transaction()
    for name, content in contents.items():
        tx.write(out / name, content, replace=True)
    return tx.commit()
