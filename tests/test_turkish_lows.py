"""Low findings of the Turkish legal review, as classes: citations by the laws the site names (L18), and
the sentences a reader meets inside running text. Expected text written by hand from the review."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_model_cases import ANALYTICS, NECESSARY, html, item, load, renderer

GROUNDED = {**NECESSARY, "consent": None, "legal_basis": "strictly-necessary", "ground": "legitimate-interest"}
GROUNDED.pop("consent")


@pytest.mark.parametrize(("laws", "consent", "ground"), [
    (["kvkk"], "(KVKK m. 5/1)", "(KVKK m. 5/2-f)"),
    (["gdpr"], "(GDPR m. 6/1-a)", "(GDPR m. 6/1-f)"),
    (["kvkk", "gdpr"], "(KVKK m. 5/1; GDPR m. 6/1-a)", "(KVKK m. 5/2-f; GDPR m. 6/1-f)"),
    (None, "(KVKK m. 5/1; GDPR m. 6/1-a)", "(KVKK m. 5/2-f; GDPR m. 6/1-f)"),  # none named: both, as before
])
def test_a_basis_is_cited_by_the_laws_the_site_names(tmp_path: Path, laws: list[str] | None, consent: str,
                                                     ground: str):
    """A KVKK-only controller cites no EU article (review L18)."""
    site = {"cite_articles": True, **({"laws": laws} if laws else {})}
    policy = load(tmp_path, [item("sid"), item("ga", category="analytics")], categories=[GROUNDED, ANALYTICS],
                  **site)
    tr = renderer(policy, "tr")
    assert html(tr.legal_basis("analytics")).text.endswith(f"geri alabilirsiniz {consent}.")
    assert html(tr.legal_basis("strictly-necessary")).text.endswith(f"kullanılır {ground}.")
    english = html(renderer(policy, "en").legal_basis("analytics")).text
    assert ("GDPR" in english) == (laws != ["kvkk"]) and ("KVKK" in english) == (laws != ["gdpr"])


def test_the_contact_block_names_the_controller_as_such(tmp_path: Path):
    """A bare registered name says nothing of its role: the block labels it (review L19), unless the page
    names the controller above it with {{ controller() }} and asks for the block without it."""
    policy = load(tmp_path, [item("sid")], contact={"legal_name": "Atlas Pay Ödeme Hizmetleri A.Ş."})
    tr = renderer(policy, "tr")
    assert html(tr.contact()).text.startswith("Veri sorumlusu: Atlas Pay Ödeme Hizmetleri A.Ş.")
    assert "Atlas Pay" not in tr.contact(legal_name=False)
    assert html(renderer(policy, "en").contact()).text.startswith("Data controller: Atlas Pay Ödeme Hizmetleri A.Ş.")


def test_a_category_of_browser_storage_only_is_not_called_cookies(tmp_path: Path):
    """Pommy's widget storage holds no cookie: its sentence speaks of data, not of cookies (review L20)."""
    plain = {**NECESSARY, "legal_basis": "strictly-necessary"}
    plain.pop("consent")
    policy = load(tmp_path, [item("widget-v2", storage="localStorage")], categories=[plain])
    assert html(renderer(policy, "tr").legal_basis("strictly-necessary")).text == \
        "Bu veriler zorunlu olduğundan açık rızanız aranmaksızın kullanılır."
    mixed = load(tmp_path / "b", [item("sid"), item("widget-v2", storage="localStorage")], categories=[plain])
    assert html(renderer(mixed, "tr").legal_basis("strictly-necessary")).text == \
        "Bu çerezler zorunlu olduğundan açık rızanız aranmaksızın kullanılır."


def test_a_duration_inside_a_sentence_starts_in_lower_case(tmp_path: Path):
    """The table's capital stays in the table: "(…, ödeme tamamlanana kadar)", "(oturum süresince → 30 gün)"
    (review L3); a Title Case name from data keeps its letters."""
    from cookiepolicy.history.diff import diff_inventories
    from cookiepolicy.model.inventory import Duration
    from cookiepolicy.render.sentences import running_duration_words, sentences

    free = Duration("text", text={"en": "Until the payment is complete", "tr": "Ödeme tamamlanana kadar"})
    assert running_duration_words(free, "tr") == "ödeme tamamlanana kadar"
    assert running_duration_words(Duration("session"), "tr") == "oturum süresince"
    brand = Duration("text", text={"en": "As Google Analytics sets it", "tr": "Google Analytics Ayarlarına göre"})
    assert running_duration_words(brand, "tr") == "Google Analytics Ayarlarına göre"  # not sentence case: kept
    old = load(tmp_path / "a", [item("sid")])
    new = load(tmp_path / "b", [item("sid"), item("basket", duration={"text": free.text})])
    (added,) = sentences(diff_inventories(old.draft, new.draft), "tr", "Example", old.draft, new.draft)
    assert html(added).text == "basket çerezi eklendi (Example, Zorunlu, ödeme tamamlanana kadar)."
