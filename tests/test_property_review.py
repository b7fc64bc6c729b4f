"""Generated pairs of valid inventories: every view of their diff renders, in words.

For each pair, the review (Markdown, text, JSON, and the summary of an over-long comment) and the
changelog sentences render in every language without an exception, and no prose line shows a raw
enum value, an id where a name exists, or a bare language code.
"""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cookiepolicy.history.diff import Side
from cookiepolicy.model.inventory import (
    LEGAL_BASES,
    Category,
    Contact,
    Duration,
    Inventory,
    Item,
    Policy,
    Service,
    Site,
)
from cookiepolicy.review.comment import Comparison, as_json, review
from cookiepolicy.text.localize import Catalog

from .support.tiers import examples

LANGS = Catalog.available()
# ids carry "q" so that one leaking into prose is easy to spot; names never do
CATEGORY_IDS = ("cat-qa", "cat-qb", "cat-qc")
SERVICE_IDS = ("svc-qa", "svc-qb")
PLACE_IDS = ("place-qa", "place-qb")
PLACES = {"place-qa": {"en": "the dashboard", "tr": "yönetim paneli"},
          "place-qb": {"en": "the widget", "tr": "sohbet aracı"}}
WORDS = ("Alpha", "bravo", "Charlie delta", "echo, foxtrot.", "golf “hotel”", "india  juliet")
KINDS = ("necessary", "preferences", "analytics", "advertising", "security", "other")
SITE = Site(company="Acme", domain="acme.example", url="https://acme.example", contact_email="privacy@acme.example",
            languages=("en", "tr"), default_language="en", usage_places=PLACES)

# the controller's facts, each stated or not, as two releases may differ in them
CONTACTS = st.builds(Contact, name=st.sampled_from(({}, {"en": "Privacy Desk", "tr": "Kişisel Veriler Birimi"})),
                     legal_name=st.sampled_from((None, "Acme A.Ş.", "Acme Ltd")),
                     address=st.sampled_from(({}, {"*": "Line 1\nLine 2"}, {"en": "Istanbul", "tr": "İstanbul"})),
                     kep=st.sampled_from((None, "acme@hs01.kep.example")),
                     phone=st.sampled_from((None, "+90 212 555 01 01")),
                     rights_url=st.sampled_from((None, "https://acme.example/rights")))
SITES = st.builds(lambda contact, country, email: Site(
    company="Acme", domain=None, url=None, contact_email=email, languages=("en", "tr"), default_language="en",
    usage_places=PLACES, contact=contact, country=country),
    CONTACTS, st.sampled_from((None, "TR", "DE")), st.sampled_from((None, "privacy@acme.example")))
text = st.builds(lambda en, tr: {"en": en, "tr": tr}, st.sampled_from(WORDS), st.sampled_from(WORDS))
durations = st.one_of(
    st.just(Duration("session")), st.just(Duration("persistent")),
    st.builds(lambda v, u: Duration("fixed", v, u), st.integers(1, 3), st.sampled_from(("hour", "day", "year"))),
    st.builds(lambda t: Duration("event", until=t), text),
)


@st.composite
def inventories(draw: st.DrawFn) -> Inventory:
    cat_ids = draw(st.lists(st.sampled_from(CATEGORY_IDS), min_size=1, max_size=3, unique=True))
    categories = tuple(Category(cid, draw(text), draw(text), draw(st.sampled_from(("required", "exempt", ""))),
                                draw(st.sampled_from(KINDS)), draw(st.booleans()),
                                legal_basis=draw(st.sampled_from(LEGAL_BASES))) for cid in cat_ids)
    svc_ids = draw(st.lists(st.sampled_from(SERVICE_IDS), max_size=2, unique=True))
    services = tuple(Service(sid, draw(st.sampled_from(("Chatty", "Payly Inc."))), draw(text), draw(text),
                             draw(st.sampled_from(("https://a.example/privacy", "https://b.example/legal"))),
                             draw(st.booleans()), country=draw(st.sampled_from((None, "US", "IE"))),
                             processor_role=draw(st.sampled_from((None, "processor", "controller"))),
                             transfer_abroad=draw(st.sampled_from((None, True, False)))) for sid in svc_ids)
    items = {}
    for _ in range(draw(st.integers(0, 4))):
        name = draw(st.sampled_from(("tok_a", "tok_b", "tok_c")))
        storage = draw(st.sampled_from(("cookie", "localStorage", "sessionStorage")))
        items[(storage, name)] = Item(
            name=name, storage=storage, category=draw(st.sampled_from(cat_ids)), purpose=draw(text),
            duration=draw(durations), provider=draw(st.sampled_from(("first-party", *svc_ids))),
            attributes=tuple(draw(st.lists(st.sampled_from(("HttpOnly", "Secure", "SameSite=Lax")), unique=True,
                                           max_size=2))),
            used_on=tuple(draw(st.lists(st.sampled_from(PLACE_IDS), unique=True, max_size=2))),
            cross_site=draw(st.booleans()), domain=draw(st.sampled_from((None, ".acme.example"))),
            renamed_from=draw(st.sampled_from((None, "tok_a", "tok_b"))))
    not_used = tuple(draw(st.lists(st.sampled_from(("advertising", "cross-site-tracking")), unique=True)))
    return Inventory(categories=categories, services=services, items=tuple(items.values()), not_used=not_used,
                     site=draw(SITES))


