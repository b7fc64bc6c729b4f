"""What `policy diff` and the changelog say about a change: correct, in words, with context.

Each test reproduces a way the review or the changelog misled a reader, through the real
`policy diff` command on a real git repository, or the real `mkdocs build`.
"""

from __future__ import annotations

import json
from pathlib import Path

from .support.helpers import mkdocs_build, read_page
from .test_git_diff import MARKER, commit, diff, edit, git, item, lines, repo  # noqa: F401  (repo: a fixture)


def _branch(repo: Path, name: str) -> None:  # noqa: F811
    git(repo, "checkout", "-q", "-b", name)


# ---------------------------------------------------------------- a side that cannot be read is not a removal


def test_a_missing_colon_is_reported_as_unreadable_not_as_removals(repo: Path):  # noqa: F811
    _branch(repo, "typo")
    cookies = repo / "data" / "cookies.yml"
    cookies.write_text(cookies.read_text(encoding="utf-8").replace("storage: cookie", "storage cookie", 1),
                       encoding="utf-8")
    edit(repo, "services.yml", lambda d: d["services"][0].update(policy_url="https://stripe.com/privacy-center"))
    commit(repo, "A typo and a new Stripe link")
    result = diff(repo, "main", "HEAD", "--format", "text", "--exit-code")
    assert result.returncode == 1, "nobody can say the policy is unchanged"
    out = result.stdout
    assert not [x for x in lines(out) if x.startswith("Removed")] and "auth_token" not in out
    assert "data/cookies.yml could not be read, so its entries are not compared: none of them is reported as " \
        "added or removed." in out
    assert out.index("The policy data does not validate") < out.index("data/cookies.yml could not be read")
    assert "data/cookies.yml:" in out.split("could not be read")[0], "the error itself, with file and line"
    # what could be read is still compared
    assert ("Third-party service Stripe: privacy policy link changed from `https://stripe.com/privacy` to "
            "`https://stripe.com/privacy-center`." in lines(out))
    md = diff(repo, "main", "HEAD").stdout
    assert md.index("```") < md.index("could not be read") < md.index("1 change to the cookie policy:")
    tr = diff(repo, "main", "HEAD", "--format", "text", "--lang", "tr").stdout
    assert "kaldırıldı" not in tr
    assert "data/cookies.yml dosyası okunamadığından içindeki kayıtlar karşılaştırılmadı" in tr
    data = json.loads(diff(repo, "main", "HEAD", "--format", "json").stdout)
    assert data["complete"] is False and data["unreadable_files"] == ["data/cookies.yml"]
    assert data["items"] == []


def test_a_bad_duration_is_one_unreadable_item_not_a_removal(repo: Path):  # noqa: F811
    _branch(repo, "hourz")
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token").update(duration="12 hourz"))
    edit(repo, "cookies.yml", lambda d: item(d, "refresh_token").update(duration="60 days"))
    commit(repo, "Typo in a duration")
    result = diff(repo, "main", "HEAD", "--format", "text", "--exit-code")
    assert result.returncode == 2  # what could be compared: a strictly necessary cookie kept longer (a notice)
    assert not [x for x in lines(result.stdout) if x.startswith("Removed")]
    assert "Could not be read, so not compared: auth_token." in result.stdout.splitlines()
    assert "Cookie `refresh_token` (TalkOmni): duration extended from 30 days to 60 days." in lines(result.stdout)
    tr = diff(repo, "main", "HEAD", "--format", "text", "--lang", "tr").stdout
    assert "kaldırıldı" not in tr and "Okunamadığı için karşılaştırılmayanlar: auth_token." in tr
    data = json.loads(diff(repo, "main", "HEAD", "--format", "json").stdout)
    assert data["not_compared"] == [{"side": "new", "entity": "item", "key": "cookie:auth_token"}]


