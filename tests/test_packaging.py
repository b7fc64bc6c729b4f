"""The engine as a package: one version source, a licence, a changelog whose latest release is that
version, and pins for a new site even when an optional package is not installed. The wheel and the
sdist themselves are built and installed into a fresh environment by ``.ci/package``."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

import pytest

from cookiepolicy import __version__
from cookiepolicy.adapters import scaffold

from .support.helpers import ROOT


def test_the_version_is_written_once():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "cookiepolicy.__version__"}
    assert metadata.version("cookiepolicy") == __version__  # the installed metadata read it from there


def test_the_changelog_s_latest_release_is_the_version():
    headings = re.findall(r"^## (\S+)", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert headings[0] == "Unreleased" and headings[1] == __version__


def test_the_licence_is_the_one_the_metadata_names():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == {"text": "Apache-2.0"}
    assert "Apache License\n                           Version 2.0, January 2004" in (ROOT / "LICENSE").read_text()


def test_a_missing_optional_package_gets_the_range_the_engine_declares(monkeypatch: pytest.MonkeyPatch):
    """A wheel installed without the ``scan`` extra has no playwright: `policy init` still writes its pin."""
    real = metadata.version

    def version(name: str) -> str:
        if name == "playwright":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(scaffold.metadata, "version", version)
    lines = scaffold.pinned_requirements().splitlines()
    (pin,) = [line for line in lines if line.startswith("playwright")]
    assert sorted(pin.removeprefix("playwright").split(",")) == ["<2", ">=1.49"]
    assert f"mkdocs=={real('mkdocs')}" in lines
