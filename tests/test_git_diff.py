"""`policy diff` on real git repositories: what a pull request changes, in words, in both languages.

Every test builds a throwaway repository from a copy of the TalkOmni site (main holds release 1.0),
makes commits the way a contributor would, and runs the real `policy` command.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from .support.helpers import ROOT, copy_site, policy

MARKER = "<!-- cookie-policy-review -->"
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Policy Editor", "GIT_AUTHOR_EMAIL": "editor@example.com",
           "GIT_COMMITTER_NAME": "Policy Editor", "GIT_COMMITTER_EMAIL": "editor@example.com"}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, capture_output=True, text=True,
                            check=False, env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout.strip()


def edit(site: Path, name: str, change: Callable[[dict], None]) -> None:
    path = site / "data" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def item(data: dict, name: str) -> dict:
    return next(i for i in data["items"] if i["name"] == name)


def commit(site: Path, message: str) -> str:
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", message)
    return git(site, "rev-parse", "HEAD")


def diff(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = policy(site, "diff", *args)
    assert "Traceback" not in result.stderr, result.stderr
    return result


SAYS = ("What the pages will say", "Sayfalarda yer alacak ifadeler")  # tested in test_page_preview


def lines(output: str) -> list[str]:
    """The listed lines of a review, without its block of what the pages will say."""
    out, skipping = [], False
    for line in output.splitlines():
        if not line.startswith("- ") and line.strip():
            skipping = line.lstrip("# ") in SAYS
        elif line.startswith("- ") and not skipping:
            out.append(line[2:])
    return out


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The TalkOmni site as the only commit of main."""
    site = copy_site(ROOT, tmp_path / "repo")
    git(site, "init", "-q", "-b", "main")
    commit(site, "TalkOmni cookie policy 1.0")
    return site


INTERCOM = {
    "id": "intercom", "name": "Intercom",
    "role": {"en": "customer support chat", "tr": "müşteri destek sohbeti"},
    "sets_cookies": {"en": "sets cookies when you open the support chat.",
                     "tr": "destek sohbetini açtığınızda çerez yerleştirir."},
    "policy_url": "https://www.intercom.com/legal/privacy",
}


def every_kind_of_change(site: Path) -> None:
    """One commit that adds, removes and changes items, renames one and adds a third party."""

    def cookies(d: dict) -> None:
        item(d, "refresh_token")["duration"] = "90 days"
        item(d, "auth_token")["purpose"]["tr"] = "Yönetim paneline girişinizin açık kalmasını sağlar"
        item(d, "auth_token")["attributes"] = ["HttpOnly", "Secure", "SameSite=Lax"]
        item(d, "TALKOMNI_USER_LOCALE")["category"] = "strictly-necessary"
        item(d, "theme")["storage"] = "sessionStorage"
        item(d, "theme")["duration"] = "session"
        chat = item(d, "conversation_id")
        chat.update(name="chat_conversation_id", renamed_from="conversation_id", provider="intercom")
        d["items"].append({
            "name": "intercom-session-*", "match": "wildcard", "storage": "cookie",
            "provider": "intercom", "category": "preferences",
            "duration": "1 week", "purpose": {"en": "Keeps the support chat open", "tr": "Destek sohbetini açık tutar"},
        })

    edit(site, "cookies.yml", cookies)
    edit(site, "services.yml", lambda d: d["services"].append(INTERCOM))