def test_an_unreadable_base_is_not_compared_as_empty(repo: Path):  # noqa: F811
    site = repo / "data" / "site.yml"
    site.write_text("company: [unclosed\n", encoding="utf-8")
    broken = commit(repo, "Broken site.yml")
    git(repo, "checkout", "-q", "HEAD~1", "--", "data/site.yml")
    result = diff(repo, broken, "--format", "text", "--exit-code")
    assert result.returncode == 1
    assert not [x for x in lines(result.stdout) if x.startswith("Added")]
    short = git(repo, "rev-parse", "--short", broken)
    assert f"The data at {short} could not be read" in result.stdout
    assert f"The data at {short} cannot be read, so nothing is compared with it." in result.stdout
    data = json.loads(diff(repo, broken, "--format", "json").stdout)
    assert data["changed"] is None and data["complete"] is False
    assert any("data/site.yml" in e for e in data["base_errors"]) and data["errors"] == []


def test_an_entry_the_base_cannot_read_is_not_reported_as_added(repo: Path):  # noqa: F811
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token").update(duration="12 hourz"))
    broken = commit(repo, "Typo in a duration")
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token").update(duration="12 hours"))
    result = diff(repo, broken, "--format", "text", "--exit-code")
    assert result.returncode == 1
    assert not [x for x in lines(result.stdout) if x.startswith("Added")]
    assert "Could not be read, so not compared: auth_token." in result.stdout.splitlines()
    data = json.loads(diff(repo, broken, "--format", "json").stdout)
    assert data["not_compared"] == [{"side": "old", "entity": "item", "key": "cookie:auth_token"}]


# ---------------------------------------------------------------- words, not raw values


def test_cross_site_and_an_unlisted_service_are_sentences(repo: Path):  # noqa: F811
    edit(repo, "cookies.yml", lambda d: item(d, "theme").update(cross_site=True))
    edit(repo, "services.yml", lambda d: d["services"][0].update(listed=False))
    out = diff(repo, "--format", "text").stdout
    assert "Local storage key `theme` (TalkOmni): now used across sites." in lines(out)
    assert "Stripe is no longer in the list of third-party services." in lines(out)
    tr = diff(repo, "--format", "text", "--lang", "tr").stdout
    assert ("TalkOmni tarafından kullanılan `theme` yerel depolama anahtarının siteler arası kullanımı başladı."
            in lines(tr))
    assert "Stripe artık üçüncü taraf hizmetleri listesinde yer almamaktadır." in lines(tr)


def test_a_deleted_translation_is_a_deletion(repo: Path):  # noqa: F811
    edit(repo, "cookies.yml", lambda d: item(d, "theme")["purpose"].pop("tr"))
    out = diff(repo, "--format", "text").stdout
    assert "Local storage key `theme` (TalkOmni): the Turkish purpose text deleted." in lines(out)
    tr = diff(repo, "--format", "text", "--lang", "tr").stdout
    assert "TalkOmni tarafından kullanılan `theme` yerel depolama anahtarının Türkçe amaç metni silindi." in lines(tr)
    assert "yok" not in tr and "(tr)" not in tr


def test_a_real_change_of_meaning_shows_old_and_new_text(repo: Path):  # noqa: F811
    edit(repo, "cookies.yml", lambda d: item(d, "theme")["purpose"].update(en="Remembers your postcode"))
    commit(repo, "postcode")
    edit(repo, "cookies.yml", lambda d: item(d, "theme")["purpose"].update(en="Remembers your partial-postcode"))
    role = "bot protection and abuse analytics for public forms and the chat widget"
    edit(repo, "services.yml", lambda d: d["services"][1]["role"].update(en=role))
    out = diff(repo, "HEAD", "--format", "text").stdout
    assert ("Local storage key `theme` (TalkOmni): the English purpose text changed from “Remembers your postcode” "
            "to “Remembers your partial-postcode”." in lines(out))
    assert ("Third-party service Cloudflare Turnstile: the English role text changed from “bot protection for "
            "public forms and the chat widget” to “bot protection and abuse analytics for public forms and the "
            "chat widget”." in lines(out))
    assert "wording" not in out
    assert ("The role of Cloudflare Turnstile changed: check that the policy still says what it does for the site."
            in lines(out))


