"""Legal grounds as the law names them (review H4, M4): strict necessity exempts a cookie from consent but
is no KVKK Art. 5 / GDPR Art. 6 ground, so a strictly necessary category names its `ground`; cookies whose
kind needs consent on another basis are a lint finding; the old forms read as they always did."""

from __future__ import annotations

from pathlib import Path

import pytest

from cookiepolicy.history.diff import diff_inventories
from cookiepolicy.model.inventory import Category, Inventory
from cookiepolicy.render.sentences import change_sentences, legal_basis_sentence
from cookiepolicy.review.comment import attention_points
from cookiepolicy.text.localize import Catalog

from .support.files import replace_text as _replace
from .support.helpers import copy_test_site, mkdocs_build, policy, read_page

TODAY = {"POLICY_TODAY": "2026-11-22"}




def _line(path: Path, text: str) -> int:
    return 1 + path.read_text(encoding="utf-8").splitlines().index(text)


@pytest.fixture
def atlas(tmp_path: Path) -> Path:
    return copy_test_site("atlaspay", tmp_path)


def test_strict_necessity_without_a_ground_is_a_finding_with_the_article(atlas: Path):
    result = policy(atlas, "lint")
    line = _line(atlas / "data" / "categories.yml", "  - id: necessary")
    for law, article in (("KVKK Art. 10(1)(ç), Art. 5", "KVKK Art. 5(2)"), ("GDPR Art. 13(1)(c), Art. 6",
                                                                            "GDPR Art. 6(1)")):
        assert f"missing {law}: data/categories.yml:{line}: category `necessary` is strictly necessary, which " \
               f"exempts it from consent but is no legal ground of {article} (add `ground: contract`, " \
               "`legal-obligation` or `legitimate-interest`)" in result.stdout, result.stdout


def test_a_named_ground_is_stated_with_the_exemption_and_nothing_more(atlas: Path, tmp_path: Path):
    categories = atlas / "data" / "categories.yml"
    _replace(categories, "  - id: necessary\n    kind: necessary\n    consent: exempt\n",
             "  - id: necessary\n    kind: necessary\n    legal_basis: strictly-necessary\n    ground: contract\n")
    _replace(categories, "  - id: payments\n    kind: necessary\n    consent: exempt\n",
             "  - id: payments\n    kind: necessary\n    consent: exempt\n    ground: legal-obligation\n")
    for page in ("index.md", "index.tr.md"):
        _replace(atlas / "docs" / page, '"provider", "purpose", "duration"]', '"provider", "purpose", "duration", '
                 '"legal_basis"], cite=True')
    lint = policy(atlas, "lint")
    assert "is strictly necessary, which exempts it" not in lint.stdout
    out = tmp_path / "out"
    built = mkdocs_build(atlas, out, env=TODAY)
    assert built.returncode == 0, built.stderr
    en, tr = read_page(out / "index.html"), read_page(out / "tr" / "index.html")
    assert "Strictly necessary, so used without asking for your consent, on the legal basis of the performance " \
           "of a contract (KVKK Art. 5(2)(c); GDPR Art. 6(1)(b))." in en.text
    assert "Strictly necessary, so used without asking for your consent, on the legal basis of compliance with a " \
           "legal obligation (KVKK Art. 5(2)(ç); GDPR Art. 6(1)(c))." in en.text
    assert "Bu çerezler zorunlu olduğundan açık rızanız aranmaksızın, sözleşmenin kurulması veya ifası hukuki " \
           "sebebine dayanılarak kullanılır (KVKK m. 5/2-c; GDPR m. 6/1-b)." in tr.text
    for page in (en, tr):  # no claim the data does not make: no "service you ask for", no guide cited as a ground
        assert "service you ask for" not in page.text and "talep ettiğiniz hizmet" not in page.text
        assert "ePrivacy" not in page.text
    cells = {row[0].split(" (")[0]: row[-1] for table in tr.tables for row in table[1:]}
    assert cells["atlas_session"] == "Sözleşmenin kurulması veya ifası (açık rıza aranmaz)"
    cells = {row[0].split(" (")[0]: row[-1] for table in en.tables for row in table[1:]}
    assert cells["atlas_session"] == "Performance of a contract (no consent needed)"


