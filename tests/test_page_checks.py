"""The pages read the way the build reads them: a macro argument that names nothing the data has stops
validate and the build; a third party named by a heading counts as named; "only essential cookies"
beside other categories is a finding."""

from __future__ import annotations

from pathlib import Path

from cookiepolicy.checks.essential import only_essential_claims
from cookiepolicy.checks.pageargs import argument_problems
from cookiepolicy.checks.pagenames import CONTROLLER, names_shown
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy

from .support.files import replace_text
from .support.helpers import mkdocs_build, policy


def _loaded(site: Path):
    files = SiteFiles(root=site)
    loaded, report = load_policy(files)
    assert loaded is not None, report
    return files, loaded


def test_the_real_pages_call_every_macro_with_values_the_data_has(site: Path):
    files, loaded = _loaded(site)
    assert argument_problems(files, loaded) == []


def test_an_unknown_category_is_an_error_naming_page_line_macro_argument_and_the_allowed(site: Path):
    replace_text(site / "docs" / "index.md", "{{ cookie_table() }}", '{{ cookie_table(category="prefrences") }}')
    files, loaded = _loaded(site)
    [problem] = argument_problems(files, loaded)
    line = (site / "docs" / "index.md").read_text(encoding="utf-8").split("\n").index(
        '{{ cookie_table(category="prefrences") }}') + 1
    assert (problem.file, problem.line) == ("docs/index.md", line)
    assert "`cookie_table`: argument `category='prefrences'`" in problem.message
    assert "strictly-necessary, preferences" in problem.message
    assert "preferences" in (problem.hint or "")  # did you mean


def test_validate_and_the_build_stop_on_it_with_no_traceback(site: Path, tmp_path: Path):
    replace_text(site / "docs" / "index.md", "{{ cookie_table() }}", '{{ cookie_table(category="nope") }}')
    checked = policy(site, "validate")
    assert checked.returncode == 1
    assert "docs/index.md:" in checked.stderr and "argument `category='nope'`" in checked.stderr
    built = mkdocs_build(site, tmp_path / "out")
    assert built.returncode != 0 and "Traceback" not in built.stderr
    assert "argument `category='nope'`" in built.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_third_party_named_in_a_heading_is_named(site: Path):
    files, loaded = _loaded(site)
    assert {"stripe", CONTROLLER} <= names_shown(files, loaded)["en"]  # the real page lists the services
    index = site / "docs" / "index.md"
    index.write_text("# Cookie policy\n\n{{ company() }} uses cookies.\n", encoding="utf-8")
    assert "stripe" not in names_shown(files, loaded)["en"]
    index.write_text("# Cookie policy\n\n{{ company() }} uses cookies.\n\n## Payments by Stripe\n", encoding="utf-8")
    shown = names_shown(files, loaded)["en"]
    assert "stripe" in shown and CONTROLLER in shown and "google-recaptcha" not in shown


def test_only_essential_cookies_beside_a_consent_category_is_a_finding_in_both_languages(site: Path):
    files, loaded = _loaded(site)
    assert list(only_essential_claims(files, loaded)) == []
    (site / "docs" / "index.md").write_text((site / "docs" / "index.md").read_text(encoding="utf-8")
                                            + "\nWe only use strictly necessary cookies.\n", encoding="utf-8")
    (site / "docs" / "index.tr.md").write_text((site / "docs" / "index.tr.md").read_text(encoding="utf-8")
                                               + "\nSitemizde yalnızca zorunlu çerezler kullanılmaktadır.\n",
                                               encoding="utf-8")
    found = list(only_essential_claims(files, loaded))
    assert {(page, phrase.casefold()) for page, _, phrase, _ in found} == {
        ("docs/index.md", "only use strictly necessary cookies"),
        ("docs/index.tr.md", "yalnızca zorunlu çerezler")}
    assert all(category.id == "preferences" for *_, category in found)


def test_the_troubleshooting_table_quotes_the_argument_error():
    table = (Path(__file__).resolve().parents[1] / "manual" / "docs" / "how-to" / "troubleshooting.md").read_text(
        encoding="utf-8")
    assert "`cookie_table`: argument `category='nope'` is not one of the allowed values: " in table