def test_a_long_text_is_shortened_around_what_changed(repo: Path):  # noqa: F811
    start = "when you open the checkout or billing portal (hosted by Stripe), Stripe sets cookies "
    edit(repo, "services.yml", lambda d: d["services"][0]["sets_cookies"].update(
        en=start + "required for secure payment processing, fraud prevention and statistics."))
    out = diff(repo, "--format", "text").stdout
    (line,) = [x for x in lines(out) if x.startswith("Third-party service Stripe")]
    assert line == ("Third-party service Stripe: the English description of its cookies changed from "
                    "“…secure payment processing and fraud prevention.” to “…secure payment processing, fraud "
                    "prevention and statistics.”.")


def test_places_by_name_and_a_new_item_that_needs_consent(repo: Path):  # noqa: F811
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token").update(used_on=["dashboard", "widget"]))
    edit(repo, "cookies.yml", lambda d: d["items"].append({
        "name": "chat_sound", "storage": "localStorage", "category": "preferences", "duration": "persistent",
        "purpose": {"en": "Remembers whether chat sounds are on", "tr": "Sohbet seslerinin açık olup olmadığını "
                    "hatırlar"}}))
    out = diff(repo, "--format", "text").stdout
    assert ("Cookie `auth_token` (TalkOmni): where it is used changed from “the dashboard” to “the dashboard and "
            "the embeddable chat widget”." in lines(out))
    assert ("`chat_sound` is new and is in Preference, which needs explicit consent: the site must ask before using it."
            in lines(out))
    tr = diff(repo, "--format", "text", "--lang", "tr").stdout
    assert ("TalkOmni tarafından kullanılan `auth_token` çerezinin kullanıldığı yerler “yönetim paneli” yerine "
            "“yönetim paneli ve web sitelerine yerleştirilebilen sohbet aracı” olarak değiştirildi." in lines(tr))
    assert ("`chat_sound` yeni eklendi ve açık rıza gerektiren Tercih kategorisindedir: kullanılmadan önce açık "
            "rıza alınmalıdır." in lines(tr))


def test_a_new_item_with_an_unreadable_duration_is_listed_as_not_compared(repo: Path):  # noqa: F811
    """The reviewer sees that a cookie is being added even when its duration cannot be read (review L16)."""
    _branch(repo, "hotspot")
    edit(repo, "cookies.yml", lambda d: d["items"].append({
        "name": "tt_hotspot", "storage": "cookie", "category": "strictly-necessary", "duration": "2 saatt",
        "purpose": {"en": "Keeps the hotspot session", "tr": "Erişim noktası oturumunu sürdürür"}}))
    commit(repo, "A new cookie with a typo in its duration")
    tr = diff(repo, "main", "HEAD", "--format", "text", "--lang", "tr").stdout
    assert "Okunamadığı için karşılaştırılmayanlar: tt_hotspot." in tr.splitlines()
    data = json.loads(diff(repo, "main", "HEAD", "--format", "json").stdout)
    assert data["not_compared"] == [{"side": "new", "entity": "item", "key": "cookie:tt_hotspot"}]