def test_every_kind_of_change_in_english(repo: Path):
    git(repo, "checkout", "-q", "-b", "support-chat")
    every_kind_of_change(repo)
    commit(repo, "Support chat by Intercom")
    assert policy(repo, "validate").returncode == 0
    result = diff(repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    base = git(repo, "rev-parse", "--short", "main")
    assert out.splitlines()[:4] == [MARKER, f"## Cookie policy changes: <code>{base}</code> → working tree", "",
                                    "**Needs fresh consent: 2 changes (a new item in a consent category and a new "
                                    "third party receiving data under consent).**"]
    assert "7 changes to the cookie policy:" in out
    assert lines(out)[:7] == [
        "Added third-party service Intercom (customer support chat).",
        "Renamed local storage key <code>conversation&#95;id</code> to <code>chat&#95;conversation&#95;id</code>. "
        "Local storage key <code>chat&#95;conversation&#95;id</code> (Intercom): provider changed from “TalkOmni” "
        "to “Intercom”.",
        "Cookie <code>TALKOMNI&#95;USER&#95;LOCALE</code> (TalkOmni): category changed from “Preference” to "
        "“Strictly necessary”.",
        "Cookie <code>auth&#95;token</code> (TalkOmni): the Turkish purpose text changed from “Yönetim panelinde "
        "oturumunuzun açık kalmasını sağlar” to “Yönetim paneline girişinizin açık kalmasını sağlar” and "
        "attributes changed from “HTTP&#45;only” to “HTTP&#45;only, Secure, and SameSite&#61;Lax”.",
        "Cookie <code>refresh&#95;token</code> (TalkOmni): duration extended from 30 days to 90 days.",
        "Session storage key <code>theme</code> (TalkOmni): storage type changed from “localStorage” to "
        "“sessionStorage” and duration shortened from persistent to session.",
        "Added cookie <code>intercom&#45;session&#45;&#42;</code> (Intercom, Preference, 1 week).",
    ]
    # what the pages will say: the new Intercom cookie lands in the table of section 3
    says = out.split("### What the pages will say", 1)[1].split("###", 1)[0]
    assert "The English page (index.md), under “3. Cookies we set”, gets a new table row: “intercom" in says
    assert "The Turkish page (index.tr.md), under “3. Kullandığımız çerezler”, gets a new table row: " in says
    attention = out.split("### Needs a reviewer's attention", 1)[1]
    assert lines(attention) == [  # heaviest first: consent, then third parties, then the rest
        "<code>TALKOMNI&#95;USER&#95;LOCALE</code> moved to Strictly necessary, which needs no consent: "
        "check that it is strictly necessary.",
        "<code>intercom&#45;session&#45;&#42;</code> is new and is in Preference, which needs explicit consent: "
        "the site must ask before using it.",
        "New third-party service Intercom: check its privacy policy and what it sets.",
        "<code>chat&#95;conversation&#95;id</code> is set by a third party, Intercom.",
        "<code>intercom&#45;session&#45;&#42;</code> is set by a third party, Intercom.",
        "<code>refresh&#95;token</code> is kept longer than before (30 days → 90 days).",
        "These changes are not in any release yet: run `policy release VERSION --effective DATE` to publish them.",
    ]


def test_every_kind_of_change_in_turkish_plain_text(repo: Path):
    git(repo, "checkout", "-q", "-b", "destek-sohbeti")
    every_kind_of_change(repo)
    commit(repo, "Intercom destek sohbeti")
    out = diff(repo, "--lang", "tr", "--format", "text").stdout
    assert MARKER not in out and "<code>" not in out and "&#" not in out
    base = git(repo, "rev-parse", "--short", "main")
    # first what the change requires (a new consent cookie and a new third party receiving it), then the count
    assert out.splitlines()[:5] == [f"Çerez politikası değişiklikleri: {base} → kaydedilmemiş değişiklikler", "",
                                    "Yeniden açık rıza alınması gerekir: 2 değişiklik (açık rıza gerektiren bir "
                                    "kategoriye eklenen yeni bir çerez veya depolama anahtarı ve açık rızaya "
                                    "dayanılarak veri aktarılan yeni bir üçüncü taraf).", "",
                                    "Çerez politikasında 7 değişiklik:"]
    assert lines(out) == [
        "Intercom üçüncü taraf hizmeti eklendi (müşteri destek sohbeti).",
        "`conversation_id` yerel depolama anahtarının adı `chat_conversation_id` olarak değiştirildi. "
        "Intercom tarafından kullanılan `chat_conversation_id` yerel depolama anahtarının sağlayıcısı “TalkOmni” "
        "yerine “Intercom” olarak değiştirildi.",
        "TalkOmni tarafından kullanılan `TALKOMNI_USER_LOCALE` çerezinin kategorisi “Tercih” yerine “Zorunlu” olarak "
        "değiştirildi.",
        "TalkOmni tarafından kullanılan `auth_token` çerezinin Türkçe amaç metni “Yönetim panelinde oturumunuzun "
        "açık kalmasını sağlar” yerine “Yönetim paneline girişinizin açık kalmasını sağlar” olarak değiştirildi "
        "ve nitelikleri “HttpOnly” yerine “HttpOnly, Secure ve SameSite=Lax” olarak değiştirildi.",
        "TalkOmni tarafından kullanılan `refresh_token` çerezinin saklama süresi 30 günden 90 güne uzatıldı.",
        "TalkOmni tarafından kullanılan `theme` oturum depolama anahtarının depolama türü “localStorage” yerine "
        "“sessionStorage” olarak değiştirildi ve saklama süresi oturum süresince olarak kısaltıldı "
        "(önceden siz silene kadar).",
        "`intercom-session-*` çerezi eklendi (Intercom, Tercih, 1 hafta).",
        "`TALKOMNI_USER_LOCALE`, rıza gerektirmeyen Zorunlu kategorisine taşındı: gerçekten zorunlu olup "
        "olmadığını kontrol edin.",
        "`intercom-session-*` yeni eklendi ve açık rıza gerektiren Tercih kategorisindedir: kullanılmadan önce "
        "açık rıza alınmalıdır.",
        "Yeni üçüncü taraf hizmeti Intercom: gizlilik politikasını ve yerleştirdiği çerezleri kontrol edin.",
        "`chat_conversation_id`, üçüncü bir taraf olan Intercom tarafından yerleştirilmektedir.",
        "`intercom-session-*`, üçüncü bir taraf olan Intercom tarafından yerleştirilmektedir.",
        "`refresh_token` öncekinden daha uzun süre saklanmaktadır (30 gün → 90 gün).",
        "Bu değişiklikler henüz hiçbir sürüme dahil edilmemiştir: yayımlamak için "
        "`policy release SÜRÜM --effective TARİH` komutunu çalıştırın.",
    ]
    assert "İnceleyenin dikkatine" in out
    english = diff(repo, "--format", "text").stdout
    assert "Cookie `refresh_token` (TalkOmni): duration extended from 30 days to 90 days." in english
    assert "Needs a reviewer's attention" in english and "Çerez" not in english


def test_json_lists_every_change_as_data(repo: Path):
    git(repo, "checkout", "-q", "-b", "support-chat")
    every_kind_of_change(repo)
    commit(repo, "Support chat by Intercom")
    data = json.loads(diff(repo, "--format", "json").stdout)
    assert data["changed"] is True and data["valid"] is True and data["errors"] == []
    assert [(s["change"], s["key"]) for s in data["services"]] == [("added", "intercom")]
    items = {i["key"]: i for i in data["items"]}
    assert {k: i["change"] for k, i in items.items()} == {
        "localStorage:chat_conversation_id": "renamed",
        "cookie:TALKOMNI_USER_LOCALE": "changed",
        "cookie:auth_token": "changed",
        "cookie:refresh_token": "changed",
        "sessionStorage:theme": "changed",
        "cookie:intercom-session-*": "added",
    }
    renamed = items["localStorage:chat_conversation_id"]
    assert renamed["renamed_from"] == "localStorage:conversation_id"
    assert renamed["fields"] == [{"field": "provider", "lang": None, "old": "first-party", "new": "intercom"}]
    assert items["cookie:refresh_token"]["fields"] == [
        {"field": "duration", "lang": None, "old": "30 days", "new": "90 days"}]
    auth = items["cookie:auth_token"]
    assert {(f["field"], f["lang"]) for f in auth["fields"]} == {("purpose", "tr"), ("attributes", None)}
    assert not auth["wording_only"]
    theme = items["sessionStorage:theme"]["fields"]
    assert {"field": "storage", "lang": None, "old": "localStorage", "new": "sessionStorage"} in theme
    assert items["cookie:intercom-session-*"]["new"]["provider"] == "intercom"
    assert [a["check"] for a in data["attention"]] == [  # heaviest first (consent, third parties, the rest)
        "no_longer_consent", "new_needs_consent", "new_service", "new_third_party_item", "new_third_party_item",
        "longer", "unreleased"]
    longer = next(a for a in data["attention"] if a["check"] == "longer")
    assert longer == {"check": "longer", "name": "refresh_token", "old": "30 days", "new": "90 days"}


def test_removed_item_and_exit_code(repo: Path):
    result = diff(repo, "--exit-code")
    assert result.returncode == 0, result.stderr
    assert "This change does not alter the cookie policy's facts." in result.stdout
    assert "attention" not in result.stdout
    data = json.loads(diff(repo, "--format", "json", "--exit-code").stdout)
    assert data["changed"] is False and data["attention"] == []
    # an edit in the working tree counts before it is committed
    edit(repo, "cookies.yml", lambda d: d["items"].remove(item(d, "theme")))
    result = diff(repo, "--exit-code", "--format", "text")
    assert result.returncode == 1
    assert lines(result.stdout)[0] == "Removed local storage key `theme` (TalkOmni, Preference, persistent)."
    tr = diff(repo, "--exit-code", "--format", "text", "--lang", "tr")
    assert tr.returncode == 1
    assert lines(tr.stdout)[0] == "`theme` yerel depolama anahtarı kaldırıldı (TalkOmni, Tercih, siz silene kadar)."
    assert diff(repo).returncode == 0, "without --exit-code a change is not a failure"


def test_default_base_is_the_merge_base_with_main(repo: Path):
    git(repo, "checkout", "-q", "-b", "longer-refresh")
    edit(repo, "cookies.yml", lambda d: item(d, "refresh_token").update(duration="60 days"))
    commit(repo, "Keep refresh tokens for 60 days")
    git(repo, "checkout", "-q", "main")
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token").update(duration="1 day"))
    commit(repo, "Meanwhile on main: sessions last a day")
    git(repo, "checkout", "-q", "longer-refresh")
    out = diff(repo, "--format", "text").stdout
    assert lines(out)[0] == "Cookie `refresh_token` (TalkOmni): duration extended from 30 days to 60 days."
    assert "auth_token" not in out, "a change made on main after branching is not this branch's"
    # naming main's tip instead compares with it, so main's change shows up reversed
    against_tip = diff(repo, "main", "--format", "text").stdout
    assert "Cookie `auth_token` (TalkOmni): duration shortened from 1 day to 12 hours." in against_tip
    # the same in a clone, where main is origin/HEAD
    git(repo, "checkout", "-q", "main")
    clone = repo.parent / "clone"
    git(repo.parent, "clone", "-q", "--no-single-branch", repo.as_uri(), str(clone))
    git(clone, "checkout", "-q", "longer-refresh")
    out = diff(clone, "--format", "text").stdout
    assert "refresh_token" in out and "auth_token" not in out


def test_two_revisions_compare_commits(repo: Path):
    first = git(repo, "rev-parse", "HEAD")
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token").update(duration="1 day"))
    second = commit(repo, "Sessions last a day")
    edit(repo, "cookies.yml", lambda d: item(d, "refresh_token").update(duration="7 days"))
    commit(repo, "Shorter refresh")
    out = diff(repo, first, second, "--format", "text").stdout
    assert lines(out) == ["Cookie `auth_token` (TalkOmni): duration extended from 12 hours to 1 day.",
                          "`auth_token` is kept longer than before (12 hours → 1 day).",
                          "These changes are not in any release yet: run `policy release VERSION --effective DATE` "
                          "to publish them."]
    assert "refresh_token" not in out


def test_wording_only_change(repo: Path):
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token")["purpose"].update(
        en="Keeps you signed in to your dashboard"))
    out = diff(repo, "--format", "text").stdout
    assert lines(out)[0] == ("Cookie `auth_token` (TalkOmni): the English purpose text changed from "
                             "“Keeps you signed in to the dashboard” to “Keeps you signed in to your dashboard”.")
    tr = diff(repo, "--format", "text", "--lang", "tr").stdout
    assert lines(tr)[0] == ("TalkOmni tarafından kullanılan `auth_token` çerezinin İngilizce amaç metni “Keeps you "
                            "signed in to the dashboard” yerine “Keeps you signed in to your dashboard” olarak "
                            "değiştirildi.")
    data = json.loads(diff(repo, "--format", "json").stdout)
    (change,) = data["items"]
    assert change["wording_only"] is False, "the to → your changes what it says"
    # only letter case, punctuation, quotes and spaces: that is wording
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token")["purpose"].update(
        en="keeps you  signed in, to the Dashboard!"))
    out = diff(repo, "--format", "text").stdout
    assert lines(out)[0] == "Cookie `auth_token` (TalkOmni): the English purpose text corrected in wording only."
    tr = diff(repo, "--format", "text", "--lang", "tr").stdout
    assert lines(tr)[0] == ("TalkOmni tarafından kullanılan `auth_token` çerezinin İngilizce amaç metni yalnızca "
                            "yazım ve noktalama bakımından düzeltildi.")
    data = json.loads(diff(repo, "--format", "json").stdout)
    (change,) = data["items"]
    assert change["wording_only"] is True
    assert change["fields"] == [{"field": "purpose", "lang": "en", "old": "Keeps you signed in to the dashboard",
                                 "new": "keeps you  signed in, to the Dashboard!"}]
    assert [a["check"] for a in data["attention"]] == ["unreleased"]


