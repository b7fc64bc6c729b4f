"""The KVKK / GDPR facts in site.yml, categories.yml and services.yml: each mistake refused with its file,
line, field and what to do; `domain` and `url` optional until a page shows them; old data still reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support.helpers import mkdocs_build, policy, read_page
from .test_yildizmarket import TODAY, _replace, copy_yildiz

ALL_WAYS = ("  kep: yildizmarket@hs01.kep.tr\n  email: kvkk@yildizmarket.example\n  phone: +90 212 555 01 45\n"
            "  rights_url: https://yildizmarket.example/kvkk/basvuru\n  privacy_url: https://yildizmarket.example/gizlilik\n")
ADDRESS = ("  address:\n    en: |\n      Yıldız Plaza, Barbaros Bulvarı No: 145\n"
           "      34349 Beşiktaş, Istanbul, Türkiye\n    tr: |\n      Yıldız Plaza, Barbaros Bulvarı No: 145\n"
           "      34349 Beşiktaş / İstanbul\n")

BAD = [
    ("site.yml", "company: Yıldız Market\n", "company: Yıldız Market\ncontact_email: info@yildizmarket.example\n",
     "data/site.yml:25: error: contact.email: `kvkk@yildizmarket.example` differs from contact_email "
     "`info@yildizmarket.example` (contact_email is the same fact as contact.email: remove contact_email, or give "
     "both the same address)"),
    ("site.yml", "  kep: yildizmarket@hs01.kep.tr\n", "  kep: yildizmarket at kep\n",
     "data/site.yml:23: error: contact.kep: `yildizmarket at kep` is not an allowed e-mail address: the address "
     "contains a space or line break (U+0020 SPACE) (write it like privacy@example.com)"),
    ("site.yml", "  phone: +90 212 555 01 45\n", "  phone: call us\n",
     "data/site.yml:25: error: contact.phone: `call us` is not valid here (expected e.g. +90 212 555 01 01)"),
    ("site.yml", "  rights_url: https://yildizmarket.example/kvkk/basvuru\n",
     "  rights_url: yildizmarket.example/kvkk\n",
     "data/site.yml:26: error: contact.rights_url: `yildizmarket.example/kvkk` is not an allowed link: links must "
     "start with https://, http:// or mailto: (write the full address, e.g. https://example.com/privacy)"),
    ("site.yml", "    tr: |\n      Yıldız Plaza", "    de: |\n      Yıldız Plaza",
     "data/site.yml:16: error: contact.address: missing translation for language `tr` (add `tr:` with the text in "
     "that language)"),
    ("site.yml", "country: TR\n", "country: XX\n",
     "data/site.yml:10: error: country: `XX` is not an ISO 3166 country code (write the two-letter code, e.g. TR for "
     "Türkiye, US for the United States, DE for Germany)"),
    ("categories.yml", "    consent: required\n    legal_basis: consent\n",
     "    consent: required\n    legal_basis: contract\n",
     "data/categories.yml:28: error: categories[3].legal_basis: `consent: required` says the legal basis is consent, "
     "but `legal_basis` is contract (remove `consent` (legal_basis replaces it), or make them agree)"),
    ("categories.yml", "    legal_basis: contract\n", "    legal_basis: contrat\n",
     "data/categories.yml:13: error: categories[1].legal_basis: `contrat` is not an allowed value (did you mean "
     "`contract`?)"),
    ("services.yml", "    country: FR\n", "    country: XX\n",
     "data/services.yml:31: error: services[2].country: `XX` is not an ISO 3166 country code (write the two-letter "
     "code, e.g. TR for Türkiye, US for the United States, DE for Germany)"),
    ("services.yml", "    processor_role: controller\n", "    processor_role: controler\n",
     "data/services.yml:32: error: services[2].processor_role: `controler` is not an allowed value (did you "
     "mean `controller`?)"),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), BAD, ids=[m.split(": error: ")[1][:40] for *_, m in BAD])
def test_each_mistake_names_file_line_field_and_what_to_do(tmp_path: Path, file: str, old: str, new: str,
                                                           message: str):
    site = copy_yildiz(tmp_path)
    _replace(site / "data" / file, old, new)
    result = policy(site, "validate")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == message
    assert "Traceback" not in result.stderr
    # the build stops on the same error, before writing anything
    build = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert build.returncode != 0 and message in build.stderr and "Traceback" not in build.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_one_way_to_reach_the_controller_is_enough(tmp_path: Path):
    site = copy_yildiz(tmp_path)
    _replace(site / "data" / "site.yml", ALL_WAYS, "")
    for page in ("index.md", "index.tr.md"):  # validate reads the pages as the build does: no e-mail to show
        _replace(site / "docs" / page, "{{ contact_email() }}", "")
    assert policy(site, "validate", "--strict").returncode == 0  # the postal address remains
    result = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert result.returncode == 0, result.stderr
    page = read_page(tmp_path / "out" / "index.html")
    assert "Postal address: Yıldız Plaza" in page.text
    # each missing fact leaves its line out; the footer names no e-mail address
    assert "KEP address" not in page.text and "E-mail" not in page.text and "Phone" not in page.text
    assert "How to exercise your rights" not in page.text
    footer = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Questions about this policy" not in footer


def test_contact_email_alone_still_works_and_equals_contact_email_field(tmp_path: Path):
    site = copy_yildiz(tmp_path)
    _replace(site / "data" / "site.yml", "  email: kvkk@yildizmarket.example\n", "")
    _replace(site / "data" / "site.yml", "company: Yıldız Market\n",
             "company: Yıldız Market\ncontact_email: kvkk@yildizmarket.example\n")
    assert policy(site, "validate", "--strict").returncode == 0
    result = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert result.returncode == 0, result.stderr
    page = read_page(tmp_path / "out" / "tr" / "index.html")
    assert "E-posta: kvkk@yildizmarket.example" in page.text
    assert "Ayrıca kvkk@yildizmarket.example adresine de yazabilirsiniz." in page.text
    # both given with the same address: one fact, no error
    _replace(site / "data" / "site.yml", "  kep:", "  email: kvkk@yildizmarket.example\n  kep:")
    assert policy(site, "validate", "--strict").returncode == 0


# ---------------------------------------------------------------- domain and url: optional until shown


def test_domain_and_url_are_optional_until_a_page_shows_them(tmp_path: Path):
    site = copy_yildiz(tmp_path)
    _replace(site / "data" / "site.yml", "domain: yildizmarket.example\nurl: https://yildizmarket.example\n", "")
    checked = policy(site, "validate", "--strict")  # the pages still show the domain: stopped before the build
    assert checked.returncode == 1
    assert "docs/index.md:9: error: domain(): domain() shows `domain`, which data/site.yml does not state (add " \
           "e.g. `domain: example.com` to data/site.yml, or remove {{ domain() }} from the page)" in checked.stderr
    result = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert result.returncode != 0
    assert "domain() shows `domain`, which data/site.yml does not state: add e.g. `domain: example.com` to " \
           "data/site.yml, or remove {{ domain() }} from the page" in result.stderr
    assert "Traceback" not in result.stderr
    exported = policy(site, "export", "markdown", "-o", str(tmp_path / "md"))
    assert exported.returncode == 1 and "Traceback" not in exported.stderr
    assert "docs/index.md: error: domain() shows `domain`, which data/site.yml does not state" in exported.stderr
    _replace(site / "docs" / "index.md", " on {{ domain() }}", "")
    _replace(site / "docs" / "index.tr.md", " {{ domain() }} internet sitesinde", " internet sitesinde")
    result = mkdocs_build(site, tmp_path / "out2", env=TODAY)
    assert result.returncode == 0, result.stderr
    assert "This policy explains how Yıldız Market uses cookies." in read_page(tmp_path / "out2" / "index.html").text
    # the exports leave the unstated facts out instead of inventing them
    export = policy(site, "export", "json")
    assert '"domain"' not in export.stdout.split('"categories"')[0] and '"url"' not in export.stdout
    tcf = policy(site, "export", "tcf-disclosure")
    assert tcf.returncode == 0 and '"domains": []' in tcf.stdout


def test_contact_email_without_an_address_is_a_build_error_naming_the_field(tmp_path: Path):
    site = copy_yildiz(tmp_path)
    _replace(site / "data" / "site.yml", "  email: kvkk@yildizmarket.example\n", "")
    checked = policy(site, "validate")  # validate stops it too, at the page's line (it used to pass)
    assert checked.returncode == 1 and "error: contact_email(): contact_email() shows `contact.email`" in checked.stderr
    result = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert result.returncode != 0
    assert "contact_email() shows `contact.email`, which data/site.yml does not state: add e.g. " \
           "`contact: {email: privacy@example.com}` to data/site.yml, or remove {{ contact_email() }} from the page" \
           in result.stderr


def test_lint_reports_the_facts_the_data_now_states_as_missing(tmp_path: Path):
    """Read by hand: the controller is in Türkiye (country: TR) without a KEP address; no rights link and no
    e-mail; the Turkish page lists the third parties without their country, role and transfer."""
    site = copy_yildiz(tmp_path)
    for line in ("  kep: yildizmarket@hs01.kep.tr\n", "  email: kvkk@yildizmarket.example\n",
                 "  rights_url: https://yildizmarket.example/kvkk/basvuru\n"):
        _replace(site / "data" / "site.yml", line, "")
    for page in ("index.md", "index.tr.md"):
        _replace(site / "docs" / page, "{{ contact_email() }}", "")
    _replace(site / "docs" / "index.tr.md", "{{ services_list(details=True) }}", "{{ services_list() }}")
    _replace(site / "docs" / "index.tr.md", "{{ services_table() }}", "")
    result = policy(site, "lint")
    missing = [line for line in result.stdout.splitlines() if line.startswith("missing")]
    # KEP is an application channel of the Başvuru Tebliği, not an Art. 10 element: to check (review L17)
    assert "check   KVKK Başvuru Tebliği Art. 5: data/site.yml:13: the controller is in Türkiye but the data " \
           "holds no KEP address, a way to apply to it (add `contact.kep`)" in result.stdout.splitlines()
    assert not any("KEP" in line for line in missing)
    assert not any("KEP" in line for line in missing if "GDPR" in line)
    assert "missing GDPR Art. 13(1)(f): data/services.yml:24: the country, role and transfer abroad of third party " \
           "`criteo` (Criteo) are on no page in `tr` (call {{ services_table() }} or " \
           "{{ services_list(details=True) }})" in missing
    assert "missing KVKK Art. 10(1)(d), Art. 11: data/site.yml:13: the data holds no way to exercise the data " \
           "subject's rights (add `contact.rights_url`, a page or a mailto: link)" in missing
    # and per law the ground of the strictly necessary category (review H4, 2); new with Law 7499, the transfer
    # mechanism of Google Analytics and Criteo under both laws (4); to check: the rights under both laws and the
    # method of collection
    assert "kvkk, gdpr: 16 missing, 7 to check by hand"  # + DPO, decisions, EU representative in result.stderr
    # a third party that does not state its facts: missing, with the fields to add
    _replace(site / "data" / "services.yml", "    country: FR\n    processor_role: controller\n", "")
    missing = [line for line in policy(site, "lint", "--law", "gdpr").stdout.splitlines()
               if line.startswith("missing")]
    assert "missing GDPR Art. 13(1)(f): data/services.yml:24: the data does not state where third party `criteo` " \
           "(Criteo) processes data, its role or whether data goes abroad (add `country`, `processor_role`)" in missing


def test_citations_per_call_table_columns_and_no_controller_line_without_a_legal_name(tmp_path: Path):
    site = copy_yildiz(tmp_path)
    _replace(site / "data" / "site.yml", "cite_articles: true\n", "")
    _replace(site / "data" / "site.yml", "  legal_name: Yıldız Market Elektronik Ticaret A.Ş.\n", "")
    page = site / "docs" / "index.md"
    _replace(page, '{{ legal_basis("fraud", cite=False) }}', '{{ legal_basis("fraud", cite=True) }}')
    _replace(page, "{{ services_table() }}", '{{ services_table(columns=["service", "country"]) }}')
    _replace(page, "## Data controller\n\n{{ controller() }}", "## Data controller\n\n[{{ controller() }}]")
    result = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert result.returncode == 0, result.stderr
    built = read_page(tmp_path / "out" / "index.html")
    # without cite_articles, category_sections() cites nothing; the call that asks does
    assert "no consent is needed. Cookie" in built.text and "Art. 6(1)(a)" not in built.text
    assert "Without the citations: Used because it is necessary for the data controller's legitimate interests, " \
           "provided that this does not harm your fundamental rights and freedoms (KVKK Art. 5(2)(f); GDPR Art. " \
           "6(1)(f))." in built.text
    assert [["Third party", "Country"], ["Kuzey Ödeme", "Türkiye"], ["Google Analytics", "United States"],
            ["Criteo", "France"]] in built.tables
    assert "Data controller [] Cookies we use" in built.text
    assert "Contact: Personal Data Desk Postal address:" in built.text  # no legal-name line either


def test_a_legal_basis_column_names_every_basis_and_leaves_not_stated_empty(tmp_path: Path):
    site = copy_yildiz(tmp_path)
    _replace(site / "docs" / "index.md", "## Third parties",
             '{{ cookie_table(storage=None, columns=["name", "legal_basis"]) }}\n\n## Third parties')
    _replace(site / "data" / "cookies.yml", "    category: fraud\n", "    category: payment-page\n")
    _replace(site / "data" / "categories.yml", "    legal_basis: not-stated\n    listed: false\n",
             "    legal_basis: not-stated\n")
    _replace(site / "data" / "cookies.yml", "    category: advertising\n", "    category: fraud\n")
    _replace(site / "data" / "categories.yml", "  - id: advertising\n", "  - id: advertising\n    listed: false\n")
    result = mkdocs_build(site, tmp_path / "out", env=TODAY)
    assert result.returncode == 0, result.stderr
    tables = read_page(tmp_path / "out" / "index.html").tables
    assert [["Name", "Legal basis"], ["ym_session", "Strictly necessary, no consent needed"],
            ["ym_consent", "Strictly necessary, no consent needed"], ["ym_cart", "Performance of a contract"],
            ["ym_bot", ""], ["_ga", "Explicit consent"], ["cto_bundle", "Legitimate interest"]] in tables
