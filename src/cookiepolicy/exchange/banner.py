"""The consent banner as the data states it: its switches, its words, its own cookie, its link to the policy.

Plain Python (no MkDocs): ``export.to_cookieconsent`` puts these pieces into vanilla-cookieconsent's
configuration, ``policy validate`` and the build report ``banner_problems``. A category's basis is read
through ``Category.legal_basis`` only, so the banner follows any change of how bases are modelled.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from cookiepolicy.model.inventory import FIRST_PARTY, Category, Inventory, Item, Site
from cookiepolicy.model.problems import Problem
from cookiepolicy.text.localize import Catalog, format_list, text

# The longest a browser keeps a cookie (RFC 6265bis): a consent record cannot be kept longer.
MAX_DAYS = 400
GROUNDS = ("contract", "legitimate-interest")  # bases named in the banner's text as grounds without consent
CONSENT_KINDS = ("preferences", "analytics", "advertising")  # kinds whose name says what the cookies are


def used(inv: Inventory, category: Category) -> bool:
    """Whether the site uses the category: it has items, or it is described in prose only (``listed: false``)."""
    return not category.listed or any(i.category == category.id for i in inv.items)


def switches(inv: Inventory) -> list[Category]:
    """The categories a visitor chooses: those on consent that the site uses, in the data's order."""
    return [c for c in inv.categories if c.legal_basis == "consent" and used(inv, c)]


def read_only(inv: Inventory) -> list[Category]:
    """The categories shown for information: used, and on a basis other than consent."""
    return [c for c in inv.categories if c.legal_basis != "consent" and used(inv, c)]


def consent_item(inv: Inventory) -> Item | None:
    """The item the banner stores the visitor's choice in: the first first-party cookie (or storage key)
    that records consent (``lint.records_consent``) outside the categories that need consent."""
    from cookiepolicy.checks.lint import records_consent

    return next((i for i in inv.items if i.provider == FIRST_PARTY and records_consent(i)
                 and ((c := inv.category(i.category)) is None or c.legal_basis != "consent")
                 and i.storage in ("cookie", "localStorage")), None)


# ---------------------------------------------------------------- the consent cookie


@dataclass(frozen=True)
class Where:
    """Where the site stores consent: the host and path of site.yml's ``url``."""

    domain: str
    path: str


def where(site: Site) -> Where | None:
    """The cookie's domain and path, from the site's ``url``; None when site.yml states no url."""
    if not site.url:
        return None
    parts = urlsplit(site.url)
    if not parts.hostname:
        return None
    path = parts.path or "/"
    return Where(parts.hostname.lower(), path if path.endswith("/") else path.rsplit("/", 1)[0] + "/")


def cookie_config(site: Site, item: Item) -> dict[str, Any]:
    """vanilla-cookieconsent's ``cookie`` option: the consent item's name, lifetime and attributes as
    the data states them (``banner_problems`` refuses data the banner cannot store as written)."""
    place = where(site)
    seconds = item.duration.seconds() or 0
    days = round(seconds / 86400, 4)
    config: dict[str, Any] = {"name": item.name, "expiresAfterDays": int(days) if days == int(days) else days}
    if item.storage == "localStorage":
        config["useLocalStorage"] = True
        return config
    domain = (item.domain or (place.domain if place else "")).lstrip(".")
    if domain:
        config["domain"] = domain
    config["path"] = place.path if place else "/"
    same_site = next((a.split("=", 1)[1] for a in item.attributes if a.lower().startswith("samesite=")), "Lax")
    config["sameSite"] = same_site.capitalize()
    config["secure"] = any(a.lower() == "secure" for a in item.attributes)
    return config


def banner_problems(inv: Inventory, site: Site, at: dict[tuple[str | None, str], tuple[str, int | None, str]],
                    cookies_file: str = "data/cookies.yml") -> list[Problem]:
    """Why the banner cannot store consent as the inventory declares it; empty when it can.

    ``at`` gives each item's (file, line, field), as ``coverage.item_lines`` reads them."""
    item = consent_item(inv)
    if item is None:
        return [Problem(file=cookies_file, field="items",
                        message="no item records the visitor's consent choice, which the consent banner stores",
                        hint="add the banner's cookie, e.g. `name: cookie_consent`, `storage: cookie`, in a "
                             "strictly necessary category, `duration: 12 months`, `attributes: [Secure, "
                             "SameSite=Lax]`, purpose `Stores your cookie choices`")]
    file, line, field = at.get(item.key, (cookies_file, None, "items"))
    problems: list[Problem] = []

    def refuse(name: str, message: str, hint: str) -> None:
        problems.append(Problem(file=file, line=line, field=f"{field}.{name}", message=message, hint=hint))

    seconds = item.duration.seconds()
    if item.duration.kind != "fixed" or not seconds:
        refuse("duration", f"the consent banner keeps `{item.name}` for a fixed period, but the data says "
                           f"{item.duration.to_data()}", "write a fixed period, e.g. `duration: 12 months`")
    elif seconds > MAX_DAYS * 86400:
        refuse("duration", f"`{item.name}` is declared for {item.duration.to_data()}, longer than a browser "
                           f"keeps a cookie ({MAX_DAYS} days)", "write at most 13 months")
    if item.wildcard or "*" in item.name:
        refuse("name", f"the banner stores consent in one cookie with one name, not `{item.name}`",
               "write the exact name, e.g. `cookie_consent`")
    lowered = [a.lower() for a in item.attributes]
    if item.storage == "cookie" and "httponly" in lowered:
        refuse("attributes", f"the banner's script cannot set an HttpOnly cookie, but `{item.name}` declares it",
               "remove HttpOnly from its attributes")
    place = where(site)
    if item.storage == "cookie" and place and item.domain:
        domain = item.domain.lower().lstrip(".")
        if not (place.domain == domain or place.domain.endswith("." + domain)):
            refuse("domain", f"`{item.name}` is declared for {item.domain}, but the site's url "
                             f"({site.url}) is on {place.domain}: the banner could not set it there",
                   f"write `domain: {place.domain}` or correct `url` in data/site.yml")
    return problems


