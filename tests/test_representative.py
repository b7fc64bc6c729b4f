"""The controller's representative, its data protection officer and its statement on automated decisions:
optional facts, shown only when the data states them, in every language, checked by lint where the law asks
for them, and refused with a clear message when malformed. Expected text written by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from cookiepolicy.history.diff import diff_inventories
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.render.renderer import MissingFact
from cookiepolicy.render.sentences import sentences

from .support.helpers import mkdocs_build, policy, read_page
from .test_atlaspay import copy_atlas
from .test_lint import _replace
from .test_model_cases import html, item, load, renderer, write_site

REPRESENTATIVE = "Acme EU GmbH\nFriedrichstraße 1, 10117 Berlin"  # a plain text holds for every language
DPO = "dpo@example.com"
DECISIONS = {"en": "We make no decisions based solely on automated processing, including profiling.",
             "tr": "Profilleme dâhil, münhasıran otomatik işlemeye dayalı bir karar almıyoruz."}


def test_the_contact_block_shows_the_representative_and_the_dpo_only_when_stated(tmp_path: Path):
    stated = load(tmp_path / "a", [item("sid")], contact={"legal_name": "Acme Inc.", "representative": REPRESENTATIVE,
                                                         "dpo": DPO})
    tr = html(renderer(stated, "tr").contact()).text
    assert "Veri sorumlusu temsilcisi: Acme EU GmbH Friedrichstraße 1, 10117 Berlin" in tr
    assert "Veri koruma görevlisi: dpo@example.com" in tr
    en = html(renderer(stated, "en").contact()).text
    assert "Representative of the data controller: Acme EU GmbH Friedrichstraße 1, 10117 Berlin" in en
    assert "Data protection officer: dpo@example.com" in en
    bare = load(tmp_path / "b", [item("sid")], contact={"legal_name": "Acme Inc."})
    for lang in ("en", "tr"):
        words = renderer(bare, lang).contact()
        assert "temsilci" not in words and "Representative" not in words
        assert "görevlisi" not in words and "officer" not in words


def test_the_statement_on_automated_decisions_is_the_controllers_own(tmp_path: Path):
    stated = load(tmp_path / "a", [item("sid")], contact={"automated_decisions": DECISIONS})
    assert renderer(stated, "en").automated_decisions() == DECISIONS["en"]
    assert renderer(stated, "tr").automated_decisions() == DECISIONS["tr"]
    bare = load(tmp_path / "b", [item("sid")])
    with pytest.raises(MissingFact, match=r"automated_decisions\(\) shows `contact.automated_decisions`, which "
                                          r"data/site.yml does not state"):
        renderer(bare, "tr").automated_decisions()


def test_a_malformed_or_untranslated_fact_is_refused_with_its_place(tmp_path: Path):
    files = write_site(tmp_path / "a", [item("sid")], contact={"dpo": 5})
    policy_, report = load_policy(files)
    assert policy_ is None
    (error,) = [p for p in report.errors if "dpo" in (p.field or "")]
    assert error.file.endswith("site.yml") and error.line is not None
    files = write_site(tmp_path / "b", [item("sid")], contact={"automated_decisions": {"en": DECISIONS["en"]}})
    _policy, report = load_policy(files)
    assert any("contact.automated_decisions" in (p.field or "") and "tr" in p.message
               for p in [*report.errors, *report.warnings]), report.format()


def test_a_new_representative_is_a_change_in_both_languages(tmp_path: Path):
    old = load(tmp_path / "a", [item("sid")])
    new = load(tmp_path / "b", [item("sid")], contact={"representative": "Acme EU GmbH"})
    diff = diff_inventories(old.draft, new.draft)
    assert sentences(diff, "tr", "Example", old.draft, new.draft) == [
        "Veri sorumlusu temsilcisi “Acme EU GmbH” olarak belirlendi."]
    assert sentences(diff, "en", "Example", old.draft, new.draft) == [
        "The representative of the data controller is now “Acme EU GmbH”."]


def test_lint_asks_for_them_where_the_law_does_and_validate_stops_an_unstated_statement(tmp_path: Path):
    site = copy_atlas(tmp_path)
    _replace(site / "data" / "site.yml", "laws: [kvkk, gdpr]\n", "laws: [kvkk, gdpr]\ncountry: US\n")
    lines = policy(site, "lint", "--law", "kvkk", "--law", "gdpr").stdout.splitlines()
    assert any(line.startswith("missing KVKK Art. 10(1)(a):") and "outside Türkiye" in line
               and "`contact.representative`" in line for line in lines), lines
    assert any(line.startswith("check   GDPR Art. 13(1)(a), Art. 27:") and "outside the EEA" in line
               for line in lines), lines
    assert any(line.startswith("check   GDPR Art. 13(1)(b):") and "`contact.dpo`" in line for line in lines), lines
    assert any(line.startswith("check   GDPR Art. 13(2)(f):") and "`contact.automated_decisions`" in line
               and "{{ automated_decisions() }}" in line and "{{{{" not in line for line in lines), lines
    assert not any(line.startswith(("missing KVKK Art. 11(1)(g)", "check   KVKK Art. 10(1)(a): the data names no "
                                    "data protection")) for line in lines), lines
    # a page that shows the statement the data does not make is stopped by validate, at the page and line
    for page in ("index.md", "index.tr.md"):
        _replace(site / "docs" / page, "{{ services_list() }}", "{{ services_list() }}\n\n{{ automated_decisions() }}")
    result = policy(site, "validate")
    assert result.returncode != 0
    assert "docs/index.md:" in result.stdout + result.stderr
    assert "automated_decisions() shows `contact.automated_decisions`, which data/site.yml does not state" in \
        result.stdout + result.stderr
    # stated, with a representative: both shown on the built pages, and the lint is quiet about them
    _replace(site / "data" / "site.yml", "contact:\n", "contact:\n  representative: |\n    Atlas EU GmbH\n"
             "    Friedrichstraße 1, 10117 Berlin\n  automated_decisions:\n"
             f"    en: {DECISIONS['en']}\n    tr: {DECISIONS['tr']}\n")
    lines = policy(site, "lint", "--law", "kvkk", "--law", "gdpr").stdout.splitlines()
    assert not any("representative" in line or "automated" in line for line in lines), lines
    assert mkdocs_build(site, tmp_path / "out", env={"POLICY_TODAY": "2026-11-22"}).returncode == 0
    tr = read_page(tmp_path / "out" / "tr" / "index.html").text
    assert DECISIONS["tr"] in tr and "Veri sorumlusu temsilcisi: Atlas EU GmbH" in tr
    assert DECISIONS["en"] in read_page(tmp_path / "out" / "index.html").text
