"""Item tables as a site wants them: a wrong argument of cookie_table / category_sections fails the build
with a message naming the macro, the argument and what is allowed; headers are checked per language."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from .support.files import replace_text
from .support.helpers import mkdocs_build, policy, read_page
from .test_forgewell import TODAY, copy_forgewell

CALL = '{{ cookie_table(group_by="provider", columns=["name", "purpose", "category", "duration", "domain"]) }}'
ALLOWED = "name, purpose, duration, category, provider, storage, attributes, used_on, domain, cross_site, legal_basis"


_replace = partial(replace_text, every=True)


def _one_page_for_both_languages(site: Path, call: str) -> None:
    """index.md alone, so that it is shown in English and in Turkish, with ``call`` as its table."""
    (site / "docs" / "index.tr.md").unlink()
    _replace(site / "docs" / "index.md", CALL, call)


@pytest.mark.parametrize(("call", "message"), [
    ('{{ cookie_table(columns=["name", "expiry"]) }}',
     f"cookie_table(columns=...): unknown column 'expiry'; allowed: {ALLOWED}"),
    ('{{ cookie_table(columns="name") }}', "cookie_table(columns='name'): give a list of columns"),
    ('{{ cookie_table(group_by="vendor") }}', "cookie_table(group_by='vendor'): allowed: provider, category"),
    ('{{ cookie_table(group_by="provider", level=7) }}', "cookie_table(level=7): a heading level from 1 to 6"),
    ('{{ cookie_table(headers={"expiry": "Expires"}) }}',
     f"cookie_table(headers=...): unknown column 'expiry'; allowed: {ALLOWED}"),
    ('{{ cookie_table(attributes="after") }}', "cookie_table(attributes='after'): allowed: inline, column, none"),
    ('{{ cookie_table(name_header="label") }}', "cookie_table(name_header='label'): allowed: name, cookie, storage"),
    ('{{ category_sections(columns={"*": ["name", "expiry"]}) }}',
     f"category_sections(columns=...): unknown column 'expiry'; allowed: {ALLOWED}"),
    ('{{ category_sections(columns={"ads": ["name"]}) }}',
     "category_sections(columns=...): columns for unknown category 'ads'; known: *, analytics, marketing, necessary, "
     "preferences, support"),
    ('{{ category_sections(headers={"duration": 3}) }}',
     "category_sections(headers=...): the header of 'duration' must be a text or a text per language"),
])
def test_a_wrong_argument_fails_the_build_naming_it(tmp_path: Path, call: str, message: str):
    site = copy_forgewell(tmp_path)
    _replace(site / "docs" / "index.md", CALL, call)
    result = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(("headers", "checked_message", "build_message"), [
    ('{"duration": "Expires"}',  # a plain text would show English on the Turkish page
     "a plain text header on a page shown in en, tr (give it per language: {'en': ..., 'tr': ...})",
     "a plain text header on a page shown in en, tr"),
    ('{"duration": {"en": "Expires"}}',
     "the header has no text in tr (the page is shown in en, tr: give a text for each)",
     "cookie_table(headers=...): the header of 'duration' has no text in `tr`"),
])
def test_a_header_needs_every_language_of_its_page(tmp_path: Path, headers: str, checked_message: str,
                                                   build_message: str):
    site = copy_forgewell(tmp_path)
    _one_page_for_both_languages(site, f"{{{{ cookie_table(headers={headers}) }}}}")
    checked = policy(site, "validate")
    assert checked.returncode == 1
    assert f"docs/index.md:14: error: cookie_table(headers={{'duration': ...}}): {checked_message}" in checked.stderr
    result = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert result.returncode != 0
    assert build_message in result.stderr


def test_a_header_per_language_on_a_page_of_two_languages(tmp_path: Path):
    site = copy_forgewell(tmp_path)
    _one_page_for_both_languages(
        site, '{{ cookie_table(columns=["name", "duration"], headers={"duration": {"en": "Expires", "tr": "Süre"}}) }}')
    # --strict: no "shown on no page" warning, so the call was read although its dict ends in "}}"
    checked = policy(site, "validate", "--strict")
    assert checked.returncode == 0, checked.stderr
    result = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert result.returncode == 0, result.stderr
    assert read_page(tmp_path / "out" / "index.html").tables[0][0] == ["Name", "Expires"]
    assert read_page(tmp_path / "out" / "tr" / "index.html").tables[0][0] == ["Adı", "Süre"]


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  duration: {en: Expiration, tr: Saklama Süresi}", "  duration: {en: Expiration}",
     "data/site.yml:14: error: table_headers.duration: missing translation for language `tr`"),
    ("  duration: {en: Expiration, tr: Saklama Süresi}", "  expiry: {en: Expiration, tr: Saklama Süresi}",
     f"data/site.yml:11: error: table_headers: `expiry` is not an allowed value (use one of: {ALLOWED})"),
])
def test_table_headers_in_site_yml_are_checked(tmp_path: Path, old: str, new: str, message: str):
    site = copy_forgewell(tmp_path)
    _replace(site / "data" / "site.yml", old, new)
    checked = policy(site, "validate")
    assert checked.returncode == 1
    assert message in checked.stderr
    assert mkdocs_build(site, tmp_path / "out", env=TODAY).returncode != 0


def test_category_sections_take_the_headers_of_site_yml_and_of_the_call(tmp_path: Path):
    site = copy_forgewell(tmp_path)
    _replace(site / "docs" / "index.md", CALL, '{{ category_sections(columns=["name", "purpose", "duration"]) }}')
    _replace(site / "docs" / "index.tr.md", CALL,
             '{{ category_sections(columns=["name", "purpose", "duration"], headers={"name": "Çerezin adı"}) }}')
    result = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert result.returncode == 0, result.stderr
    english = read_page(tmp_path / "out" / "index.html").tables
    turkish = read_page(tmp_path / "out" / "tr" / "index.html").tables
    assert len(english) == len(turkish) == 5
    assert {tuple(t[0]) for t in english} == {("Cookie", "Typical content", "Expiration")}
    assert {tuple(t[0]) for t in turkish} == {("Çerezin adı", "Tipik içerik", "Saklama Süresi")}


def test_without_headers_anywhere_the_catalog_names_every_column(tmp_path: Path):
    site = copy_forgewell(tmp_path)
    path = site / "data" / "site.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("# The source policy's own column headings")], encoding="utf-8")
    every = '["name", "purpose", "duration", "category", "provider", "storage", "attributes", "used_on", ' \
            '"domain", "cross_site", "legal_basis"]'
    _replace(site / "data" / "cookies.yml", "  duration: 1 year\n  domain: forgewell.example\n- name: dotcom_user",
             "  duration: 1 year\n- name: dotcom_user")  # _device_id states no domain
    _replace(site / "docs" / "index.md", CALL, f"{{{{ cookie_table(columns={every}) }}}}")
    _replace(site / "docs" / "index.tr.md", CALL, f"{{{{ cookie_table(columns={every}) }}}}")
    result = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert result.returncode == 0, result.stderr
    english = read_page(tmp_path / "out" / "index.html").tables[0]
    turkish = read_page(tmp_path / "out" / "tr" / "index.html").tables[0]
    assert english[0] == ["Name", "Purpose", "Duration", "Type", "Provider", "Storage", "Attributes", "Where",
                          "Domain", "Cross-site", "Legal basis"]
    assert turkish[0] == ["Adı", "Amacı", "Saklama süresi", "Türü", "Sağlayıcı", "Depolama", "Nitelikler",
                          "Kullanıldığı yer", "Alan adı", "Siteler arası", "Hukuki sebep"]
    rows = {row[0]: row for row in english[1:]}
    # bscookie: LinkedIn's, read across sites, with its attributes in their own column
    assert rows["bscookie"][3:] == ["Marketing Cookies", "LinkedIn", "cookie", "HTTP-only, Secure, SameSite=None",
                                    "", ".www.linkedin.com", "Yes", "Explicit consent"]
    assert rows["_device_id"][8:] == ["", "No", "Strictly necessary, no consent needed"]  # no domain: no guess
    assert {row[0]: row for row in turkish[1:]}["bscookie"][8:] == [".www.linkedin.com", "Evet", "Açık rıza"]
