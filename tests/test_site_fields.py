"""One declaration of site.yml's fields (``loading.schemas.SITE_FIELDS``): the site schema, a release's site
facts, the export's site block, the ``Site`` model and the loader all come from it, so a new field cannot be
added to one and forgotten in another."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from cookiepolicy.history.releases import SITE_FACTS
from cookiepolicy.loading.schemas import EXPORT_SCHEMAS, SCHEMAS, SITE_FIELDS
from cookiepolicy.loading.sitefacts import build_site
from cookiepolicy.model.inventory import Contact, Site
from cookiepolicy.safeio.yamlsafe import Document

MODEL = [f for f in SITE_FIELDS if f.model]


def _site(data: dict[str, object]) -> Site | None:
    return build_site(Document(path=Path("data/site.yml"), name="data/site.yml", data=data))


def test_the_model_has_exactly_the_declared_fields_and_compares_the_frozen_ones():
    fields = {f.name: f for f in dataclasses.fields(Site)}
    assert sorted(fields) == sorted(f.name for f in MODEL)
    compared = {name for name, f in fields.items() if f.compare}
    assert compared == {f.name for f in MODEL if f.frozen}  # wording (tr_forms, table_headers) is not a fact


def test_the_schemas_and_the_release_facts_come_from_the_declaration():
    site = SCHEMAS["site"]
    assert list(site["properties"]) == [f.name for f in SITE_FIELDS]
    assert site["required"] == [f.name for f in SITE_FIELDS if f.required] == ["company", "languages",
                                                                                "default_language"]
    release_site = SCHEMAS["release"]["properties"]["site"]
    assert list(release_site["properties"]) == list(SITE_FACTS) == [f.name for f in SITE_FIELDS if f.frozen]
    exported = EXPORT_SCHEMAS["cookies-export"]["properties"]["site"]["properties"]
    assert list(exported) == [f.name for f in SITE_FIELDS if f.published]
    assert "cite_articles" in SITE_FACTS and "cite_articles" not in exported  # recorded, not published
    assert not {"tr_forms", "table_headers", "laws", "policy_pages", "not_used"} & set(SITE_FACTS)


def test_an_unstated_field_is_its_declared_default_and_a_stated_one_is_read():
    site = _site({"company": "Acme", "languages": ["en"], "default_language": "en"})
    assert site == Site(company="Acme", domain=None, url=None, contact_email=None, languages=("en",),
                        default_language="en")
    assert site is not None and site.contact == Contact() and site.cite_articles is False
    assert site.usage_places == {} and site.tr_forms == {} and site.table_headers == {}
    stated = _site({"company": "Acme", "languages": ["en", "tr"], "default_language": "tr", "domain": "acme.example",
                    "contact": {"email": "privacy@acme.example", "legal_name": "Acme A.Ş."}, "cite_articles": True,
                    "usage_places": {"app": {"en": "the app"}}})
    assert stated is not None
    assert (stated.languages, stated.domain, stated.cite_articles) == (("en", "tr"), "acme.example", True)
    assert stated.contact_email == "privacy@acme.example" and stated.contact.legal_name == "Acme A.Ş."
    assert stated.usage_places == {"app": {"en": "the app"}}


def test_a_missing_required_field_builds_no_site():
    assert _site({"company": "Acme", "languages": ["en"]}) is None


def test_the_contact_block_schema_has_the_models_fields_and_the_email():
    from cookiepolicy.model.inventory import CONTACT_FIELDS

    contact = next(f for f in SITE_FIELDS if f.name == "contact").schema
    assert sorted(contact["properties"]) == sorted([*CONTACT_FIELDS, "email"])  # email: Site.contact_email
