"""No silent gaps: an item no page shows, and a rename from nothing, are warnings of `policy validate`."""

from __future__ import annotations

from pathlib import Path

from .support.files import replace_text as _replace
from .support.helpers import policy

SESSION_KEY = """
  - name: draft_message
    storage: sessionStorage
    category: strictly-necessary
    purpose: {en: Keeps an unsent message, tr: Gönderilmemiş mesajı saklar}
    duration: session
"""


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")




def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_an_item_no_page_lists_is_a_warning(site: Path):
    cookies = site / "data" / "cookies.yml"
    _append(cookies, SESSION_KEY)
    line = _line_of(cookies, "  - name: draft_message")
    result = policy(site, "validate")
    assert result.returncode == 0
    assert (f"data/cookies.yml:{line}: warning: items[5]: sessionStorage `draft_message` is shown on no page "
            '(no page calls a macro that lists it: add e.g. {{ storage_list("sessionStorage") }})') in result.stderr
    assert policy(site, "validate", "--strict").returncode == 1


def test_each_language_must_list_it(site: Path):
    _append(site / "data" / "cookies.yml", SESSION_KEY)
    _append(site / "docs" / "index.md", '\n{{ storage_list("sessionStorage") }}\n')
    result = policy(site, "validate")
    assert "sessionStorage `draft_message` is shown on no page in `tr`" in result.stderr
    _append(site / "docs" / "index.tr.md", '\n{{ storage_list(storage="sessionStorage", show_names=true) }}\n')
    result = policy(site, "validate", "--strict")
    assert result.returncode == 0, result.stderr


def test_a_page_without_translation_counts_in_every_language_and_archives_do_not(site: Path):
    _append(site / "data" / "cookies.yml", SESSION_KEY)
    call = '\n{{ storage_list("sessionStorage") }}\n'
    for page in ("index.md", "index.tr.md"):
        _append(site / "docs" / page, call)
    released = policy(site, "release", "1.1", "--effective", "2026-12-01", "--published", "2026-11-30")
    assert released.returncode == 0, released.stderr
    assert call.strip() in (site / "docs" / "versions" / "1.1" / "index.md").read_text(encoding="utf-8")
    for page in ("index.md", "index.tr.md"):
        _replace(site / "docs" / page, call, "\n")
    # the archived 1.1 pages still list it, but they show the release, not the draft
    assert "`draft_message` is shown on no page (" in policy(site, "validate").stderr
    (site / "docs" / "storage.md").write_text("# Storage\n" + call, encoding="utf-8")
    result = policy(site, "validate", "--strict")
    assert result.returncode == 0, result.stderr


def test_a_table_without_durations_still_lists_the_item(site: Path):
    _append(site / "data" / "cookies.yml", SESSION_KEY)
    for page in ("index.md", "index.tr.md"):
        _append(site / "docs" / page, '\n{{ cookie_table(storage="sessionStorage", columns=["name", "purpose"]) }}\n')
    assert policy(site, "validate", "--strict").returncode == 0


def test_an_item_of_a_category_described_in_prose_is_no_gap(site: Path):
    _replace(site / "data" / "categories.yml", "  - id: strictly-necessary\n",
             "  - id: strictly-necessary\n    listed: false\n")
    _append(site / "data" / "cookies.yml", SESSION_KEY)
    assert "draft_message" not in policy(site, "validate").stderr


def test_a_rename_from_nothing_is_a_warning(site: Path):
    cookies = site / "data" / "cookies.yml"
    _replace(cookies, "  - name: auth_token\n", "  - name: auth_cookie\n    renamed_from: auth_tokn\n")
    line = _line_of(cookies, "    renamed_from: auth_tokn")
    result = policy(site, "validate")
    assert result.returncode == 0
    assert (f"data/cookies.yml:{line}: warning: items[0].renamed_from: `auth_tokn` is not in version 1.0, "
            "so nothing is renamed (did you mean `auth_token`?)") in result.stderr


def test_a_real_rename_is_no_warning(site: Path):
    _replace(site / "data" / "cookies.yml", "  - name: auth_token\n",
             "  - name: auth_cookie\n    renamed_from: auth_token\n")
    result = policy(site, "validate", "--strict")
    assert result.returncode == 0, result.stderr
    released = policy(site, "release", "1.1", "--effective", "2026-12-01", "--published", "2026-11-30")
    assert released.returncode == 0, released.stderr
    # the rename is published with the item; keeping renamed_from in the draft is no mistake
    result = policy(site, "validate", "--strict")
    assert result.returncode == 0, result.stderr
