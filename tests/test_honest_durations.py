"""Durations a real policy states as it states them: not stated, under a condition, in Turkish
abbreviations; and hints that never change the unit the author wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cookiepolicy.text.durations import DurationError, read_duration
from cookiepolicy.text.localize import format_duration

from .support.helpers import copy_test_site, mkdocs_build, policy, read_page

KEEP_ME = {"en": "if you tick “Keep me logged in”", "tr": "“Beni hatırla” seçeneğini işaretlerseniz"}


@pytest.mark.parametrize(("written", "value", "unit"), [
    ("12 aylar", 12, "month"), ("1 sn", 1, "second"), ("15 dk", 15, "minute"), ("2 sa", 2, "hour"),
    ("3 günler", 3, "day"), ("2 yıllar", 2, "year"), ("5 haftalar", 5, "week"), ("10 seneler", 10, "year"),
])
def test_turkish_abbreviations_and_plurals_read_as_the_unit_written(written: str, value: int, unit: str):
    duration = read_duration(written)
    assert (duration.kind, duration.value, duration.unit) == ("fixed", value, unit)


@pytest.mark.parametrize("written", ["12 aylr", "1 snn", "3 dakka"])
def test_a_hint_never_suggests_another_unit(written: str):
    with pytest.raises(DurationError) as caught:
        read_duration(written)
    hint = caught.value.hint or ""
    meant = {"12 aylr": "month", "1 snn": "second", "3 dakka": "minute"}[written]
    if "did you mean" in hint:  # a guess, then only the same unit
        guessed = read_duration(hint.split("`")[1])
        assert guessed.unit == meant, hint


def test_an_unknown_unit_lists_every_other_form():
    with pytest.raises(DurationError) as caught:
        read_duration("5 parsecs")
    for form in ("`session`", "`not-stated`", "{until: YYYY-MM-DD}", "{text: {en: ..., tr: ...}}", "dk", "sn"):
        assert form in (caught.value.hint or "")


def test_a_fraction_is_refused_with_a_whole_smaller_unit():
    with pytest.raises(DurationError) as caught:
        read_duration("1,5 yıl")
    assert "18 ay" in (caught.value.hint or "")


def test_browser_close_is_the_session():
    assert read_duration("tarayıcı kapanana kadar").kind == "session"


def test_not_stated_is_said_in_both_languages_and_has_no_length():
    duration = read_duration("not-stated")
    assert duration.kind == "not-stated" and duration.seconds() is None
    assert (format_duration(duration, "en"), format_duration(duration, "tr")) == ("Not stated", "Belirtilmemiş")
    assert duration.to_data() == "not-stated"


def test_a_conditional_duration_says_its_condition_and_what_happens_otherwise():
    duration = read_duration({"if": KEEP_ME, "duration": "30 days", "otherwise": "not-set"})
    assert format_duration(duration, "en") == "30 days if you tick “Keep me logged in”; otherwise not set"
    assert format_duration(duration, "tr") == "“Beni hatırla” seçeneğini işaretlerseniz 30 gün; aksi hâlde kullanılmaz"
    assert duration.seconds() is None  # no single length: never compared as one
    assert read_duration(duration.to_data()) == duration
    unstated = read_duration({"if": KEEP_ME, "duration": "30 days"})
    assert format_duration(unstated, "en") == "30 days if you tick “Keep me logged in”"  # otherwise: not said
    with pytest.raises(DurationError):
        read_duration({"if": KEEP_ME, "duration": "not-set"})


@pytest.fixture(scope="module")
def honest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Atlas Pay with a duration its source does not state and one that depends on the visitor's choice."""
    folder = tmp_path_factory.mktemp("honest")
    site = copy_test_site("atlaspay", folder)
    cookies = site / "data" / "cookies.yml"
    text = cookies.read_text(encoding="utf-8")
    text = text.replace("    duration: One year\n", "    duration: not-stated\n", 1)  # atlas_locale
    text = text.replace("    duration: 90 Days\n",
                        "    duration:\n"
                        "      if: {en: if you tick “Keep me logged in”,\n"
                        "           tr: “Beni hatırla” seçeneğini işaretlerseniz}\n"
                        "      duration: 90 days\n      otherwise: not-set\n", 1)  # atlas_remember
    cookies.write_text(text, encoding="utf-8")
    return site


def test_the_pages_show_unstated_and_conditional_durations(honest: Path, tmp_path: Path):
    checked = policy(honest, "validate")  # warns (the lint finding below), refuses nothing
    assert checked.returncode == 0 and "not-stated" in checked.stderr, checked.stderr
    out = tmp_path / "out"
    built = mkdocs_build(honest, out, env={"POLICY_TODAY": "2026-11-22"})
    assert built.returncode == 0, built.stderr
    for page, expected in (("index.html", ("Not stated", "90 days if you tick “Keep me logged in”; otherwise not set")),
                           ("tr/index.html", ("Belirtilmemiş", "“Beni hatırla” seçeneğini işaretlerseniz 90 gün; "
                                                               "aksi hâlde kullanılmaz"))):
        rows = {row[0].split(" (")[0]: row[3] for table in read_page(out / page).tables for row in table[1:]
                if len(row) > 3}
        assert (rows["atlas_locale"], rows["atlas_remember"]) == expected


def test_lint_asks_for_the_unstated_lifetime(honest: Path):
    result = policy(honest, "lint", "--law", "gdpr")
    lines = (honest / "data" / "cookies.yml").read_text(encoding="utf-8").splitlines()
    line = 1 + lines.index("  - name: atlas_locale")
    assert f"missing GDPR Art. 13(2)(a): data/cookies.yml:{line}: the data does not state the lifetime of cookie " \
           "`atlas_locale` (`duration: not-stated`): give the period it is kept" in result.stdout


def test_the_tcf_disclosure_states_no_number_for_an_unstated_lifetime(honest: Path):
    result = policy(honest, "export", "tcf-disclosure", env={"POLICY_TODAY": "2026-11-22"})
    assert result.returncode == 0, result.stderr
    names = [d["identifier"] for d in json.loads(result.stdout)["disclosures"]]
    assert "atlas_locale" not in names and "atlas_remember" in names
    assert "cookie `atlas_locale` is left out of the disclosure: its lifetime is not stated" in result.stderr


def test_a_persistent_cookie_is_a_lifetime_finding_but_local_storage_is_not(site: Path):
    """TalkOmni's TALKOMNI_USER_LOCALE is a `persistent` cookie; its `theme` key is persistent local storage."""
    result = policy(site, "lint", "--law", "kvkk")
    lines = [line for line in result.stdout.splitlines() if "persistent" in line]
    assert len(lines) == 1, result.stdout
    assert "cookie `TALKOMNI_USER_LOCALE` is `persistent`, which is no limited period" in lines[0]


def test_a_text_duration_that_states_none_is_reported_as_not_stated(honest: Path, tmp_path: Path):
    """`{text: {en: not stated, ...}}`, the form authors bent before `not-stated` existed."""
    cookies = honest / "data" / "cookies.yml"
    original = cookies.read_text(encoding="utf-8")
    try:
        cookies.write_text(original.replace("    duration: not-stated\n",
                                            "    duration: {text: {en: Not stated., tr: Belirtilmemiştir}}\n", 1),
                           encoding="utf-8")
        result = policy(honest, "lint", "--law", "gdpr")
        assert "the data does not state the lifetime of cookie `atlas_locale`" in result.stdout, result.stdout
    finally:
        cookies.write_text(original, encoding="utf-8")
