"""The site's own facts (company, contact, languages), as ``site.yml`` and each release state them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from cookiepolicy.loading.validate import check_localized, problem_at
from cookiepolicy.model.inventory import (
    PLACEHOLDER_COMPANY,
    Contact,
    Site,
)
from cookiepolicy.model.problems import Problem
from cookiepolicy.safeio.yamlsafe import Document

if TYPE_CHECKING:
    from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.build import country_problem, safely


def build_site(doc: Document, at: tuple[str | int, ...] = ()) -> Site | None:
    d = doc.data
    for key in at:
        d = d.get(key) if isinstance(d, dict) else None
    if not isinstance(d, dict):
        return None
    return safely(lambda: Site(company=d["company"], domain=d.get("domain"), url=d.get("url"),
                                contact_email=d.get("contact_email") or (d.get("contact") or {}).get("email"),
                                languages=tuple(d["languages"]), default_language=d["default_language"],
                                usage_places={k: dict(v) for k, v in d.get("usage_places", {}).items()},
                                tr_forms={k: dict(v) for k, v in d.get("tr_forms", {}).items()},
                                contact=_contact(d.get("contact") or {}), country=d.get("country"),
                                cite_articles=bool(d.get("cite_articles", False)),
                                global_privacy_control=d.get("global_privacy_control"),
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
