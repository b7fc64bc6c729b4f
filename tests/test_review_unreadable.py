"""A review of data that could not be read in full never says the policy is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_git_diff import commit, diff, repo  # noqa: F401  (the fixture: a git repository of the site)

UNCHANGED = {"en": "This change does not alter the cookie policy's facts.",
             "tr": "Bu değişiklik çerez politikasındaki bilgileri etkilememektedir."}
NOT_COMPARED = {"en": "No change was found in what could be read; what could not be read could not be compared, "
                      "so this review cannot say that the cookie policy is unchanged.",
                "tr": "Okunabilen verilerde değişiklik bulunmadı; okunamayan veriler karşılaştırılamadığından bu "
                      "inceleme çerez politikasının değişmediğini söyleyemez."}


@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("broken", ["services.yml", "categories.yml"])
def test_an_unreadable_data_file_is_not_compared_and_not_called_unchanged(repo: Path, lang: str,  # noqa: F811
                                                                           broken: str):
    (repo / "data" / broken).write_text("services: [unclosed\n" if broken == "services.yml"
                                        else "categories: [unclosed\n", encoding="utf-8")
    result = diff(repo, "--format", "text", "--exit-code", "--lang", lang)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert UNCHANGED[lang] not in result.stdout
    assert NOT_COMPARED[lang] in result.stdout, result.stdout


def test_a_clean_unchanged_tree_is_still_called_unchanged(repo: Path):  # noqa: F811
    result = diff(repo, "--format", "text", "--exit-code")
    assert result.returncode == 0, result.stdout
    assert UNCHANGED["en"] in result.stdout


def test_a_new_entry_with_a_typo_is_listed_and_counted_as_not_compared(repo: Path):  # noqa: F811
    from .test_git_diff import edit

    def add(d: dict) -> None:
        d["items"][0]["duration"] = "1 day"
        d["items"].append({"name": "typo_cookie", "storage": "cookie", "category": "preferences",
                           "duration": "12 hourz", "purpose": {"en": "Remembers", "tr": "Hatırlar"}})
        d["items"].append({"name": "good_cookie", "storage": "cookie", "category": "preferences",
                           "duration": "12 hours", "purpose": {"en": "Remembers", "tr": "Hatırlar"}})

    edit(repo, "cookies.yml", add)
    out = diff(repo, "--format", "text", "--exit-code")
    assert out.returncode == 3  # good_cookie is new in a consent category: fresh consent
    text = out.stdout.splitlines()
    assert "3 changes to the cookie policy:" in text  # two described, one that could not be read
    assert "- `typo_cookie` could not be read, so it is not compared: fix the error above to see what it " \
           "changes." in text
    assert not any(line.startswith("- Added cookie `typo_cookie`") for line in text)
    tr = diff(repo, "--format", "text", "--lang", "tr").stdout.splitlines()
    assert "Çerez politikasında 3 değişiklik:" in tr
    assert "- `typo_cookie` okunamadığından karşılaştırılmadı: neyi değiştirdiğini görmek için yukarıdaki hatayı " \
           "düzeltin." in tr