def host_notice(site: Site, site_url: str | None) -> str | None:
    """The build log's line when the pages are built for another host than site.yml's ``url``
    (a ``github.io`` preview): the banner then stores consent for that host, not for the company's site."""
    place = where(site)
    host = (urlsplit(site_url).hostname or "").lower() if site_url else ""
    if place is None or not host or host == place.domain or host.endswith("." + place.domain):
        return None
    return (f"consent banner: this build is for {host}, but data/site.yml's url is on {place.domain}; "
            f"visitors' consent is stored for {host} until the pages are served from {place.domain} "
            "(a custom domain for GitHub Pages: see the README, \"Where consent is stored\")")


# ---------------------------------------------------------------- the words


def _esc(value: str) -> str:  # the banner inserts these strings as HTML
    return html.escape(value, quote=True)


def _consent_phrase(c: Catalog, category: Category, lang: str) -> str:
    if category.kind in CONSENT_KINDS:
        return c.t(f"banner.consent_kind.{category.kind}")
    return c.t("banner.consent_category", category=text(category.name, lang))


def description(inv: Inventory, site: Site, lang: str) -> str:
    """The first layer's sentence, from the bases of the categories the site uses (plain text)."""
    c = Catalog.get(lang)
    bases = {cat.legal_basis for cat in read_only(inv)}
    without: list[str] = []
    if "strictly-necessary" in bases:
        without.append(c.t("banner.without.strictly-necessary"))
    grounds = [c.t(f"banner.ground.{g}") for g in GROUNDS if g in bases]
    if grounds:
        key = "banner.without.one_ground" if len(grounds) == 1 else "banner.without.grounds"
        joined = grounds[0] if len(grounds) == 1 else c.t("banner.ground_and", first=grounds[0], second=grounds[1])
        without.append(c.t(key, grounds=joined))
    consent = list(dict.fromkeys(_consent_phrase(c, cat, lang) for cat in switches(inv)))
    values = {"company": site.company, "without": format_list(without, lang),
              "with_consent": format_list(consent, lang)}
    # "explicit" consent is said only when every category with a switch states it (``explicit``)
    plain = "" if all(cat.explicit for cat in switches(inv)) else "_plain"
    if without and consent:
        sentence = c.t(f"banner.description_both{plain}", **values)
    elif consent:
        sentence = c.t(f"banner.description_consent{plain}", **values)
    elif without:
        sentence = c.t("banner.description_without", **values)
    else:
        sentence = ""
    return " ".join(filter(None, [sentence, c.t("banner.change_anytime") if consent else ""]))


def policy_link(c: Catalog, url: str | None) -> str:
    """"For details, read our cookie policy." with the link, as HTML; empty without a policy address."""
    if not url:
        return ""
    anchor = f'<a href="{_esc(url)}">{_esc(c.t("banner.policy_link"))}</a>'
    return _esc(c.t("banner.details", policy="\0")).replace("\0", anchor)


def policy_urls(site: Site, base: str | None) -> dict[str, str]:
    """The policy's address per language: the default language at ``base`` (mkdocs.yml's ``site_url``),
    each other language under ``base/LANG/`` (mkdocs-static-i18n's suffix structure)."""
    if not base:
        return {}
    base = base if base.endswith("/") else base + "/"
    return {lang: base if lang == site.default_language else f"{base}{lang}/" for lang in site.languages}








def site_problems(files: Any, inv: Inventory, site: Site) -> list[Problem]:
    """``banner_problems`` of the draft when the site enables the banner: what ``policy validate`` and
    the build report (``files`` is the site's ``SiteFiles``)."""
    from cookiepolicy.checks.coverage import item_lines

    if not files.cookie_settings:
        return []
    return banner_problems(inv, site, item_lines(files), files.name(files.draft_files()["cookies"]))
