"""``policy init``: a new site that builds with ``--strict`` at once, and refusals that write nothing."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from cookiepolicy.adapters.scaffold import init_site, render_templates
from cookiepolicy.model.problems import PolicyError
from cookiepolicy.safeio import fsutil

from .support.helpers import ROOT, policy, read_page
from .test_all_sites import strict_build

FACTS = ("--company", "Acme Ltd", "--domain", "acme.example", "--email", "privacy@acme.example")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_init_builds_strict_at_once_and_can_be_released(tmp_path: Path):
    result = policy(tmp_path, "init", "new", "--company", "Acme Ltd", "--domain", "acme.example",
                    "--email", "privacy@acme.example")
    assert result.returncode == 0, result.stderr
    assert "created the Acme Ltd cookie policy in new" in result.stdout
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
    assert "does not use" not in en.text  # the starter states nothing the company did not (no `not_used`)
    assert en.tables[0] == [["Cookie", "Purpose", "Duration", "Attributes"],
                            ["session", "Keeps you signed in", "Session", "HTTP-only, Secure, SameSite=Lax"]]
    assert "mailto:privacy@acme.example" in en.links
    assert "Draft: this preview shows changes that are not released yet." in en.text
    tr = read_page(tmp_path / "out" / "tr" / "index.html")
    assert tr.lang == "tr"
    assert tr.tables[0][0] == ["Çerez", "Amacı", "Saklama süresi", "Nitelikler"]
    assert "kullanmamaktadır" not in tr.text and "KVKK" not in tr.text  # no claim, no article cited
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
    for name, text in render_templates("X", "x.example", "a@x.example").items():
        if not name.startswith("engine/"):  # the engine's copy of the templates keeps its placeholders
            assert not re.search(r"__[A-Z_]+__", text), name
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
    result = policy(tmp_path, "init", "site", *FACTS)
    assert result.returncode == 1
    assert "site is not empty" in result.stderr and "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before_dirs


def test_refuses_a_file_in_place_of_the_folder(tmp_path: Path):
    (tmp_path / "site").write_text("x", encoding="utf-8")
    result = policy(tmp_path, "init", "site", *FACTS)
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
    facts = dict(zip(FACTS[::2], FACTS[1::2], strict=True)) | {option: value}
    result = policy(tmp_path, "init", "site", *[x for pair in facts.items() for x in pair])
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
        init_site(tmp_path / "site", company="Example", domain="example.com", email="privacy@example.com")


@pytest.mark.parametrize("missing", ["--domain", "--email"])
def test_a_fact_not_given_is_left_out_not_invented(tmp_path: Path, missing: str):
    """Without a terminal to ask on, a fact not given is not written, and the site still validates."""
    given = [x for i in range(0, len(FACTS), 2) if FACTS[i] != missing for x in FACTS[i:i + 2]]
    result = policy(tmp_path, "init", "site", *given)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    data = yaml.safe_load((site / "data" / "site.yml").read_text(encoding="utf-8"))
    assert {"--domain": "domain", "--email": "contact_email"}[missing] not in data
    assert "url" not in data if missing == "--domain" else data["url"] == "https://acme.example"
    pages = "".join((site / "docs" / p).read_text(encoding="utf-8") for p in ("index.md", "index.tr.md"))
    assert "domain()" not in pages if missing == "--domain" else "domain()" in pages
    assert "contact_email()" not in pages and "not_used_statement()" not in pages
    checked = policy(site, "validate", "--strict")
    assert checked.returncode == 0, checked.stderr


def test_only_a_company_name_or_none(tmp_path: Path):
    """`policy init` with only the company name builds; with none, a placeholder that validation refuses."""
    assert policy(tmp_path, "init", "named", "--company", "Meridyen Kitap").returncode == 0
    assert policy(tmp_path / "named", "validate", "--strict").returncode == 0
    result = policy(tmp_path, "init", "unnamed")
    assert result.returncode == 0, result.stderr
    checked = policy(tmp_path / "unnamed", "validate")
    assert checked.returncode == 1
    assert "data/site.yml:3: error: company: the company is still the placeholder `policy init` wrote (write the " \
           "company's name as its policy states it, e.g. `company: Acme Ltd`)" in checked.stderr
    assert "Traceback" not in checked.stderr


def _next_steps(stdout: str) -> list[str]:
    """The commands ``policy init`` tells the user to run, in order, without their comments."""
    return [line.split("#")[0].strip() for line in stdout.splitlines() if line.startswith("  ")]


@pytest.mark.slow
@pytest.mark.parametrize(("default", "other"), [("en", "tr"), ("tr", "en")])
def test_a_new_site_passes_its_own_make_test_and_builds_the_deploy_artifact(tmp_path: Path, default: str,
                                                                            other: str):
    """The printed next steps, run as written in an empty folder (reusing this checkout's .venv via
    POLICY_VENV: the standalone install is the same commands with pip; see scripts/bootstrap); with
    either language at the root (``--default-language``)."""
    result = policy(tmp_path, "init", "acme", *FACTS, "--default-language", default)
    assert result.returncode == 0, result.stderr
    steps = _next_steps(result.stdout)
    assert steps == ["cd acme", "make serve", "make test"], result.stdout
    site = tmp_path / "acme"
    assert {"Makefile", "README.md", "requirements.lock", "scripts/bootstrap", "engine/pyproject.toml",
            "engine/src/cookiepolicy/adapters/cli/main.py", ".github/workflows/ci.yml", ".github/workflows/deploy.yml",
            ".github/workflows/review.yml", ".github/workflows/review-comment.yml"} <= set(snapshot(site))
    env = {**os.environ, "POLICY_VENV": str(ROOT / ".venv"), "POLICY_TODAY": "2026-11-22"}
    env.pop("MAKEFLAGS", None)
    script = " && ".join(s for s in steps if s != "make serve")
    run = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert ("ok: 1 items" if default == "en" else "sorun yok: 1 öğe") in run.stdout  # in the site's language
    # the deploy workflow's build, as written in it, gives the artifact it uploads (site/)
    deploy = (site / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    assert "run: .venv/bin/mkdocs build --strict --site-dir site" in deploy and "path: site" in deploy
    built = subprocess.run([str(site / ".venv" / "bin" / "mkdocs"), "build", "--strict", "--site-dir", "site"],
                           cwd=site, env={**env, "POLICY_PRODUCTION": "1", "NO_MKDOCS_2_WARNING": "1"},
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    root, second = read_page(site / "site" / "index.html"), read_page(site / "site" / other / "index.html")
    assert (root.lang, second.lang) == (default, other)
    assert "Acme Ltd" in root.text and "privacy@acme.example" in second.text
    html = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert html.count('name="__palette"') == 2, "light and dark palettes, with a toggle"
    assert (site / "site" / "404.html").is_file() and (site / "site" / "sitemap.xml").is_file()


def test_the_new_site_gets_this_repositorys_workflows():
    """Copies of .github/workflows/, less what concerns this repository's examples: the same actions at the
    same pinned versions, and no step or command the repository's workflow does not run."""
    files = render_templates("Acme Ltd", "acme.example", "privacy@acme.example")
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert {f".github/workflows/{w.name}" for w in workflows} == {n for n in files if n.startswith(".github/")}
    for workflow in workflows:
        ours = workflow.read_text(encoding="utf-8").splitlines()
        theirs = files[f".github/workflows/{workflow.name}"].splitlines()
        extra = [line for line in theirs if line not in ours]
        assert not extra, (f"copy .github/workflows/{workflow.name} to "
                           f"src/cookiepolicy/adapters/scaffold_templates/: {extra}")
        left_out = [line for line in ours if line not in theirs]
        assert all("examples/" in line for line in left_out), left_out


def test_the_new_site_pins_what_this_engine_runs_with():
    files = render_templates("Acme Ltd", "acme.example", "privacy@acme.example")
    pins = [line for line in files["requirements.lock"].splitlines() if not line.startswith("#")]
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    assert pins and all(pin in lock for pin in pins), pins
    assert {pin.split("==")[0] for pin in pins} >= {"mkdocs", "mkdocs-material", "mkdocs-static-i18n",
                                                    "mkdocs-macros-plugin"}
    # the audit workflow it writes runs `policy scan`, which drives Chromium through playwright
    assert "playwright" in {pin.split("==")[0] for pin in pins}
    assert ".venv/bin/policy scan" in files[".github/workflows/audit.yml"]
