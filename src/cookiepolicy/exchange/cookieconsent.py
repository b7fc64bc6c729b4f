"""vanilla-cookieconsent v3's configuration, from the inventory and the banner's words."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from typing import TYPE_CHECKING, Any

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model import legalstate
from cookiepolicy.model.inventory import Inventory, Item, Policy, Site
from cookiepolicy.model.legalstate import State
from cookiepolicy.model.problems import PolicyError, Report
from cookiepolicy.render.sentences import category_basis_sentence, provider_label
from cookiepolicy.text.localize import Catalog, format_duration, text

if TYPE_CHECKING:
    from cookiepolicy.exchange.export import Chosen



# Browsers keep a cookie at most 400 days (RFC 6265bis): the longest lifetime a disclosure can state.
MAX_COOKIE_SECONDS = 400 * 86400


def consent_facts(inv: Inventory) -> tuple[Any, ...]:
    """What a visitor consents to: every item of a category that needs consent, with what it does."""
    required = {c.id for c in inv.categories if c.consent == "required"}
    return tuple(sorted((i.category, i.storage, i.name, i.provider, tuple(sorted(i.purpose.items())),
                         json.dumps(i.duration.to_data(), sort_keys=True))  # every form, dates and regions too
                        for i in inv.items if i.category in required))


def revision(policy: Policy, chosen: Chosen) -> int:
    """Counts the versions up to the exported one whose change from the one before is classed "needs
    fresh consent" (classify.py), so the banner asks again exactly then and an informational or
    notice-only release keeps the revision (the draft counts as one more version). A release replaced
    before it took effect was never shown to visitors: it is not counted (legalstate), unless exported."""
    from cookiepolicy.history.classify import Level, level_of

    versions: list[Inventory] = []
    for release in policy.releases:
        exported = chosen.release is not None and release.version == chosen.release.version
        if exported or legalstate.state_of(policy.releases, release, dt.date.max).state is not State.REPLACED:
            versions.append(release.inventory)
        if exported:
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
        site_url = files.site_url
    links = banner.policy_urls(site, site_url)
    translations = {lang: _translation(site, inv, lang, links.get(lang)) for lang in site.languages}
    config: dict[str, Any] = {"revision": revision(policy, chosen), "hideFromBots": False,
                              "categories": categories,
                              "language": {"default": site.default_language, "autoDetect": "document",
                                           "translations": translations}}
    if item is not None:
        config["cookie"] = banner.cookie_config(site, item)
    if site.global_privacy_control == "reject" and banner.switches(inv):  # run.js reads it, the library never
        config["globalPrivacyControl"] = {"mode": "reject", "note": {
            lang: html.escape(Catalog.get(lang).t("banner.gpc_note", company=site.company), quote=True)
            for lang in site.languages}}
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
