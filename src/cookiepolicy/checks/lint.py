"""What KVKK and the GDPR ask a cookie policy to disclose, checked against the data and the pages.

Each finding names the article it comes from. ``missing``: the data or the pages lack it, and the
site can add it (the controller's legal name, address and KEP address, a way to exercise the rights,
each third party's country, role and transfer abroad, a legal basis); ``check``: the data cannot state
it (the list of rights itself), so a person must make sure the prose does. The check reports; it never
writes legal text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cookiepolicy.checks.controller_gaps import controller_gaps
from cookiepolicy.checks.coverage import Call, item_lines, shown, site_calls
from cookiepolicy.checks.essential import only_essential_claims
from cookiepolicy.checks.pagenames import CONTROLLER, names_shown
from cookiepolicy.loading import cookiedb
from cookiepolicy.loading.documents import read_checked
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.transfers import MECHANISMS
from cookiepolicy.model.inventory import (
    CONSENT_KINDS,
    CONTACT_FIELDS,
    THIRD_PARTY,
    Category,
    Contact,
    Duration,
    Item,
    Policy,
    Service,
    Site,
)
from cookiepolicy.model.problems import WARNING, Problem
from cookiepolicy.safeio.yamlsafe import Document
from cookiepolicy.text.durations import NOT_STATED_WORDS, fold
from cookiepolicy.text.localize import Catalog
from cookiepolicy.text.words import in_language, language, say

LAWS = ("kvkk", "gdpr")
KVKK_GUIDE = "KVKK cookie guide (Çerez Uygulamaları Hakkında Rehber)"
# A duration written as text that states none (lint reads it as `not-stated`).
UNSTATED_WORDS = NOT_STATED_WORDS | {fold(w) for w in ("unknown", "n/a", "bilinmiyor", "belirtilmemiştir")}
ARTICLES = {
    "controller": {"kvkk": "KVKK Art. 10(1)(a)", "gdpr": "GDPR Art. 13(1)(a)"},
    # KEP is an application channel of the Communiqué, not an element of Art. 10 (a KVKK matter only)
    "application": {"kvkk": "KVKK Başvuru Tebliği Art. 5", "gdpr": "GDPR Art. 12(2)"},
    "purpose": {"kvkk": "KVKK Art. 10(1)(b)", "gdpr": "GDPR Art. 13(1)(c); ePrivacy Art. 5(3)"},
    "legal_basis": {"kvkk": "KVKK Art. 10(1)(ç), Art. 5", "gdpr": "GDPR Art. 13(1)(c), Art. 6"},
    "recipients": {"kvkk": "KVKK Art. 10(1)(c)", "gdpr": "GDPR Art. 13(1)(e)"},
    "transfers": {"kvkk": "KVKK Art. 10(1)(c), Art. 9", "gdpr": "GDPR Art. 13(1)(f)"},
    "transfer_mechanism": {"kvkk": "KVKK Art. 9", "gdpr": "GDPR Art. 13(1)(f), Art. 44-49"},
    "rights": {"kvkk": "KVKK Art. 10(1)(d), Art. 11", "gdpr": "GDPR Art. 13(2)(b), (d)"},
    "collection": {"kvkk": "KVKK Art. 10(1)(ç)", "gdpr": "GDPR Art. 13"},
    "withdrawal": {"kvkk": KVKK_GUIDE, "gdpr": "GDPR Art. 13(2)(c), Art. 7(3)"},
    "lifetime": {"kvkk": KVKK_GUIDE, "gdpr": "GDPR Art. 13(2)(a)"},
    "consent_kind": {"kvkk": f"{KVKK_GUIDE}; KVKK Art. 5(1)", "gdpr": "ePrivacy Art. 5(3); GDPR Art. 6(1)(a)"},
    "consent_record": {"kvkk": KVKK_GUIDE, "gdpr": "ePrivacy Art. 5(3); GDPR Art. 7(1)"},
    "representative": {"kvkk": "KVKK Art. 10(1)(a)", "gdpr": "GDPR Art. 13(1)(a), Art. 27"},
    "dpo": {"kvkk": "KVKK Art. 10(1)(a)", "gdpr": "GDPR Art. 13(1)(b)"},
    "automated_decisions": {"kvkk": "KVKK Art. 11(1)(g)", "gdpr": "GDPR Art. 13(2)(f)"},
}
# An item that records the visitor's consent choice, recognised by its name (consent managers' usual
# names) or by its purpose in any language (the words are in each catalog: `lint.consent_record`).
CONSENT_RECORD = re.compile(r"consent|cookie.?(pref|choice|settings)|cookieyes|optanon|cc_cookie|cookielawinfo",
                            re.IGNORECASE)


def records_consent(item: Item) -> bool:
    """Whether an item stores the visitor's choice about cookies, by its name or a purpose text."""
    return bool(CONSENT_RECORD.search(item.name)) or any(
        re.search(Catalog.get(lang).t("lint.consent_record"), purpose, re.IGNORECASE)
        for lang, purpose in item.purpose.items() if Catalog.has(lang))


