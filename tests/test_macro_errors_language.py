"""A page author's wrong macro argument is worded in the site's language: each refusal of the renderer
says, in Turkish as in English, the macro, the argument and what is allowed; ``policy validate`` on a
Turkish-first site prints it in Turkish, at the page and line of the call."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.model.inventory import Policy
from cookiepolicy.render.renderer import Renderer, View
from cookiepolicy.render.site import view_for
from cookiepolicy.text.words import Refusal, in_language, reason

from .support.files import replace_text
from .support.helpers import ROOT, mkdocs_build, policy
from .test_yildizkaya import copy_yk


@pytest.fixture(scope="module")
def loaded() -> Policy:
    found, report = load_policy(SiteFiles(root=ROOT / "tests" / "sites" / "yildizkaya"))
    assert found is not None, report
    return found


def _said(call: Callable[[], Any]) -> tuple[str, str]:
    """The refusal's English and Turkish words."""
    with pytest.raises(Refusal) as caught:
        call()
    assert isinstance(caught.value, ValueError)  # what the build, validate and export catch
    why = reason(caught.value)
    return str(why), in_language(why, "tr") or ""


def _renderer(found: Policy, lang: str) -> Renderer:
    return Renderer(found, lang, View(found.draft, None), dt.date(2026, 11, 22))


# (the call, words the English says, words the Turkish says): each raise site at least once
CASES: list[tuple[str, Callable[[Renderer], Any], tuple[str, ...], tuple[str, ...]]] = [
    ("group_by", lambda r: r.cookie_table(group_by="vendor"),
     ("cookie_table(group_by='vendor'): allowed: provider, category (or leave it out)",),
     ("cookie_table(group_by='vendor'): izin verilen değerler: provider, category "
      "(ya da bu bağımsız değişkeni kaldırın)",)),
    ("columns text", lambda r: r.cookie_table(columns="name"),
     ("cookie_table(columns='name'): give a list of columns", "allowed: name, "),
     ("cookie_table(columns='name'): sütunları bir liste olarak verin", "izin verilen değerler: name, ")),
    ("columns unknown", lambda r: r.cookie_table(columns=["name", "colour"]),
     ("cookie_table(columns=...): unknown column 'colour'; allowed: name, ",),
     ("cookie_table(columns=...): 'colour' bilinmeyen bir sütundur; izin verilen değerler: name, ",)),
    ("headers mapping", lambda r: r.cookie_table(headers="Name"),
     ('cookie_table(headers=...): give a mapping of column to header, e.g. headers={"duration": ',),
     ("cookie_table(headers=...): her sütunun başlığını bir eşleme olarak verin", 'headers={"duration": ')),
    ("headers unknown", lambda r: r.cookie_table(headers={"colour": "Renk"}),
     ("cookie_table(headers=...): unknown column 'colour'; allowed: name, ",),
     ("cookie_table(headers=...): 'colour' bilinmeyen bir sütundur; izin verilen değerler: name, ",)),
    ("headers no text", lambda r: r.cookie_table(headers={"name": {"de": "Name"}}),
     ("cookie_table(headers=...): the header of 'name' has no text in `", "`; give one per language: {\""),
     ("cookie_table(headers=...): 'name' sütununun başlığında `", "` dilinde metin bulunmamaktadır; her dil için")),
    ("headers not text", lambda r: r.cookie_table(headers={"name": 3}),
     ("cookie_table(headers=...): the header of 'name' must be a text or a text per language",),
     ("cookie_table(headers=...): 'name' sütununun başlığı bir metin ya da dil başına bir metin olmalıdır",)),
    ("attributes", lambda r: r.cookie_table(attributes="hidden"),
     ("cookie_table(attributes='hidden'): allowed: ",),
     ("cookie_table(attributes='hidden'): izin verilen değerler: ",)),
    ("name_header", lambda r: r.cookie_table(name_header="title"),
     ("cookie_table(name_header='title'): allowed: ",),
     ("cookie_table(name_header='title'): izin verilen değerler: ",)),
    ("level", lambda r: r.cookie_table(level=9),
     ("cookie_table(level=9): a heading level from 1 to 6",),
     ("cookie_table(level=9): 1 ile 6 arasında bir başlık düzeyi verin",)),
    ("sections category", lambda r: r.category_sections(columns={"ads": ["name"]}),
     ("category_sections(columns=...): columns for unknown category 'ads'; known: *, ",),
     ("category_sections(columns=...): 'ads' bilinmeyen bir kategoridir; bilinen kategoriler: *, ",)),
    ("services columns", lambda r: r.services_table(columns=["service", "colour"]),
     ("unknown services_table column 'colour'; use service, ",),
     ("services_table makrosunda 'colour' bilinmeyen bir sütundur; şunlardan birini kullanın: service, ",)),
    ("voice", lambda r: r.not_used_statement(voice="they"),
     ("voice 'they': use 'company' or 'we'",), ("voice='they': 'company' ya da 'we' değerini kullanın",)),
    ("such_as", lambda r: r.not_used_statement(such_as={"fingerprinting": ["X"]}),
     ("such_as names 'fingerprinting', which not_used does not state",),
     ("such_as, not_used altında belirtilmeyen 'fingerprinting' uygulamasını anmaktadır",)),
    ("where", lambda r: r.not_used_statement(where="app"),
     ("where='app' is not a usage place; known: website, portal",),
     ("where='app' bir kullanım yeri değildir; bilinen kullanım yerleri: website, portal",)),
    ("service", lambda r: r.service_name("nope"),
     ("unknown service 'nope'; known: ",), ("'nope' bilinmeyen bir hizmettir; bilinen hizmetler: ",)),
    ("usage place", lambda r: r.usage_place("app"),
     ("unknown usage place 'app'; known: website, portal",),
     ("'app' bilinmeyen bir kullanım yeridir; bilinen kullanım yerleri: website, portal",)),
    ("rights law", lambda r: r.rights(law="ccpa"),
     ("rights(law='ccpa'): use one of kvkk, gdpr",), ("rights(law='ccpa'): şunlardan birini kullanın: kvkk, gdpr",)),
]


