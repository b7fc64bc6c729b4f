"""The manual's tutorial, "Writing your existing policy as data" (manual/docs/tutorial.md), and its
Turkish edition (tutorial.tr.md), each run as written: its commands and files make a site that
validates, builds strictly in both languages with the source's facts, and releases version 1.0."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from .support.helpers import BIN, ROOT, mkdocs_build, policy, read_page, run

BLOCK = re.compile(r"<!-- guide: (?P<name>[^ ]+) -->\n```[a-z]*\n(?P<body>.*?)```", re.DOTALL)


TUTORIALS = ("tutorial.md", "tutorial.tr.md")


def guide(tutorial: str = "tutorial.md") -> dict[str, str]:
    section = (ROOT / "manual" / "docs" / tutorial).read_text(encoding="utf-8")
    return {m["name"]: m["body"] for m in BLOCK.finditer(section)}


@pytest.fixture(scope="module", params=TUTORIALS)
def tutorial(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def command(line: str, site: Path) -> list[str]:
    """A ``.venv/bin/policy`` line of the guide, run with this environment's ``policy``."""
    args = shlex.split(line)
    assert args[0] == ".venv/bin/policy", line
    return [str(BIN / "policy"), *[str(site) if a == "../fjord" else a for a in args[1:]]]


@pytest.fixture(scope="module")
def fjord(tmp_path_factory: pytest.TempPathFactory, tutorial: str) -> Path:
    folder = tmp_path_factory.mktemp("guide")
    site = folder / "fjord"
    blocks = guide(tutorial)
    init = blocks["init"].splitlines()[0]
    created = run(command(init, site), folder)
    assert created.returncode == 0, created.stderr
    for name, body in blocks.items():
        if "/" in name:
            (site / name).write_text(body, encoding="utf-8")
    return site


def test_the_guide_has_every_file_and_command(tutorial: str):
    assert set(guide(tutorial)) == {"init", "data/site.yml", "data/categories.yml", "data/cookies.yml",
                            "data/services.yml", "docs/index.md", "docs/index.tr.md", "release"}


def test_the_guide_site_validates_and_builds_with_the_source_facts(fjord: Path, tmp_path: Path):
    checked = policy(fjord, "validate", "--strict")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("ok: 4 items, 1 services, 2 categories")
    built = mkdocs_build(fjord, tmp_path / "out", env={"POLICY_TODAY": "2026-02-20"})
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr

    en = read_page(tmp_path / "out" / "index.html")
    rows = {row[0]: row[1:] for table in en.tables for row in table[1:]}
    # The source's table, row by row: name, purpose, duration as the source wrote it.
    assert rows == {
        "cart_id": ["Keeps the items in your basket", "Session"],
        "cookie_consent": ["Remembers your cookie choices", "12 months"],
        "_pk_id.*": ["Tells visits from the same browser apart", "13 months"],
        "_pk_ses.*": ["Groups the pages of one visit", "30 minutes"],
    }
    assert "These keep the shop working and cannot be switched off." in en.text
    assert "We count visits with Matomo on our own servers." in en.text
    assert "https://stripe.com/privacy" in en.links
    assert "mailto:privacy@fjord-outdoor.example" in en.links
    assert "You can withdraw your consent to analytics cookies at any time" in en.text  # running text

    tr = read_page(tmp_path / "out" / "tr" / "index.html")
    tr_rows = {row[0]: row[-1] for table in tr.tables for row in table[1:]}
    assert tr_rows == {"cart_id": "Oturum süresince", "cookie_consent": "12 ay", "_pk_id.*": "13 ay",
                       "_pk_ses.*": "30 dakika"}
    assert "Ziyaret sayılarını kendi sunucularımızda çalışan Matomo ile ölçmekteyiz." in tr.text
    assert "Mağazanın çalışması için zorunludur ve devre dışı bırakılamaz." in tr.text
    # the guide's category does not state `explicit`: "rıza", not "açık rıza" (the data says only what it says)
    assert "Analitik çerezler için vermiş olduğunuz rızayı dilediğiniz zaman geri alabilirsiniz" in tr.text


def test_the_guide_release_publishes_version_1_0(fjord: Path, tutorial: str, tmp_path: Path):
    released = run(command(guide(tutorial)["release"].strip(), fjord), fjord)
    assert released.returncode == 0, released.stderr
    assert (fjord / "data" / "releases" / "1.0.yml").is_file()
    built = mkdocs_build(fjord, tmp_path / "out", env={"POLICY_TODAY": "2026-03-02", "POLICY_PRODUCTION": "1"})
    assert built.returncode == 0, built.stderr
    page = read_page(tmp_path / "out" / "index.html")
    assert "Effective date: March 1, 2026 · Version 1.0" in page.text
    changelog = read_page(tmp_path / "out" / "tr" / "changelog" / "index.html")
    assert "Verilerden oluşturulan ilk sürüm." in changelog.text


