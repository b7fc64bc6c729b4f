"""`policy lint --law kvkk|gdpr`: the disclosures the law asks for that the data and pages lack, with articles."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from .support.files import replace_text
from .support.helpers import policy
from .test_atlaspay import copy_atlas

_replace = partial(replace_text, every=True)


def _missing(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("missing")]


def test_talkomni_lacks_legal_basis_withdrawal_and_the_consent_cookie(site: Path):
    """Read by hand: the pages call cookie_table() only, so no legal basis is shown; the preferences
    category needs consent, no page says how to withdraw it, and no item stores the choice."""
    result = policy(site, "lint", "--law", "kvkk")
    assert result.returncode == 1
    assert _missing(result) == [
        "missing KVKK Art. 10(1)(a): data/site.yml:3: the data holds no legal name of the controller (add "
        "`contact.legal_name`)",
        "missing KVKK Art. 10(1)(a): data/site.yml:3: the data holds no postal address of the controller (add "
        "`contact.address`)",
        # review H4: strict necessity is the consent exemption, not a ground of KVKK Art. 5
        "missing KVKK Art. 10(1)(ç), Art. 5: data/categories.yml:5: category `strictly-necessary` is strictly "
        "necessary, which exempts it from consent but is no legal ground of KVKK Art. 5(2) (add `ground: contract`, "
        "`legal-obligation` or `legitimate-interest`)",
        "missing KVKK Art. 10(1)(ç), Art. 5: data/categories.yml:5: the legal basis of category `strictly-necessary` "
        'is on no page (call {{ category_sections() }} or {{ legal_basis("strictly-necessary") }})',
        "missing KVKK Art. 10(1)(ç), Art. 5: data/categories.yml:14: the legal basis of category `preferences` "
        'is on no page (call {{ category_sections() }} or {{ legal_basis("preferences") }})',
        *[f"missing KVKK Art. 10(1)(c), Art. 9: data/services.yml:{line}: the data does not state where third party "
          f"`{sid}` ({name}) processes data, its role or whether data goes abroad (add `country`, `processor_role`, "
          "`transfer_abroad`)" for line, sid, name in ((4, "stripe", "Stripe"),
                                                       (13, "cloudflare-turnstile", "Cloudflare Turnstile"),
                                                       (22, "google-recaptcha", "Google reCAPTCHA"))],
        "missing KVKK cookie guide (Çerez Uygulamaları Hakkında Rehber): docs: categories need consent but no page "
        "says how to withdraw it (call {{ withdraw_consent() }})",
        "missing KVKK cookie guide (Çerez Uygulamaları Hakkında Rehber): data/categories.yml:14: category "
        "`preferences` needs consent, but no item records the visitor's choice: list the cookie or storage key "
        "that stores it",
        # review M8: a cookie is kept for a limited period, never "until you delete it"
        "missing KVKK cookie guide (Çerez Uygulamaları Hakkında Rehber): data/cookies.yml:23: cookie "
        "`TALKOMNI_USER_LOCALE` is `persistent`, which is no limited period (browsers keep a cookie at most 400 "
        "days): give the period it is set for, e.g. `1 year`",
    ]
    # to check by hand: the KEP address (site.yml states no country), the rights and the method of collection
    # in prose (no page calls rights() or collection_method())
    assert "kvkk: 11 missing, 3 to check by hand" in result.stderr
    assert "GDPR" not in result.stdout


def test_both_laws_by_default_and_the_controller(site: Path):
    _replace(site / "docs" / "index.tr.md", "{{ contact_email() }}", "")
    result = policy(site, "lint")
    assert "kvkk, gdpr: " in result.stderr
    assert "missing KVKK Art. 10(1)(a): docs: no page shows the controller's contact in `tr` " \
           "(call {{ contact_email() }})" in _missing(result)
    assert "missing GDPR Art. 13(1)(a): docs: no page shows the controller's contact in `tr` " \
           "(call {{ contact_email() }})" in _missing(result)


def test_gdpr_articles(site: Path):
    result = policy(site, "lint", "--law", "gdpr")
    lines = _missing(result)
    assert lines[0] == "missing GDPR Art. 13(1)(a): data/site.yml:3: the data holds no legal name of the controller " \
                       "(add `contact.legal_name`)"
    assert lines[2].startswith("missing GDPR Art. 13(1)(c), Art. 6: data/categories.yml:5: category "
                               "`strictly-necessary` is strictly necessary, which exempts it from consent but is no "
                               "legal ground of GDPR Art. 6(1)")
    assert lines[3].startswith("missing GDPR Art. 13(1)(c), Art. 6: data/categories.yml:5: the legal basis")
    assert lines[5] == "missing GDPR Art. 13(1)(f): data/services.yml:4: the data does not state where third party " \
                       "`stripe` (Stripe) processes data, its role or whether data goes abroad (add `country`, " \
                       "`processor_role`, `transfer_abroad`)"
    assert lines[8].startswith("missing GDPR Art. 13(2)(c), Art. 7(3): docs: categories need consent")
    assert lines[9].startswith("missing ePrivacy Art. 5(3); GDPR Art. 7(1): data/categories.yml:14:")
    checks = [line for line in result.stdout.splitlines() if line.startswith("check")]
    assert not any("KEP" in line for line in checks)  # a KVKK matter only
    assert 'check   GDPR Art. 13(2)(b), (d): docs: no page calls {{ rights(law="gdpr") }}: make sure the prose ' \
           "states the data subject's rights and the complaint to the supervisory authority" in checks


def test_a_page_in_one_language_only_is_named(site: Path):
    for page in ("index.md", "index.tr.md"):
        _replace(site / "docs" / page, "{{ cookie_table() }}", "{{ category_sections() }}")
    _replace(site / "docs" / "index.md", "{{ services_list() }}", "{{ services_list() }}\n\n{{ withdraw_consent() }}")
    lines = _missing(policy(site, "lint", "--law", "kvkk"))
    assert "legal basis" not in "\n".join(lines)
    assert "missing KVKK cookie guide (Çerez Uygulamaları Hakkında Rehber): docs: categories need consent but no " \
           "page says how to withdraw it in `tr` (call {{ withdraw_consent() }})" in lines


def test_a_complete_site_has_nothing_missing(tmp_path: Path):
    site = copy_atlas(tmp_path)
    # Atlas Pay's data names no ground for its strictly necessary categories; a complete site does
    for cid in ("necessary", "payments"):
        _replace(site / "data" / "categories.yml", f"  - id: {cid}\n    kind: necessary\n    consent: exempt\n",
                 f"  - id: {cid}\n    kind: necessary\n    consent: exempt\n    ground: contract\n")
    result = policy(site, "lint")
    assert result.returncode == 0, result.stdout
    assert _missing(result) == []
    # laws from site.yml; to check: the KEP address (Atlas Pay states no country), the rights in prose (both laws),
    # the method of collection in prose (KVKK)
    assert "kvkk, gdpr: 0 missing, 6 to check by hand"  # + the DPO, automated decisions in result.stderr


def test_lifetimes_and_recipients_follow_the_columns(tmp_path: Path):
    site = copy_atlas(tmp_path)
    for page in ("index.md", "index.tr.md"):
        _replace(site / "docs" / page, 'columns=["name", "provider", "purpose", "duration"]',
                 'columns=["name", "purpose"]')
        _replace(site / "docs" / page, "{{ services_list() }}", "")
        _replace(site / "docs" / page, "{{ services_table() }}", "")
    lines = _missing(policy(site, "lint", "--law", "gdpr"))
    # Stripe and Cloudflare stay named in the prose of both pages, Google Analytics in the Turkish prose only,
    # and Sentry in the Turkish prose only
    assert [line for line in lines if "Art. 13(1)(e)" in line] == [
        "missing GDPR Art. 13(1)(e): data/services.yml:14: third party `google-analytics` (Google Analytics) is named "
        'on no page in `en` (call {{ services_list() }}, {{ service_name("google-analytics") }} or a table with a '
        "provider column)",
        "missing GDPR Art. 13(1)(e): data/services.yml:26: third party `sentry` (Sentry) is named on no page in `en` "
        '(call {{ services_list() }}, {{ service_name("sentry") }} or a table with a provider column)']
    lifetimes = [line for line in lines if "Art. 13(2)(a)" in line]
    # every item but the sessionStorage key, which storage_list() shows with its duration
    assert len(lifetimes) == 12
    assert "missing GDPR Art. 13(2)(a): data/cookies.yml:60: the lifetime of cookie `_ga` is on no page " \
           "(list it in a table with a duration column)" in lifetimes


def test_a_category_in_prose_needs_its_description_on_a_page(tmp_path: Path):
    site = copy_atlas(tmp_path)
    _replace(site / "data" / "categories.yml", "  - id: analytics\n", "  - id: analytics\n    listed: false\n")
    for page in ("index.md", "index.tr.md"):
        _replace(site / "docs" / page, "{{ category_sections(",
                 '{{ cookie_table(category="necessary", storage=None, ')
        _replace(site / "docs" / page, "level=3, ", "")
    lines = _missing(policy(site, "lint", "--law", "kvkk"))
    assert "missing KVKK Art. 10(1)(b): data/categories.yml:10: category `analytics` is described in prose only and " \
           "has no description of its purpose (add `description`)" in lines
    assert "missing KVKK Art. 10(1)(b): data/categories.yml:16: the purpose of category `payments` is on no page " \
           '(call {{ category_sections() }} or {{ category_description("payments") }})' in lines
    assert sum("the lifetime of cookie `_g" in line for line in lines) == 2


def test_validate_warns_when_the_site_names_its_laws(tmp_path: Path):
    site = copy_atlas(tmp_path)
    _replace(site / "docs" / "index.tr.md", "{{ withdraw_consent() }}", "")
    result = policy(site, "validate")
    assert result.returncode == 0
    assert "docs: warning: KVKK cookie guide (Çerez Uygulamaları Hakkında Rehber): categories need consent but no " \
           "page says how to withdraw it in `tr` (call {{ withdraw_consent() }})" in result.stderr
    assert "docs: warning: GDPR Art. 13(2)(c), Art. 7(3): categories need consent" in result.stderr
    assert "to check by hand" not in result.stderr and "make sure the prose" not in result.stderr
    assert policy(site, "validate", "--strict").returncode == 1
    _replace(site / "data" / "site.yml", "laws: [kvkk, gdpr]\n", "")
    assert policy(site, "validate", "--strict").returncode == 0


def test_the_consent_record_is_recognised_by_its_purpose_in_any_language(tmp_path: Path):
    """A Turkish-first site may describe its consent cookie in Turkish words only; the words per
    language come from the catalogs."""
    from .test_yildizkaya import copy_yk

    site = copy_yk(tmp_path)
    cookies = site / "data" / "cookies.yml"
    _replace(cookies, "      en: Stores your cookie choices\n", "      en: Remembers what you chose on the banner\n")
    linted = policy(site, "lint", "--law", "kvkk")
    assert "hiçbir öğe ziyaretçinin tercihini kaydetmiyor" not in linted.stdout, linted.stdout  # a Turkish-first site
    _replace(cookies, "      tr: Çerez tercihlerinizi saklar\n", "      tr: Bildirimde yaptığınız seçimi hatırlar\n")
    linted = policy(site, "lint", "--law", "kvkk")
    assert "hiçbir öğe ziyaretçinin tercihini kaydetmiyor" in linted.stdout, linted.stdout


def test_an_order_confirmation_is_not_a_consent_record(tmp_path: Path):
    """"onay" also means an order's confirmation ("Siparişinizi onaylar"): only "açık rıza", "rıza tercihi"
    or "çerez tercihi/seçimi/ayarı" say that an item stores the visitor's choice (review L25)."""
    from cookiepolicy.checks.lint import records_consent
    from cookiepolicy.model.inventory import Duration, Item

    def item(tr: str) -> Item:
        return Item("ym_order", "cookie", "strictly-necessary", {"en": "Keeps the basket", "tr": tr},
                    Duration("session"))

    assert not records_consent(item("Siparişinizi onaylar"))
    assert not records_consent(item("Sipariş onayını saklar"))
    assert records_consent(item("Açık rıza tercihlerinizi saklar"))
    assert records_consent(item("Çerez tercihlerinizi saklar"))
    assert records_consent(item("Verdiğiniz açık rızayı kaydeder"))