def test_the_old_forms_read_as_they_did():
    """`consent: exempt` and `legal_basis: strictly-necessary` without a ground keep their sentence: old
    releases render as they were published."""
    old = Category(id="n", name={"en": "N"}, description={}, consent="exempt")
    assert old.legal_basis == "strictly-necessary" and old.law_ground == ""
    assert legal_basis_sentence(Catalog.get("en"), old.legal_basis, old.ground) == \
        "Strictly necessary to provide the service you ask for; no consent is needed."
    assert Category(id="c", name={}, description={}, consent="", legal_basis="contract").law_ground == "contract"
    assert Category(id="c", name={}, description={}, consent="required").law_ground == "consent"


def test_a_ground_beside_another_basis_is_an_error_naming_file_line_and_field(atlas: Path):
    categories = atlas / "data" / "categories.yml"
    _replace(categories, "  - id: analytics\n    kind: analytics\n    consent: required\n",
             "  - id: analytics\n    kind: analytics\n    consent: required\n    ground: contract\n")
    result = policy(atlas, "validate")
    line = _line(categories, "    ground: contract")
    assert result.returncode == 1
    assert f"data/categories.yml:{line}: error: categories[1].ground: `ground` names the legal ground of a strictly " \
           "necessary category, but this category's legal basis is consent (remove `ground` (the legal basis is " \
           "already a ground), or set `legal_basis: strictly-necessary`)" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_category_may_state_no_basis_and_lint_asks_for_it(atlas: Path):
    _replace(atlas / "data" / "categories.yml", "  - id: analytics\n    kind: analytics\n    consent: required\n",
             "  - id: analytics\n    kind: analytics\n")
    assert policy(atlas, "validate").returncode == 0
    assert "category `analytics` states no legal basis (set `legal_basis`)" in policy(atlas, "lint").stdout


def test_analytics_on_legitimate_interest_needs_consent(atlas: Path):
    categories = atlas / "data" / "categories.yml"
    _replace(categories, "  - id: analytics\n    kind: analytics\n    consent: required\n",
             "  - id: analytics\n    kind: analytics\n    legal_basis: legitimate-interest\n")
    result = policy(atlas, "lint", "--law", "kvkk")
    line = _line(categories, "  - id: analytics")
    assert "missing KVKK cookie guide (Çerez Uygulamaları Hakkında Rehber); KVKK Art. 5(1): " \
           f"data/categories.yml:{line}: category `analytics` holds analytics cookies, which needs consent, but its " \
           "legal basis is legitimate-interest (set `legal_basis: consent`, or move the items to a category of " \
           "their kind)" in result.stdout, result.stdout


def test_a_cross_site_cookie_under_a_contract_category_needs_consent(atlas: Path):
    _replace(atlas / "data" / "categories.yml", "  - id: necessary\n    kind: necessary\n    consent: exempt\n",
             "  - id: necessary\n    kind: necessary\n    legal_basis: contract\n")
    _replace(atlas / "data" / "cookies.yml", "    duration: 90 Days\n", "    duration: 90 Days\n    cross_site: true\n")
    result = policy(atlas, "lint", "--law", "gdpr")
    assert "missing ePrivacy Art. 5(3); GDPR Art. 6(1)(a): " in result.stdout
    assert "category `necessary` holds the cross-site cookie `atlas_remember`, which needs consent, but its legal " \
           "basis is contract" in result.stdout, result.stdout


def _inventory(category: Category) -> Inventory:
    return Inventory(categories=(category,))


ANALYTICS = {"id": "analytics", "name": {"en": "Analytics Cookies", "tr": "Analiz Çerezleri"}, "description": {},
             "consent": "", "kind": "analytics"}


def test_a_move_into_strict_necessity_asks_for_a_review_and_a_ground_change_is_in_the_changelog():
    """Review M4: legitimate interest → strictly necessary was silent; a ground change is a change in words."""
    before = _inventory(Category(**ANALYTICS, legal_basis="legitimate-interest"))
    after = _inventory(Category(**ANALYTICS, legal_basis="strictly-necessary", ground="contract"))
    points = attention_points(diff_inventories(before, after), before, after)
    assert [key for key, _ in points] == ["kvkk.review.category_into_exempt"]
    later = _inventory(Category(**ANALYTICS, legal_basis="strictly-necessary", ground="legitimate-interest"))
    sentences = [s for _, s in change_sentences(diff_inventories(after, later), "en", "Atlas Pay", after, later)]
    assert any("legal ground" in s and "the performance of a contract" in s and "legitimate interest" in s
               for s in sentences), sentences
    tr = [s for _, s in change_sentences(diff_inventories(after, later), "tr", "Atlas Pay", after, later)]
    assert any("hukuki sebebi “sözleşmenin kurulması veya ifası” yerine “meşru menfaat”" in s for s in tr), tr
