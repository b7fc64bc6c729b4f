"""The policy as plain, typed data: what the loader builds and everything else reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

Localized = dict[str, str]
"""Text per language code, e.g. ``{"en": "Session", "tr": "Oturum"}``."""

STORAGE_TYPES = ("cookie", "localStorage", "sessionStorage")
DURATION_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")
FIRST_PARTY = "first-party"
THIRD_PARTY = "third-party"  # a provider the source policy does not name ("a third-party analytics vendor")
# What an item table may show, one column per item field (``legal_basis``: its category's).
TABLE_COLUMNS = ("name", "purpose", "duration", "category", "provider", "storage", "attributes", "used_on",
                 "domain", "cross_site", "legal_basis")

# Seconds per unit, to compare durations ("a longer duration" needs an order).
UNIT_SECONDS = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 7 * 86400,
    "month": 30 * 86400,
    "year": 365 * 86400,
}


@dataclass(frozen=True)
class Duration:
    """How long an item lives, as structured as the source allows.

    ``session``, ``fixed`` (value + unit), ``persistent``, ``event`` (until something happens),
    ``date`` (until a fixed day), ``regions`` (a value per region, e.g. 13 months in the EEA),
    ``conditional`` (``then`` if ``condition`` holds, else ``elsewhere``: another duration, ``not-set``
    or, when None, nothing stated), ``not-stated`` (the source gives none: shown as such, never a
    number) and ``text`` (a last resort: the source's own words, per language).
    """

    kind: str  # session|fixed|persistent|event|date|regions|conditional|not-stated|not-set|text
    value: int | None = None
    unit: str | None = None
    until: Localized = field(default_factory=dict)
    date: dt.date | None = None
    regions: tuple[Regional, ...] = ()
    elsewhere: Duration | None = None
    text: Localized = field(default_factory=dict)
    condition: Localized = field(default_factory=dict)  # ``conditional``: when ``then`` applies, as a clause
    then: Duration | None = None

    def seconds(self) -> float | None:
        """Comparable length; None where the law's reader cannot compare (event-bound)."""
        if self.kind == "session":
            return 0
        if self.kind == "persistent":
            return float("inf")
        if self.kind == "fixed" and self.value is not None and self.unit:
            return self.value * UNIT_SECONDS[self.unit]
        return None

    def to_data(self) -> str | dict[str, Any]:
        if self.kind in ("session", "persistent", "not-stated", "not-set"):
            return self.kind
        if self.kind == "fixed":
            return f"{self.value} {self.unit}{'s' if self.value != 1 else ''}"
        if self.kind == "date" and self.date is not None:
            return {"until": self.date.isoformat()}
        if self.kind == "regions":
            data: dict[str, Any] = {"by_region": [{"where": dict(r.where), "duration": r.duration.to_data()}
                                        for r in self.regions]}
            if self.elsewhere is not None:
                data["elsewhere"] = self.elsewhere.to_data()
            return data
        if self.kind == "text":
            return {"text": dict(self.text)}
        if self.kind == "conditional" and self.then is not None:
            conditional: dict[str, Any] = {"if": dict(self.condition), "duration": self.then.to_data()}
            if self.elsewhere is not None:
                conditional["otherwise"] = self.elsewhere.to_data()
            return conditional
        return {"until": dict(self.until)}


@dataclass(frozen=True)
class Regional:
    """One region's duration: ``where`` is the phrase as it reads in a sentence ("in the EEA")."""

    where: Localized
    duration: Duration


LEGAL_BASES = ("consent", "strictly-necessary", "contract", "legitimate-interest", "not-stated")
# ``consent:`` (kept for compatibility) says two of the legal bases; the others have no consent value.
CONSENT_BASIS = {"required": "consent", "exempt": "strictly-necessary"}
BASIS_CONSENT = {basis: consent for consent, basis in CONSENT_BASIS.items()}
# The KVKK Art. 5(2) / GDPR Art. 6(1) ground of a strictly necessary category: strict necessity exempts a
# cookie from consent, it is no ground of its own, so the data names the ground beside it (``ground:``).
GROUNDS = ("contract", "legal-obligation", "legitimate-interest")
# Kinds of cookie the KVKK cookie guide and ePrivacy Art. 5(3) allow only with consent.
CONSENT_KINDS = ("analytics", "advertising")


@dataclass(frozen=True)
class Category:
    id: str
    name: Localized
    description: Localized  # may be empty: a heading that says it all needs no description
    consent: str  # "required" (explicit consent, "açık rıza") | "exempt" (strictly necessary) | "" (another basis)
    kind: str = "other"  # necessary | preferences | analytics | advertising | security | other
    listed: bool = True  # False: described in prose only, items not listed one by one
    provider: str | None = None  # a service that sets this category's cookies, named even without items
    legal_basis: str = ""  # one of LEGAL_BASES; derived from ``consent`` when not given
    ground: str = ""  # one of GROUNDS, for a strictly necessary category: the law's ground beside the exemption
    # What a legal-basis sentence may add to the basis, each only when the data states it (a sentence
    # says nothing more). The older spelling ``consent: required|exempt`` always said them, and still does:
    # required = explicit consent that can be withdrawn, exempt = needed for the service asked for.
    explicit: bool = field(default=False, compare=False, metadata={"export": False})
    withdrawal: bool = field(default=False, compare=False, metadata={"export": False})
    requested_service: bool = field(default=False, compare=False, metadata={"export": False})

    @property
    def law_ground(self) -> str:
        """The KVKK Art. 5 / GDPR Art. 6 ground the data states; "" when none (strict necessity alone is none)."""
        if self.legal_basis == "strictly-necessary":
            return self.ground
        return "" if self.legal_basis == "not-stated" else self.legal_basis

    def __post_init__(self) -> None:
        # one fact, two spellings: each is derived from the other so old data and new read alike
        # (the loader refuses data where they disagree; here ``consent`` wins, as in older code)
        basis = CONSENT_BASIS.get(self.consent) or self.legal_basis or "not-stated"
        if self.consent and not self.legal_basis:  # the older spelling alone: the words it always had
            object.__setattr__(self, "explicit", self.explicit or self.consent == "required")
            object.__setattr__(self, "withdrawal", self.withdrawal or self.consent == "required")
            object.__setattr__(self, "requested_service", self.requested_service or self.consent == "exempt")
        object.__setattr__(self, "legal_basis", basis)
        object.__setattr__(self, "consent", BASIS_CONSENT.get(basis, ""))


@dataclass(frozen=True)
class Service:
    """A third party that sets its own cookies under its own policy."""

    id: str
    name: str
    role: Localized = field(default_factory=dict)  # what it does for the site; optional
    sets_cookies: Localized = field(default_factory=dict)  # when and why it sets its own cookies; optional
    policy_url: str | None = None  # optional: a missing fact produces no link
    listed: bool = True
    domains: tuple[str, ...] = ()  # hosts it loads from; an audit reports requests to hosts no service names
    country: str | None = None  # ISO 3166 alpha-2 code of where it processes data; optional
    processor_role: str | None = None  # "processor" (veri işleyen) | "controller" | "joint-controller"; optional
    transfer_abroad: bool | None = None  # whether data leaves the site's country; None: the data does not say
    transfer_mechanism: str | None = None  # KVKK Art. 9 route of the transfer (transfers.MECHANISMS); optional

    def serves(self, host: str) -> bool:
        """Whether ``host`` is one of the service's domains or a subdomain of one."""
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in (d.lower().lstrip(".") for d in self.domains))