@pytest.mark.parametrize("law", ["gdpr", "kvkk"])
def test_lint_lists_what_the_source_does_not_state(fjord: Path, law: str):
    """Step 5 as the tutorials describe it: exit 1, the legal name and the postal address listed."""
    linted = policy(fjord, "lint", "--law", law)
    assert linted.returncode == 1
    assert "the data holds no legal name of the controller (add `contact.legal_name`)" in linted.stdout
    assert "the data holds no postal address of the controller (add `contact.address`)" in linted.stdout
    assert "no page shows the controller's name" not in linted.stdout  # the pages name the company


def test_each_file_pasted_in_the_guide_s_order_leaves_no_error(tutorial: str, tmp_path: Path):
    """The preview runs while the reader pastes: after each file the data validates (warnings at most)."""
    blocks = guide(tutorial)
    site = tmp_path / "fjord"
    assert run(command(blocks["init"].splitlines()[0], site), tmp_path).returncode == 0
    for name, body in blocks.items():
        if "/" in name:
            (site / name).write_text(body, encoding="utf-8")
            checked = policy(site, "validate")
            assert checked.returncode == 0, (name, checked.stdout + checked.stderr)


def test_the_guide_s_files_keep_the_schema_comment_init_wrote(tutorial: str):
    from cookiepolicy.adapters.scaffold import render_templates

    written = render_templates("Fjord Outdoor", "fjord-outdoor.example", "privacy@fjord-outdoor.example")
    data = {name: body for name, body in guide(tutorial).items() if name.startswith("data/")}
    assert len(data) == 4
    for name, body in data.items():
        assert body.splitlines()[0] == written[name].splitlines()[0], name
        assert body.startswith(f"# yaml-language-server: $schema=../schemas/{name[5:-4]}.schema.json\n"), name


def test_the_guide_s_preview_uses_another_port_than_this_repository_s(tutorial: str):
    serve = guide(tutorial)["init"].splitlines()[1].split("#", 1)[0].split()
    assert serve[:4] == ["cd", "../fjord", "&&", "make"] and serve[4] == "serve"
    port = dict(arg.split("=", 1) for arg in serve[5:])["PORT"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert int(port) != int(re.search(r"^PORT \?= (\d+)$", makefile, re.MULTILINE).group(1))


def test_every_example_site_in_the_data_reference_exists():
    readme = (ROOT / "manual" / "docs" / "reference" / "data.md").read_text(encoding="utf-8")
    table = readme.split("example sites under `tests/sites/`", 1)[1].split("Rules for every file", 1)[0]
    named = set(re.findall(r"^\| `([a-z]+)/` \|", table, re.MULTILINE))
    assert named == {p.name for p in (ROOT / "tests" / "sites").iterdir() if (p / "mkdocs.yml").exists()}


def test_the_manual_s_example_data_is_the_guide_s_files():
    """The manual's example page is built from manual/data: the tutorial's files, byte for byte, so the
    page shows what a reader who follows the tutorial gets."""
    data = {name: body for name, body in guide().items() if name.startswith("data/")}
    manual = {f"data/{p.name}": p.read_text(encoding="utf-8") for p in (ROOT / "manual" / "data").glob("*.yml")}
    assert manual == data


def _commands(body: str) -> list[str]:
    """A block's lines without their shell comments (the comments are in the tutorial's language)."""
    return [line.split("  #", 1)[0].rstrip() for line in body.splitlines()]


def _draft(blocks: dict[str, str], folder: Path):
    from cookiepolicy.loading.files import SiteFiles
    from cookiepolicy.loading.policy import load_policy

    for name, body in blocks.items():
        if name.startswith("data/"):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(body, encoding="utf-8")
    loaded, report = load_policy(SiteFiles(root=folder))
    assert loaded is not None, report.format()
    return loaded.draft


def test_both_tutorials_give_the_same_commands_pages_and_facts(tmp_path: Path):
    """The Turkish tutorial writes the durations as its Turkish source does (`12 ay`); everything else it
    pastes is the English tutorial's, and both data sets are read into the same policy."""
    en, tr = guide("tutorial.md"), guide("tutorial.tr.md")
    assert set(en) == set(tr)
    for name in set(en) - {"data/cookies.yml"}:
        assert _commands(en[name]) == _commands(tr[name]), name
    assert re.findall(r"duration: (.+)", tr["data/cookies.yml"]) == ["Oturum süresince", "12 ay", "13 Ay", "30 dakika"]
    assert _draft(en, tmp_path / "en") == _draft(tr, tmp_path / "tr")
