"""Every bad input: a clear message naming file, line and field, a non-zero exit, nothing changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from cookiepolicy.schemas import SCHEMAS

from .bad_inputs import CASES, Case, apply
from .helpers import ROOT, mkdocs_build, policy
from .tree import snapshot

ERRORS = [c for c in CASES if not c.warning]
WARNINGS = [c for c in CASES if c.warning]


@pytest.mark.parametrize("case", ERRORS, ids=lambda c: c.id)
def test_validate_reports_the_mistake(site: Path, case: Case):
    apply(case, site)
    before = snapshot(site)
    result = policy(site, "validate")
    assert result.returncode == 1, result.stderr
    assert re.search(case.expect, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before


@pytest.mark.parametrize("case", WARNINGS, ids=lambda c: c.id)
def test_warnings_are_reported_without_failing(site: Path, case: Case):
    apply(case, site)
    result = policy(site, "validate")
    assert result.returncode == 0, result.stderr
    assert re.search(case.expect, result.stderr), result.stderr
    strict = policy(site, "validate", "--strict")
    assert strict.returncode == 1


@pytest.mark.parametrize("case", ERRORS, ids=lambda c: c.id)
def test_strict_build_fails_with_the_same_message_and_writes_nothing(site: Path, tmp_path: Path, case: Case):
    apply(case, site)
    before = snapshot(site)
    out = tmp_path / "out"
    result = mkdocs_build(site, out)
    assert result.returncode == 1, result.stderr
    assert re.search(case.expect, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists(), "no half-written site"
    after = {k: v for k, v in snapshot(site).items() if "__pycache__" not in k}
    assert after == {k: v for k, v in before.items() if "__pycache__" not in k}


def test_every_problem_is_reported_in_one_run(site: Path):
    for case in CASES:
        if case.id in ("unknown-field", "value-outside-set", "missing-translation", "javascript-link",
                       "malformed-email", "unknown-category"):
            apply(case, site)
    result = policy(site, "validate")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    # six mistakes; the misspelt `duraton` is also a missing `duration`: seven problems
    assert len(lines) == 7, result.stderr
    assert result.stderr.strip().endswith("7 error(s), 0 warning(s)")


SCHEMA_KIND = {"data/cookies.yml": "cookies", "data/services.yml": "services", "data/site.yml": "site",
               "data/categories.yml": "categories"}


@pytest.mark.parametrize("case", [c for c in CASES if c.schema_rejects], ids=lambda c: c.id)
def test_published_schema_agrees_with_the_validator(site: Path, case: Case):
    kind = SCHEMA_KIND[case.file]
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    good = yaml.safe_load((site / case.file).read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(good)), "the unbroken file must pass the published schema"
    apply(case, site)
    bad = yaml.safe_load((site / case.file).read_text(encoding="utf-8"))
    assert list(validator.iter_errors(bad)), f"the published schema accepts {case.id}"
    assert policy(site, "validate").returncode == 1


def test_published_schemas_are_up_to_date():
    for name, schema in SCHEMAS.items():
        published = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert published == schema, f"run `policy schema schemas` to refresh schemas/{name}.schema.json"


def test_data_files_point_editors_at_their_schema():
    for path, kind in SCHEMA_KIND.items():
        first = (ROOT / path).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
        assert (ROOT / "data" / f"../schemas/{kind}.schema.json").resolve().exists()