RAW_IDS = re.compile(r"(cat|svc|place)-q[abc]")
RAW_BOOL = re.compile(r"\b(True|False|None)\b")
BARE_LANGUAGE = re.compile(r"(?<![\w/-])(en|tr)(?![\w-])")
RAW_CONSENT = re.compile(r"\b(required|exempt)\b")
RAW_KIND = re.compile(rf"\b({'|'.join(KINDS)})\b")
# legal bases, third parties' roles and country codes: words in every language, never the data's values
RAW_FACT = re.compile(r"strictly-necessary|legitimate-interest|not-stated|processor_role|transfer_abroad|"
                      r"\b(US|IE|DE|TR)\b|\*")
RAW_FACT_WORD = re.compile(r"\b(consent|contract|processor|controller)\b")


def prose_problems(line: str, lang: str) -> list[str]:
    found = [m.group(0) for m in (RAW_IDS.search(line), RAW_BOOL.search(line), BARE_LANGUAGE.search(line),
                                  RAW_CONSENT.search(line)) if m]
    found += [m.group(0) for m in [RAW_FACT.search(line.replace("**", ""))] if m]
    if lang != "en":  # English kind names are the words themselves; elsewhere an English word is a leak
        found += [m.group(0) for m in [RAW_KIND.search(line), RAW_FACT_WORD.search(line)] if m]
    return found


PAIRS = examples(2000)  # generated pairs a run, at least
SIDES = 5  # inventories drawn together: every ordered pair of them is compared
checked: list[int] = []


@settings(max_examples=PAIRS // (SIDES * (SIDES - 1)), deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(inventories(), min_size=SIDES, max_size=SIDES))
def _every_pair_renders_in_words(sides: list[Inventory]) -> None:
    for old in sides:
        for new in sides:
            if old is not new:
                _check(old, new)
                checked.append(1)


def _check(old: Inventory, new: Inventory) -> None:
    cmp = Comparison(Side(Policy(SITE, old)), Side(Policy(SITE, new)), "main (1a2b3c4)", "")
    json.dumps(as_json(cmp), ensure_ascii=False)
    for lang in LANGS:
        prose = review(cmp, lang, "text").splitlines()
        # the Markdown comment, cut to a summary when it is long (the full one is rendered first)
        prose += review(cmp, lang, "markdown", limit=1500, full_url="https://ci.example/run/1").splitlines()[1:]
        for line in prose:
            if "policy release" in line:
                continue  # the command line itself, quoted for the reviewer
            assert not prose_problems(line, lang), (lang, line)


def test_every_view_of_every_diff_renders_in_words():
    checked.clear()
    _every_pair_renders_in_words()
    assert len(checked) >= PAIRS


def test_the_checker_catches_what_the_old_changelog_said():
    assert prose_problems("Tercih kategorisi: rıza durumu required yerine exempt olarak değiştirildi.", "tr")
    assert prose_problems("kullanıldığı yer place-qa yerine place-qa, place-qb olarak değiştirildi", "tr")
    assert prose_problems("Çerez a: açıklaması (tr) ifadesi güncellendi", "tr")
    assert prose_problems("Cookie a: cross-site use from False to True", "en")
    assert prose_problems("türü analytics yerine security olarak değiştirildi", "tr")
    assert prose_problems("hukuki sebebi consent yerine legitimate-interest olarak değiştirildi", "tr")
    assert prose_problems("Third-party service Chatty: country changed from US to IE.", "en")
    assert prose_problems("hukuki sıfatı processor olarak belirlendi", "tr")
    assert not prose_problems("Acme tarafından kullanılan `a` çerezinin Türkçe amaç metni silindi.", "tr")
