"""The engine's manual (``manual/``): its reference pages are what their generators write, it builds
strictly, and the README stays a short front page whose first screen is "publish your own policy"."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

import pytest

from cookiepolicy.adapters import reference

from .support.helpers import BIN, ROOT, read_page, run

MANUAL = ROOT / "manual"


@pytest.mark.parametrize("name", reference.PAGES)
def test_each_reference_page_matches_its_generator(name: str):
    written = (MANUAL / "docs" / "reference" / name).read_text(encoding="utf-8")
    assert written == reference.pages()[name], (
        f"run: python -m cookiepolicy.adapters.reference manual/docs/reference ({name})")


def test_the_generators_cover_every_macro_option_and_schema_field():
    from cookiepolicy.adapters.cli.main import build_parser
    from cookiepolicy.render.site import MACROS

    macros, cli, schemas = reference.macros_page(), reference.cli_page(), reference.schemas_page()
    assert all(f"## `{name}`" in macros for name in MACROS)
    assert "| `cid` | <code>str</code> | (required) |" in macros  # legal_basis(cid)
    commands = next(a for a in build_parser()._actions if hasattr(a, "choices") and isinstance(a.choices, dict))
    assert all(f"## `policy {name}`" in cli for name in commands.choices)
    assert "| `--effective` `EFFECTIVE` | YYYY-MM-DD, the day it takes effect (required) |" in cli
    assert "| `items[].name` | yes |" in schemas and "| `contact.legal_name` |  | string |" in schemas
    assert "| `categories[].kind` | yes | one of `necessary`, `preferences`" in schemas


def test_the_writer_writes_what_the_test_compares(tmp_path: Path):
    result = run([str(BIN / "python"), "-m", "cookiepolicy.adapters.reference", str(tmp_path)], ROOT)
    assert result.returncode == 0, result.stderr
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == reference.pages()


@pytest.mark.slow
def test_the_manual_builds_strict_with_every_page(tmp_path: Path):
    result = run([str(BIN / "mkdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(tmp_path / "out")], MANUAL)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    pages = {p.relative_to(MANUAL / "docs").as_posix() for p in (MANUAL / "docs").rglob("*.md")}
    nav = set(re.findall(r"([\w/-]+\.md)", (MANUAL / "mkdocs.yml").read_text(encoding="utf-8")))
    assert pages == nav  # every page is in the menu, every menu entry is a page
    cli = read_page(tmp_path / "out" / "reference" / "cli" / "index.html")
    assert any(row[0] == "--effective EFFECTIVE" for table in cli.tables for row in table)
    tutorial = read_page(tmp_path / "out" / "tutorial" / "index.html")
    assert "Writing your existing policy as data" in tutorial.text


README = ROOT / "README.md"


def test_the_readme_is_short_and_starts_with_publishing_your_own_policy():
    text = README.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 10 * 1024
    first_screen = "\n".join(text.splitlines()[:30])
    assert "## Publish your own policy" in first_screen
    for step in ("policy init", "make serve", "policy release", "push it to GitHub"):
        assert step in first_screen, step


def test_every_file_the_readme_links_to_exists():
    links = re.findall(r"\]\(([^)#]+)\)", README.read_text(encoding="utf-8"))
    local = [link for link in links if "://" not in link]
    assert local and all((ROOT / link).is_file() for link in local), [x for x in local if not (ROOT / x).is_file()]


def test_the_readme_s_publish_steps_run_as_written(tmp_path: Path):
    """init and release as the README writes them, in a sibling folder of a clone."""
    block = README.read_text(encoding="utf-8").split("## Publish your own policy", 1)[1].split("```sh\n", 1)[1]
    lines = [line.split("  #", 1)[0].strip() for line in block.split("```", 1)[0].splitlines()]
    clone = tmp_path / "clone"
    clone.mkdir()
    cwd = clone
    ran = []
    today = dt.date.today().isoformat()
    for line in lines:
        args = shlex.split(line.replace('"$(date +%F)"', today))
        if args[0] == "cd":
            cwd = (cwd / args[1]).resolve()
        elif args[0] == ".venv/bin/policy":
            result = run([str(BIN / "policy"), *args[1:]], cwd)
            assert result.returncode == 0, (line, result.stderr)
            ran.append(args[1])
        elif args[0] == "make":
            assert re.search(rf"^{args[1]}:", (cwd / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert ran == ["init", "release"]
    assert (tmp_path / "acme-cookies" / "data" / "releases" / "1.0.yml").is_file()
