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
            sentence = c.t(key, ground="GROUND", subject=c.t("consent.subject.cookies"))
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


# ---------------------------------------------------------------- every other text that names a basis
# The table's legal-basis cell, the changelog's lines about a category, the withdrawal sentence and every
# form of a duration: each rendered for every combination of stated and unstated facts, in every catalog.
# The words of a fact are read by hand from the catalogs; "no consent needed" is the exemption, not consent.

CELL_WORDS = {"en": {"explicit": ["Explicit"], "requested_service": ["service"], "withdrawal": ["withdraw"]},
              "tr": {"explicit": ["Açık rıza"], "requested_service": ["talep ettiğiniz"],
                     "withdrawal": ["geri al"]}}
CHANGE_WORDS = {"en": {"explicit": ["explicit"], "requested_service": ["the service you ask for"],
                       "withdrawal": ["withdraw"]},
                "tr": {"explicit": ["açık rıza olarak", "açık rıza)", "(hukuki sebep: açık rıza"],
                       "requested_service": ["talep ettiğiniz"], "withdrawal": ["geri al"]}}


def _one_category_policy(category: Category):
    from cookiepolicy.model.inventory import Duration, Inventory, Item, Policy, Site

    item = Item(name="a", storage="cookie", category=category.id, purpose={"en": "A", "tr": "A"},
                duration=Duration("session"))
    site = Site(company="Acme", domain=None, url=None, contact_email=None, languages=("en", "tr"),
                default_language="en")
    return Policy(site=site, draft=Inventory(categories=(category,), items=(item,), site=site))


def _renderer(category: Category, lang: str):
    import datetime as dt

    from cookiepolicy.render.renderer import Renderer, View

    policy = _one_category_policy(category)
    return Renderer(policy, lang, View(policy.draft, None), dt.date(2026, 11, 22))


def _asserted(words: dict[str, list[str]], facts: frozenset[str], said: str) -> list[str]:
    return [fact for fact, found in words.items() if fact not in facts and any(w in said for w in found)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_basis_cell_and_the_withdrawal_sentence_assert_only_stated_facts(lang: str):
    seen = 0
    for category in _categories():
        r, facts = _renderer(category, lang), stated_facts(category)
        cell = r.cookie_table(columns=["name", "legal_basis"])
        assert not _asserted(CELL_WORDS[lang], facts, cell), (lang, sorted(facts), cell)
        withdrawal = r.withdraw_consent()  # the law's right to withdraw, asked for by the page; "explicit" if stated
        assert bool(withdrawal) == (category.legal_basis == "consent"), (lang, category)
        assert not _asserted({"explicit": CELL_WORDS[lang]["explicit"] if lang == "en" else ["açık rıza"]},
                             facts, withdrawal), (lang, sorted(facts), withdrawal)
        seen += 1
    assert seen > 40


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_changelog_lines_about_a_category_assert_only_stated_facts(lang: str):
    from cookiepolicy.history.diff import diff_inventories
    from cookiepolicy.model.inventory import Inventory
    from cookiepolicy.render.sentences import sentences

    empty = Inventory()
    categories = list(_categories())
    for category in categories:
        new = Inventory(categories=(category,))
        for said in sentences(diff_inventories(empty, new), lang, "Acme", empty, new):  # added
            assert not _asserted(CHANGE_WORDS[lang], stated_facts(category), said), (lang, category, said)
    for old_category, category in itertools.product(categories[::7], categories[::5]):  # a basis changed
        old, new = Inventory(categories=(old_category,)), Inventory(categories=(category,))
        facts = stated_facts(old_category) | stated_facts(category)
        for said in sentences(diff_inventories(old, new), lang, "Acme", old, new):
            assert not _asserted(CHANGE_WORDS[lang], facts, said), (lang, sorted(facts), said)


DIGITS = [str(n) for n in range(10)]
DURATIONS_WORDS = {"en": {"session": ["session"], "persistent": ["persistent", "delete"], "number": DIGITS},
                   "tr": {"session": ["oturum"], "persistent": ["silene"], "number": DIGITS}}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_duration_form_states_only_its_own_facts(lang: str):
    """A duration never gains a number, a session or a "until you delete it" its data does not state
    (a `not-stated` one above all: never a number)."""
    import datetime as dt

    from cookiepolicy.model.inventory import Duration, Regional
    from cookiepolicy.text.localize import format_duration, running_duration

    region = Regional({"en": "in Türkiye", "tr": "Türkiye'de"}, Duration("session"))
    forms = [
        (Duration("session"), {"session"}), (Duration("persistent"), {"persistent"}), (Duration("not-stated"), set()),
        (Duration("not-set"), set()), (Duration("fixed", value=3, unit="day"), {"number"}),
        (Duration("event", until={"en": "you log out", "tr": "çıkış yapmanıza"}), set()),
        (Duration("date", date=dt.date(2030, 11, 9)), {"number"}),
        (Duration("text", text={"en": "as the provider decides", "tr": "sağlayıcının belirlediği kadar"}), set()),
        (Duration("regions", regions=(region,), elsewhere=Duration("not-stated")), {"session"}),
        (Duration("conditional", condition={"en": "if you tick Remember me", "tr": "Beni hatırla'yı işaretlerseniz"},
                  then=Duration("fixed", value=30, unit="day"), elsewhere=Duration("not-set")), {"number"}),
    ]
    for duration, facts in forms:
        for words in (format_duration(duration, lang), running_duration(duration, lang)):
            found = [fact for fact, marks in DURATIONS_WORDS[lang].items()
                     if fact not in facts and any(mark in words.lower() for mark in marks)]
            assert not found, (lang, duration.kind, words, found)
            assert all(any(mark in words.lower() for mark in DURATIONS_WORDS[lang][fact]) for fact in facts), \
                (lang, duration.kind, words)
