"""The pre-commit hook validates changed policy data and blocks the commit when it is wrong."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import yaml

from .support.helpers import ROOT


def _hook(hook_id: str) -> dict:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return next(h for repo in config["repos"] for h in repo["hooks"] if h["id"] == hook_id)


def _run_entry(hook: dict, site: Path) -> subprocess.CompletedProcess[str]:
    entry = shlex.split(hook["entry"])
    entry[0] = str(ROOT / entry[0]) if entry[0].startswith(".venv/") else entry[0]
    return subprocess.run(entry, cwd=site, capture_output=True, text=True, check=False)


def test_hook_runs_on_data_changes_and_fails_on_bad_data(site: Path):
    hook = _hook("policy-validate")
    pattern = re.compile(hook["files"])
    assert pattern.search("data/cookies.yml") and pattern.search("docs/versions/1.0/index.md")
    assert not pattern.search("docs/index.md") and not pattern.search("README.md")
    assert _run_entry(hook, site).returncode == 0
    cookies = site / "data" / "cookies.yml"
    cookies.write_text(cookies.read_text(encoding="utf-8").replace("30 days", "30 dayz"), encoding="utf-8")
    result = _run_entry(hook, site)
    assert result.returncode == 1 and "data/cookies.yml:" in result.stderr


def test_published_hook_definition_runs_policy_validate():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "policy-validate" and hooks[0]["entry"] == "policy validate"