@dataclass(frozen=True)
class Finding:
    law: str
    topic: str
    status: str  # "missing" | "check"
    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None

    @property
    def article(self) -> str:
        return ARTICLES[self.topic][self.law]

    def format(self, lang: str | None = None) -> str:
        """One line, in ``lang`` (default: the command's language): status, article, where, what."""
        lang = lang or language()
        where = f"{self.file}:{self.line}: " if self.file and self.line else (f"{self.file}: " if self.file else "")
        if lang == "en" or not Catalog.has(lang):
            return f"{self.status:<8}{self.article}: {where}{self.message}"
        words = Catalog.get(lang)
        article = words.maybe(f"cli.lint.article.{self.topic}.{self.law}") or self.article
        return f"{words.t(f'cli.lint.status.{self.status}'):<8}{article}: {where}{in_language(self.message, lang)}"

    def problem(self) -> Problem:
        return Problem(file=self.file or "", line=self.line, field=self.field, severity=WARNING,
                       message=f"{self.article}: {self.message}")


def _called(calls: Iterable[Call], name: str, *args: object) -> bool:
    return any(c.name == name and (not c.literal or c.args[:len(args)] == args) for c in calls)


def _in_langs(missing: list[str], languages: list[str]) -> str:
    return "" if len(missing) == len(languages) else say("lint.in_langs",
                                                                      langs=", ".join(f"`{x}`" for x in missing))


def _entity_lines(files: SiteFiles, kind: str, key: str) -> dict[str, tuple[str, int | None, str]]:
    path = files.draft_files()[kind]
    doc, _ = read_checked(path, files.name(path), kind)
    out = {}
    for i, entry in enumerate((doc.data or {}).get(key) or []):
        if isinstance(entry, dict):
            out[str(entry.get("id"))] = (doc.name, doc.line((key, i)), f"{key}[{i}]")
    return out


@dataclass
class _SiteView:
    """What every check reads: the site's pages (their calls and names) and where its data says things."""

    files: SiteFiles
    policy: Policy
    calls: dict[str, list[Call]]
    languages: list[str]
    pages: str
    items_at: dict[tuple[str | None, str], tuple[str, int | None, str]]
    categories_at: dict[str, tuple[str, int | None, str]]
    services_at: dict[str, tuple[str, int | None, str]]
    shown_in: dict[str, dict[tuple[str, str], set[str]]]
    names: dict[str, set[str]]
    used_categories: list[Category]
    needs_consent: list[Category]
    site: Site
    contact: Contact
    site_doc: Document

    @classmethod
    def read(cls, files: SiteFiles, policy: Policy) -> _SiteView:
        inv = policy.draft
        calls = site_calls(files, policy)
        used = [c for c in inv.categories if not c.listed or any(i.category == c.id for i in inv.items)]
        site = inv.site or policy.site
        site_path = files.draft_files()["site"]
        return cls(
            files=files, policy=policy, calls=calls, languages=list(calls), pages=files.name(files.docs),
            items_at=item_lines(files), categories_at=_entity_lines(files, "categories", "categories"),
            services_at=_entity_lines(files, "services", "services"),
            shown_in={lang: shown(policy, lang_calls) for lang, lang_calls in calls.items()},
            names=names_shown(files, policy),  # who the pages name: macros, provider columns, sentences, headings
            used_categories=used, needs_consent=[c for c in used if c.consent == "required"],
            site=site, contact=site.contact, site_doc=read_checked(site_path, files.name(site_path), "site")[0])

    def site_at(self, field: str) -> tuple[str, int | None, str]:
        return self.site_doc.name, self.site_doc.line(tuple(field.split("."))), field

    def lacking(self, check: Callable[[list[Call], str], bool]) -> list[str]:
        """The page languages in which ``check`` fails."""
        return [lang for lang in self.languages if not check(self.calls[lang], lang)]

    def where(self, missing: list[str]) -> str:
        return _in_langs(missing, self.languages)