# How an item's name matches what the browser stores (the item's `match` field).
MATCH_EXACT, MATCH_WILDCARD = "exact", "wildcard"
MATCHES = (MATCH_EXACT, MATCH_WILDCARD)


@dataclass(frozen=True)
class Item:
    """One cookie or browser-storage key, identified by storage type and name."""

    name: str
    storage: str
    category: str
    purpose: Localized
    duration: Duration
    provider: str = FIRST_PARTY
    attributes: tuple[str, ...] = ()
    used_on: tuple[str, ...] = ()
    cross_site: bool = False
    renamed_from: str | None = None
    domain: str | None = None
    # "wildcard": each `*` of the name stands for any characters; stated in the data, never guessed from
    # the name, so a `*` typed by mistake cannot make the banner delete cookies it was never told about
    match: str = MATCH_EXACT

    @property
    def key(self) -> tuple[str, str]:
        return (self.storage, self.name)

    @property
    def wildcard(self) -> bool:
        return self.match == MATCH_WILDCARD

    @property
    def third_party(self) -> bool:
        return self.provider != FIRST_PARTY


# joint-controller: decides the purposes and means together with the site (GDPR Art. 26; a social plug-in or
# pixel, CJEU Fashion ID), so the site shares responsibility for what it collects
PROCESSOR_ROLES = ("processor", "controller", "joint-controller")
# What `policy init` writes for a company it was not told: a name no page may publish (validation refuses it).
PLACEHOLDER_COMPANY = "Company name (to be filled in)"
# the ways to reach the controller: at least one is required. A privacy policy link counts: a policy
# that gives only "Privacy Desk" and that link is written as it is, not with an invented address.
CONTACT_WAYS = ("email", "phone", "address", "kep", "rights_url", "privacy_url")


