"""The pages read the way the build reads them: a macro argument that names nothing the data has stops
validate and the build; a third party named by a heading counts as named; "only essential cookies"
beside other categories is a finding."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_the_argument_error_is_worded_in_the_commands_language_with_the_same_facts(site: Path):
    replace_text(site / "docs" / "index.md", "{{ cookie_table() }}", '{{ cookie_table(category="prefrences") }}')
    english = policy(site, "validate")
    turkish = policy(site, "validate", "--lang", "tr")
    assert english.returncode == turkish.returncode == 1
    [line_en] = [line for line in english.stderr.splitlines() if "prefrences" in line]
    [line_tr] = [line for line in turkish.stderr.splitlines() if "prefrences" in line]
    assert "error: `cookie_table`: argument `category='prefrences'` is not one of the allowed values: " in line_en
    assert "(did you mean `preferences`?; correct the argument in the page)" in line_en
    where = line_en.split(": ", 1)[0]  # docs/index.md:LINE
    assert line_tr.startswith(where + ": ")
    assert "`cookie_table` makrosunda `category='prefrences'` bağımsız değişkeni izin verilen değerlerden biri " \
           "değildir: " in line_tr
    assert "`preferences` mı demek istediniz?; sayfadaki bağımsız değişkeni düzeltin" in line_tr
    allowed = line_en.split("allowed values: ", 1)[1].split(" (", 1)[0]
    assert allowed in line_tr and "strictly-necessary" in allowed


def test_a_macro_whose_fact_is_missing_stops_validate_in_either_language(tmp_path: Path):
    """rights() with no way to apply, like domain() and contact_email() with no fact: validate stops, at the line."""
    from .test_yildizmarket import copy_yildiz

    site = copy_yildiz(tmp_path)
    from .test_kvkk_facts import ADDRESS

    site_yml = site / "data" / "site.yml"
    text = site_yml.read_text(encoding="utf-8").replace(ADDRESS, "")
    for field in ("kep", "email", "rights_url"):
        text = "\n".join(line for line in text.split("\n") if not line.startswith(f"  {field}:"))
    site_yml.write_text(text, encoding="utf-8")
    assert all(f"  {field}:" not in text for field in ("address", "kep", "email", "rights_url"))
    index = site / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n{{ rights() }}\n", encoding="utf-8")
    line = index.read_text(encoding="utf-8").split("\n").index("{{ rights() }}") + 1
    checked = policy(site, "validate")
    assert checked.returncode == 1, checked.stderr
    assert f"docs/index.md:{line}: error: rights(): rights() shows `contact.address`, `contact.kep`, " \
           "`contact.email` or `contact.rights_url`, which data/site.yml does not state (add e.g. " \
           "`contact: {email: privacy@example.com}` to data/site.yml, or remove {{ rights() }} from the page)" \
           in checked.stderr
    turkish = policy(site, "validate", "--lang", "tr")
    assert f"docs/index.md:{line}: hata: rights(): rights() makrosu `contact.address`, `contact.kep`, " \
           "`contact.email` ya da `contact.rights_url` bilgisini göstermektedir; ancak bu bilgi data/site.yml " \
           "dosyasında belirtilmemiştir (data/site.yml dosyasına örneğin `contact: {email: privacy@example.com}` " \
           "ekleyin ya da {{ rights() }} çağrısını sayfadan kaldırın)" in turkish.stderr


def test_the_troubleshooting_table_quotes_the_missing_fact_error_as_the_checks_word_it():
    from cookiepolicy.checks.pagefacts import NEEDS
    from cookiepolicy.text.words import say

    table = (Path(__file__).resolve().parents[1] / "manual" / "docs" / "how-to" / "troubleshooting.md").read_text(
        encoding="utf-8")
    message = say("page_facts.missing", macro="contact_email", field=NEEDS["contact_email"].fields[0])
    assert f"| `{message}` |" in table
    assert all(f"{name}()" in table for name in NEEDS)


@pytest.mark.parametrize(("call", "message"), [
    ('{{ cookie_table(group_by="vendor") }}', "cookie_table(group_by='vendor'): allowed: provider, category"),
    ('{{ cookie_table(columns=["name", "expiry"]) }}', "cookie_table(columns=...): unknown column 'expiry'"),
    ('{{ rights(law="ccpa") }}', "rights(law='ccpa'): use one of kvkk, gdpr"),
])
def test_an_argument_the_macro_refuses_stops_validate_and_the_markdown_export_as_the_build(
        tmp_path: Path, call: str, message: str):
    from .test_forgewell import copy_forgewell

    site = copy_forgewell(tmp_path)
    index = site / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + f"\n{call}\n", encoding="utf-8")
    line = index.read_text(encoding="utf-8").split("\n").index(call) + 1
    checked = policy(site, "validate")
    assert checked.returncode == 1
    [found] = [entry for entry in checked.stderr.splitlines() if message in entry]
    assert found.startswith(f"docs/index.md:{line}: error: `")
    assert "correct the argument in the page" in found
    exported = policy(site, "export", "markdown", "-o", str(tmp_path / "md"))
    assert exported.returncode == 1 and "Traceback" not in exported.stderr
    assert f"docs/index.md:{line}: error: " in exported.stderr and message in exported.stderr
    assert not (tmp_path / "md").exists() or not any((tmp_path / "md").rglob("*.md"))


def test_the_troubleshooting_table_quotes_the_refused_option_as_validate_says_it(tmp_path: Path):
    from .test_forgewell import copy_forgewell

    table = (Path(__file__).resolve().parents[1] / "manual" / "docs" / "how-to" / "troubleshooting.md").read_text(
        encoding="utf-8")
    site = copy_forgewell(tmp_path)
    index = site / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + '\n{{ cookie_table(group_by="vendor") }}\n', encoding="utf-8")
    said = policy(site, "validate").stderr
    quoted = "`cookie_table(group_by='vendor')`: cookie_table(group_by='vendor'): allowed: provider, category"
    assert f"| ``` {quoted} … ``` |" in table
    assert f"error: {quoted} (or leave it out)" in said