def test_new_third_party_service_and_its_cookie(repo: Path):
    edit(repo, "services.yml", lambda d: d["services"].append(INTERCOM))
    edit(repo, "cookies.yml", lambda d: d["items"].append({
        "name": "intercom-id-*", "match": "wildcard", "storage": "cookie",
            "provider": "intercom", "category": "preferences",
        "duration": "9 months", "purpose": {"en": "Recognises you in the support chat",
                                            "tr": "Destek sohbetinde sizi tanır"}}))
    data = json.loads(diff(repo, "--format", "json").stdout)
    assert [a for a in data["attention"] if a["check"] != "unreleased"] == [
        {"check": "new_needs_consent", "name": "intercom-id-*", "category": {"en": "Preference", "tr": "Tercih"}},
        {"check": "new_service", "name": "Intercom"},
        {"check": "new_third_party_item", "name": "intercom-id-*", "provider": "Intercom"},
    ]
    out = diff(repo, "--format", "text").stdout
    assert "Added cookie `intercom-id-*` (Intercom, Preference, 9 months)." in lines(out)
    assert "`intercom-id-*` is set by a third party, Intercom." in lines(out)
    # a first-party cookie is no third party's, and an unchanged provider is not news
    edit(repo, "cookies.yml", lambda d: item(d, "intercom-id-*").update(duration="1 month"))
    commit(repo, "Intercom")
    edit(repo, "cookies.yml", lambda d: item(d, "intercom-id-*").update(duration="2 months"))
    data = json.loads(diff(repo, "HEAD", "--format", "json").stdout)
    assert [a["check"] for a in data["attention"]] == ["longer", "unreleased"]