@pytest.mark.parametrize(("case", "call", "english", "turkish"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("lang", ["tr", "en"])
def test_a_refused_argument_is_worded_in_both_languages(loaded: Policy, lang: str, case: str,
                                                        call: Callable[[Renderer], Any],
                                                        english: tuple[str, ...], turkish: tuple[str, ...]):
    said_en, said_tr = _said(lambda: call(_renderer(loaded, lang)))
    for words in english:
        assert words in said_en
    for words in turkish:
        assert words in said_tr
    assert said_tr != said_en


def test_a_turkish_case_form_on_an_english_page_is_refused_in_either_language(loaded: Policy):
    said_en, said_tr = _said(lambda: _renderer(loaded, "en").usage_place("portal", case="dat"))
    assert said_en == "case 'dat' is a Turkish case form; in en write a preposition instead"
    assert said_tr == "case='dat' bir Türkçe hâl ekidir; `en` dilinde bunun yerine bir edat yazın"


def test_rights_with_no_way_to_apply_is_refused_in_either_language(loaded: Policy):
    site = loaded.site
    bare = dataclasses.replace(site, contact_email=None, contact=dataclasses.replace(
        site.contact, address=None, kep=None, rights_url=None))
    without = dataclasses.replace(loaded, site=bare, draft=dataclasses.replace(loaded.draft, site=bare))
    said_en, said_tr = _said(lambda: _renderer(without, "tr").rights())
    assert said_en.startswith("rights() shows how to apply to the controller, and the data states no way: add ")
    assert said_tr.startswith("rights() makrosu veri sorumlusuna başvuru yollarını göstermektedir")
    assert "contact.address, contact.kep, contact.email ya da contact.rights_url ekleyin" in said_tr


def test_a_version_that_was_never_published_is_refused_in_either_language(loaded: Policy):
    said_en, said_tr = _said(lambda: view_for(loaded, "9.9", dt.date(2026, 11, 22), False, None))
    assert said_en == "policy_version '9.9' is not a published release"
    assert said_tr == "policy_version '9.9' yayımlanmış bir sürüm değildir"


TURKISH = ("`cookie_table(group_by='vendor')`: cookie_table(group_by='vendor'): izin verilen değerler: "
           "provider, category (ya da bu bağımsız değişkeni kaldırın) "
           "(sayfadaki bağımsız değişkeni düzeltin (README.md dosyasındaki makro başvurusuna bakın))")


def _wrong_call(tmp_path: Path) -> tuple[Path, int]:
    """The Turkish-first test site with a wrong literal argument on its Turkish page, and the call's line."""
    site = copy_yk(tmp_path)
    page = site / "docs" / "index.md"
    replace_text(page, "{{ services_list() }}", '{{ services_list() }}\n\n{{ cookie_table(group_by="vendor") }}')
    return site, page.read_text(encoding="utf-8").split("\n").index('{{ cookie_table(group_by="vendor") }}') + 1


def test_the_build_and_the_markdown_export_of_a_turkish_first_site_say_it_in_turkish(tmp_path: Path):
    site, line = _wrong_call(tmp_path)
    built = mkdocs_build(site, tmp_path / "out")
    assert built.returncode != 0 and "Traceback" not in built.stderr
    assert f"docs/index.md:{line}: hata: {TURKISH}" in built.stderr
    exported = policy(site, "export", "markdown", "--output", str(tmp_path / "md"))
    assert exported.returncode != 0 and "Traceback" not in exported.stderr
    assert f"docs/index.md:{line}: hata: {TURKISH}" in exported.stderr
    assert not (tmp_path / "md").exists()


def test_validate_on_a_turkish_first_site_prints_the_refusal_in_turkish_at_its_line(tmp_path: Path):
    site, line = _wrong_call(tmp_path)
    done = policy(site, "validate")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    [said] = [row for row in done.stderr.splitlines() if "vendor" in row]
    assert said.startswith(f"docs/index.md:{line}: hata: ")
    assert ("`cookie_table(group_by='vendor')`: cookie_table(group_by='vendor'): izin verilen değerler: "
            "provider, category (ya da bu bağımsız değişkeni kaldırın)") in said
    assert "(sayfadaki bağımsız değişkeni düzeltin (README.md dosyasındaki makro başvurusuna bakın))" in said
    english = policy(site, "validate", "--lang", "en")
    assert english.returncode == 1
    assert "cookie_table(group_by='vendor'): allowed: provider, category (or leave it out)" in english.stderr
