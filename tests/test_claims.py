"""Every generated legal-basis sentence, in every catalog, with every combination of stated and unstated
facts: no sentence asserts a fact its category does not state (issue: the policy says only what the data
states). The words that carry each fact are read by hand from each catalog's sentences."""

from __future__ import annotations

import itertools

import pytest

from cookiepolicy.model.claims import LEGAL_SENTENCES, stated_facts
from cookiepolicy.model.inventory import GROUNDS, LEGAL_BASES, Category
from cookiepolicy.render.sentences import category_basis_sentence
from cookiepolicy.text.localize import Catalog

# The words that assert a fact, per language: a sentence may hold them only when the fact is stated.
WORDS = {
    "en": {"explicit": ["explicit"], "withdrawal": ["withdraw"], "requested_service": ["the service you ask for"],
           "ground": ["legal basis of"], "consent": ["with your consent", "with your explicit consent"],
           "strictly-necessary": ["Strictly necessary"], "contract": ["contract"],
           "legitimate-interest": ["legitimate interests"]},
    "tr": {"explicit": ["açık rızanız alınarak"], "withdrawal": ["geri alabilirsiniz"],
           "requested_service": ["talep ettiğiniz"], "ground": ["hukuki sebebine dayanılarak"],
           "consent": ["rızanız alınarak"], "strictly-necessary": ["Bu çerezler zorunlu", "aranmaksızın"],
           "contract": ["sözleşme"], "legitimate-interest": ["meşru menfaat"]},
}
LANGUAGES = sorted(WORDS)


def _categories():
    """Every basis, in both spellings, with every combination of the facts a sentence may add."""
    for basis, explicit, withdrawal, requested, ground in itertools.product(
            LEGAL_BASES, (False, True), (False, True), (False, True), ("", *GROUNDS)):
        if ground and basis != "strictly-necessary":
            continue  # refused by validation
        yield Category(id="c", name={}, description={}, consent="", legal_basis=basis, ground=ground,
                       explicit=explicit, withdrawal=withdrawal, requested_service=requested)
    for consent in ("required", "exempt"):
        yield Category(id="c", name={}, description={}, consent=consent)
        yield Category(id="c", name={}, description={}, consent=consent, ground="contract" if consent == "exempt"
                       else "")


def test_the_catalogs_have_every_sentence_and_the_words_are_in_them():
    for lang in LANGUAGES:
        c = Catalog.get(lang)
        for key, asserted in LEGAL_SENTENCES:
            sentence = c.t(key, ground="GROUND") if "{ground}" in c.strings[key] else c.t(key)
            for fact in asserted - {"ground"}:
                assert any(w in sentence for w in WORDS[lang][fact]), (lang, key, fact, sentence)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_sentence_asserts_an_unstated_fact(lang: str):
    c, seen = Catalog.get(lang), 0
    for category in _categories():
        sentence = category_basis_sentence(c, category)
        facts = stated_facts(category)
        if category.legal_basis == "not-stated":
            assert sentence == ""
            continue
        assert sentence, category
        for fact, words in WORDS[lang].items():
            if fact in facts:
                continue
            found = [w for w in words if w in sentence
                     # "rızanız alınarak" is inside "açık rızanız alınarak"; "sözleşme" inside a ground's name
                     and not (fact == "consent" and "consent" in facts)]
            if fact in LEGAL_BASES and category.ground and fact == category.ground:
                continue  # the ground is stated, by name
            assert not found, (lang, sorted(facts), fact, sentence)
        seen += 1
    assert seen > 40


def test_the_older_spelling_keeps_its_words():
    """Archived releases read as published: `consent: required|exempt` said these facts, and says them."""
    en = Catalog.get("en")
    assert category_basis_sentence(en, Category(id="c", name={}, description={}, consent="required")) == \
        "Used only with your explicit consent; you can withdraw it at any time."
    assert category_basis_sentence(en, Category(id="c", name={}, description={}, consent="exempt")) == \
        "Strictly necessary to provide the service you ask for; no consent is needed."


def test_the_new_spelling_states_the_basis_alone():
    en, tr = Catalog.get("en"), Catalog.get("tr")
    consent = Category(id="c", name={}, description={}, consent="", legal_basis="consent")
    assert category_basis_sentence(en, consent) == "Used only with your consent."
    assert category_basis_sentence(tr, consent) == "Yalnızca rızanız alınarak kullanılır."
    necessary = Category(id="c", name={}, description={}, consent="", legal_basis="strictly-necessary")
    assert category_basis_sentence(en, necessary) == "Strictly necessary; no consent is needed."
    stated = Category(id="c", name={}, description={}, consent="", legal_basis="consent", explicit=True,
                      withdrawal=True)
    assert category_basis_sentence(tr, stated) == \
        "Yalnızca açık rızanız alınarak kullanılır; rızanızı dilediğiniz zaman geri alabilirsiniz."
