"""The consent banner follows the data: switches by legal basis, its words from the bases present, its
cookie the inventory's consent item, a link to the policy; validate and the build refuse the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cookiepolicy.adapters.mkdocs.config import site_url

from .support.helpers import mkdocs_build, policy
from .support.history import edit_yaml

TODAY = {"POLICY_TODAY": "2026-11-22"}
CONSENT_ITEM = {"name": "cookie_consent", "storage": "cookie", "category": "strictly-necessary",
                "duration": "12 months", "attributes": ["Secure", "SameSite=Lax"],
                "purpose": {"en": "Stores your cookie choices", "tr": "Çerez tercihlerinizi saklar"}}


def enable_banner(site: Path, url: str | None = None, item: dict | None = CONSENT_ITEM) -> None:
    """Turn the banner on in mkdocs.yml, declare the consent cookie, and put the site at ``url``."""
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  policy:\n", "  policy:\n    cookie_settings: true\n"), encoding="utf-8")
    if item is not None:
        edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"].append(dict(item)))
    if url is not None:
        edit_yaml(site / "data" / "site.yml", lambda d: d.update(url=url))


def config_of(site: Path, *args: str) -> dict:
    result = policy(site, "export", "cookieconsent", *args, env=TODAY)
    assert result.returncode == 0, result.stderr
    js = result.stdout
    return json.loads(js[js.index("= ") + 2:js.rindex(";")])


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# ---------------------------------------------------------------- the consent cookie


def test_the_banner_cookie_is_the_inventory_s_consent_item(site: Path):
    enable_banner(site, "https://www.talkomni.com/app/")
    config = config_of(site)
    # 12 months of 30 days, as the policy and the audit count them; host and path of site.yml's url
    assert config["cookie"] == {"name": "cookie_consent", "expiresAfterDays": 360, "domain": "www.talkomni.com",
                                "path": "/app/", "sameSite": "Lax", "secure": True}
    assert config["hideFromBots"] is False  # the site's own scan (a headless browser) must see it


def test_a_declared_domain_and_attributes_are_the_banner_s(site: Path):
    enable_banner(site, "https://www.talkomni.com", item={**CONSENT_ITEM, "domain": "talkomni.com",
                                                          "attributes": ["SameSite=Strict"], "duration": "6 months"})
    cookie = config_of(site)["cookie"]
    assert cookie == {"name": "cookie_consent", "expiresAfterDays": 180, "domain": "talkomni.com", "path": "/",
                      "sameSite": "Strict", "secure": False}


def test_validate_fails_when_the_banner_is_on_and_no_item_records_consent(site: Path):
    enable_banner(site, item=None)
    result = policy(site, "validate")
    assert result.returncode == 1
    assert "data/cookies.yml: error: items: no item records the visitor's consent choice" in result.stderr
    assert "name: cookie_consent" in result.stderr and "Traceback" not in result.stderr
    out = site.parent / "out"
    built = mkdocs_build(site, out, env=TODAY)
    assert built.returncode == 1 and "no item records the visitor's consent choice" in built.stderr
    assert not (out / "index.html").exists()


@pytest.mark.parametrize(("change", "field", "says"), [
    ({"attributes": ["HttpOnly", "Secure"]}, "attributes", "cannot set an HttpOnly cookie"),
    ({"duration": "session"}, "duration", "for a fixed period, but the data says session"),
    ({"duration": "2 years"}, "duration", "longer than a browser keeps a cookie (400 days)"),
    ({"domain": "example.org"}, "domain", "is declared for example.org, but the site's url"),
    ({"name": "cookie_consent_*", "match": "wildcard"}, "name", "not `cookie_consent_*`"),
])
def test_validate_fails_when_the_consent_item_disagrees_with_what_the_banner_stores(site: Path, change, field, says):
    enable_banner(site, "https://talkomni.com", item={**CONSENT_ITEM, **change})
    cookies = site / "data" / "cookies.yml"
    line = line_of(cookies, "name: cookie_consent")
    result = policy(site, "validate")
    assert result.returncode == 1, result.stdout
    assert f"data/cookies.yml:{line}: error: items[5].{field}: " in result.stderr, result.stderr
    assert says in result.stderr
    export = policy(site, "export", "cookieconsent", env=TODAY)
    assert export.returncode == 1 and says in export.stderr and "Traceback" not in export.stderr


def test_without_the_banner_no_consent_item_is_asked_for_but_the_export_warns(site: Path):
    assert policy(site, "validate").returncode == 0
    exported = policy(site, "export", "cookieconsent", env=TODAY)
    assert exported.returncode == 0 and '"cookie"' not in exported.stdout
    assert "warning: no item records the visitor's consent choice" in exported.stderr
    assert "its own cookie `cc_cookie`, which the policy does not declare" in exported.stderr


def test_a_consent_category_of_another_kind_is_named_by_its_category(site: Path):
    edit_yaml(site / "data" / "categories.yml",
              lambda d: next(c for c in d["categories"] if c["id"] == "preferences").update(kind="other"))
    config = config_of(site)
    assert ", Tercih kategorisindeki çerezleri ise yalnızca açık rızanızla kullanmaktadır." in \
        config["language"]["translations"]["tr"]["consentModal"]["description"]
    assert "and the cookies of the Preference category only with your explicit consent." in \
        config["language"]["translations"]["en"]["consentModal"]["description"]


def test_explicit_consent_is_said_only_where_the_category_states_it(site: Path):
    """TalkOmni's preference category is written `consent: required` (explicit consent); written
    `legal_basis: consent` alone, it states consent but not that it is explicit, and the banner says no more."""
    def plain(d):
        category = next(c for c in d["categories"] if c["id"] == "preferences")
        category.pop("consent", None)
        category.update(legal_basis="consent")

    edit_yaml(site / "data" / "categories.yml", plain)
    config = config_of(site)
    en = config["language"]["translations"]["en"]["consentModal"]["description"]
    tr = config["language"]["translations"]["tr"]["consentModal"]["description"]
    assert "and preference cookies only with your consent." in en and "explicit" not in en
    assert "tercih çerezlerini ise yalnızca rızanızla kullanmaktadır." in tr
    assert "açık rızanızla" not in tr


# ---------------------------------------------------------------- switches and words


def test_switches_only_for_consent_categories_in_use_others_read_only(site: Path):
    def categories(d):
        d["categories"] += [
            {"id": "analytics", "kind": "analytics", "legal_basis": "consent",
             "name": {"en": "Analytics", "tr": "Analitik"}, "description": {"en": "Count visits.", "tr": "Sayar."}},
            {"id": "support", "kind": "other", "legal_basis": "contract",
             "name": {"en": "Support", "tr": "Destek"}, "description": {"en": "The chat.", "tr": "Sohbet."}},
        ]

    edit_yaml(site / "data" / "categories.yml", categories)
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"].append(
        {"name": "support_ticket", "storage": "cookie", "category": "support", "duration": "1 day",
         "purpose": {"en": "Keeps your open ticket", "tr": "Açık talebinizi saklar"}}))
    config = config_of(site)
    assert config["categories"] == {  # analytics has no item: the site does not use it, so no switch
        "strictly-necessary": {"enabled": True, "readOnly": True},
        "preferences": {"autoClear": {"cookies": [{"name": "TALKOMNI_USER_LOCALE"}]}},
        "support": {"enabled": True, "readOnly": True},
    }
    for lang in ("en", "tr"):
        sections = config["language"]["translations"][lang]["preferencesModal"]["sections"]
        assert [s.get("linkedCategory") for s in sections] == [None, "strictly-necessary", "preferences", "support"]
    en = config["language"]["translations"]["en"]["consentModal"]["description"]
    tr = config["language"]["translations"]["tr"]["consentModal"]["description"]
    assert en == ("TalkOmni uses strictly necessary cookies and cookies based on the performance of a contract "
                  "without asking for your consent, and preference cookies only with your explicit consent. "
                  "You can change your choice at any time.")
    assert tr == ("TalkOmni, zorunlu çerezleri ve sözleşmenin kurulması veya ifası hukuki sebebine dayanan çerezleri "
                  "açık rızanız aranmaksızın, tercih çerezlerini ise yalnızca açık rızanızla kullanmaktadır. "
                  "Tercihinizi dilediğiniz zaman değiştirebilirsiniz.")
    support = config["language"]["translations"]["tr"]["preferencesModal"]["sections"][3]["description"]
    assert support.endswith("Bu çerezler açık rızaya değil, yukarıda belirtilen hukuki sebebe dayanır.")


def test_a_site_without_consent_categories_says_so_and_offers_no_switch(site: Path):
    edit_yaml(site / "data" / "cookies.yml",
              lambda d: d.update(items=[i for i in d["items"] if i["category"] != "preferences"]))
    config = config_of(site)
    assert config["categories"] == {"strictly-necessary": {"enabled": True, "readOnly": True}}
    assert config["language"]["translations"]["tr"]["consentModal"]["description"] == (
        "TalkOmni, zorunlu çerezleri açık rızanız aranmaksızın kullanmaktadır; açık rızanızı gerektiren çerez "
        "kullanılmamaktadır.")
    assert config["language"]["translations"]["en"]["consentModal"]["description"] == (
        "TalkOmni uses strictly necessary cookies without asking for your consent; it uses no cookies that need "
        "your consent.")


def test_the_banner_links_to_the_policy_in_each_language(site: Path):
    config = config_of(site)
    tr = config["language"]["translations"]["tr"]
    en = config["language"]["translations"]["en"]
    # mkdocs.yml's site_url: English (the default) at the root, Turkish under tr/
    assert tr["consentModal"]["footer"] == ('Ayrıntılı bilgi için <a href="https://talkomni.github.io/cookie-policy/'
                                            'tr/">Çerez Politikamızı</a> inceleyebilirsiniz.')
    assert en["consentModal"]["footer"] == ('For details, read our <a href="https://talkomni.github.io/cookie-policy/">'
                                            'cookie policy</a>.')
    assert tr["preferencesModal"]["sections"][0]["description"].endswith(tr["consentModal"]["footer"])
    moved = policy(site, "export", "cookieconsent", env={**TODAY, "SITE_URL": "https://policy.talkomni.com/"})
    assert 'href=\\"https://policy.talkomni.com/tr/\\"' in moved.stdout


def test_site_url_reads_the_env_tag(tmp_path: Path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_url: !ENV [SITE_URL, "https://a.example/p/"]\n', encoding="utf-8")
    monkeypatch.delenv("SITE_URL", raising=False)
    assert site_url(config) == "https://a.example/p/"
    monkeypatch.setenv("SITE_URL", "https://b.example/")
    assert site_url(config) == "https://b.example/"


# ---------------------------------------------------------------- where consent is stored


def test_a_build_for_another_host_says_where_consent_is_stored(site: Path, tmp_path: Path):
    enable_banner(site, "https://talkomni.com")
    built = mkdocs_build(site, tmp_path / "out", env={**TODAY, "SITE_URL": "https://talkomni.github.io/cookie-policy/"})
    assert built.returncode == 0, built.stderr
    assert ("consent banner: this build is for talkomni.github.io, but data/site.yml's url is on talkomni.com"
            in built.stderr)
    config = (tmp_path / "out" / "assets" / "cookieconsent" / "config.js").read_text(encoding="utf-8")
    assert '"domain": "talkomni.com"' in config and '"name": "cookie_consent"' in config
    same = mkdocs_build(site, tmp_path / "same", env={**TODAY, "SITE_URL": "https://www.talkomni.com/cookie-policy/"})
    assert same.returncode == 0 and "consent banner: this build is for" not in same.stderr


# ---------------------------------------------------------------- titles and sitemap


def test_archived_pages_name_their_version_in_the_title(built: Path):
    import re

    def title(path: str) -> str:
        return re.search(r"<title>(.*?)</title>", (built / path).read_text(encoding="utf-8"), re.S).group(1)

    assert title("versions/1.0/index.html").startswith("Cookie Policy, version 1.0 - ")
    assert title("tr/versions/1.0/index.html").startswith("Çerez Politikası, 1.0 sürümü - ")
    assert "version" not in title("index.html") and "sürüm" not in title("tr/index.html")


def test_the_sitemap_has_an_x_default_alternate_at_the_default_language(built: Path):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(built / "sitemap.xml").getroot().findall("s:url", ns)
    assert urls
    for url in urls:
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(links) == {"en", "tr", "x-default"}, url.find("s:loc", ns).text
        assert links["x-default"] == links["en"]  # English is TalkOmni's default language, at the root
        assert "/tr/" not in links["x-default"]


def test_a_production_build_whose_release_declares_no_consent_cookie_says_so(site: Path, tmp_path: Path):
    enable_banner(site, "https://talkomni.com")  # the draft declares it; release 1.0, in force, does not
    built = mkdocs_build(site, tmp_path / "out", env={**TODAY, "POLICY_PRODUCTION": "1",
                                                      "SITE_URL": "https://talkomni.com/cookie-policy/"})
    assert built.returncode == 0, built.stderr
    assert ("consent banner: the release this production build shows declares no consent cookie; until a "
            "release that declares `cookie_consent` is in force, the banner stores the choice in its own "
            "`cc_cookie`") in built.stderr
    config = (tmp_path / "out" / "assets" / "cookieconsent" / "config.js").read_text(encoding="utf-8")
    assert '"cookie_consent"' not in config
    preview = mkdocs_build(site, tmp_path / "preview", env={**TODAY, "SITE_URL": "https://talkomni.com/cookie-policy/"})
    assert preview.returncode == 0 and "declares no consent cookie" not in preview.stderr
