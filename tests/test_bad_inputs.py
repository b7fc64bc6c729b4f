"""Every bad input: a clear message naming file, line and field, a non-zero exit, nothing changed."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.loading.schemas import SCHEMAS
from cookiepolicy.safeio import memo

from .support.bad_inputs import CASES, Case, apply
from .support.helpers import ROOT, mkdocs_build, policy
from .support.tree import snapshot

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
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]", result.stderr), \
        "control characters from the data reach the terminal raw"
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


def _aliased_duplicates(count: int) -> str:
    item = ("{name: auth_token, storage: cookie, category: strictly-necessary, duration: 12 hours, "
            "purpose: {en: Keeps you signed in, tr: Oturumunuzu açık tutar}}")
    return "items:\n  - &x " + item + "\n" + "  - *x\n" * count


def _calls_to_load(files: SiteFiles, count: int) -> int:
    """The Python and C function calls one load of the site makes with ``count`` aliased duplicates,
    each reported once; counted on a second load, so that caches filled by the first do not count."""
    (files.root / "data" / "cookies.yml").write_text(_aliased_duplicates(count), encoding="utf-8")
    calls = [0]

    def counted(frame: object, event: str, arg: object) -> None:
        if event in ("call", "c_call"):
            calls[0] += 1

    for _ in range(2):
        memo.reset()
        calls[0] = 0
        sys.setprofile(counted)
        try:
            _, report = load_policy(files)
        finally:
            sys.setprofile(None)
    assert len([p for p in report.errors if "is listed twice (first on line 2)" in p.message]) == count
    return calls[0]


def test_problem_collection_is_linear(site: Path):
    """Aliased duplicates (40,000 once took 144 s): each problem costs the same work, however many came
    before. Work is counted in function calls, not seconds: the 2,000 problems after the first 2,000
    take no more calls than twice the 1,000 after the first 1,000 (a list searched for each problem
    before adding it would take some four times as many)."""
    files = SiteFiles(root=site)
    one, two, four = (_calls_to_load(files, count) for count in (1_000, 2_000, 4_000))
    assert four - two <= 2.1 * (two - one), (one, two, four)


def test_names_differing_only_in_case_are_two_cookies(site: Path):
    cookies = site / "data" / "cookies.yml"
    text = cookies.read_text(encoding="utf-8")
    first = text.index("  - name: auth_token")
    entry = text[first:text.index("  - name: refresh_token")]
    cookies.write_text(text + entry.replace("auth_token", "AUTH_TOKEN"), encoding="utf-8")
    result = policy(site, "validate", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 6 items"), result.stdout
    assert result.stderr == ""


def test_validate_reads_the_settings_given_with_config(site: Path):
    """`--config` names another mkdocs.yml, as `mkdocs build -f` does; its data_dir is the one checked."""
    shutil.copytree(site / "data", site / "other-data")
    (site / "other-data" / "services.yml").write_text("# nothing here\n", encoding="utf-8")
    config = site / "other.yml"
    config.write_text((site / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  policy:\n", "  policy:\n    data_dir: other-data\n", 1), encoding="utf-8")
    assert policy(site, "validate").returncode == 0
    result = policy(site, "validate", "--config", "other.yml")
    assert result.returncode == 1
    assert "other-data/services.yml:1: error: file is empty" in result.stderr
    built = mkdocs_build(site, site.parent / "out", config="other.yml")
    assert built.returncode == 1 and "other-data/services.yml:1: error: file is empty" in built.stderr
    assert policy(site, "--data-dir", "data", "validate", "--config", "other.yml").returncode == 0
    assert "no such file" in policy(site, "validate", "--config", "missing.yml").stderr


@pytest.mark.parametrize("company", ["<img src=x onerror=alert(1)>", 'Acme" onload="x', "{{ 7*7 }}", "Ex`ample`",
                                     "Evil\u202eCorp"])
def test_init_refuses_a_company_name_the_theme_would_read_as_markup(tmp_path: Path, company: str):
    result = policy(tmp_path, "init", "new", "--company", company, "--domain", "acme.example",
                    "--email", "privacy@acme.example")
    assert result.returncode == 1, result.stdout
    assert "--company must" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "new").exists()


def test_init_writes_an_ampersand_company_as_plain_text(tmp_path: Path):
    assert policy(tmp_path, "init", "new", "--company", "O'Reilly & Sons __DOMAIN__",
                  "--domain", "acme.example", "--email", "privacy@acme.example").returncode == 0
    config = (tmp_path / "new" / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_name: "O\'Reilly & Sons __DOMAIN__"' in config