@dataclass
class _Report:
    """The findings of one law, as the checks add them."""

    law: str
    data: _SiteView
    findings: list[Finding]

    def add(self, topic: str, message: str, status: str = "missing",
            at: tuple[str, int | None, str | None] | None = None) -> None:
        file, line, field = at or (self.data.pages, None, None)
        self.findings.append(Finding(self.law, topic, status, message, file, line, field))


def lint(files: SiteFiles, policy: Policy, laws: Iterable[str]) -> list[Finding]:
    """Every finding for each law in ``laws``, in the order of the law's articles."""
    laws = list(laws)
    if not laws:  # `policy validate` on a site that names no law: no page to read
        return []
    data = _SiteView.read(files, policy)
    findings: list[Finding] = []
    for law in laws:
        report = _Report(law, data, findings)
        for check in CHECKS:
            check(report)
    return findings


def _controller(r: _Report) -> None:
    """Who is responsible (named on the pages), and a way to reach them (in the data and on the pages)."""
    d = r.data
    missing = d.lacking(lambda c, lang: _called(c, "company") or CONTROLLER in d.names.get(lang, set()))
    if missing:
        r.add("controller", say("lint.no_name", where=d.where(missing)))
    ways = d.site.contact_ways()
    if not ways:
        r.add("controller", say("lint.no_way"), at=d.site_at("contact"))
        return
    email_only = not _stated(d.contact)
    macro = "contact_email" if d.site.contact_email and email_only else "contact"
    missing = d.lacking(lambda c, _: _called(c, "contact") or (_called(c, "contact_email") and email_only))
    if missing:
        r.add("controller", say("lint.no_contact", where=d.where(missing), macro=macro))
    if ways == ("privacy_url",):
        r.add("controller", say("lint.only_privacy_url"), "check", at=d.site_at("contact.privacy_url"))


def _controller_facts(r: _Report) -> None:
    """The controller's legal name and address, and (KVKK) the KEP address a Turkish controller has."""
    d = r.data
    for fact in ("legal_name", "address"):
        if not getattr(d.contact, fact):
            r.add("controller", say(f"lint.no_{fact}"), at=d.site_at(f"contact.{fact}"))
    _controller_gaps(r)
    if r.law == "kvkk" and not d.contact.kep and d.site.country in ("TR", None):
        key = "lint.no_kep_tr" if d.site.country == "TR" else "lint.no_kep"
        r.add("application", say(key), "check", at=d.site_at("contact.kep"))


def _controller_gaps(r: _Report) -> None:
    """The representative, the DPO and automated decisions: where the law asks for them (``controller_gaps``)."""
    d = r.data
    unshown = d.lacking(lambda c, _: _called(c, "automated_decisions"))
    for topic, message, status, field in controller_gaps(r.law, d.site, d.where(unshown) if unshown else None):
        r.add(topic, message, status, at=d.site_at(field))


def _categories(r: _Report) -> None:
    """Purpose and legal basis, for each category that is used."""
    for category in r.data.used_categories:
        _purpose(r, category)
        if category.legal_basis == "not-stated":
            r.add("legal_basis", say("lint.no_basis", id=category.id), at=r.data.categories_at.get(category.id))
        else:
            _legal_basis(r, category)


def _purpose(r: _Report, category: Category) -> None:
    """A category described in prose only (``listed: false``) must have a description that a page shows."""
    d, at = r.data, r.data.categories_at.get(category.id)
    if category.listed:
        return
    if not category.description:
        r.add("purpose", f"category `{category.id}` is described in prose only and has no description of "
                         "its purpose (add `description`)", at=at)
        return
    missing = d.lacking(lambda c, _: _called(c, "category_sections")
                        or _called(c, "category_description", category.id))
    if missing:
        r.add("purpose", f"the purpose of category `{category.id}` is on no page"
                         f"{d.where(missing)} (call {{{{ category_sections() }}}} or "
                         f'{{{{ category_description("{category.id}") }}}})', at=at)


