"""Durations as people write them: read into one structure, shown in both languages, diffed, explained."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.text.durations import read_duration
from cookiepolicy.text.localize import format_duration

from .support.helpers import ROOT, copy_site, policy

ATLAS = ROOT / "tests" / "sites" / "atlaspay"

EEA = {"en": "in the EEA and the UK", "tr": "AEA ve Birleşik Krallık'ta"}
US = {"en": "in the US", "tr": "ABD'de"}

# as written, canonical data, English, Turkish
FORMS = [
    ("Session", "session", "Session", "Oturum süresince"),
    ("oturum", "session", "Session", "Oturum süresince"),
    ("Oturum süresince", "session", "Session", "Oturum süresince"),
    ("Persistent", "persistent", "Persistent", "Siz silene kadar"),
    ("45 seconds", "45 seconds", "45 seconds", "45 saniye"),
    ("12 hours", "12 hours", "12 hours", "12 saat"),
    ("24 saat", "24 hours", "24 hours", "24 saat"),
    ("2 weeks", "2 weeks", "2 weeks", "2 hafta"),
    ("iki hafta", "2 weeks", "2 weeks", "2 hafta"),
    ("90 Days", "90 days", "90 days", "90 gün"),
    ("13 Months", "13 months", "13 months", "13 ay"),
    ("1 day", "1 day", "1 day", "1 gün"),
    ("2 WEEKS", "2 weeks", "2 weeks", "2 hafta"),
    ("One year", "1 year", "1 year", "1 yıl"),
    ("a year", "1 year", "1 year", "1 yıl"),
    ("an hour", "1 hour", "1 hour", "1 saat"),
    ("Five minutes", "5 minutes", "5 minutes", "5 dakika"),
    ("twenty-four hours", "24 hours", "24 hours", "24 saat"),
    ("forty five seconds", "45 seconds", "45 seconds", "45 saniye"),
    ("1 yıl", "1 year", "1 year", "1 yıl"),
    ("1 YIL", "1 year", "1 year", "1 yıl"),
    ("bir yıl", "1 year", "1 year", "1 yıl"),
    ("2 sene", "2 years", "2 years", "2 yıl"),
    ("90 gün", "90 days", "90 days", "90 gün"),
    ("13 ay", "13 months", "13 months", "13 ay"),
    ("on iki ay", "12 months", "12 months", "12 ay"),
    ("otuz dakika", "30 minutes", "30 minutes", "30 dakika"),
    ("İki hafta", "2 weeks", "2 weeks", "2 hafta"),
    ("yirmi dört saat", "24 hours", "24 hours", "24 saat"),
    ("until 2030-11-09", {"until": "2030-11-09"}, "Until November 9, 2030", "9 Kasım 2030 tarihine kadar"),
    ({"until": "2030-11-09"}, {"until": "2030-11-09"}, "Until November 9, 2030", "9 Kasım 2030 tarihine kadar"),
    ({"until": {"en": "you sign out", "tr": "oturumu kapatmanıza"}},
     {"until": {"en": "you sign out", "tr": "oturumu kapatmanıza"}}, "Until you sign out", "oturumu kapatmanıza kadar"),
    ({"text": {"en": "About a day", "tr": "Yaklaşık bir gün"}},
     {"text": {"en": "About a day", "tr": "Yaklaşık bir gün"}}, "About a day", "Yaklaşık bir gün"),
    ({"by_region": [{"where": EEA, "duration": "13 Months"}], "elsewhere": "two years"},
     {"by_region": [{"where": EEA, "duration": "13 months"}], "elsewhere": "2 years"},
     "13 months in the EEA and the UK; 2 years elsewhere", "AEA ve Birleşik Krallık'ta 13 ay; diğer bölgelerde 2 yıl"),
    ({"by_region": [{"where": US, "duration": "Session"}, {"where": EEA, "duration": {"until": "2030-11-09"}}]},
     {"by_region": [{"where": US, "duration": "session"}, {"where": EEA, "duration": {"until": "2030-11-09"}}]},
     "Session in the US; until November 9, 2030 in the EEA and the UK",
     "ABD'de oturum süresince; AEA ve Birleşik Krallık'ta 9 Kasım 2030 tarihine kadar"),
]


@pytest.mark.parametrize(("written", "data", "en", "tr"), FORMS, ids=[str(f[0]) for f in FORMS])
def test_written_forms_read_show_and_round_trip(written, data, en: str, tr: str):
    duration = read_duration(written)
    assert duration.to_data() == data
    assert read_duration(data) == duration  # the canonical form reads back as the same value
    assert format_duration(duration, "en") == en
    assert format_duration(duration, "tr") == tr


def test_published_releases_load_as_they_were_written():
    """Releases are never edited: every duration in them reads back to exactly what the file says."""
    release_files = [*ROOT.glob("data/releases/*.yml"), *ROOT.glob("examples/*/data/releases/*.yml")]
    assert release_files
    for path in release_files:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            assert read_duration(item["duration"]).to_data() == item["duration"], (path, item["name"])


def _edit(site: Path, old: str, new: str) -> None:
    path = site / "data" / "cookies.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("duration: 90 Days", "duration: 90 Dayz",
         r"data/cookies.yml:14: error: items[1].duration: cannot read the duration `90 Dayz` "
         r"(did you mean `90 days`?)"),
        ("duration: 90 Days", "duration: 12 hourz",
         r"data/cookies.yml:14: error: items[1].duration: cannot read the duration `12 hourz` "
         r"(did you mean `12 hours`?)"),
        ("duration: 90 Days", "duration: ninty days",
         r"data/cookies.yml:14: error: items[1].duration: cannot read the duration `ninty days` "
         r"(did you mean `ninety days`?)"),
        ("duration: 1 yıl", "duration: 1 yl",
         r"data/cookies.yml:35: error: items[5].duration: cannot read the duration `1 yl` (did you mean `1 yıl`?)"),
        ("duration: Session", "duration: Sesion",
         r"data/cookies.yml:8: error: items[0].duration: cannot read the duration `Sesion` (did you mean `session`?)"),
        ("duration: 90 Days", "duration: 0 days",
         r"data/cookies.yml:14: error: items[1].duration: `0 days` is no time at all "
         r"(give a period longer than zero, or `session`)"),
        ("duration: {until: 2030-11-09}", "duration: {until: 2030-13-09}",
         r"data/cookies.yml:40: error: items[6].duration.until: `2030-13-09` is not a possible date "
         r"(write a real calendar date as YYYY-MM-DD)"),
        ("          duration: 13 months", "          duration: 13 monthz",
         r"data/cookies.yml:68: error: items[10].duration.by_region[0].duration: cannot read the duration "
         r"`13 monthz` (did you mean `13 months`?)"),
        ("      elsewhere: 24 months", "      elsewhere: 24 mnths",
         r"data/cookies.yml:69: error: items[10].duration.elsewhere: cannot read the duration `24 mnths` "
         r"(did you mean `24 months`?)"),
        ("        - where: {en: in the EEA and the UK, tr: AEA ve Birleşik Krallık'ta}",
         "        - where: {en: in the EEA and the UK}",
         r"data/cookies.yml:67: error: items[10].duration.by_region[0].where: missing translation for language "
         r"`tr`"),
        ("duration: otuz dakika", "duration: otuzz dakika",
         r"data/cookies.yml:59: error: items[9].duration: cannot read the duration `otuzz dakika` "
         r"(did you mean `otuz dakika`?)"),
    ],
    ids=["unit", "unit-hint-plural", "number-word", "turkish-unit", "session", "zero", "date", "region", "elsewhere",
         "region-translation", "turkish-number"],
)
def test_unreadable_durations_are_explained(tmp_path: Path, old: str, new: str, message: str):
    site = copy_site(ATLAS, tmp_path / "site")
    _edit(site, old, new)
    result = policy(site, "validate")
    assert result.returncode == 1
    assert message in result.stderr, result.stderr


def test_a_rewording_of_the_same_duration_is_no_change(tmp_path: Path):
    site = copy_site(ATLAS, tmp_path / "site")
    assert policy(site, "release", "1.0", "--effective", "2026-11-01", "--published", "2026-11-01").returncode == 0
    _edit(site, "duration: One year", "duration: 12 months")  # a real change
    _edit(site, "duration: 1 yıl", "duration: one year")  # the same duration, written otherwise
    assert policy(site, "release", "1.1", "--effective", "2026-11-02", "--published", "2026-11-02").returncode == 0
    result = policy(site, "diff", "1.0", "1.1", "--format", "json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    assert [(c["key"], c["fields"]) for c in items] == [
        ("cookie:atlas_locale", [{"field": "duration", "lang": None, "old": "1 year", "new": "12 months"}])]


def test_new_kinds_of_duration_are_diffed(tmp_path: Path):
    site = copy_site(ATLAS, tmp_path / "site")
    assert policy(site, "release", "1.0", "--effective", "2026-11-01", "--published", "2026-11-01").returncode == 0
    _edit(site, "          duration: 13 months", "          duration: 14 months")
    _edit(site, "duration: {until: 2030-11-09}", "duration: {until: 2031-01-31}")
    _edit(site, "en: About a day, renewed on each visit", "en: About a day")
    assert policy(site, "release", "1.1", "--effective", "2026-11-02", "--published", "2026-11-02").returncode == 0
    result = policy(site, "diff", "1.0", "1.1", "--format", "json")
    changes = {c["key"]: c["fields"] for c in json.loads(result.stdout)["items"]}
    assert changes["cookie:_ga"][0]["old"]["by_region"][0]["duration"] == "13 months"
    assert changes["cookie:_ga"][0]["new"]["by_region"][0]["duration"] == "14 months"
    assert changes["cookie:atlas_beta"] == [
        {"field": "duration", "lang": None, "old": {"until": "2030-11-09"}, "new": {"until": "2031-01-31"}}]
    assert changes["cookie:_gid"][0]["new"] == {"text": {"en": "About a day",
                                                          "tr": "Yaklaşık bir gün; her ziyarette yenilenir"}}
    text = policy(site, "diff", "1.0", "1.1", "--format", "text").stdout
    assert "13 months in the EEA and the UK; 24 months elsewhere" in text
    assert "14 months in the EEA and the UK; 24 months elsewhere" in text
    assert "Until January 31, 2031" in text
    turkish = policy(site, "diff", "1.0", "1.1", "--format", "text", "--lang", "tr").stdout
    assert "AEA ve Birleşik Krallık'ta 14 ay; diğer bölgelerde 24 ay" in turkish
    assert "31 Ocak 2031 tarihine kadar" in turkish


def test_the_site_loads_with_every_form(tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(ATLAS, site)
    loaded, report = load_policy(SiteFiles(site))
    assert loaded is not None, report.format()
    kinds = {item.name: item.duration.kind for item in loaded.draft.items}
    assert kinds["_ga"] == "regions" and kinds["atlas_beta"] == "date" and kinds["_gid"] == "text"
    assert kinds["atlas_signup"] == "event" and kinds["atlas_draft"] == "session"