def test_a_category_that_now_needs_consent(repo: Path):
    edit(repo, "cookies.yml", lambda d: item(d, "refresh_token").update(category="preferences"))
    out = diff(repo, "--format", "text").stdout
    assert ("`refresh_token` moved to Preference, which needs explicit consent: the site must ask before using it."
            in lines(out))
    tr = diff(repo, "--format", "text", "--lang", "tr").stdout
    assert ("`refresh_token`, açık rıza gerektiren Tercih kategorisine taşındı: kullanılmadan önce açık rıza "
            "alınmalıdır." in lines(tr))
    git(repo, "checkout", "-q", "--", "data")
    # the category itself now asks for consent: one point for the category, none per item
    edit(repo, "categories.yml", lambda d: d["categories"][0].update(consent="required"))
    data = json.loads(diff(repo, "--format", "json").stdout)
    assert [a["check"] for a in data["attention"]] == ["category_consent", "unreleased"]
    out = diff(repo, "--format", "text").stdout
    assert "The Strictly necessary category now needs your explicit consent." in lines(out)
    assert "Category Strictly necessary now needs explicit consent." in lines(out)
    assert "strictly-necessary" not in out and "required" not in out, "names and words, not ids and values"
    tr = diff(repo, "--format", "text", "--lang", "tr").stdout
    assert "Zorunlu kategorisi artık açık rızanızı gerektirmektedir." in lines(tr)
    assert "Zorunlu kategorisi artık açık rıza gerektirmektedir." in lines(tr)
    # and the other way round: a category that stops asking needs a second look
    git(repo, "checkout", "-q", "--", "data")
    edit(repo, "categories.yml", lambda d: d["categories"][1].update(consent="exempt"))
    out = diff(repo, "--format", "text").stdout
    assert "The Preference category no longer needs your explicit consent." in lines(out)
    assert ("Category Preference no longer needs explicit consent: check that each of its items is strictly "
            "necessary." in lines(out))


