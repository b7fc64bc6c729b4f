"""A contact that is only a department's name, or nothing: written as the source states it, never
completed with an invented address; `policy lint` names what the law still asks for."""

from __future__ import annotations

from pathlib import Path

from .support.helpers import copy_test_site, mkdocs_build, policy, read_page


def _department_only(tmp_path: Path) -> Path:
    site = copy_test_site("atlaspay", tmp_path)
    site_yml = site / "data" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    start, end = text.index("contact_email:"), text.index("languages:")
    site_yml.write_text(text[:start] + "contact:\n  name: {en: Privacy Desk, tr: Gizlilik Birimi}\n" + text[end:],
                        encoding="utf-8")
    for page, sentence in (("index.md", "Write to {{ contact_email() }}.\n"),
                           ("index.tr.md", "Sorularınız için {{ contact_email() }} adresine yazabilirsiniz.\n")):
        path = site / "docs" / page
        path.write_text(path.read_text(encoding="utf-8").replace(sentence, ""), encoding="utf-8")
    return site


def test_a_department_only_contact_validates_builds_and_is_shown_as_stated(tmp_path: Path):
    site = _department_only(tmp_path)
    checked = policy(site, "validate")
    assert checked.returncode == 0, checked.stderr
    built = mkdocs_build(site, tmp_path / "out", env={"POLICY_TODAY": "2026-11-22"})
    assert built.returncode == 0, built.stderr
    en, tr = read_page(tmp_path / "out" / "index.html"), read_page(tmp_path / "out" / "tr" / "index.html")
    assert "Contact: Privacy Desk" in en.text and "Gizlilik Birimi" in tr.text
    assert not any(link.startswith("mailto:") for link in en.links + tr.links)  # no address was invented


def test_lint_reports_no_way_to_reach_the_controller(tmp_path: Path):
    site = _department_only(tmp_path)
    result = policy(site, "lint", "--law", "kvkk")
    line = 1 + (site / "data" / "site.yml").read_text(encoding="utf-8").splitlines().index("contact:")
    assert f"missing KVKK Art. 10(1)(a): data/site.yml:{line}: the data states no way to reach the controller " \
           "(add `contact.email`, `contact.phone`, `contact.address`, `contact.kep`, `contact.rights_url` or " \
           "`contact.privacy_url`)" in result.stdout, result.stdout


def test_validate_stops_a_page_that_shows_an_unstated_fact(tmp_path: Path):
    """`validate --strict` used to pass a page calling contact_email() with no e-mail; only the build failed."""
    site = _department_only(tmp_path)
    page = site / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nWrite to {{ contact_email() }}.\n", encoding="utf-8")
    line = len(page.read_text(encoding="utf-8").splitlines())
    result = policy(site, "validate")
    assert result.returncode == 1
    assert f"docs/index.md:{line}: error: contact_email(): contact_email() shows `contact.email`, which " \
           "data/site.yml does not state (add e.g. `contact: {email: privacy@example.com}` to data/site.yml, or " \
           "remove {{ contact_email() }} from the page)" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


TROUBLESHOOTING = ("the company is still the placeholder `policy init` wrote",
                   "contact_email() shows `contact.email`, which data/site.yml does not state",
                   "names the legal ground of a strictly necessary category, but this category's legal basis is",
                   "(Marketing, Open Cookie Database line")


def test_the_troubleshooting_table_has_the_new_messages_as_the_tool_words_them():
    """Each message here is asserted word for word against the tool's output in its own test
    (test_init, test_only_stated, test_grounds, test_cookie_database); the manual's troubleshooting
    table must quote it."""
    table = (Path(__file__).resolve().parents[1] / "manual" / "docs" / "how-to" / "troubleshooting.md").read_text(
        encoding="utf-8")
    for message in TROUBLESHOOTING:
        assert message in table, message
