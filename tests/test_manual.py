"""The engine's manual (``manual/``): its reference pages are what their generators write, it builds
strictly with the engine's own macros (its example page is rendered from ``manual/data``) in English
and Turkish, and the README stays a short front page whose first screen is "publish your own policy"."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

import pytest

from cookiepolicy.adapters import reference

from .support.helpers import BIN, ROOT, policy, read_page, run

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
    pages = {re.sub(r"\.tr\.md$", ".md", p.relative_to(MANUAL / "docs").as_posix())
             for p in (MANUAL / "docs").rglob("*.md")}
    nav = set(re.findall(r"([\w/-]+\.md)", (MANUAL / "mkdocs.yml").read_text(encoding="utf-8")))
    assert pages == nav  # every page (in either language) is in the menu, every menu entry is a page
    cli = read_page(tmp_path / "out" / "reference" / "cli" / "index.html")
    assert any(row[0] == "--effective EFFECTIVE" for table in cli.tables for row in table)
    tutorial = read_page(tmp_path / "out" / "tutorial" / "index.html")
    assert "Writing your existing policy as data" in tutorial.text
    assert "This cookie policy is published by {{ company() }}." in tutorial.text  # examples shown, not run

    # The example page: the engine's macros on manual/data, a table per category in each language.
    example = read_page(tmp_path / "out" / "example" / "index.html")
    assert "This cookie policy is published by Fjord Outdoor." in example.text
    assert [row[:3] for table in example.tables for row in table] == [
        ["Cookie", "Purpose", "Duration"], ["cart_id", "Keeps the items in your basket", "Session"],
        ["cookie_consent", "Remembers your cookie choices", "12 months"],
        ["Cookie", "Purpose", "Duration"], ["_pk_id.*", "Tells visits from the same browser apart", "13 months"],
        ["_pk_ses.*", "Groups the pages of one visit", "30 minutes"]]
    assert "https://stripe.com/privacy" in example.links
    turkish = read_page(tmp_path / "out" / "tr" / "example" / "index.html")
    assert "İşbu Çerez Politikası, Fjord Outdoor tarafından yayımlanmaktadır." in turkish.text
    assert {row[0]: row[2] for table in turkish.tables for row in table[1:]} == {
        "cart_id": "Oturum süresince", "cookie_consent": "12 ay", "_pk_id.*": "13 ay", "_pk_ses.*": "30 dakika"}
    # Turkish where it serves users: the tutorial, changing the policy and the home page, under /tr/.
    for page, heading in (("tutorial", "Mevcut politikanızı veri olarak yazmak"),
                          ("how-to/change-the-policy", "Politikayı değiştirmek"),
                          ("", "Veri olarak çerez politikaları")):
        html = (tmp_path / "out" / "tr" / page / "index.html").read_text(encoding="utf-8")
        assert '<html lang="tr"' in html and heading in read_page(tmp_path / "out" / "tr" / page / "index.html").text
    assert "Durations." in read_page(tmp_path / "out" / "tr" / "reference" / "data" / "index.html").text  # English
    # The manual is not the example company's policy: its description and footer stay its own.
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'content="Cookie policies as data, published as localized MkDocs sites"' in home
    assert "Fjord Outdoor" not in home


def test_a_page_that_shows_macro_calls_without_running_them_is_not_checked_against_the_data(site: Path):
    """``render_macros: false``: the calls are examples (the manual's reference pages), so neither the
    page guard nor the argument check reads them; without it, the same call is an error."""
    from cookiepolicy.checks.pageargs import argument_problems
    from cookiepolicy.loading.files import SiteFiles
    from cookiepolicy.loading.policy import load_policy

    example = "# Macros\n\n```jinja\n{{ cookie_table(category=\"nope\") }}\n```\n"
    page = site / "docs" / "macros.md"
    page.write_text("---\nrender_macros: false\n---\n\n" + example, encoding="utf-8")
    files = SiteFiles(root=site)
    loaded, report = load_policy(files)
    assert loaded is not None, report
    assert argument_problems(files, loaded) == []
    assert policy(site, "validate").returncode == 0
    page.write_text(example, encoding="utf-8")
    [problem] = argument_problems(files, loaded)
    assert (problem.file, problem.line) == ("docs/macros.md", 4)
    assert "argument `category='nope'`" in problem.message


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


def _fragments(text: str) -> list[str]:
    """The fixed words of a sentence: what is left between its values (placeholders, numbers, "…")."""
    text = re.sub(r"\{[a-z_]+\}|\b\d+(?:\.\d+)*\b", "…", text)
    return [part.strip(" ,.;:()") for part in text.split("…") if len(part.strip(" ,.;:()")) > 3]


@pytest.mark.parametrize("page", ["how-to/change-the-policy.md", "how-to/change-the-policy.tr.md"])
def test_the_how_to_quotes_the_sentences_the_engine_writes(page: str):
    """Every sentence the how-to quotes from the pages or the build's log (in English or Turkish) is the
    catalogs', word for word."""
    import yaml

    def strings(node: object) -> list[str]:
        if isinstance(node, dict):
            return [s for value in node.values() for s in strings(value)]
        return [node] if isinstance(node, str) else []

    catalogs = ROOT / "src" / "cookiepolicy" / "text" / "catalog"
    written = [re.sub(r"\{[a-z_]+\}", "…", " ".join(s.split())) for lang in ("en", "tr")
               for s in strings(yaml.safe_load((catalogs / f"{lang}.yml").read_text(encoding="utf-8")))]
    text = (MANUAL / "docs" / page).read_text(encoding="utf-8")
    quotes = [" ".join(q.split()) for q in re.findall(r'"([^"`]+)"', text) if not q.startswith(("en=", "tr="))]
    assert len(quotes) >= 8, quotes
    missing = [(q, f) for q in quotes for f in _fragments(q) if not any(f in s for s in written)]
    assert not missing, missing
