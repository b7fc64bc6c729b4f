"""`policy export`: JSON, IAB TCF disclosure, cookieconsent configuration, Markdown pages; and the
files a build publishes next to the pages."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from cookiepolicy.exchange.export import from_json
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.loading.schemas import EXPORT_SCHEMAS

from .support.helpers import ROOT, policy
from .support.history import edit_yaml, make_history, release

TODAY = {"POLICY_TODAY": "2026-11-22"}
EXAMPLES = ROOT / "tests" / "fixtures" / "tcf-disclosures"
JSON_SCHEMA = Draft202012Validator(EXPORT_SCHEMAS["cookies-export"])
TCF_SCHEMA = Draft202012Validator(EXPORT_SCHEMAS["tcf-disclosure"])


def export(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = policy(site, "export", *args, env=TODAY)
    assert result.returncode == 0, result.stderr
    return result


def test_published_export_schemas_are_up_to_date():
    for name, schema in EXPORT_SCHEMAS.items():
        published = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert published == schema, f"run `policy schema schemas` to refresh schemas/{name}.schema.json"


# ---------------------------------------------------------------- json


@pytest.mark.parametrize("which", [(), ("--version", "1.0"), ("--in-force",)])
def test_json_validates_and_round_trips(which):
    data = json.loads(export(ROOT, "json", *which).stdout)
    assert not list(JSON_SCHEMA.iter_errors(data))
    policy_now, _ = load_policy(SiteFiles(ROOT))
    site, inventory, release = from_json(data)
    assert site == policy_now.site
    if which:  # 1.0 is the only release, in force since 2026-07-02
        assert release is not None and release.version == "1.0"
        # where the file lies and the snapshot's file format are not facts of the policy
        assert release == replace(policy_now.release("1.0"), path="", format=release.format)
        assert inventory == policy_now.release("1.0").inventory
    else:
        assert release is None and data["release"] is None
        assert inventory == policy_now.draft


def test_json_carries_the_localized_texts_of_the_pages():
    data = json.loads(export(ROOT, "json").stdout)
    locale = next(i for i in data["items"] if i["name"] == "TALKOMNI_USER_LOCALE")
    assert locale["duration_text"] == {"en": "Persistent", "tr": "Siz silene kadar"}
    assert locale["duration_seconds"] is None
    auth = next(i for i in data["items"] if i["name"] == "auth_token")
    assert auth["duration_text"] == {"en": "12 hours", "tr": "12 saat"} and auth["duration_seconds"] == 43200
    necessary = data["categories"][0]
    assert necessary["legal_basis"]["tr"] == \
        "Bu çerezler, talep ettiğiniz hizmetin sunulabilmesi için açık rızanız aranmaksızın kullanılır."
    names = [i["name"] for i in yaml.safe_load((ROOT / "data" / "cookies.yml").read_text())["items"]]
    assert [i["name"] for i in data["items"]] == names


def test_export_stops_on_data_errors_with_the_messages_of_validate(site, tmp_path):
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(category="nope"))
    out = tmp_path / "cookies.json"
    result = policy(site, "export", "json", "-o", str(out))
    validate = policy(site, "validate")
    assert result.returncode == 1 and validate.returncode == 1 and not out.exists()
    problem = next(line for line in validate.stderr.splitlines() if "nope" in line)
    assert problem in result.stderr.splitlines() and "Traceback" not in result.stderr


def test_export_refuses_an_unknown_version_and_writes_nothing(tmp_path):
    out = tmp_path / "cookies.json"
    result = policy(ROOT, "export", "json", "--version", "9.9", "--output", str(out))
    assert result.returncode == 1
    assert "version 9.9 is not a published release (releases: 1.0)" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
    result = policy(ROOT, "export", "json", "--in-force", "--date", "2026-01-01")
    assert result.returncode == 1 and "no release is in force on 2026-01-01" in result.stderr


# ---------------------------------------------------------------- IAB TCF device storage disclosure


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_real_disclosure_files_read_by_the_same_schema(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert not list(TCF_SCHEMA.iter_errors(data))
    # Where real files deviate from the letter of the specification (accepted, as CMPs do):
    for entry in data["disclosures"]:
        if entry["type"] == "web":
            assert "maxAgeSeconds" not in entry  # the spec says null; real files leave it out
        assert entry["domains"] == ["*"]  # "*" alone is meant only for large, dynamic first-party sets


def test_the_schema_rejects_what_the_specification_forbids():
    cookie = {"identifier": "id", "type": "cookie", "maxAgeSeconds": 10, "cookieRefresh": False,
              "domains": ["a.com"], "purposes": [1]}
    assert not list(TCF_SCHEMA.iter_errors({"disclosures": [cookie], "domains": [{"domain": "a.com"}]}))
    bad = [
        {k: v for k, v in cookie.items() if k != "maxAgeSeconds"},  # a cookie states its lifetime
        {**cookie, "identifier": "*"},  # "*" alone is not an identifier
        {**cookie, "identifier": "a*b"},  # wildcards only as prefix or suffix
        {**cookie, "type": "web"},  # non-cookies have a null lifetime
        {**cookie, "domain": "a.com"},  # domain and domains together
    ]
    for entry in bad:
        assert list(TCF_SCHEMA.iter_errors({"disclosures": [entry], "domains": []})), entry
    assert list(TCF_SCHEMA.iter_errors({"disclosures": [], "domains": [{"domain": "https://a.com"}]}))


def test_tcf_disclosure_of_talkomni():
    result = export(ROOT, "tcf-disclosure")
    data = json.loads(result.stdout)
    assert not list(TCF_SCHEMA.iter_errors(data))
    by_name = {(d["identifier"], d["type"]): d for d in data["disclosures"]}
    assert by_name[("auth_token", "cookie")]["maxAgeSeconds"] == 12 * 3600
    assert by_name[("auth_token", "cookie")]["purposes"] == []  # strictly necessary: no purpose 1
    assert by_name[("TALKOMNI_USER_LOCALE", "cookie")]["purposes"] == [1]  # preferences: consent required
    assert by_name[("TALKOMNI_USER_LOCALE", "cookie")]["maxAgeSeconds"] == 400 * 86400
    assert by_name[("theme", "web")]["maxAgeSeconds"] is None
    assert data["domains"] == [{"domain": "talkomni.com"}]
    assert "warning: cookie `TALKOMNI_USER_LOCALE` has no fixed lifetime (persistent)" in result.stderr


def test_tcf_purposes_come_from_data_and_lifetimes_follow_the_spec(site):
    def items(d):
        d["items"] += [
            {"name": "csrf", "storage": "cookie", "category": "strictly-necessary", "duration": "session",
             "purpose": {"en": "Blocks forged requests", "tr": "Sahte istekleri engeller"}},
            {"name": "sso_hint", "storage": "cookie", "category": "strictly-necessary",
             "duration": {"until": {"en": "you sign out", "tr": "oturumu kapatmanıza"}}, "domain": "app.talkomni.com",
             "purpose": {"en": "Remembers your sign-in method", "tr": "Oturum açma yönteminizi hatırlar"}}]

    edit_yaml(site / "data" / "cookies.yml", items)
    (site / "data" / "tcf.yml").write_text(
        "categories:\n  preferences:\n    purposes: [1, 11]\n  strictly-necessary:\n    special_purposes: [1]\n",
        encoding="utf-8")
    result = export(site, "tcf-disclosure")
    data = json.loads(result.stdout)
    assert not list(TCF_SCHEMA.iter_errors(data))
    by_name = {d["identifier"]: d for d in data["disclosures"]}
    assert by_name["csrf"]["maxAgeSeconds"] == 0
    assert by_name["csrf"]["description"] == "Blocks forged requests"  # English, as the specification suggests
    csrf = next(i for i in json.loads(export(site, "json").stdout)["items"] if i["name"] == "csrf")
    assert csrf["duration_seconds"] == 0 and csrf["duration_text"] == {"en": "Session", "tr": "Oturum süresince"}
    assert by_name["csrf"]["specialPurposes"] == [1] and by_name["csrf"]["purposes"] == []
    assert by_name["TALKOMNI_USER_LOCALE"]["purposes"] == [1, 11]
    assert by_name["sso_hint"]["maxAgeSeconds"] == 400 * 86400
    assert by_name["sso_hint"]["domains"] == ["app.talkomni.com"] and by_name["csrf"]["domains"] == ["talkomni.com"]
    assert data["domains"] == [{"domain": "talkomni.com"}, {"domain": "app.talkomni.com"}]
    assert "cookie `sso_hint` has no fixed lifetime" in result.stderr
    assert "`csrf`" not in result.stderr


def test_a_tcf_mapping_that_contradicts_the_legal_basis_is_refused(site, tmp_path):
    (site / "data" / "tcf.yml").write_text("categories:\n  strictly-necessary:\n    purposes: [1]\n"
                                           "  nope:\n    purposes: [1]\n", encoding="utf-8")
    out = tmp_path / "tcf.json"
    result = policy(site, "export", "tcf-disclosure", "-o", str(out))
    assert result.returncode == 1 and not out.exists()
    assert "data/tcf.yml:2: error: categories.strictly-necessary.purposes: purpose 1" in result.stderr
    assert "data/tcf.yml:4: error: categories.nope: `nope` is not a category" in result.stderr
    (site / "data" / "tcf.yml").write_text("categories:\n  preferences:\n    purposes: [one]\n", encoding="utf-8")
    result = policy(site, "export", "tcf-disclosure")
    assert result.returncode == 1 and "data/tcf.yml:3" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- vanilla-cookieconsent


NODE_READ = """
const fs = require('fs'); global.window = {};
eval(fs.readFileSync(process.argv[1], 'utf8'));
const config = window.cookiePolicyConsent; const matches = {};
for (const [id, cat] of Object.entries(config.categories))
  for (const c of (cat.autoClear || {}).cookies || [])
    if (c.name instanceof RegExp) matches[c.name.source] = process.argv.slice(2).filter(n => c.name.test(n));
