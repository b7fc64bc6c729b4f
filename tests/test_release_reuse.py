"""Releases repeat most entries of the one before: an entry with the same content, checked for the same
languages, is built once per process (validate on 20 releases read from the disk cache rebuilt each),
while an entry checked for other languages is checked again."""

from __future__ import annotations

from pathlib import Path

from cookiepolicy.loading import build
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.model.problems import Report
from cookiepolicy.safeio.yamlsafe import read_yaml

from .support.helpers import policy
from .support.history import edit_yaml

RELEASE = ["release", "1.1", "--published", "2026-08-01", "--effective", "2026-08-15"]
NEXT = ["release", "1.2", "--published", "2026-09-01", "--effective", "2026-09-15"]


def test_an_entry_two_releases_repeat_is_one_item(site: Path):
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(duration="2 days"))
    assert policy(site, *RELEASE).returncode == 0  # two releases written by this engine: the same format
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(duration="1 day"))
    assert policy(site, *NEXT).returncode == 0
    loaded, report = load_policy(SiteFiles(site))
    assert loaded is not None, report.problems
    first, second = loaded.releases[-2:]
    shared = [i for i in second.inventory.items if i in first.inventory.items]
    assert shared and len(shared) == len(second.inventory.items) - 1  # all but the changed one
    for item in shared:
        assert any(item is other for other in first.inventory.items), item.name
    assert all(any(s is o for o in first.inventory.services) for s in second.inventory.services)
    [changed] = [i for i in second.inventory.items if i not in first.inventory.items]
    assert changed.duration.to_data() == "1 day"


def test_the_same_entry_checked_for_more_languages_reports_what_is_missing(tmp_path: Path):
    path = tmp_path / "cookies.yml"
    path.write_text("items:\n  - name: theme\n    storage: cookie\n    purpose: {en: Keeps the theme}\n"
                    "    duration: 1 day\n", encoding="utf-8")
    first, _ = read_yaml(path, "data/cookies.yml")
    again, _ = read_yaml(path, "data/cookies.yml")  # another document, the same content
    quiet, loud = Report(), Report()
    assert build._built_item(first, ("items", 0), first.data["items"][0], ["en"], quiet) is not None
    assert not quiet.problems
    build._built_item(again, ("items", 0), again.data["items"][0], ["en", "tr"], loud)
    assert any(p.field == "items[0].purpose" and "tr" in p.message for p in loud.problems), loud.problems