def test_a_changed_policy_link_and_site_facts_need_attention(repo: Path):  # noqa: F811
    edit(repo, "services.yml", lambda d: d["services"][0].update(policy_url="https://stripe.com/privacy-center"))
    site = repo / "data" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("support@talkomni.com", "privacy@talkomni.com")
                    .replace("company: TalkOmni", "company: TalkOmni Ltd").replace("talkomni.com", "talkomni.ai"),
                    encoding="utf-8")
    out = diff(repo, "--format", "text").stdout
    data = json.loads(diff(repo, "--format", "json").stdout)
    assert {"field": "company", "lang": None, "old": "TalkOmni", "new": "TalkOmni Ltd"} in data["site"]
    assert [(a["fact"], a["old"], a["new"]) for a in data["attention"] if a["check"] == "site_fact"] == [
        ("company", "TalkOmni", "TalkOmni Ltd"), ("domain", "talkomni.com", "talkomni.ai"),
        ("url", "https://talkomni.com", "https://talkomni.ai"),
        ("contact_email", "support@talkomni.com", "privacy@talkomni.ai")]
    assert ("The company name changed from `TalkOmni` to `TalkOmni Ltd`: check every page and notice that "
            "names it." in lines(out))
    assert ("The privacy policy link of Stripe changed to `https://stripe.com/privacy-center`: check that it opens "
            "that company's current policy." in lines(out))
    assert ("The contact e-mail address changed from `support@talkomni.com` to `privacy@talkomni.ai`: check every "
            "page and notice that names it." in lines(out))
    tr = diff(repo, "--format", "text", "--lang", "tr").stdout
    assert ("İletişim e-posta adresi `support@talkomni.com` yerine `privacy@talkomni.ai` olarak değiştirildi: "
            "bunu anan her sayfayı ve bildirimi kontrol edin." in lines(tr))
    assert ("Stripe gizlilik politikası bağlantısı `https://stripe.com/privacy-center` olarak değiştirildi: "
            "bağlantının şirketin güncel politikasını açtığını kontrol edin." in lines(tr))



def test_a_site_fact_no_longer_stated_is_removed_not_changed_to_nothing(repo: Path):  # noqa: F811
    """A removed fact is said to be removed (never "changed from `x` to `none`", the style guide's rule)."""
    site = repo / "data" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("url: https://talkomni.com\n", ""), encoding="utf-8")
    data = json.loads(diff(repo, "--format", "json").stdout)
    assert [(a["check"], a["fact"]) for a in data["attention"] if a["check"].startswith("site_fact")] == [
        ("site_fact_removed", "url")]
    assert ("The website address (`https://talkomni.com`) was removed: check every page and notice that names it."
            in lines(diff(repo, "--format", "text").stdout))
    tr = lines(diff(repo, "--format", "text", "--lang", "tr").stdout)
    assert ("İnternet sitesi adresi (`https://talkomni.com`) kaldırıldı: bunu anan her sayfayı ve bildirimi kontrol "
            "edin." in tr)
    assert not [line for line in tr if "`yok`" in line]

def test_the_public_changelog_says_it_in_words(repo: Path, tmp_path: Path):  # noqa: F811
    """The changes that crashed the Turkish changelog or showed raw values, through a real build."""
    edit(repo, "categories.yml", lambda d: d["categories"][1].update(consent="exempt"))
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token").update(used_on=["dashboard", "widget"]))
    edit(repo, "services.yml", lambda d: d["services"][0].update(listed=False))
    out = tmp_path / "site"
    result = mkdocs_build(repo, out, strict=False)
    assert result.returncode == 0, result.stderr
    tr = read_page(out / "tr" / "changelog" / "index.html")
    assert "Traceback" not in tr.text and "KeyError" not in tr.text
    assert "Tercih kategorisi artık açık rızanızı gerektirmemektedir." in tr.text
    assert ("TalkOmni tarafından kullanılan auth_token çerezinin kullanıldığı yerler “yönetim paneli” yerine "
            "“yönetim paneli ve web sitelerine yerleştirilebilen sohbet aracı” olarak değiştirildi." in tr.text)
    assert "Stripe artık üçüncü taraf hizmetleri listesinde yer almamaktadır." in tr.text
    for raw in ("required", "exempt", "widget,", "(tr)"):
        assert raw not in tr.text
    en = read_page(out / "changelog" / "index.html")
    assert "The Preference category no longer needs your explicit consent." in en.text
    assert "Stripe is no longer in the list of third-party services." in en.text
