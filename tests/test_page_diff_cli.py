"""`policy diff` reads the policy pages too: prose, title and table headers are changes, with --exit-code."""

from __future__ import annotations

from pathlib import Path

from .test_git_diff import diff, edit, repo  # noqa: F401  (the fixture: a git repository of the site)


def test_a_prose_change_is_a_change(repo: Path):  # noqa: F811
    page = repo / "docs" / "index.md"
    source = page.read_text(encoding="utf-8")
    assert "## 2. Our approach" in source
    page.write_text(source.replace("We use only what the service needs to work.",
                                   "We use what the service needs to work, and a little more."), encoding="utf-8")
    result = diff(repo, "--format", "text", "--exit-code")
    assert result.returncode == 1, result.stdout
    assert "This change does not alter" not in result.stdout
    assert "1 change to the cookie policy:" in result.stdout
    (said,) = [line for line in result.stdout.splitlines() if "Our approach" in line]
    assert said.startswith("- The wording of section “2. Our approach” of the English page (index.md) changed "
                           "from “We use only what the service needs to work."), said
    assert "“We use what the service needs to work, and a little more." in said
    tr = diff(repo, "--format", "text", "--lang", "tr").stdout
    assert "İngilizce sayfada (index.md) “2. Our approach” bölümünün metni" in tr, tr


def test_a_site_header_change_is_a_change_in_both_pages(repo: Path):  # noqa: F811
    edit(repo, "site.yml", lambda d: d.update(table_headers={"purpose": {"en": "Typical Content",
                                                                         "tr": "Tipik İçerik"}}))
    result = diff(repo, "--format", "text", "--exit-code")
    assert result.returncode == 1
    assert "The column header “Purpose” of the tables of the English page (index.md) changed to “Typical Content”" \
        in result.stdout, result.stdout
    assert "The column header “Amacı” of the tables of the Turkish page (index.tr.md) changed to “Tipik İçerik”" \
        in result.stdout
    assert "purpose text" not in result.stdout


def test_unchanged_pages_add_nothing(repo: Path):  # noqa: F811
    result = diff(repo, "--format", "text", "--exit-code")
    assert result.returncode == 0, result.stdout
