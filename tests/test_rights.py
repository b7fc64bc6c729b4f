"""KVKK Art. 10/11 disclosures as macros: the rights, how to apply, the complaint to the Board, and the
method of collection. The expected sentences were written by hand from the law and the data of each test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cookiepolicy.loading.policy import load_policy

from .support.helpers import mkdocs_build, policy, read_page
from .test_atlaspay import copy_atlas
from .test_lint import _replace
from .test_model_cases import html, item, load, renderer, write_site

CONTACT = {"legal_name": "Örnek A.Ş.", "address": "Büyükdere Cad. No: 1\n34394 Şişli / İstanbul",
           "kep": "ornek@hs01.kep.tr"}

KVKK_RIGHTS_TR = (
    "KVKK’nın 11. maddesi uyarınca veri sorumlusuna başvurarak kişisel verilerinizin işlenip işlenmediğini öğrenme, "
    "işlenmişse buna ilişkin bilgi talep etme, işlenme amacını ve bunların amacına uygun kullanılıp kullanılmadığını "
    "öğrenme, yurt içinde veya yurt dışında aktarıldığı üçüncü kişileri bilme, eksik veya yanlış işlenmişse "
    "düzeltilmesini, Kanun’un 7. maddesindeki şartlar çerçevesinde silinmesini veya yok edilmesini ve bu işlemlerin "
    "aktarıldığı üçüncü kişilere bildirilmesini isteme, münhasıran otomatik sistemlerle analiz edilmesi suretiyle "
    "aleyhinize bir sonucun ortaya çıkmasına itiraz etme ve kanuna aykırı işleme sebebiyle zarara uğramanız hâlinde "
    "zararın giderilmesini talep etme haklarına sahipsiniz.")


def test_the_kvkk_rights_with_every_stated_way_to_apply_and_the_complaint(tmp_path: Path):
    policy_ = load(tmp_path, [item("sid")], contact=CONTACT)
    text = html(renderer(policy_, "tr").rights()).text
    assert KVKK_RIGHTS_TR in text
    assert ("Bu haklarınıza ilişkin başvurunuzu, Veri Sorumlusuna Başvuru Usul ve Esasları Hakkında Tebliğ uyarınca "
            "Büyükdere Cad. No: 1, 34394 Şişli / İstanbul adresine yazılı olarak, ornek@hs01.kep.tr kayıtlı "
            "elektronik posta (KEP) adresine veya daha önce bildirdiğiniz ve sistemde kayıtlı e-posta adresinizden "
            "privacy@example.com adresine iletebilirsiniz.") in text
    assert "en geç otuz gün içinde sonuçlandırılır (KVKK m. 13)." in text
    assert ("cevabı öğrendiğiniz tarihten itibaren otuz gün ve her hâlde başvuru tarihinden itibaren altmış gün "
            "içinde Kişisel Verileri Koruma Kuruluna şikâyette bulunabilirsiniz (KVKK m. 14).") in text
    english = html(renderer(policy_, "en").rights()).text
    assert english.startswith("Under Article 11 of the KVKK you have the right to apply to the data controller")
    assert ("in writing to Büyükdere Cad. No: 1, 34394 Şişli / İstanbul, by registered e-mail (KEP) to "
            "ornek@hs01.kep.tr, or by e-mail to privacy@example.com from the address you have given the "
            "controller.") in english
    assert "Personal Data Protection Board" in english


def test_only_the_ways_the_data_states_are_named(tmp_path: Path):
    policy_ = load(tmp_path, [item("sid")])  # an e-mail address only
    text = html(renderer(policy_, "tr").rights()).text
    assert "Tebliğ uyarınca daha önce bildirdiğiniz ve sistemde kayıtlı e-posta adresinizden privacy@example.com " \
           "adresine iletebilirsiniz." in text
    assert "KEP" not in text and "yazılı olarak" not in text


def test_the_gdpr_rights_and_the_supervisory_authority(tmp_path: Path):
    policy_ = load(tmp_path, [item("sid")])
    text = html(renderer(policy_, "en").rights(law="gdpr")).text
    assert text.startswith("Under Articles 15 to 22 of the GDPR you have the right to access your personal data")
    assert "To exercise these rights, contact the data controller by e-mail to privacy@example.com" in text
    assert text.endswith("You also have the right to lodge a complaint with a supervisory authority (GDPR Art. 77).")
    assert "Ayrıca bir denetim makamına şikâyette bulunma hakkınız vardır (GDPR m. 77)." in \
        html(renderer(policy_, "tr").rights(law="gdpr")).text


def test_rights_without_any_way_to_apply_or_for_an_unknown_law_is_refused(tmp_path: Path):
    files = write_site(tmp_path, [item("sid")], contact={"phone": "+90 212 000 00 00"})
    site_yml = tmp_path / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("contact_email: privacy@example.com\n", ""),
                        encoding="utf-8")
    policy_, report = load_policy(files)
    assert policy_ is not None, report.format()
    with pytest.raises(ValueError, match=re.escape("rights() shows how to apply to the controller, and the data "
                                                   "states no way: add contact.address, contact.kep, "
                                                   "contact.email or contact.rights_url")):
        renderer(policy_, "tr").rights()
    with pytest.raises(ValueError, match=re.escape("rights(law='ccpa'): use one of kvkk, gdpr")):
        renderer(policy_, "tr").rights(law="ccpa")


def test_the_method_of_collection_names_the_storage_listed(tmp_path: Path):
    policy_ = load(tmp_path, [item("sid"), item("theme", storage="localStorage", duration="persistent")])
    assert html(renderer(policy_, "tr").collection_method()).text == (
        "Kişisel verileriniz, internet sitesini ziyaretiniz sırasında çerezler ve tarayıcının yerel depolama alanı "
        "aracılığıyla otomatik yollarla toplanmaktadır.")
    assert html(renderer(policy_, "en").collection_method()).text == (
        "Your personal data is collected by automatic means, through cookies and the browser's local storage, while "
        "you visit the website.")


def test_lint_points_to_the_macros_and_is_quiet_once_pages_call_them(tmp_path: Path):
    site = copy_atlas(tmp_path)
    result = policy(site, "lint", "--law", "kvkk")
    checks = [line for line in result.stdout.splitlines() if line.startswith("check")]
    assert "check   KVKK Art. 10(1)(d), Art. 11: docs: no page calls {{ rights() }}: make sure the prose states " \
           "the data subject's rights, the complaint to the Board (KVKK Art. 14)" in checks
    assert "check   KVKK Art. 10(1)(ç): docs: no page calls {{ collection_method() }}: make sure the prose states " \
           "how the data is collected" in checks
    for page in ("index.md", "index.tr.md"):
        _replace(site / "docs" / page, "{{ services_list() }}",
                 "{{ services_list() }}\n\n{{ rights() }}\n\n{{ collection_method() }}")
    result = policy(site, "lint", "--law", "kvkk")
    checks = [line for line in result.stdout.splitlines() if line.startswith("check")]
    assert not any("rights()" in line or "collection_method()" in line for line in checks), checks
    # and the macros render in a real build
    assert mkdocs_build(site, tmp_path / "out", env={"POLICY_TODAY": "2026-11-22"}).returncode == 0
    page = read_page(tmp_path / "out" / "tr" / "index.html").text
    assert KVKK_RIGHTS_TR in page
    assert "Kişisel Verileri Koruma Kuruluna şikâyette bulunabilirsiniz (KVKK m. 14)." in page
    assert "aracılığıyla otomatik yollarla toplanmaktadır." in page


def test_a_new_turkish_first_site_states_the_rights_and_the_method_of_collection(tmp_path: Path):
    result = policy(tmp_path, "init", "site", "--company", "iyzico", "--domain", "iyzico.example", "--email",
                    "kvkk@iyzico.example", "--default-language", "tr", "--law", "kvkk", "--law", "gdpr")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert "\nlaws: [kvkk, gdpr]\n" in (site / "data" / "site.yml").read_text(encoding="utf-8")
    assert mkdocs_build(site, tmp_path / "out").returncode == 0
    page = read_page(tmp_path / "out" / "index.html").text
    assert "5. Haklarınız" in page
    assert KVKK_RIGHTS_TR in page
    assert "Tebliğ uyarınca daha önce bildirdiğiniz ve sistemde kayıtlı e-posta adresinizden kvkk@iyzico.example " \
           "adresine iletebilirsiniz." in page
    assert "Kişisel verileriniz, internet sitesini ziyaretiniz sırasında çerezler aracılığıyla otomatik yollarla " \
           "toplanmaktadır." in page
    assert "haklarınız saklıdır" not in page
    english = read_page(tmp_path / "out" / "en" / "index.html").text
    assert "5. Your rights" in english and "Personal Data Protection Board" in english


def test_a_new_site_names_no_law_and_states_no_rights_unless_told(tmp_path: Path):
    """The rights are the law's: a starter that was not told which law applies states none, and one told the law
    but given no way to apply states none either (the rights section says how to apply)."""
    for name, flags in (("plain", ["--email", "kvkk@iyzico.example"]), ("noway", ["--law", "kvkk"])):
        result = policy(tmp_path, "init", name, "--company", "iyzico", "--default-language", "tr", *flags)
        assert result.returncode == 0, result.stderr
        page = (tmp_path / name / "docs" / "index.md").read_text(encoding="utf-8")
        assert "rights(" not in page and "Haklarınız" not in page
        site_yml = (tmp_path / name / "data" / "site.yml").read_text(encoding="utf-8")
        assert ("\nlaws: [kvkk]\n" in site_yml) == (name == "noway")