@dataclass(frozen=True)
class Contact:
    """How to reach the data controller (KVKK Art. 10(1)(a), GDPR Art. 13(1)(a)); every part optional.

    ``name`` and ``address`` are text per language; a plain text is kept under ``"*"`` (every language).
    The e-mail address is ``Site.contact_email``, the field it always was.
    """

    name: Localized = field(default_factory=dict)  # "Privacy Desk", a department
    legal_name: str | None = None  # the controller's registered name
    address: Localized = field(default_factory=dict)  # postal address, lines separated by newlines
    kep: str | None = None  # Turkish registered e-mail (Kayıtlı Elektronik Posta)
    phone: str | None = None
    rights_url: str | None = None  # where to exercise the rights of KVKK Art. 11 / GDPR Art. 15-22
    privacy_url: str | None = None  # the privacy policy
    # stated only where the controller has them: its representative (KVKK Art. 10(1)(a) "varsa temsilcisi";
    # GDPR Art. 27), its data protection officer (GDPR Art. 13(1)(b)), and what it says about decisions based
    # solely on automated processing (GDPR Art. 13(2)(f)); each a text per language, lines by line breaks
    representative: Localized = field(default_factory=dict)
    dpo: Localized = field(default_factory=dict)
    automated_decisions: Localized = field(default_factory=dict)


# Every part of the contact block (the e-mail address is Site.contact_email, not one of them).
CONTACT_FIELDS = tuple(f.name for f in fields(Contact))


@dataclass(frozen=True)
class Site:
    """Who publishes the policy: facts a page shows, frozen into each release with its inventory.

    ``domain``, ``url`` and ``contact_email`` may be None: a page that shows one fails with a message.
    """

    company: str
    domain: str | None
    url: str | None
    contact_email: str | None
    languages: tuple[str, ...]
    default_language: str
    usage_places: dict[str, Localized] = field(default_factory=dict)
    # name -> sounds_like, possessive, or forms: grammar, not a fact, so a release does not record it and
    # two sites that state the same facts are equal whatever their tr_forms (`policy verify` compares them)
    tr_forms: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)
    contact: Contact = field(default_factory=Contact)
    country: str | None = None  # ISO 3166 alpha-2: where the controller is (a transfer abroad leaves it)
    cite_articles: bool = False  # legal-basis sentences cite KVKK Art. 5 and GDPR Art. 6
    # the laws the site names (`laws`): its citations name theirs only (none named: both); a choice of the
    # site's, not a fact a release records (compared as tr_forms)
    laws: tuple[str, ...] = field(default=(), compare=False)
    # what a Global Privacy Control signal means to the site: "reject" (every category on consent refused,
    # unless the visitor chooses otherwise); None: the data does not say, and the banner ignores the signal
    global_privacy_control: str | None = None
    # column -> its header per language: wording, not a fact, so releases do not record it (compared as tr_forms)
    table_headers: dict[str, Localized] = field(default_factory=dict, compare=False)

    def contact_ways(self) -> tuple[str, ...]:
        """The ways to reach the controller that the data states, of ``CONTACT_WAYS`` (email: ``contact_email``)."""
        return tuple(way for way in CONTACT_WAYS
                     if (self.contact_email if way == "email" else getattr(self.contact, way)))


@dataclass(frozen=True)
class Inventory:
    """The facts a policy states: categories, third-party services and items."""

    categories: tuple[Category, ...] = ()
    services: tuple[Service, ...] = ()
    items: tuple[Item, ...] = ()
    not_used: tuple[str, ...] = ()
    site: Site | None = None  # the site facts shown with it: a release's own, or site.yml's for the draft

    def category(self, cid: str) -> Category | None:
        return next((c for c in self.categories if c.id == cid), None)

    def service(self, sid: str) -> Service | None:
        return next((s for s in self.services if s.id == sid), None)


@dataclass(frozen=True)
class Release:
    """A published, frozen version of the policy."""

    version: str
    published: dt.date
    effective: dt.date
    summary: Localized
    inventory: Inventory
    path: str = ""
    format: int = 2  # 1: the snapshot recorded no site facts (see load.migrate_format_1)
    wording: str = ""  # the file of the wording it was published with (see wording.py); "" for older releases

    @property
    def site(self) -> Site | None:
        """The site facts this release was published with."""
        return self.inventory.site


@dataclass(frozen=True)
class Policy:
    """A whole site's data: the draft being edited and its published releases, oldest first."""

    site: Site
    draft: Inventory
    releases: tuple[Release, ...] = ()

    def release(self, version: str) -> Release | None:
        return next((r for r in self.releases if r.version == version), None)

    def in_force(self, today: dt.date) -> Release | None:
        current = [r for r in self.releases if r.effective <= today]
        return current[-1] if current else None

    def upcoming(self, today: dt.date) -> list[Release]:
        """Announced releases: not yet in force, and not replaced before taking effect."""
        from cookiepolicy.model.legalstate import upcoming

        return upcoming(self.releases, today)

    @property
    def latest(self) -> Release | None:
        return self.releases[-1] if self.releases else None