console.log(JSON.stringify({config, matches}));
"""


def read_config(site: Path, tmp_path: Path, *args: str, names: tuple[str, ...] = ()) -> tuple[dict, dict]:
    out = tmp_path / "config.js"
    export(site, "cookieconsent", *args, "-o", str(out))
    result = subprocess.run([shutil.which("node") or "/usr/bin/node", "-e", NODE_READ, str(out), *names],
                            capture_output=True, text=True, check=True)
    data = json.loads(result.stdout)
    return data["config"], data["matches"]


def test_cookieconsent_configuration_of_talkomni(tmp_path):
    config, _ = read_config(ROOT, tmp_path)
    assert config["categories"] == {
        "strictly-necessary": {"enabled": True, "readOnly": True},
        "preferences": {"autoClear": {"cookies": [{"name": "TALKOMNI_USER_LOCALE"}]}},
    }
    assert config["revision"] == 1
    en, tr = config["language"]["translations"]["en"], config["language"]["translations"]["tr"]
    assert tr["consentModal"]["acceptAllBtn"] == "Tümünü kabul et"
    sections = {s.get("linkedCategory"): s for s in en["preferencesModal"]["sections"]}
    rows = [r["name"] for r in sections["preferences"]["cookieTable"]["body"]]
    assert rows == ["TALKOMNI_USER_LOCALE", "theme (localStorage)"]
    tr_sections = {s.get("linkedCategory"): s for s in tr["preferencesModal"]["sections"]}
    assert tr_sections["preferences"]["title"] == "Tercih"
    assert tr_sections["preferences"]["cookieTable"]["headers"]["duration"] == "Saklama süresi"
    listed = [r["name"].split(" ")[0] for s in en["preferencesModal"]["sections"]
              for r in s.get("cookieTable", {}).get("body", [])]
    names = [i["name"] for i in yaml.safe_load((ROOT / "data" / "cookies.yml").read_text())["items"]]
    assert sorted(listed) == sorted(names)


def test_revision_rises_exactly_when_a_release_changes_what_needs_consent(site, tmp_path):
    make_history(site)  # 1.1 adds a strictly necessary cookie; 1.2 adds a consent cookie; 1.3 removes 1.1's

    def longer(d):
        next(i for i in d["items"] if i["name"] == "intercom-session-*")["duration"] = "2 weeks"

    edit_yaml(site / "data" / "cookies.yml", longer)  # 1.4 only keeps a consent cookie longer
    release(site, "1.4", "2026-11-21", "2026-12-20")
    versions = ("1.0", "1.1", "1.2", "1.3", "1.4")
    revisions = {v: read_config(site, tmp_path, "--version", v)[0]["revision"] for v in versions}
    assert revisions == {"1.0": 1, "1.1": 1, "1.2": 2, "1.3": 2, "1.4": 3}
    config, matches = read_config(site, tmp_path, "--version", "1.2",
                                  names=("intercom-session-abc", "intercom-session", "xintercom-session-1"))
    assert {"name": "refresh_token"} in config["categories"]["preferences"]["autoClear"]["cookies"]
    assert list(matches.values()) == [["intercom-session-abc"]]


# ---------------------------------------------------------------- markdown


def test_markdown_pages_per_language_with_macros_expanded(tmp_path):
    out = tmp_path / "md"
    result = export(ROOT, "markdown", "--output", str(out))
    assert "wrote 8 file(s)" in result.stdout
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert pages == ["en/changelog.md", "en/index.md", "en/versions/1.0/index.md", "en/versions/index.md",
                     "tr/changelog.md", "tr/index.md", "tr/versions/1.0/index.md", "tr/versions/index.md"]
    for page in out.rglob("*.md"):
        assert "{{" not in page.read_text(encoding="utf-8"), page
    en, tr = (out / "en" / "index.md").read_text(), (out / "tr" / "index.md").read_text()
    def head(*names: str) -> str:  # item tables are HTML in the Markdown: row anchors and phone cards
        return "<thead><tr>" + " ".join(f'<th scope="col">{n}</th>' for n in names) + "</tr></thead>"

    assert head("Name", "Purpose", "Duration", "Type") in en and head("Adı", "Amacı", "Saklama süresi", "Türü") in tr
    assert "TalkOmni does not use advertising cookies" in en
    assert "TalkOmni, internet sitesinde reklam çerezleri" in tr
    assert 'policy_version: "1.0"' in (out / "tr" / "versions" / "1.0" / "index.md").read_text()


def test_markdown_of_the_draft_or_of_the_release_in_force(site, tmp_path):
    def add(d):
        d["items"].append({"name": "chat_opened", "storage": "cookie", "category": "preferences",
                           "duration": "1 day", "purpose": {"en": "Remembers that the chat was opened",
                                                            "tr": "Sohbetin açıldığını hatırlar"}})

    edit_yaml(site / "data" / "cookies.yml", add)
    export(site, "markdown", "-o", str(tmp_path / "draft"))
    export(site, "markdown", "--in-force", "-o", str(tmp_path / "in-force"))
    draft = (tmp_path / "draft" / "en" / "index.md").read_text(encoding="utf-8")
    in_force = (tmp_path / "in-force" / "en" / "index.md").read_text(encoding="utf-8")
    assert 'id="cookie-chat_opened"' in draft
    assert "Draft: this preview shows changes that are not released yet." in draft
    assert "chat&#95;" not in in_force and "cookie-chat_opened" not in in_force and "Draft:" not in in_force


def test_production_build_publishes_the_release_in_force(site):
    from cookiepolicy.exchange.export import published

    def add(d):
        d["items"].pop()

    edit_yaml(site / "data" / "cookies.yml", add)
    files = SiteFiles(site)
    preview, _ = published(files, date.fromisoformat("2026-11-22"), production=False)
    production, _ = published(files, date.fromisoformat("2026-11-22"), production=True)
    assert json.loads(production["cookies.json"])["release"]["version"] == "1.0"
    assert json.loads(preview["cookies.json"])["release"] is None
    assert len(json.loads(production["cookies.json"])["items"]) == len(json.loads(preview["cookies.json"])["items"]) + 1
    assert production["versions/1.0/cookies.json"] == production["cookies.json"]


def test_markdown_needs_an_output_folder():
    result = policy(ROOT, "export", "markdown")
    assert result.returncode == 1 and "give --output FOLDER" in result.stderr


# ---------------------------------------------------------------- what the build publishes


def test_build_publishes_the_exports_at_stable_urls(built):
    assert json.loads((built / "cookies.json").read_text()) == json.loads(export(ROOT, "json").stdout)
    assert json.loads((built / "versions" / "1.0" / "cookies.json").read_text()) == \
        json.loads(export(ROOT, "json", "--version", "1.0").stdout)
    tcf = json.loads((built / "tcf-disclosure.json").read_text())
    assert tcf == json.loads(export(ROOT, "tcf-disclosure").stdout)
    assert not list(TCF_SCHEMA.iter_errors(tcf))
    assert (built / "versions" / "1.0" / "tcf-disclosure.json").is_file()


def test_banner_is_off_unless_the_site_enables_it(built):
    assert "cookieconsent" not in (built / "index.html").read_text(encoding="utf-8")
    assert not (built / "assets" / "cookieconsent" / "config.js").exists()


def test_cookie_settings_link_is_hidden_until_the_banner_runs(site, tmp_path):
    page = site / "docs" / "index.tr.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ cookie_settings_link() }}\n", encoding="utf-8")
    export(site, "markdown", "--output", str(tmp_path / "md"))
    assert '<button type="button" class="cp-cookie-settings" data-cc="show-preferencesModal" hidden>' \
        'Çerez tercihlerinizi değiştirin</button>' \
        in (tmp_path / "md" / "tr" / "index.md").read_text(encoding="utf-8")


def test_every_form_of_duration_is_exported_as_its_own_text_and_counts_for_consent(tmp_path):
    """Two items with different durations of the same form (two dates, two texts) each keep their own
    text, and a change to a per-region duration of an item that needs consent asks again."""
    from cookiepolicy.exchange.cookieconsent import consent_facts

    from .test_atlaspay import copy_atlas

    site = copy_atlas(tmp_path)
    cookies = site / "data" / "cookies.yml"
    cookies.write_text(cookies.read_text(encoding="utf-8") + """  - name: atlas_promo
    storage: cookie
    category: necessary
    purpose: {en: Shows the spring offer once, tr: Bahar kampanyasını bir kez gösterir}
    duration: {until: 2031-03-01}
  - name: atlas_hint
    storage: cookie
    category: necessary
    purpose: {en: Remembers a closed hint, tr: Kapatılan ipucunu hatırlar}
    duration: {text: {en: Until the next redesign, tr: Bir sonraki tasarım değişikliğine kadar}}
""", encoding="utf-8")
    exported = policy(site, "export", "json")
    assert exported.returncode == 0, exported.stderr
    texts = {i["name"]: i["duration_text"]["en"] for i in json.loads(exported.stdout)["items"]}
    assert texts["atlas_beta"] == "Until November 9, 2030"
    assert texts["atlas_promo"] == "Until March 1, 2031"
    assert texts["_gid"] == "About a day, renewed on each visit"
    assert texts["atlas_hint"] == "Until the next redesign"

    draft = load_policy(SiteFiles(site))[0].draft
    ga = next(i for i in draft.items if i.name == "_ga")
    longer = replace(ga.duration, elsewhere=replace(ga.duration.elsewhere, value=25))
    changed = replace(draft, items=tuple(replace(i, duration=longer) if i is ga else i for i in draft.items))
    assert consent_facts(changed) != consent_facts(draft)
