"""The Kestrel Press test site (tests/sites/kestrel): a policy that describes three categories in
prose and names no cookie, built strictly in both languages and read back fact by fact."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support.helpers import ROOT, mkdocs_build, policy, read_page

KESTREL = ROOT / "tests" / "sites" / "kestrel"

# category heading, its description's first words, its legal-basis sentence: read from
# data/categories.yml and the catalogs by hand
CATEGORIES = {
    "en": [
        ("Strictly Necessary Cookies", "These cookies are essential for the website to work",
         "Strictly necessary to provide the service you ask for; no consent is needed."),
        ("Analytics Cookies", "These cookies count visits and show which pages are read most",
         "Used only with your explicit consent; you can withdraw it at any time."),
        ("Marketing Cookies", "Our advertising partners may set these cookies",
         "Used only with your explicit consent; you can withdraw it at any time."),
    ],
    "tr": [
        ("Zorunlu Çerezler", "Bu çerezler internet sitesinin çalışması için zorunludur",
         "Bu çerezler, talep ettiğiniz hizmetin sunulabilmesi için açık rızanız aranmaksızın kullanılır."),
        ("Analitik Çerezler", "Bu çerezler, internet sitesini geliştirebilmemiz için ziyaretleri sayar",
         "Yalnızca açık rızanız alınarak kullanılır; rızanızı dilediğiniz zaman geri alabilirsiniz."),
        ("Pazarlama Çerezleri", "Reklam iş ortaklarımız, kitaplarımıza ilişkin teklifleri",
         "Yalnızca açık rızanız alınarak kullanılır; rızanızı dilediğiniz zaman geri alabilirsiniz."),
    ],
}
WITHDRAW = {
    "en": "You can withdraw your consent to Analytics Cookies and Marketing Cookies at any time",
    "tr": "Analitik Çerezler ve Pazarlama Çerezleri için vermiş olduğunuz açık rızayı dilediğiniz zaman "
          "geri alabilirsiniz",
}
PAGES = {"en": "index.html", "tr": "tr/index.html"}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kestrel")
    checked = policy(KESTREL, "validate", "--strict")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 items" in checked.stdout and "3 categories" in checked.stdout
    result = mkdocs_build(KESTREL, folder / "out", env={"POLICY_TODAY": "2026-11-22"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return folder / "out"


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_each_category_is_described_in_prose_with_its_legal_basis_and_no_table(out: Path, lang: str):
    page = read_page(out / PAGES[lang])
    assert page.lang == lang
    assert page.tables == []  # the source names no cookie, so no table is made up
    positions = []
    for heading, description, basis in CATEGORIES[lang]:
        for text in (heading, description, basis):
            assert text in page.text, text
        start = page.text.index(heading)
        assert page.text.index(description, start) < page.text.index(basis, start)
        positions.append(start)
    assert positions == sorted(positions)  # in the order of categories.yml
    assert WITHDRAW[lang] in page.text


CONTACT = {"en": "Contact: Privacy Desk", "tr": "İletişim: Gizlilik Masası"}


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_contact_is_what_the_source_states_and_nothing_invented(out: Path, lang: str):
    page = read_page(out / PAGES[lang])
    assert CONTACT[lang] in page.text
    assert "https://kestrelpress.example/privacy" in page.links
    # no e-mail address, domain or site address is stated, so none is shown
    assert not [href for href in page.links if href.startswith("mailto:")]
    assert "@" not in page.text
    assert "kestrelpress.example" not in page.text


# version 1.0 had two categories; the draft adds Marketing Cookies (read from data/releases/1.0.yml)
UNRELEASED = {"en": "Added category Marketing Cookies (needs explicit consent).",  # consent: required
              "tr": "Pazarlama Çerezleri kategorisi eklendi (açık rıza gerekir)."}
CHANGELOGS = {"en": "changelog/index.html", "tr": "tr/changelog/index.html"}
ARCHIVES = {"en": "versions/1.0/index.html", "tr": "tr/versions/1.0/index.html"}


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_changelog_and_the_archive_follow_the_categories(out: Path, lang: str):
    changelog = read_page(out / CHANGELOGS[lang])
    assert UNRELEASED[lang] in changelog.text
    assert changelog.text.index(UNRELEASED[lang]) < changelog.text.index("1.0")
    archive = read_page(out / ARCHIVES[lang])
    headings = [heading for heading, _, _ in CATEGORIES[lang]]
    assert headings[0] in archive.text and headings[1] in archive.text
    assert headings[2] not in archive.text  # added after 1.0


def test_lint_asks_a_person_to_check_the_privacy_policy_link():
    linted = policy(KESTREL, "lint", "--law", "gdpr")
    assert linted.returncode == 1  # the source states no legal name, address or rights request: missing
    assert ("check   GDPR Art. 13(1)(a): data/site.yml:8: the only way to reach the controller is the privacy "
            "policy link") in linted.stdout
    assert "missing GDPR Art. 13(1)(a): data/site.yml:6: the data holds no legal name" in linted.stdout