def _legal_basis(r: _Report, category: Category) -> None:
    """A stated basis: its ground in the law, consent where the cookies need it, and shown on every page."""
    d, at = r.data, r.data.categories_at.get(category.id)
    if not category.law_ground:  # strictly necessary: exempt from consent, but on which ground?
        r.add("legal_basis", say("lint.no_ground", id=category.id, article=say(f"lint.ground_article.{r.law}")),
              at=at)
    needs = _consent_reason(category, d.policy.draft.items)
    if needs and category.legal_basis != "consent":
        r.add("consent_kind", f"category `{category.id}` {needs}, which needs consent, but its legal basis "
                              f"is {category.legal_basis} (set `legal_basis: consent`, or move the items to a "
                              "category of their kind)", at=at)
    missing = d.lacking(lambda c, _: _called(c, "legal_basis", category.id) or any(
        x.name == "category_sections" and (not x.literal or x.kwargs.get("legal_basis", True)) for x in c))
    if missing:
        r.add("legal_basis", say("lint.basis_unshown", id=category.id, where=d.where(missing)), at=at)


def _recipients(r: _Report) -> None:
    """Every third party that sets or receives something: named, and where its data goes."""
    inv = r.data.policy.draft
    used = {i.provider for i in inv.items if i.third_party} | {c.provider for c in inv.categories if c.provider}
    if THIRD_PARTY in used:
        r.add("recipients", f"some cookies are set by a third party the policy does not name (`provider: "
                            f"{THIRD_PARTY}`): make sure the prose says what kind of party receives the data",
              "check")
    for service in inv.services:
        if service.id in used or service.listed:
            _service_named(r, service)
            _service_transfer(r, service)


def _service_named(r: _Report, service: Service) -> None:
    """A third party is named on every page."""
    d = r.data
    missing = d.lacking(lambda _, lang: service.id in d.names.get(lang, set()))
    if missing:
        r.add("recipients", say("lint.service_unnamed", id=service.id, name=service.name,
                                where=d.where(missing)), at=d.services_at.get(service.id))


def _service_transfer(r: _Report, service: Service) -> None:
    """A third party's country, role and transfer abroad: stated, shown, and with a mechanism when abroad."""
    d, at = r.data, r.data.services_at.get(service.id)
    unstated = [field for field, value in (("country", service.country), ("processor_role",
                service.processor_role), ("transfer_abroad", service.transfer_abroad)) if value is None]
    if unstated:
        r.add("transfers", say("lint.transfer_unstated", id=service.id, name=service.name,
                               fields=", ".join(f"`{field}`" for field in unstated)), at=at)
    elif service.listed:  # a service named in prose only: the prose says where it is
        missing = d.lacking(_shows_service_details)
        if missing:
            r.add("transfers", f"the country, role and transfer abroad of third party `{service.id}` "
                               f"({service.name}) are on no page"
                               f"{d.where(missing)} (call {{{{ services_table() }}}} or "
                               "{{ services_list(details=True) }})", at=at)
    if service.transfer_abroad and not service.transfer_mechanism:
        r.add("transfer_mechanism", say("lint.no_mechanism", id=service.id, name=service.name,
                                        mechanisms=", ".join(MECHANISMS)), at=at)
    abroad = service.transfer_abroad or bool(service.country and d.site.country
                                             and service.country != d.site.country)
    if abroad and not service.listed:  # its items are on the pages; where their data goes is not
        where = f" ({service.country})" if service.country else ""
        r.add("transfers", f"third party `{service.id}` ({service.name}) processes data abroad{where}, but "
                           "it is not listed (`listed: false`), so no page shows its country and transfer "
                           "(set `listed: true` and call {{ services_table() }} or "
                           "{{ services_list(details=True) }})", at=at)


def _rights(r: _Report) -> None:
    """How to exercise the rights is data; the rights themselves are prose (and, for KVKK, how data is collected)."""
    d = r.data
    if not d.contact.rights_url and not d.site.contact_email:
        r.add("rights", "the data holds no way to exercise the data subject's rights (add `contact.rights_url`, "
                        "a page or a mailto: link)", at=d.site_at("contact.rights_url"))
    missing = d.lacking(lambda c, _: any(x.name == "rights" and (
        not x.literal or (x.args[0] if x.args else x.kwargs.get("law", "kvkk")) == r.law) for x in c))
    if missing:
        call = "{{ rights() }}" if r.law == "kvkk" else '{{ rights(law="gdpr") }}'
        r.add("rights", say(f"lint.no_rights.{r.law}", call=call, where=d.where(missing)), "check")
    if r.law == "kvkk" and d.policy.draft.items:
        missing = d.lacking(lambda c, _: _called(c, "collection_method"))
        if missing:
            r.add("collection", say("lint.no_collection", where=d.where(missing)), "check")


