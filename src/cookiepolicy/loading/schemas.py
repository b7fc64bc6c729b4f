"""JSON Schemas of the data files: the one description that editors and the validator share.

``policy schema --write DIR`` publishes them for editors (``# yaml-language-server: $schema=``);
the validator checks every file against the same dicts before the semantic checks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cookiepolicy.loading.transfers import MECHANISM_HELP, MECHANISMS
from cookiepolicy.model.inventory import GROUNDS, LEGAL_BASES, MATCHES, PROCESSOR_ROLES, STORAGE_TYPES, TABLE_COLUMNS

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_URI = "https://cookiepolicy.dev/schemas/"

CATEGORY_KINDS = ("necessary", "preferences", "analytics", "advertising", "security", "other")
CONSENT = ("required", "exempt")
PRACTICES = ("advertising", "cross-site-tracking", "third-party-analytics", "third-party-tracking")
ATTRIBUTES = ("HttpOnly", "Secure", "SameSite=Strict", "SameSite=Lax", "SameSite=None", "Partitioned")

_ID = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "description": "lower-case id: letters, digits, -"}
_LOCALIZED = {
    "type": "object",
    "description": "text per language code, e.g. {en: ..., tr: ...}",
    "propertyNames": {"pattern": "^[a-z]{2}(-[A-Z]{2})?$"},
    "additionalProperties": {"type": "string", "minLength": 1},
    "minProperties": 1,
}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "a date, YYYY-MM-DD"}
# Links and addresses are data, never markup: the format check (validate.py) parses them;
# the pattern tells editors the same in short.
_URL = {"type": "string",
        "pattern": r'^(https?://[^\s/?#@"<>\\^`{|}]+([/?#][^\s"<>\\^`{|}]*)?|mailto:[^\s@"<>`]+@[^\s"<>`]+)$',
        "format": "policy-link",
        "description": "an https://, http:// or mailto: link with a host, no spaces or control characters"}
_EMAIL = {
    "type": "string",
    "pattern": r"^[A-Za-z0-9_%+.-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$",
    "format": "policy-email",
    "description": "an e-mail address, e.g. privacy@example.com",
}
_NAME = {"type": "string", "minLength": 1, "pattern": r"^[^\s|<>`]+$", "format": "policy-name",
         "description": "the name as the browser stores it: no spaces, control or invisible characters"}
# Text durations ("90 Days", "bir yıl") are read by ``durations``, which explains what it cannot read.
_DURATION_TEXT = {"type": "string", "minLength": 1,
                  "description": "session, persistent, or '<n> <unit>' in English or Turkish: '30 days', "
                                 "'One year', '13 ay', 'bir yıl'"}
_SIMPLE_DURATIONS = [
    _DURATION_TEXT,
    {
        "type": "object",
        "description": "until an event {until: {en: you sign out, tr: oturumu kapatmanıza}}, "
                       "or a day {until: 2030-11-09}",
        "properties": {"until": {"oneOf": [_LOCALIZED, _DATE]}},
        "required": ["until"],
        "additionalProperties": False,
    },
    {
        "type": "object",
        "description": "the source's own words, a last resort: {text: {en: ..., tr: ...}}",
        "properties": {"text": _LOCALIZED},
        "required": ["text"],
        "additionalProperties": False,
    },
]
_SIMPLE_DURATION = {"oneOf": _SIMPLE_DURATIONS, "description": _DURATION_TEXT["description"]}
_DURATION = {
    "description": "session, persistent, not-stated, '<n> <unit>' (e.g. '30 days', 'One year', '1 yıl'), "
                   "{until: YYYY-MM-DD}, {until: {en: ..., tr: ...}}, {if: ..., duration: ..., otherwise: ...}, "
                   "{by_region: [...]} or {text: {...}}",
    "oneOf": [
        *_SIMPLE_DURATIONS,
        {
            "type": "object",
            "description": "a duration under a condition: {if: {en: if you tick Keep me logged in, tr: ...}, "
                           "duration: 30 days, otherwise: session} (otherwise: not-set, or left out: not stated)",
            "properties": {"if": _LOCALIZED, "duration": _SIMPLE_DURATION, "otherwise": _SIMPLE_DURATION},
            "required": ["if", "duration"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "description": "a value per region: {by_region: [{where: {en: in the EEA, tr: AEA'da}, "
                           "duration: 13 months}], elsewhere: 24 months}",
            "properties": {
                "by_region": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "properties": {"where": _LOCALIZED, "duration": _SIMPLE_DURATION},
                        "required": ["where", "duration"],
                        "additionalProperties": False,
                    },
                },
                "elsewhere": _SIMPLE_DURATION,
            },
            "required": ["by_region"],
            "additionalProperties": False,
        },
    ],
}

CATEGORY: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _ID,
        "kind": {"enum": list(CATEGORY_KINDS)},
        "consent": {"enum": list(CONSENT), "description": "required: explicit consent; exempt: strictly necessary "
                                                          "(or write legal_basis)"},
        "legal_basis": {"enum": list(LEGAL_BASES),
                        "description": "consent, strictly-necessary, contract, legitimate-interest or not-stated"},
        "explicit": {"type": "boolean", "description": "legal_basis: consent: the source says the consent is explicit "
                                                       "(açık rıza); only then does the sentence say so"},
        "withdrawal": {"type": "boolean", "description": "legal_basis: consent: the source says consent can be "
                                                         "withdrawn at any time; only then does the sentence say so"},
        "requested_service": {"type": "boolean", "description": "legal_basis: strictly-necessary: the source says "
                                                                "they are needed for the service you ask for"},
        "ground": {"enum": list(GROUNDS),
                   "description": "for strictly-necessary: the KVKK Art. 5(2) / GDPR Art. 6(1) ground "
                                  "(contract, legal-obligation or legitimate-interest)"},
        "name": _LOCALIZED,
        "description": _LOCALIZED,
        "listed": {"type": "boolean", "description": "false: described in prose only, items not listed"},
        "provider": {**_ID, "description": "who sets this category's cookies: a service id, first-party (the "
                                           "company) or third-party (one the policy does not name)"},
    },
    "required": ["id", "kind", "name"],
    "additionalProperties": False,
}
_COUNTRY = {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166 alpha-2 country code, e.g. TR, US"}
SERVICE = {
    "type": "object",
    "properties": {
        "id": _ID,
        "name": {"type": "string", "minLength": 1},
        "role": _LOCALIZED,
        "sets_cookies": _LOCALIZED,
        "policy_url": _URL,
        "listed": {"type": "boolean"},
        "domains": {"type": "array", "uniqueItems": True,
                    "description": "hosts the site loads it from, e.g. widget.example.com (subdomains included)",
                    "items": {"type": "string", "pattern": r"^\.?([a-z0-9-]+\.)*[a-z0-9-]+$"}},
        "country": {**_COUNTRY, "description": "where it processes data: ISO 3166 alpha-2 code, e.g. US"},
        "processor_role": {"enum": list(PROCESSOR_ROLES),
                           "description": "processor (veri işleyen), controller (independent controller) or "
                                          "joint-controller (decides with the site, e.g. a social plug-in or pixel)"},
        "transfer_abroad": {"type": "boolean", "description": "whether data leaves the site's country"},
        "transfer_mechanism": {"enum": list(MECHANISMS), "description": MECHANISM_HELP},
    },
    "required": ["id", "name"],
    "additionalProperties": False,
}
ITEM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": _NAME,
        "match": {"enum": list(MATCHES),
                  "description": "wildcard: each `*` of the name stands for any characters (`_ga_*`); "
                                 "exact (the default): the name as it is. A name with `*` must say which"},
        "storage": {"enum": list(STORAGE_TYPES)},
        "provider": {"type": "string", "minLength": 1, "description": "first-party, or a service id"},
        "category": _ID,
        "purpose": _LOCALIZED,
        "duration": _DURATION,
        "attributes": {"type": "array", "items": {"enum": list(ATTRIBUTES)}, "uniqueItems": True},
        "used_on": {"type": "array", "items": _ID, "uniqueItems": True},
        "cross_site": {"type": "boolean"},
        "renamed_from": _NAME,
        "domain": {"type": "string", "pattern": r"^\.?([a-z0-9-]+\.)*[a-z0-9-]+$",
                   "description": "the host the cookie is set for, e.g. .example.com (lower case, no scheme)"},
    },
    "required": ["name", "storage", "purpose", "duration"],  # no category: a flat inventory
    "additionalProperties": False,
}
_PLACES = {"type": "object", "additionalProperties": _LOCALIZED, "propertyNames": _ID}
_TR_FORMS = {
    "type": "object",
    "description": "Turkish case forms per name: {Stripe: {sounds_like: Straypt}}, "
                   "{yönetim paneli: {possessive: true}}, or whole forms {Sentry: {dat: Sentry hizmetine}}",
    "additionalProperties": {
        "type": "object",
        "properties": {
            "sounds_like": {"type": "string", "minLength": 1, "description": "the name spelled as it sounds"},
            "possessive": {"type": "boolean", "description": "ends in a possessive: paneli → paneline"},
            **{case: {"type": "string", "minLength": 1} for case in ("gen", "dat", "loc", "acc", "abl", "poss")},
        },
        "additionalProperties": False,
    },
}


def _file(name: str, title: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_DRAFT,
        "$id": BASE_URI + f"{name}.schema.json",
        "title": title,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


_INVENTORY_PROPS: dict[str, dict[str, Any]] = {
    "categories": {"type": "array", "items": CATEGORY},
    "services": {"type": "array", "items": SERVICE},
    "items": {"type": "array", "items": ITEM},
    "not_used": {"type": "array", "items": {"enum": list(PRACTICES)}, "uniqueItems": True},
}

_TEXT_OR_LOCALIZED = {"oneOf": [{"type": "string", "minLength": 1}, _LOCALIZED],
                      "description": "a text, or a text per language {en: ..., tr: ...}"}
_CONTACT = {
    "type": "object",
    "description": ("how to reach the data controller; at least one of email, phone, address, kep, rights_url, "
                    "privacy_url"),
    "properties": {
        "name": {**_TEXT_OR_LOCALIZED, "description": "a person or department, e.g. Privacy Desk"},
        "legal_name": {"type": "string", "minLength": 1, "description": "the controller's registered name"},
        "address": {**_TEXT_OR_LOCALIZED, "description": "postal address; lines separated by line breaks"},
        "kep": {**_EMAIL, "description": "KEP address (Turkish registered e-mail), e.g. acme@hs01.kep.tr"},
        "email": _EMAIL,
        "phone": {"type": "string", "pattern": r"^\+?[0-9][0-9 ().-]{4,}$", "description": "e.g. +90 212 555 01 01"},
        "rights_url": {**_URL, "description": "where to exercise data subject rights (a page or mailto: link)"},
        "privacy_url": {**_URL, "description": "the privacy policy"},
        "representative": {**_TEXT_OR_LOCALIZED, "description": "the controller's representative, where it has one "
                                                                "(KVKK Art. 10(1)(a); GDPR Art. 27): name and address"},
        "dpo": {**_TEXT_OR_LOCALIZED, "description": "the data protection officer, where there is one (GDPR Art. "
                                                     "13(1)(b)): how to reach them"},
        "automated_decisions": {**_TEXT_OR_LOCALIZED, "description": "the controller's statement on decisions based "
                                                                     "solely on automated processing (GDPR Art. "
                                                                     "13(2)(f))"},
    },
    "additionalProperties": False,
}


@dataclass(frozen=True)
class SiteField:
    """One field of site.yml, declared once: the site schema, a release's ``site`` (``frozen``), the
    export's ``site`` (``published``), the model (``model``: a field of ``Site``, whose default is
    ``default``; a test holds the dataclass to this table) and the site-fact list of releases read it."""

    name: str
    schema: dict[str, Any]
    required: bool = False
    frozen: bool = False  # a release records it: a page of that release shows the release's value
    published: bool = False  # ``policy export json`` (/cookies.json) publishes it
    model: bool = True  # a field of ``model.inventory.Site`` (not_used and policy_pages are read elsewhere)
    default: Any = None  # the model's value when site.yml does not state it


_FACT = {"frozen": True, "published": True}
SITE_FIELDS: tuple[SiteField, ...] = (
    SiteField("company", {"type": "string", "minLength": 1, "pattern": r"\S",
                          "description": "the company's name as it is published (not blank)"}, required=True, **_FACT),
    SiteField("domain", {"type": "string", "pattern": r"^[a-z0-9.-]+\.[a-z]{2,}$"}, **_FACT),
    SiteField("url", _URL, **_FACT),
    SiteField("contact_email", {**_EMAIL, "description": "the same as contact.email (kept for compatibility)"},
              **_FACT),
    SiteField("contact", _CONTACT, **_FACT, default={}),
    SiteField("country", {**_COUNTRY, "description": "where the controller is: ISO 3166 alpha-2 code, e.g. TR"},
              **_FACT),
    SiteField("cite_articles", {"type": "boolean",
                                "description": "legal-basis sentences cite KVKK Art. 5 and GDPR Art. 6"},
              frozen=True, default=False),
    SiteField("global_privacy_control", {"enum": ["reject"], "description": "what a Global Privacy Control signal "
                                         "means: `reject`, every category on consent refused unless the visitor "
                                         "chooses otherwise"}, frozen=True),
    SiteField("languages", {"type": "array", "items": {"type": "string", "pattern": "^[a-z]{2}$"}, "minItems": 1,
                            "uniqueItems": True}, required=True, **_FACT),
    SiteField("default_language", {"type": "string", "pattern": "^[a-z]{2}$"}, required=True, **_FACT),
    SiteField("not_used", _INVENTORY_PROPS["not_used"], model=False, default=[]),
    SiteField("usage_places", _PLACES, **_FACT, default={}),
    SiteField("tr_forms", _TR_FORMS, default={}),  # grammar, not a fact: no release records it
    SiteField("table_headers", {"type": "object", "propertyNames": {"enum": list(TABLE_COLUMNS)},
                                "additionalProperties": _LOCALIZED,
                                "description": "a table column's header per language, instead of the default"},
              default={}),  # wording, not a fact
    SiteField("laws", {"type": "array", "items": {"enum": ["kvkk", "gdpr"]}, "uniqueItems": True,
                       "description": "laws whose disclosures `policy validate` checks (warnings)"},
              default=[]),
    SiteField("policy_pages", {"type": "array", "items": {"type": "string", "pattern": r"^[^/].*\.md$"}},
              model=False, default=[]),
)
# the site facts a release records, in the order its snapshot writes them
FROZEN_SITE_FIELDS = tuple(f.name for f in SITE_FIELDS if f.frozen)
_SITE_REQUIRED = [f.name for f in SITE_FIELDS if f.required]

SCHEMAS: dict[str, dict[str, Any]] = {
    "site": _file("site", "Site metadata", {f.name: f.schema for f in SITE_FIELDS}, _SITE_REQUIRED),
    "categories": _file("categories", "Cookie categories", {"categories": _INVENTORY_PROPS["categories"]},
                        ["categories"]),
    "services": _file("services", "Third-party services", {"services": _INVENTORY_PROPS["services"]},
                      ["services"]),
    "cookies": _file("cookies", "Cookies and browser-storage keys", {"items": _INVENTORY_PROPS["items"]},
                     ["items"]),
    "release": _file(
        "release",
        "A published release: frozen snapshot of the inventory",
        {
            "format": {"type": "integer", "minimum": 1},
            "version": {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)*$"},
            "site": {"type": "object", "properties": {f.name: f.schema for f in SITE_FIELDS if f.frozen},
                     "required": _SITE_REQUIRED, "additionalProperties": False},
            "published": _DATE,
            "effective": _DATE,
            "summary": _LOCALIZED,
            **_INVENTORY_PROPS,
        },
        ["version", "published", "effective", "categories", "services", "items"],
    ),
}


SCHEMAS["site_facts"] = _file(
    "site_facts",
    "The site facts of a release published before snapshots recorded them (policy record-site-facts)",
    {"version": SCHEMAS["release"]["properties"]["version"], "site": SCHEMAS["release"]["properties"]["site"]},
    ["version", "site"],
)

# ---------------------------------------------------------------- the optional TCF mapping (data/tcf.yml)

# TCF v2.2: purposes 1-11, special purposes 1-3; another number is no purpose a CMP can show
_TCF_IDS = {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 11}, "uniqueItems": True}
_TCF_SPECIAL = {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 3}, "uniqueItems": True}
SCHEMAS["tcf"] = _file(
    "tcf",
    "IAB TCF purposes of each category, for the device storage disclosure",
    {"categories": {
        "type": "object",
        "propertyNames": _ID,
        "additionalProperties": {
            "type": "object",
            "properties": {"purposes": _TCF_IDS, "special_purposes": _TCF_SPECIAL},
            "additionalProperties": False,
        },
    }},
    ["categories"],
)

# ---------------------------------------------------------------- what `policy export` writes

_TEXT = {"type": "string"}
_EXPORT_ITEM = {
    **ITEM,
    "properties": {
        **ITEM["properties"],
        "duration_text": {**_LOCALIZED, "description": "the duration as the pages show it, per language"},
        "duration_seconds": {"type": ["integer", "null"],
                             "description": "0 for a session; null without a fixed period"},
    },
    "required": [*ITEM["required"], "duration_text", "duration_seconds"],
}
_EXPORT_CATEGORY = {
    **CATEGORY,
    "properties": {**CATEGORY["properties"],
                   "basis": {**CATEGORY["properties"]["legal_basis"],
                             "description": "the legal basis, where `consent` does not say it"},
                   "legal_basis": {**_LOCALIZED, "description": "the legal-basis sentence per language; "
                                                                "absent when the data states no basis"}},
}
EXPORT_SCHEMAS: dict[str, dict[str, Any]] = {
    "cookies-export": _file(
        "cookies-export",
        "A cookie policy's inventory as published by `policy export json` (/cookies.json)",
        {
            "format": {"const": "cookiepolicy/1"},
            "site": {
                "type": "object",
                "properties": {f.name: f.schema for f in SITE_FIELDS if f.published},
                "required": SCHEMAS["site"]["required"],
                "additionalProperties": False,
            },
            "release": {
                "description": "the release this inventory is; null for the unreleased draft",
                "oneOf": [{"type": "null"}, {
                    "type": "object",
                    "properties": {key: SCHEMAS["release"]["properties"][key]
                                   for key in ("version", "published", "effective", "summary")},
                    "required": ["version", "published", "effective"],
                    "additionalProperties": False,
                }],
            },
            **_INVENTORY_PROPS,
            "categories": {"type": "array", "items": _EXPORT_CATEGORY},
            "items": {"type": "array", "items": _EXPORT_ITEM},
        },
        ["format", "site", "release", "categories", "services", "items", "not_used"],
    ),
    # The IAB TCF device storage disclosure, from the field list of the specification (which
    # publishes no schema): cookies need maxAgeSeconds and cookieRefresh; other types have a null
    # maxAgeSeconds, which real files write by leaving the field out.
    "tcf-disclosure": _file(
        "tcf-disclosure",
        "IAB TCF Device Storage Disclosure",
        {
            "disclosures": {"type": "array", "items": {
                "type": "object",
                "properties": {
                    "identifier": {"type": "string", "minLength": 1, "not": {"const": "*"},
                                   "pattern": r"^(\*?[^*]+|[^*]+\*)$"},
                    "type": {"enum": ["cookie", "web", "app"]},
                    "maxAgeSeconds": {"type": ["integer", "null"], "minimum": 0},
                    "cookieRefresh": {"type": "boolean"},
                    "domains": {"type": "array", "items": {"type": "string", "minLength": 1}},
                    "domain": {"type": "string", "minLength": 1},
                    "purposes": {"type": "array", "items": {"type": "integer", "minimum": 1}, "uniqueItems": True},
                    "specialPurposes": {"type": "array", "items": {"type": "integer", "minimum": 1},
                                        "uniqueItems": True},
                    "description": _TEXT,
                    "optOut": {"type": "boolean"},
                },
                "required": ["identifier", "type", "purposes"],
                "not": {"required": ["domain", "domains"]},
                "allOf": [
                    {"if": {"properties": {"type": {"const": "cookie"}}},
                     "then": {"required": ["maxAgeSeconds", "cookieRefresh"],
                              "properties": {"maxAgeSeconds": {"type": "integer"}}},
                     "else": {"properties": {"maxAgeSeconds": {"type": "null"}}}},
                ],
                "additionalProperties": False,
            }},
            "domains": {"type": "array", "items": {
                "type": "object",
                "properties": {"domain": {"type": "string", "pattern": "^(?![a-z]+://)[^\\s/]+$"}, "use": _TEXT},
                "required": ["domain"],
                "additionalProperties": False,
            }},
            "sdks": {"type": "array", "items": {
                "type": "object",
                "properties": {"name": _TEXT, "use": _TEXT},
                "required": ["name"],
                "additionalProperties": False,
            }},
        },
        ["disclosures", "domains"],
    ),
    # The notice registry a build publishes (exchange/notices.py): each archived page with its hash.
    "notices": _file(
        "notices",
        "The cookie policy's notice registry (/notices.json): every archived version per language",
        {
            "format": {"const": "cookiepolicy-notices/1"},
            "date": {**_DATE, "description": "the build's day, on which each legal state holds"},
            "hash": {"type": "string", "description": "what sha256 is the hash of"},
            "notices": {"type": "array", "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "pattern": "^[0-9][0-9.]*/[a-z]{2}$",
                           "description": "VERSION/LANGUAGE, as a consent record names it"},
                    "version": {"type": "string", "pattern": "^[0-9][0-9.]*$"},
                    "language": {"type": "string", "pattern": "^[a-z]{2}$"},
                    "published": _DATE,
                    "effective": _DATE,
                    "state": {"enum": ["upcoming", "in-force", "superseded", "replaced-before-effect"]},
                    "until": {**_DATE, "description": "the last day a superseded version was in force"},
                    "replaced_by": {"type": "string", "description": "the version that replaced it before it "
                                                                     "took effect"},
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    "url": {"type": "string", "minLength": 1, "description": "the archived page's address "
                                                                             "(relative without site_url)"},
                    "path": {"type": "string", "minLength": 1, "description": "the HTML file in the built site"},
                },
                "required": ["id", "version", "language", "published", "effective", "state", "sha256", "url",
                             "path"],
                "additionalProperties": False,
            }},
        },
        ["format", "date", "hash", "notices"],
    ),
}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in {**SCHEMAS, **EXPORT_SCHEMAS}.items():
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
