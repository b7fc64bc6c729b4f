"""A new site records the engine it was made with and where it installs it from (``engine.txt``:
the vendored copy, a wheel or a git URL); ``policy doctor`` says which engine, site generator and
packages it runs and what is out of date."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from cookiepolicy import __version__

from .support.helpers import BIN, ROOT, policy, run
from .support.tree import snapshot
from .test_runners import fake_install

FACTS = ("--company", "Acme Ltd", "--domain", "acme.example", "--email", "privacy@acme.example")


def new_site(tmp_path: Path, *engine: str) -> Path:
    result = policy(tmp_path, "init", "acme", *FACTS, *engine)
    assert result.returncode == 0, result.stderr
    return tmp_path / "acme"


def engine_line(site: Path) -> str:
    return next(x for x in (site / "engine.txt").read_text(encoding="utf-8").splitlines() if not x.startswith("#"))


def test_a_new_site_records_its_engine_version_and_installs_the_vendored_copy(tmp_path: Path):
    site = new_site(tmp_path)
    text = (site / "engine.txt").read_text(encoding="utf-8")
    assert f"# made with: cookiepolicy {__version__}\n" in text
    assert engine_line(site) == "./engine" and (site / "engine" / "pyproject.toml").is_file()
    assert "-r engine.txt" in (site / "scripts" / "bootstrap").read_text(encoding="utf-8")


def test_doctor_on_a_new_site_names_the_engine_and_finds_nothing_out_of_date(tmp_path: Path):
    site = new_site(tmp_path)
    result = policy(site, "doctor")
    assert result.returncode == 0, result.stderr
    assert f"engine: cookiepolicy {__version__} is installed" in result.stdout
    assert f"engine: engine.txt installs ./engine; the site was made with cookiepolicy {__version__}" in result.stdout
    assert re.search(r"^site generator: mkdocs 1\.", result.stdout, re.MULTILINE)
    pins = [x for x in (site / "requirements.lock").read_text(encoding="utf-8").splitlines() if "==" in x]
    assert f"packages: {len(pins)} pinned in requirements.lock" in result.stdout
    assert result.stdout.endswith("ok: the engine and every pinned package are the versions the site names\n")


def test_doctor_says_which_pin_and_which_engine_copy_are_out_of_date(tmp_path: Path):
    site = new_site(tmp_path)
    lock = site / "requirements.lock"
    lines = lock.read_text(encoding="utf-8").splitlines()
    number = next(i for i, x in enumerate(lines, start=1) if x.startswith("mkdocs-material=="))
    have = lines[number - 1].split("==")[1]
    lines[number - 1] = "mkdocs-material==9.0.0"
    lock.write_text("\n".join(lines) + "\n", encoding="utf-8")
    vendored = site / "engine" / "src" / "cookiepolicy" / "__init__.py"
    vendored.write_text(vendored.read_text(encoding="utf-8").replace(__version__, "0.0.1"), encoding="utf-8")
    result = policy(site, "doctor")
    assert result.returncode == 1
    assert (f"out of date: requirements.lock:{number}: mkdocs-material {have} is installed, the site pins 9.0.0: "
            "run scripts/bootstrap") in result.stderr
    assert f"out of date: engine/ holds cookiepolicy 0.0.1, but {__version__} is installed" in result.stderr
    assert "Traceback" not in result.stderr


def test_doctor_reports_mkdocs_2(tmp_path: Path):
    site = new_site(tmp_path)
    shadow = fake_install(tmp_path / "shadow", "mkdocs", "2.0.dev6")
    result = run([str(BIN / "policy"), "doctor"], site, {"PYTHONPATH": str(shadow)})
    assert result.returncode == 1
    assert "out of date: mkdocs 2.0.dev6 is installed; MkDocs 2 runs no plugins" in result.stderr


def test_a_site_can_install_the_engine_from_a_git_url(tmp_path: Path):
    site = new_site(tmp_path, "--engine", "git+https://git.example/cookiepolicy.git@v1.2.0")
    assert engine_line(site) == "cookiepolicy @ git+https://git.example/cookiepolicy.git@v1.2.0"
    assert not (site / "engine").exists()
    assert (site / "requirements.lock").is_file()


def test_a_site_can_install_the_engine_from_a_wheel(tmp_path: Path):
    wheel = tmp_path / "dist" / f"cookiepolicy-{__version__}-py3-none-any.whl"
    wheel.parent.mkdir()
    wheel.write_bytes(b"PK")
    site = new_site(tmp_path, "--engine", str(wheel))
    assert engine_line(site) == str(wheel) and not (site / "engine").exists()
    url = f"https://downloads.example/cookiepolicy-{__version__}-py3-none-any.whl"
    other = policy(tmp_path, "init", "by-url", *FACTS, "--engine", url)
    assert other.returncode == 0, other.stderr
    assert engine_line(tmp_path / "by-url") == f"cookiepolicy @ {url}"


def test_doctor_says_when_engine_txt_names_another_wheel_version(tmp_path: Path):
    site = new_site(tmp_path, "--engine", "https://downloads.example/cookiepolicy-9.9.9-py3-none-any.whl")
    result = policy(site, "doctor")
    assert result.returncode == 1
    assert f"out of date: engine.txt: names cookiepolicy 9.9.9, but {__version__} is installed" in result.stderr


@pytest.mark.parametrize("source, message", [
    ("engine-please", "--engine 'engine-please': give vendored"),
    ("/nowhere/cookiepolicy-0.1.0-py3-none-any.whl", "no such wheel file"),
])
def test_a_bad_engine_source_is_refused_and_nothing_is_written(tmp_path: Path, source: str, message: str):
    result = policy(tmp_path, "init", "acme", *FACTS, "--engine", source)
    assert result.returncode == 1
    assert message in result.stderr and "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "acme").exists() or snapshot(tmp_path / "acme") == {}


@pytest.mark.slow
def test_the_vendored_engine_installs_with_pip_as_the_bootstrap_does(tmp_path: Path):
    """pip install --no-deps -r engine.txt, the site's bootstrap line, into a fresh environment."""
    site = new_site(tmp_path)
    venv = tmp_path / "venv"
    assert run([sys.executable, "-m", "venv", str(venv)], tmp_path).returncode == 0
    pip = run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps", "-r", "engine.txt"], site)
    assert pip.returncode == 0, pip.stderr
    version = run([str(venv / "bin" / "python"), "-c", "import cookiepolicy; print(cookiepolicy.__version__)"],
                  tmp_path)
    assert version.stdout == f"{__version__}\n"


