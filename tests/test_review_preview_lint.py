"""The review a reviewer can approve from links the built preview and lists the lint's findings."""

from __future__ import annotations

from pathlib import Path

from .support.helpers import policy
from .test_git_diff import diff, edit, repo  # noqa: F401  (the fixture: a git repository of the site)

PREVIEW = "https://github.example/acme/policy/actions/runs/7#artifacts"


def test_the_comment_links_the_preview_and_lists_the_lint_findings(repo: Path):  # noqa: F811
    edit(repo, "site.yml", lambda d: d.update(laws=["kvkk"]))
    edit(repo, "cookies.yml", lambda d: d["items"][0].update(duration="1 day"))
    expected = policy(repo, "lint").stdout.splitlines()
    assert expected, "the site has findings to show"
    out = diff(repo, "--format", "markdown", "--preview-url", PREVIEW).stdout
    assert f"Preview of the pages as this change builds them: [the preview artifact of this run]({PREVIEW})" in out
    section = out.split(f"### Lint findings on this branch ({len(expected)})", 1)[1]
    for finding in expected:
        assert finding in section
    tr = diff(repo, "--format", "markdown", "--lang", "tr", "--preview-url", PREVIEW).stdout
    assert ("Bu değişiklikle oluşturulan sayfaların önizlemesi: [bu çalıştırmanın önizleme dosyası]"
            f"({PREVIEW})") in tr
    assert f"### Bu daldaki denetim bulguları ({len(expected)})" in tr


def test_no_laws_no_lint_section_and_no_link_without_a_url(repo: Path):  # noqa: F811
    edit(repo, "cookies.yml", lambda d: d["items"][0].update(duration="1 day"))
    out = diff(repo, "--format", "markdown").stdout
    assert "Lint findings" not in out and "Preview of the pages" not in out
