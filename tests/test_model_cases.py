"""Each case the data model supports, from YAML through the loader to what a reader sees.

Markdown from the renderer is turned into HTML by the same Markdown library MkDocs uses, so a
name like ``_ga_*`` is checked as a reader sees it, not as an escaped string.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.model.inventory import Policy
from cookiepolicy.render.renderer import Renderer, View

from .support.helpers import Page, _Reader

TODAY = dt.date(2026, 11, 22)
NECESSARY = {"id": "strictly-necessary", "kind": "necessary", "consent": "exempt",
             "name": {"en": "Strictly necessary", "tr": "Zorunlu"},
             "description": {"en": "Needed to sign in.", "tr": "Oturum açmak için gereklidir."}}
PREFERENCES = {"id": "preferences", "kind": "preferences", "consent": "required",
               "name": {"en": "Preferences", "tr": "Tercih çerezleri"},
               "description": {"en": "Remember your choices.", "tr": "Seçimlerinizi hatırlar."}}
ANALYTICS = {"id": "analytics", "kind": "analytics", "consent": "required",
             "name": {"en": "Analytics", "tr": "Analiz çerezleri"},
             "description": {"en": "Measure use.", "tr": "Kullanımı ölçer."}}
ADVERTISING = {"id": "advertising", "kind": "advertising", "consent": "required",
               "name": {"en": "Advertising", "tr": "Reklam çerezleri"},
               "description": {"en": "Show ads.", "tr": "Reklam gösterir."}}
STATS = {"id": "stats", "name": "Stats Co", "role": {"en": "statistics", "tr": "istatistik"},
         "sets_cookies": {"en": "counts visits.", "tr": "ziyaretleri sayar."},
         "policy_url": "https://stats.example/privacy"}


def item(name: str, category: str = "strictly-necessary", storage: str = "cookie", duration: Any = "session",
         **extra: Any) -> dict:
    return {"name": name, "storage": storage, "category": category,
            "purpose": {"en": f"Purpose of {name}", "tr": f"{name} amacı"}, "duration": duration, **extra}


def write_site(root: Path, items: list[dict], categories: list[dict] | None = None,
               services: list[dict] | None = None, **site: Any) -> SiteFiles:
    data = root / "data"
    data.mkdir(parents=True)
    site_data = {"company": "Example", "domain": "example.com", "url": "https://example.com",
                 "contact_email": "privacy@example.com", "languages": ["en", "tr"], "default_language": "en",
                 **site}
    files = {"site": site_data, "categories": {"categories": categories or [NECESSARY]},
             "services": {"services": services or []}, "cookies": {"items": items}}
    for name, content in files.items():
        (data / f"{name}.yml").write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False),
                                          encoding="utf-8")
    return SiteFiles(root=root)


def load(root: Path, items: list[dict], **kwargs: Any) -> Policy:
    policy, report = load_policy(write_site(root, items, **kwargs))
    assert policy is not None, report.format()
    assert not report.warnings, report.format()
    return policy


def problems(root: Path, items: list[dict], **kwargs: Any) -> list[str]:
    policy, report = load_policy(write_site(root, items, **kwargs))
    assert policy is None
    return [p.format() for p in report.errors]


def renderer(policy: Policy, lang: str = "en") -> Renderer:
    return Renderer(policy, lang, View(policy.draft, None), TODAY)


def html(text: str) -> Page:
    """What a reader sees of rendered Markdown: text, tables, list items."""
    reader = _Reader()
    body = markdown.markdown(text, extensions=["tables", "attr_list"])
    reader.feed(f"<html><body><article>{body}</article></body></html>")
    reader.page.text = " ".join("".join(reader.parts).split())
    return reader.page


# ---------------------------------------------------------------- per-category columns


def test_per_category_columns_one_table_with_attributes_column_one_without(tmp_path: Path):
    policy = load(tmp_path, [item("sid", attributes=["HttpOnly", "Secure"]),
                             item("lang", category="preferences", duration="1 year", attributes=["Secure"])],
                  categories=[NECESSARY, PREFERENCES])
    columns = {"strictly-necessary": ["name", "purpose", "duration", "attributes"],
               "*": ["name", "purpose", "duration"]}
    page = html(renderer(policy).category_sections(columns=columns, attributes="none"))
    necessary, preferences = page.tables
    assert necessary == [["Cookie", "Purpose", "Duration", "Attributes"],
                         ["sid", "Purpose of sid", "Session", "HTTP-only, Secure"]]
    assert preferences == [["Cookie", "Purpose", "Duration"], ["lang", "Purpose of lang", "1 year"]]


def test_attributes_column_replaces_the_inline_attributes(tmp_path: Path):
    policy = load(tmp_path, [item("sid", attributes=["HttpOnly"]),
                             item("lang", category="preferences", attributes=["Secure"])],
                  categories=[NECESSARY, PREFERENCES])
    page = html(renderer(policy).category_sections(columns={"preferences": ["name", "purpose", "attributes"]}))
    necessary, preferences = page.tables
    assert necessary[1] == ["sid", "Purpose of sid (HTTP-only)", "Session"]  # "*" missing: the default columns
    assert preferences == [["Cookie", "Purpose", "Attributes"], ["lang", "Purpose of lang", "Secure"]]


def test_columns_for_an_unknown_category_are_refused(tmp_path: Path):
    policy = load(tmp_path, [item("sid")])
    with pytest.raises(ValueError, match="unknown category 'strictly-neccessary'"):
        renderer(policy).category_sections(columns={"strictly-neccessary": ["name"]})


# ---------------------------------------------------------------- described in prose only


def test_unlisted_category_is_described_without_a_table(tmp_path: Path):
    security = {**NECESSARY, "id": "security", "kind": "security", "listed": False,
                "name": {"en": "Security", "tr": "Güvenlik"},
                "description": {"en": "Our CDN may set short-lived cookies against abuse.",
                                "tr": "İçerik dağıtım ağımız kötüye kullanıma karşı kısa ömürlü çerez kullanabilir."}}
    policy = load(tmp_path, [item("sid")], categories=[NECESSARY, security])
    page = html(renderer(policy).category_sections())
    assert len(page.tables) == 1
    assert "Security Our CDN may set short-lived cookies against abuse." in page.text
    tr = html(renderer(policy, "tr").category_sections())
    assert "Güvenlik İçerik dağıtım ağımız" in tr.text


def test_listed_category_without_items_is_a_warning_but_unlisted_is_not(tmp_path: Path):
    _, report = load_policy(write_site(tmp_path / "a", [item("sid")], categories=[NECESSARY, PREFERENCES]))
    assert [p.message for p in report.warnings] == ["category `preferences` has no items"]
    _, report = load_policy(write_site(tmp_path / "b", [item("sid")],
                                       categories=[NECESSARY, {**PREFERENCES, "listed": False}]))
    assert not report.problems


def test_unlisted_service_is_named_in_prose_not_in_the_list(tmp_path: Path):
    listed = {**STATS, "id": "other", "name": "Listed Co"}
    policy = load(tmp_path, [item("_st", category="analytics", provider="stats")],
                  categories=[ANALYTICS], services=[{**STATS, "listed": False}, listed])
    r = renderer(policy)
    assert html(r.services_list()).list_items == ["Listed Co: counts visits. Listed Co privacy policy"]
    assert r.service_name("stats") == "Stats Co"
    with pytest.raises(ValueError, match="unknown service 'stat'; known: stats, other"):
        r.service_name("stat")


def test_unlisted_service_that_nothing_uses_is_a_warning(tmp_path: Path):
    _, report = load_policy(write_site(tmp_path, [item("sid")], services=[{**STATS, "listed": False}]))
    assert [p.message for p in report.warnings] == ["service `stats` is not used"]


# ---------------------------------------------------------------- names


def test_same_name_as_cookie_and_local_storage_key(tmp_path: Path):
    policy = load(tmp_path, [item("theme", category="preferences", duration="1 year"),
                             item("theme", category="preferences", storage="localStorage", duration="persistent")],
                  categories=[PREFERENCES])
    assert [i.key for i in policy.draft.items] == [("cookie", "theme"), ("localStorage", "theme")]
    page = html(renderer(policy).cookie_table(storage=None, columns=["name", "storage", "duration"],
                                              show_storage=True))
    assert page.tables[0][1:] == [["theme (cookie)", "cookie", "1 year"],
                                  ["theme (localStorage)", "localStorage", "Persistent"]]
    assert html(renderer(policy).cookie_table()).tables[0][1][0] == "theme"  # cookies only by default


def test_same_name_twice_in_one_storage_is_an_error(tmp_path: Path):
    errors = problems(tmp_path, [item("theme"), item("theme", duration="1 day")])
    assert any("cookie `theme` is listed twice (first on line" in e for e in errors), errors


def test_wildcard_name_is_shown_literally(tmp_path: Path):
    policy = load(tmp_path, [item("_ga_*", category="analytics", duration="2 years", match="wildcard"),
                             item("_gid", category="analytics", duration="1 day")], categories=[ANALYTICS])
    assert [i.wildcard for i in policy.draft.items] == [True, False]
    rendered = renderer(policy).cookie_table()
    page = html(rendered)
    assert [row[0] for row in page.tables[0][1:]] == ["_ga_*", "_gid"]
    assert "<em>" not in markdown.markdown(rendered, extensions=["tables"])


def test_name_with_a_table_bar_is_refused(tmp_path: Path):
    errors = problems(tmp_path, [item("bad|name")])
    assert any("cookies.yml" in e and "name" in e for e in errors), errors


# ---------------------------------------------------------------- attributes


def test_attributes_inline_column_and_hidden(tmp_path: Path):
    policy = load(tmp_path, [item("sid", attributes=["HttpOnly", "Secure", "SameSite=Strict"])])
    en, tr = renderer(policy), renderer(policy, "tr")
    assert html(en.cookie_table(columns=["name", "purpose"])).tables[0][1] == \
        ["sid", "Purpose of sid (HTTP-only, Secure, SameSite=Strict)"]
    assert html(tr.cookie_table(columns=["name", "purpose", "attributes"], attributes="column")).tables[0] == \
        [["Adı", "Amacı", "Nitelikler"], ["sid", "sid amacı", "HttpOnly, Secure, SameSite=Strict"]]
    assert html(en.cookie_table(columns=["name", "purpose"], attributes="none")).tables[0][1] == \
        ["sid", "Purpose of sid"]


def test_unknown_attribute_is_refused(tmp_path: Path):
    errors = problems(tmp_path, [item("sid", attributes=["HTTPOnly"])])
    assert any("attributes" in e for e in errors), errors


# ---------------------------------------------------------------- durations

DURATIONS = [
    ("session", "Session", "Oturum süresince"),
    ("45 seconds", "45 seconds", "45 saniye"),
    ("1 second", "1 second", "1 saniye"),
    ("10 minutes", "10 minutes", "10 dakika"),
    ("12 hours", "12 hours", "12 saat"),
    ("1 day", "1 day", "1 gün"),
    ("30 days", "30 days", "30 gün"),
    ("2 weeks", "2 weeks", "2 hafta"),
    ("6 months", "6 months", "6 ay"),
    ("1 year", "1 year", "1 yıl"),
    ("2 years", "2 years", "2 yıl"),
    ("persistent", "Persistent", "Siz silene kadar"),
    ({"until": {"en": "you sign out", "tr": "oturumu kapatmanıza"}}, "Until you sign out",
     "Oturumu kapatmanıza kadar"),
]


def test_every_kind_of_duration_in_both_languages(tmp_path: Path):
    policy = load(tmp_path, [item(f"c{i}", duration=d) for i, (d, _, _) in enumerate(DURATIONS)])
    en = html(renderer(policy).cookie_table(columns=["name", "duration"])).tables[0][1:]
    tr = html(renderer(policy, "tr").cookie_table(columns=["name", "duration"])).tables[0][1:]
    assert [row[1] for row in en] == [e for _, e, _ in DURATIONS]
    assert [row[1] for row in tr] == [t for _, _, t in DURATIONS]
    kinds = [i.duration.kind for i in policy.draft.items]
    assert kinds == ["session"] + ["fixed"] * 10 + ["persistent", "event"]


@pytest.mark.parametrize("duration", ["3 fortnights", "0 days", "forever", "30days"])
def test_malformed_duration_is_refused(tmp_path: Path, duration: str):
    errors = problems(tmp_path, [item("sid", duration=duration)])
    assert any("duration" in e for e in errors), errors


def test_event_duration_needs_every_language(tmp_path: Path):
    errors = problems(tmp_path, [item("sid", duration={"until": {"en": "you sign out"}})])
    assert any("tr" in e and "until" in e for e in errors), errors


def test_session_storage_must_last_the_session(tmp_path: Path):
    errors = problems(tmp_path, [item("draft", storage="sessionStorage", duration="1 day")])
    assert any("sessionStorage is cleared when the tab closes" in e for e in errors), errors


# ---------------------------------------------------------------- used_on

PLACES = {"dashboard": {"en": "the dashboard", "tr": "yönetim paneli"},
          "customer-sites": {"en": "customers' websites", "tr": "müşterilerin internet siteleri"}}


def test_used_on_is_shown_and_filters(tmp_path: Path):
    policy = load(tmp_path, [item("sid", used_on=["dashboard"]),
                             item("widget-id", storage="localStorage", duration="persistent",
                                  used_on=["dashboard", "customer-sites"])], usage_places=PLACES)
    en, tr = renderer(policy), renderer(policy, "tr")
    table = html(en.cookie_table(storage=None, columns=["name", "used_on"])).tables[0]
    assert table == [["Name", "Where"], ["sid", "the dashboard"],
                     ["widget-id", "the dashboard and customers' websites"]]
    assert html(tr.cookie_table(storage=None, columns=["name", "used_on"])).tables[0][2] == \
        ["widget-id", "yönetim paneli ve müşterilerin internet siteleri"]
    only_customers = html(en.cookie_table(storage=None, used_on="customer-sites")).tables[0]
    assert [row[0] for row in only_customers[1:]] == ["widget-id"]
    assert en.usage_place("customer-sites") == "customers&#39; websites"
    assert html(tr.usage_place("dashboard")).text == "yönetim paneli"
    with pytest.raises(ValueError, match="unknown usage place 'shop'"):
        en.usage_place("shop")


def test_used_on_an_undefined_place_is_an_error_with_a_hint(tmp_path: Path):
    errors = problems(tmp_path, [item("sid", used_on=["dashbord"])], usage_places=PLACES)
    assert any("unknown place `dashbord`" in e and "dashboard" in e for e in errors), errors


# ---------------------------------------------------------------- not used, and its contradictions


@pytest.mark.parametrize(("practice", "bad_item", "categories", "services"), [
    ("advertising", item("ad", category="advertising"), [ADVERTISING], []),
    ("cross-site-tracking", item("xs", cross_site=True), [NECESSARY], []),
    ("third-party-analytics", item("_st", category="analytics", provider="stats"), [ANALYTICS], [STATS]),
    ("third-party-tracking", item("_px", category="analytics", provider="stats", cross_site=True), [ANALYTICS],
     [STATS]),
])
def test_not_used_statement_contradicted_by_the_inventory_is_an_error(tmp_path: Path, practice, bad_item,
                                                                      categories, services):
    errors = problems(tmp_path, [bad_item], categories=categories, services=services, not_used=[practice])
    assert any(f"says the site does not use {practice}, but cookie `{bad_item['name']}` is one" in e
               for e in errors), errors


def test_first_party_analytics_does_not_contradict_third_party_statements(tmp_path: Path):
    policy = load(tmp_path, [item("perf", category="analytics")], categories=[ANALYTICS],
                  not_used=["third-party-analytics", "third-party-tracking"])
    assert policy.draft.not_used == ("third-party-analytics", "third-party-tracking")


def test_not_used_statement_in_both_voices_and_languages(tmp_path: Path):
    policy = load(tmp_path, [item("sid")], not_used=["advertising", "third-party-tracking"])
    en, tr = renderer(policy), renderer(policy, "tr")
    assert html(en.not_used_statement()).text == \
        "Example does not use advertising cookies or third-party tracking cookies on the website."
    such_as = {"third-party-tracking": ["Google Analytics", "Facebook Pixel"]}
    assert html(en.not_used_statement(voice="we", such_as=such_as)).text == \
        "We do not use advertising cookies or third-party tracking cookies such as Google Analytics or " \
        "Facebook Pixel."
    assert html(tr.not_used_statement(voice="we", such_as=such_as)).text == \
        "Reklam çerezleri veya Google Analytics veya Facebook Pixel gibi üçüncü taraf izleme çerezleri " \
        "kullanmamaktayız."
    with pytest.raises(ValueError, match="such_as names 'cross-site-tracking'"):
        en.not_used_statement(such_as={"cross-site-tracking": ["X"]})
    with pytest.raises(ValueError, match="voice 'I'"):
        en.not_used_statement(voice="I")


def test_turkish_sentence_starts_with_a_dotted_capital_i(tmp_path: Path):
    # a common noun that starts the sentence takes the Turkish capital; a name from data (an example in
    # such_as) keeps its letters as written (issue #25, M1), so the place is what starts the sentence here
    policy = load(tmp_path, [item("sid")], not_used=["third-party-tracking"],
                  usage_places={"website": {"en": "the website", "tr": "internet sitesi"}})
    statement = renderer(policy, "tr").not_used_statement(voice="we", where="website")
    assert html(statement).text == "İnternet sitesinde üçüncü taraf izleme çerezleri kullanmamaktayız."
    statement = renderer(policy, "tr").not_used_statement(voice="we", such_as={"third-party-tracking": ["izci"]})
    assert html(statement).text == "izci gibi üçüncü taraf izleme çerezleri kullanmamaktayız."


def test_no_not_used_statement_without_practices(tmp_path: Path):
    policy = load(tmp_path, [item("sid")])
    assert renderer(policy).not_used_statement(voice="we") == ""


# ---------------------------------------------------------------- legal basis per category


def test_legal_basis_per_category_and_withdrawal(tmp_path: Path):
    policy = load(tmp_path, [item("sid"), item("lang", category="preferences"),
                             item("_st", category="analytics")], categories=[NECESSARY, PREFERENCES, ANALYTICS])
    en, tr = renderer(policy), renderer(policy, "tr")
    assert html(en.legal_basis("strictly-necessary")).text == \
        "Strictly necessary to provide the service you ask for; no consent is needed."
    assert html(en.legal_basis("preferences")).text == \
        "Used only with your explicit consent; you can withdraw it at any time."
    assert "açık rızanız aranmaksızın" in html(tr.legal_basis("strictly-necessary")).text
    assert "Yalnızca açık rızanız alınarak kullanılır" in html(tr.legal_basis("analytics")).text
    sections = html(en.category_sections()).text
    pattern = (r"Strictly necessary Needed to sign in\. Strictly necessary to provide .*? no consent is needed\..*"
               r"Preferences Remember your choices\. Used only with your explicit consent.*"
               r"Analytics Measure use\. Used only with your explicit consent")
    assert re.search(pattern, sections), sections
    assert "no consent is needed" not in html(en.category_sections(legal_basis=False)).text
    assert html(en.withdraw_consent()).text.startswith(
        "You can withdraw your consent to Preferences and Analytics at any time;")
    assert html(tr.withdraw_consent()).text.startswith(
        "Tercih çerezleri ve analiz çerezleri için vermiş olduğunuz açık rızayı dilediğiniz zaman geri "
        "alabilirsiniz; rızanın geri alınması ileriye dönük sonuç doğurur")


def test_no_withdrawal_sentence_when_nothing_needs_consent(tmp_path: Path):
    policy = load(tmp_path, [item("sid")])
    assert renderer(policy).withdraw_consent() == ""