def _pip_logging_venv(site: Path) -> Path:
    """A .venv whose python records pip's commands instead of installing (and runs anything else with
    this environment's python), and whose policy is this environment's: the bootstrap's own lines run."""
    bin_dir = site / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    shim = bin_dir / "python"
    shim.write_text(f'#!/bin/sh\nif [ "$1" = "-m" ] && [ "$2" = "pip" ]; then\n'
                    f'  echo "$*" >> "{site}/pip.log"; exit 0\nfi\nexec "{BIN / "python"}" "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    (bin_dir / "policy").symlink_to(BIN / "policy")
    return site / "pip.log"


@pytest.mark.parametrize("engine", [(), ("--engine", "git+https://git.example/cookiepolicy.git@v1.2.0")])
def test_the_site_s_bootstrap_says_what_it_installs_and_from_where(tmp_path: Path, engine: tuple[str, ...]):
    site = new_site(tmp_path, *engine)
    log = _pip_logging_venv(site)
    first = run(["scripts/bootstrap"], site)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "installing the policy engine and its pinned dependencies into .venv/ ...",
        f"installed: policy {__version__} from {engine_line(site)} (engine.txt) in .venv/"]
    assert [line.split()[-1] for line in log.read_text(encoding="utf-8").splitlines()] == [
        "requirements.lock", "engine.txt"]
    again = run(["scripts/bootstrap"], site)  # nothing changed: nothing installed, nothing said
    assert again.returncode == 0 and again.stdout == ""
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2


def test_the_site_s_bootstrap_says_which_environment_it_reuses(tmp_path: Path):
    site = new_site(tmp_path)
    result = run(["scripts/bootstrap"], site, {"POLICY_VENV": str(BIN.parent)})
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"using the engine in POLICY_VENV={BIN.parent}: policy {__version__} (nothing installed)\n"


def test_this_repository_s_bootstrap_says_what_it_installs(tmp_path: Path):
    """The clone's scripts/bootstrap (README, step one), run on a copy of its inputs."""
    (tmp_path / "scripts").mkdir()
    for name in ("scripts/bootstrap", "requirements.lock", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    log = _pip_logging_venv(tmp_path)
    result = run(["scripts/bootstrap"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "installing the engine and its pinned dependencies (requirements.lock) into .venv/; the first time takes a "
        "minute...", f"installed: policy {__version__} in .venv/"]
    assert [line.split()[-1] for line in log.read_text(encoding="utf-8").splitlines()] == ["requirements.lock", "."]