def test_a_longer_duration_only_when_longer(repo: Path):
    def durations(d: dict) -> None:
        item(d, "auth_token")["duration"] = "session"  # shorter
        item(d, "refresh_token")["duration"] = "1 month"  # the same 30 days
        item(d, "TALKOMNI_USER_LOCALE")["duration"] = "1 year"  # shorter than persistent
        item(d, "theme")["duration"] = {"until": {"en": "you sign out", "tr": "oturumu kapatana"}}  # not comparable

    edit(repo, "cookies.yml", durations)
    data = json.loads(diff(repo, "--format", "json").stdout)
    assert len(data["items"]) == 4
    assert "longer" not in [a["check"] for a in data["attention"]]
    git(repo, "checkout", "-q", "--", "data")
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token").update(duration="persistent"))
    out = diff(repo, "--format", "text").stdout
    assert "`auth_token` is kept longer than before (12 hours → persistent)." in lines(out)
    assert "Cookie `auth_token` (TalkOmni): duration extended from 12 hours to persistent." in lines(out)


def test_missing_translation_is_reviewed_not_reported_as_everything_removed(repo: Path):
    edit(repo, "cookies.yml", lambda d: d["items"].append({
        "name": "beta_features", "storage": "cookie", "category": "preferences", "duration": "30 days",
        "purpose": {"en": "Remembers which beta features you turned on"}}))
    assert policy(repo, "validate").returncode == 1
    result = diff(repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "### The policy data does not validate" in out
    assert "data/cookies.yml:" in out and "missing translation for language `tr`" in out
    assert lines(out)[0] == "Added cookie <code>beta&#95;features</code> (TalkOmni, Preference, 30 days)."
    assert "Removed" not in out
    assert "Missing Turkish translation: <code>items&#91;5&#93;.purpose</code> (<code>data/cookies.yml&#58;" in out
    tr = diff(repo, "--lang", "tr", "--format", "text").stdout
    assert "Politika verileri doğrulamadan geçmedi" in tr
    assert any(line.startswith("Türkçe çevirisi eksik: `items[5].purpose` (`data/cookies.yml:") for line in lines(tr))
    data = json.loads(diff(repo, "--format", "json").stdout)
    assert data["valid"] is False and any("missing translation" in e for e in data["errors"])
    missing = next(a for a in data["attention"] if a["check"] == "missing_translation")
    assert missing["language"] == "tr" and missing["field"] == "items[5].purpose"
    assert [i["change"] for i in data["items"]] == ["added"]


def test_unreadable_data_lists_errors_and_no_changes(repo: Path):
    (repo / "data" / "site.yml").write_text("company: [unclosed\n", encoding="utf-8")
    result = diff(repo, "--format", "text", "--exit-code")
    assert result.returncode == 1
    assert "The policy data does not validate" in result.stdout
    assert "The changed data cannot be read" in result.stdout
    assert "Removed" not in result.stdout
    result = diff(repo, "1.0")
    assert result.returncode == 1 and result.stdout == ""
    assert "`1.0` is not a git revision, and the releases cannot be read while data/site.yml has errors" \
        in result.stderr


def test_a_base_that_does_not_validate_is_still_compared(repo: Path):
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token")["purpose"].pop("tr"))
    broken = commit(repo, "Forgot the Turkish purpose")
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token")["purpose"].update(tr="Oturumunuzu açık tutar"))
    result = diff(repo, broken, "--format", "text")
    assert result.returncode == 0, result.stderr
    short = git(repo, "rev-parse", "--short", broken)
    assert f"note: the data at {short} does not validate; comparing what could be read" in result.stderr
    assert lines(result.stdout)[0] == ("Cookie `auth_token` (TalkOmni): the Turkish purpose text added: "
                                       "“Oturumunuzu açık tutar”.")
    assert "Added" not in result.stdout


def test_unreleased_changes_until_a_release_includes_them(repo: Path):
    git(repo, "checkout", "-q", "-b", "shorter-sessions")
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token").update(duration="6 hours"))
    commit(repo, "Shorter sessions")
    unreleased = "These changes are not in any release yet"
    assert unreleased in diff(repo).stdout
    released = policy(repo, "release", "1.1", "--published", "2026-11-20", "--effective", "2026-12-01")
    assert released.returncode == 0, released.stderr
    commit(repo, "Release 1.1")
    out = diff(repo, "--format", "text").stdout
    assert "Cookie `auth_token` (TalkOmni): duration shortened from 12 hours to 6 hours." in lines(out)
    assert unreleased not in out and "attention" not in out
    # a change after the planned release is not in it
    edit(repo, "cookies.yml", lambda d: item(d, "refresh_token").update(duration="7 days"))
    out = diff(repo, "--format", "text").stdout
    assert lines(out)[-1].startswith(unreleased)
    tr = diff(repo, "--format", "text", "--lang", "tr").stdout
    assert lines(tr)[-1].startswith("Bu değişiklikler henüz hiçbir sürüme dahil edilmemiştir")


def test_two_release_versions_compare_releases(repo: Path):
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token").update(duration="1 day"))
    assert policy(repo, "release", "1.1", "--published", "2026-11-20", "--effective", "2026-12-01").returncode == 0
    edit(repo, "cookies.yml", lambda d: item(d, "refresh_token").update(duration="7 days"))
    commit(repo, "Release 1.1 and a draft change")
    result = diff(repo, "1.0", "1.1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[:2] == [MARKER, "## Cookie policy changes: <code>1.0</code> → <code>1.1</code>"]
    assert lines(out)[0] == ("Cookie <code>auth&#95;token</code> (TalkOmni): duration extended from 12 hours "
                             "to 1 day.")
    assert "refresh" not in out, "the draft is not part of release 1.1"
    assert "not in any release" not in out, "a release compared with a release has nothing to publish"
    tr = diff(repo, "1.0", "1.1", "--lang", "tr", "--format", "text").stdout
    assert tr.splitlines()[0] == "Çerez politikası değişiklikleri: 1.0 → 1.1"
    assert lines(tr)[0] == ("TalkOmni tarafından kullanılan `auth_token` çerezinin saklama süresi 12 saatten "
                            "1 güne uzatıldı.")
    assert diff(repo, "1.1", "1.1", "--exit-code").returncode == 0
    # a strictly necessary cookie kept longer: a new notice before processing, no fresh consent
    assert diff(repo, "1.0", "1.1", "--exit-code").returncode == 2
    # one version: that release against the draft
    draft = diff(repo, "1.1", "--format", "text").stdout
    assert draft.splitlines()[0] == "Cookie policy changes: 1.1 → working tree"
    assert lines(draft)[0] == "Cookie `refresh_token` (TalkOmni): duration shortened from 30 days to 7 days."
    unknown = diff(repo, "1.0", "9.9")
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert "`9.9` is neither a published release (releases: 1.0, 1.1) nor a git revision" in unknown.stderr


def test_unknown_base_is_a_clear_message(repo: Path):
    result = diff(repo, "no-such-branch")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("error: unknown revision `no-such-branch`: name a branch, tag or commit")
    outside = copy_site(ROOT, repo.parent / "not-a-repo")
    result = diff(outside)
    assert result.returncode == 1 and "is not inside a git repository" in result.stderr


def _branched(repo: Path) -> str:
    """main moves on after feature branches off; the merge base is main's first commit."""
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo, "cookies.yml", lambda d: item(d, "refresh_token").update(duration="60 days"))
    commit(repo, "Feature")
    git(repo, "checkout", "-q", "main")
    edit(repo, "cookies.yml", lambda d: item(d, "auth_token").update(duration="1 day"))
    commit(repo, "Main moves on")
    return base


def test_shallow_clone_without_the_base_commit(repo: Path):
    base = _branched(repo)
    clone = repo.parent / "shallow"
    git(repo.parent, "clone", "-q", "--depth", "1", "--no-single-branch", repo.as_uri(), str(clone))
    git(clone, "checkout", "-q", "feature")
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    result = diff(clone)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("error: no common history between HEAD and origin/")
    assert "shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr
    result = diff(clone, base)
    assert result.returncode == 1
    assert f"unknown revision `{base}`: this is a shallow clone" in result.stderr
    # the usual CI fix works: fetch the history, then the same command succeeds
    git(clone, "fetch", "-q", "--unshallow")
    result = diff(clone, "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "refresh_token" in result.stdout and "auth_token" not in result.stdout


def test_single_branch_shallow_clone_names_the_fix(repo: Path):
    _branched(repo)
    clone = repo.parent / "one-branch"
    git(repo.parent, "clone", "-q", "--depth", "1", "--branch", "feature", repo.as_uri(), str(clone))
    result = diff(clone)
    assert result.returncode == 1 and result.stdout == ""
    assert "found no default branch" in result.stderr and "shallow clone of one branch" in result.stderr


def test_site_in_a_subfolder_of_the_repository(tmp_path: Path):
    top = tmp_path / "monorepo"
    site = copy_site(ROOT, top / "legal" / "cookies")
    git(top, "init", "-q", "-b", "main")
    commit(top, "Policy in a subfolder")
    edit(site, "cookies.yml", lambda d: item(d, "theme").update(category="strictly-necessary"))
    result = policy(top, "--root", "legal/cookies", "diff", "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "note:" not in result.stderr, "release 1.0 and its archived pages are read from the base too"
    assert lines(result.stdout)[0] == ("Local storage key `theme` (TalkOmni): category changed from “Preference” to "
                                       "“Strictly necessary”.")