def _consent(r: _Report) -> None:
    """Where consent is asked: how to withdraw it, and the item that records it."""
    d = r.data
    if not d.needs_consent:
        return
    missing = d.lacking(lambda c, _: _called(c, "withdraw_consent"))
    if missing:
        r.add("withdrawal", say("lint.no_withdrawal", where=d.where(missing)))
    if not any(records_consent(i) for i in d.policy.draft.items):
        first = d.needs_consent[0].id
        r.add("consent_record", say("lint.no_consent_record", id=first), at=d.categories_at.get(first))


def _essential_claims(r: _Report) -> None:
    """What the pages say: "only essential cookies are used" beside categories that are not."""
    for page, line, words, category in only_essential_claims(r.data.files, r.data.policy):
        r.add("consent_kind", f"the page says “{words}”, but category `{category.id}` is not strictly "
                              f"necessary (legal basis: {category.legal_basis}, kind: {category.kind}): remove "
                              "the sentence, or correct the data", at=(page, line, None))


def _database_kinds(r: _Report) -> None:
    """What the cookies are: the shipped Open Cookie Database against the kind of their category."""
    d = r.data
    for item, kind, match in cookiedb.kind_disagreements(d.policy.draft, cookiedb.database_path(d.files.root)):
        r.add("consent_kind", f"{item.storage} `{item.name}` is in category `{item.category}` of kind `{kind}`, "
                              f"but the Open Cookie Database has it as {match.describe()}: check its category "
                              "and legal basis", "check", at=d.items_at.get(item.key))


def _lifetimes(r: _Report) -> None:
    """The lifetime of every item: stated, for a cookie a limited period, and shown on every page."""
    d = r.data
    for item in d.policy.draft.items:
        at = d.items_at.get(item.key)
        storage = say(f"lint.storage.{item.storage}")
        for kind in _unstated_lifetimes(item.duration):
            if kind == "not-stated":
                r.add("lifetime", say("lint.lifetime_unstated", storage=storage, name=item.name), at=at)
            elif item.storage == "cookie":
                r.add("lifetime", say("lint.persistent", name=item.name), at=at)
        missing = [lang for lang in d.languages if "duration" not in d.shown_in[lang].get(item.key, set())]
        if missing:
            r.add("lifetime", say("lint.lifetime_unshown", storage=storage, name=item.name,
                                  where=d.where(missing)), at=at)


# The checks of each law, in the order of its articles (the order of the findings).
CHECKS: tuple[Callable[[_Report], None], ...] = (
    _controller, _controller_facts, _categories, _recipients, _rights, _consent, _essential_claims,
    _database_kinds, _lifetimes,
)


def _consent_reason(category: Category, items: Iterable[Item]) -> str:
    """Why a category's cookies need consent whatever its basis says: its kind, or a cross-site item; "" if not."""
    if category.kind in CONSENT_KINDS:
        return f"holds {category.kind} cookies"
    cross = next((i for i in items if i.category == category.id and i.cross_site), None)
    return f"holds the cross-site {cross.storage} `{cross.name}`" if cross else ""


def _unstated_lifetimes(duration: Duration) -> set[str]:
    """``not-stated`` and ``persistent`` anywhere in a duration (a region's, a condition's, otherwise)."""
    kinds = {duration.kind} & {"not-stated", "persistent"}
    if duration.kind == "text" and any(fold(" ".join(words.split())).strip(".") in UNSTATED_WORDS
                                       for words in duration.text.values()):
        kinds.add("not-stated")  # `{text: not stated}`: the source's words say there is no period
    for inner in (*(r.duration for r in duration.regions), duration.then, duration.elsewhere):
        if inner is not None:
            kinds |= _unstated_lifetimes(inner)
    return kinds


def _shows_service_details(calls: list[Call], _lang: str) -> bool:
    return any(x.name == "services_table" or (x.name == "services_list" and (not x.literal or x.kwargs.get("details")))
               for x in calls)


def _stated(contact: Contact) -> bool:
    """Whether the contact block states more than an e-mail address (then {{ contact() }} shows it)."""
    return any(getattr(contact, f) for f in CONTACT_FIELDS)


def site_laws(files: SiteFiles) -> list[str]:
    """The laws ``site.yml`` names under ``laws`` (none: the check is not run by validate)."""
    path = files.draft_files()["site"]
    doc, _ = read_checked(path, files.name(path), "site")
    laws = (doc.data or {}).get("laws") if isinstance(doc.data, dict) else None
    return [law for law in laws or [] if law in LAWS]
