"""``policy init``: a new site that builds with ``--strict`` at once, and refusals that write nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cookiepolicy import fsutil
from cookiepolicy.problems import PolicyError
from cookiepolicy.scaffold import init_site, render_templates

from .helpers import policy, read_page
from .test_all_sites import strict_build


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_init_builds_strict_at_once_and_can_be_released(tmp_path: Path):
    result = policy(tmp_path, "init", "new", "--company", "Acme Ltd", "--domain", "acme.example",
                    "--email", "privacy@acme.example")
    assert result.returncode == 0, result.stderr
    assert "created a site in new" in result.stdout
    site = tmp_path / "new"
    files = set(snapshot(site))
    assert {"mkdocs.yml", "macros/main.py", ".gitignore", "data/site.yml", "data/categories.yml",
            "data/services.yml", "data/cookies.yml", "docs/index.md", "docs/index.tr.md", "docs/changelog.md",
            "docs/changelog.tr.md", "docs/versions/index.md", "docs/versions/index.tr.md",
            "schemas/cookies.schema.json"} <= files

    checked = policy(site, "validate", "--strict")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("ok: 1 items")
    built = strict_build(site, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr

    en = read_page(tmp_path / "out" / "index.html")
    assert en.lang == "en"
    assert "Acme Ltd uses on acme.example" in en.text
    assert "Acme Ltd does not use advertising cookies or cross-site tracking cookies on the website." in en.text
    assert en.tables[0] == [["Cookie", "Purpose", "Duration", "Attributes"],
                            ["session", "Keeps you signed in", "Session", "HTTP-only, Secure, SameSite=Lax"]]
    assert "mailto:privacy@acme.example" in en.links
    assert "Draft: this preview shows changes that are not released yet." in en.text
    tr = read_page(tmp_path / "out" / "tr" / "index.html")
    assert tr.lang == "tr"
    assert tr.tables[0][0] == ["Çerez", "Amacı", "Saklama süresi", "Nitelikler"]
    assert "Acme Ltd, internet sitesinde reklam çerezleri veya siteler arası izleme çerezleri kullanmamaktadır." \
        in tr.text
    changelog = read_page(tmp_path / "out" / "changelog" / "index.html")
    assert "Added cookie session" in changelog.text

    released = policy(site, "release", "1.0", "--published", "2026-11-01", "--effective", "2026-11-15")
    assert released.returncode == 0, released.stderr
    built = strict_build(site, tmp_path / "out2")
    assert built.returncode == 0, built.stderr
    page = read_page(tmp_path / "out2" / "index.html")
    assert "Effective date: November 15, 2026 · Version 1.0" in page.text
    assert "Draft" not in page.text
    assert (tmp_path / "out2" / "versions" / "1.0" / "index.html").exists()


def test_init_into_an_existing_empty_folder(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    written = init_site(tmp_path / "empty", company="Example", domain="example.com", email="privacy@example.com")
    assert sorted(p.relative_to(tmp_path / "empty").as_posix() for p in written) == sorted(snapshot(tmp_path / "empty"))


def test_values_are_filled_in_and_quoted(tmp_path: Path):
    init_site(tmp_path / "s", company="Quote 'Co': Ltd", domain="Quote.Example", email="privacy@quote.example")
    site_yml = (tmp_path / "s" / "data" / "site.yml").read_text(encoding="utf-8")
    assert 'company: "Quote \'Co\': Ltd"' in site_yml
    assert "domain: quote.example\n" in site_yml
    checked = policy(tmp_path / "s", "validate", "--strict")
    assert checked.returncode == 0, checked.stderr
    for text in render_templates("X", "x.example", "a@x.example").values():
        assert not re.search(r"__[A-Z_]+__", text)
    for path in sorted((tmp_path / "s" / "data").glob("*.yml")):
        first = path.read_text(encoding="utf-8").split("\n")[0]
        schema = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert schema and (path.parent / schema.group(1)).is_file(), path.name


@pytest.mark.parametrize("prepare", ["file-inside", "hidden-file", "folder-inside"])
def test_refuses_a_folder_that_is_not_empty_and_leaves_it_unchanged(tmp_path: Path, prepare: str):
    site = tmp_path / "site"
    site.mkdir()
    if prepare == "file-inside":
        (site / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    elif prepare == "hidden-file":
        (site / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")
    else:
        (site / "docs").mkdir()
        (site / "docs" / "index.md").write_text("# Mine\n", encoding="utf-8")
    before = snapshot(site)
    before_dirs = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    result = policy(tmp_path, "init", "site")
    assert result.returncode == 1
    assert "site is not empty" in result.stderr and "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before_dirs


def test_refuses_a_file_in_place_of_the_folder(tmp_path: Path):
    (tmp_path / "site").write_text("x", encoding="utf-8")
    result = policy(tmp_path, "init", "site")
    assert result.returncode == 1
    assert "site exists and is not a folder" in result.stderr
    assert (tmp_path / "site").read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--domain", "not a domain", "--domain 'not a domain' is not a domain name"),
    ("--email", "privacy-at-example.com", "is not an e-mail address"),
    ("--company", "   ", "--company must be a name on one line"),
    ("--company", "Two\nLines", "--company must be a name on one line"),
])
def test_refuses_bad_values_and_writes_nothing(tmp_path: Path, option: str, value: str, message: str):
    result = policy(tmp_path, "init", "site", option, value)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    calls = {"n": 0}
    real = fsutil.replace

    def failing(source: Path, target: Path) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk full")
        real(source, target)

    monkeypatch.setattr(fsutil, "replace", failing)
    with pytest.raises(OSError, match="disk full"):
        init_site(tmp_path / "site", company="Example", domain="example.com", email="privacy@example.com")
    assert calls["n"] == 5
    assert not (tmp_path / "site").exists()


def test_init_site_raises_a_policy_error_not_a_traceback(tmp_path: Path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "keep.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(PolicyError, match="is not empty"):
        init_site(tmp_path / "site")
