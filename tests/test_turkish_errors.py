"""Every error path of the bad-input catalogue on a Turkish-first site prints no English sentence.

Each case of ``tests/support/bad_inputs.py`` is applied to a copy of the TalkOmni site whose root
language is Turkish, and ``policy validate`` runs on it in-process. A printed problem is English when
its message or hint is plain text (not a catalog message), when a catalog message it is made of has
no Turkish template, when its Turkish line reads the same as its English line once the `code` spans
are left out, or when its Turkish line holds an English word outside the `code` spans.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cookiepolicy.adapters.cli.main import main
from cookiepolicy.model import problems
from cookiepolicy.model.said import Said
from cookiepolicy.safeio import memo
from cookiepolicy.text import words
from cookiepolicy.text.localize import Catalog
from cookiepolicy.text.words import in_language

from .support.bad_inputs import CASES, Case, apply
from .support.helpers import ROOT, copy_site

_CODE = re.compile(r"`[^`]*`")
# words of English sentences that Turkish text never holds outside code spans
_ENGLISH = re.compile(r"\b(the|is|are|not|of|with|must|write|and|or|to|cannot|has|instead|expected|missing|"
                      r"allowed|file|line|e\.g)\b", re.IGNORECASE)


def _turkish_first(site: Path) -> None:
    """The site's root language made Turkish: in data/site.yml and in the i18n plugin's default."""
    site_yml = site / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("default_language: en", "default_language: tr"),
                        encoding="utf-8")
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    english_default = "          default: true\n          build: true\n        - locale: tr\n          name: Türkçe\n"
    turkish_default = "          build: true\n        - locale: tr\n          name: Türkçe\n          default: true\n"
    moved = text.replace(english_default, turkish_default)
    assert moved != text, "the i18n plugin's languages moved in mkdocs.yml"
    config.write_text(moved, encoding="utf-8")
    # pages named as the default language wants: page.md is Turkish, page.en.md English
    renamed = {}
    for turkish in sorted((site / "docs").rglob("*.tr.md")):
        english = turkish.with_name(turkish.name.removesuffix(".tr.md") + ".md")
        english.rename(english.with_name(english.stem + ".en.md"))
        turkish.rename(english)
        renamed[english] = english.with_name(english.stem + ".en.md")
        renamed[turkish] = english
    sums = site / "data" / "releases" / "SHA256SUMS"
    lines = sums.read_text(encoding="utf-8").splitlines(keepends=True)
    names = {str(old.relative_to(site)): str(new.relative_to(site)) for old, new in renamed.items()}
    sums.write_text("".join(_renamed_sum(line, names) for line in lines), encoding="utf-8")


def _renamed_sum(line: str, names: dict[str, str]) -> str:
    digest, sep, name = line.rstrip("\n").partition("  ")
    return f"{digest}{sep}{names.get(name, name)}\n" if sep else line


def _saids(text: str) -> Iterator[Said]:
    if isinstance(text, Said):
        yield text
        for _, value in text.values:
            if isinstance(value, Said):
                yield from _saids(value)


def english_in(problem: problems.Problem) -> list[str]:
    """What of the problem's message and hint reaches a Turkish reader in English."""
    found = []
    for part in (problem.message, problem.hint):
        if part is None:
            continue
        if not isinstance(part, Said):
            found.append(f"plain text: {part}")
            continue
        turkish_catalog = Catalog.get("tr")
        found += [f"no Turkish for cli.{s.key}" for s in _saids(part) if turkish_catalog.maybe(f"cli.{s.key}") is None]
        turkish = _CODE.sub("", in_language(part, "tr") or "")
        if re.search(r"[^\W\d_]", turkish) and turkish == _CODE.sub("", str(part)):
            found.append(f"reads as in English: {part}")
        elif _ENGLISH.search(turkish):
            found.append(f"English words in: {in_language(part, 'tr')}")
    return found


def _validate(case: Case, folder: Path) -> tuple[int, list[problems.Problem]]:
    """``policy validate`` on the case applied to a Turkish-first copy (or, where the case rewrites
    site.yml's language, an English copy with ``--lang tr``): its exit status and printed problems."""
    site = copy_site(ROOT, folder / "site")
    _turkish_first(site)
    args = ["--root", str(site), "validate"]
    try:
        apply(case, site)
        turkish_first = "default_language: tr" in (site / "data" / "site.yml").read_text(encoding="utf-8")
    except AssertionError:  # the edit names an English page's text
        turkish_first = False
    if not turkish_first:
        shutil.rmtree(site)
        site = copy_site(ROOT, folder / "site")
        apply(case, site)
        args = ["--root", str(site), "validate", "--lang", "tr"]
    printed: list[problems.Problem] = []
    format_line = problems.Problem.format

    def recorded(problem: problems.Problem, lang: str | None = None) -> str:
        printed.append(problem)
        return format_line(problem, lang)

    memo.reset()
    spoken = words.language()
    try:
        with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stderr(io.StringIO()), \
                contextlib.redirect_stdout(io.StringIO()):
            patch.setattr(problems.Problem, "format", recorded)
            status = main(args)
    finally:  # the command speaks Turkish from now on: the tests after this one speak as before
        words.use(spoken)
        memo.reset()
    return status, printed


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Per case id: the English that validate prints on the Turkish-first site."""
    found = {}
    for case in CASES:
        status, printed = _validate(case, tmp_path_factory.mktemp(case.id))
        english_lines = "\n".join(problems.Problem.format(p, "en") for p in printed)
        assert re.search(case.expect, english_lines), f"{case.id}: the case's mistake is not reported: {english_lines}"
        assert status == (0 if case.warning else 1), case.id
        found[case.id] = [line for p in printed for line in english_in(p)]
    return found


def test_every_bad_input_is_reported_in_turkish(english: dict[str, list[str]]):
    offending = {case: lines for case, lines in english.items() if lines}
    assert not offending, "English on a Turkish-first site: " + ", ".join(offending) + "\n" + "\n".join(
        f"{case}: {line}" for case, lines in offending.items() for line in lines)


def test_the_check_finds_english():
    """The rule itself: plain text, a key without Turkish, and English left in Turkish are each found."""
    plain = problems.Problem(file="f", message="file is empty")
    said = problems.Problem(file="f", message=Said("data.no_such_key", "no such key", {}))
    worded = problems.Problem(file="f", message=Said("schema.required", "required field is missing", {}))
    described = problems.Problem(file="f", message=Said("schema.expected", "expected the company's name",
                                                        {"description": "the company's name"}))
    assert english_in(plain) == ["plain text: file is empty"]
    assert "no Turkish for cli.data.no_such_key" in english_in(said)
    assert english_in(described) == ["English words in: beklenen: the company's name"]
    assert english_in(worded) == []


# Lines as a Turkish developer reads them, written by hand (KVKK terms, data values in `code`).
TURKISH_LINES = {
    "javascript-link": "data/services.yml:12: hata: services[0].policy_url: `javascript:alert(1)` geçerli bir "
                       "bağlantı değil: bağlantılar `https://`, `http://` ya da `mailto:` ile başlamalıdır (adresin "
                       "tamamını yazın, örn. `https://example.com/privacy`)",
    "not-used-contradicted": "data/site.yml:10: hata: not_used: `not_used` alanı sitede `cross-site-tracking` "
                             "kullanılmadığını belirtiyor; ancak `TALKOMNI_USER_LOCALE` çerezi bu türdendir (bunu "
                             "`not_used` listesinden kaldırın ya da öğeyi düzeltin)",
    "release-version-mismatch": "data/releases/1.0.yml:4: hata: version: `1.1` sürümü dosya adıyla uyuşmuyor (sürüm "
                                "dosyasının adı sürüm numarasıdır: `1.1.yml`)",
    "tcf-unknown-purpose": "data/tcf.yml:3: hata: categories.preferences.purposes[1]: 12, izin verilen en büyük değer "
                           "olan 11 sayısından büyük",
    "jinja-attribute-chain": "docs/index.md:21: hata: `.read` öznitelik erişimi kullanılamaz (bir sayfa motorun "
                             "makrolarını yalnızca sabit değerli bağımsız değişkenlerle çağırabilir, örneğin "
                             '`{{ cookie_table(category="analytics") }}`)',
    "macro-too-many-arguments": "docs/index.md:13: hata: `company`: gereğinden çok konumsal bağımsız değişken "
                                "verilmiştir; makronun bağımsız değişkenleri: case (bir sayfa motorun makrolarını "
                                'yalnızca sabit değerli bağımsız değişkenlerle çağırabilir, örneğin '
                                '`{{ cookie_table(category="analytics") }}`)',
    "macro-variable-argument": "docs/index.md:13: hata: `company`: `case` bağımsız değişkeninde sabit bir değer yerine "
                               "`.title` öznitelik erişimi kullanılmıştır (bir sayfa motorun makrolarını yalnızca "
                               'sabit değerli bağımsız değişkenlerle çağırabilir, örneğin '
                               '`{{ cookie_table(category="analytics") }}`)',
    "settings-not-a-mapping": "mkdocs.yml:79: hata: extra.policy: tek bir değer değil, bir ayarlar eşlemesi "
                              "olmalıdır (örneğin `policy:` satırını ve onun altına girintili olarak "
                              "`data_dir: data` satırını yazın)",
    "policy-version-number": "docs/versions/1.0/index.md:2: hata: policy_version: `1.0` tırnak içine alınmadığı için "
                             "YAML bunu sürüm metni olarak değil, sayı olarak okur (değeri tırnak içine alın: "
                             '`policy_version: "1.0"`)',
}


@pytest.mark.parametrize("case_id", sorted(TURKISH_LINES))
def test_messages_read_as_written_in_turkish(tmp_path: Path, case_id: str):
    case = next(c for c in CASES if c.id == case_id)
    _, printed = _validate(case, tmp_path)
    assert TURKISH_LINES[case_id] in [problems.Problem.format(p, "tr") for p in printed]


@pytest.mark.parametrize(("call", "english", "turkish"), [
    ('{{ company("gen", case="dat") }}', "`company`: multiple values for argument 'case'; its arguments: case",
     "`company`: `case` bağımsız değişkenine birden çok değer verilmiştir; makronun bağımsız değişkenleri: case"),
    ("{{ category_name() }}", "`category_name`: missing a required argument: 'cid'; its arguments: cid, case",
     "`category_name`: zorunlu `cid` bağımsız değişkeni verilmemiştir; makronun bağımsız değişkenleri: cid, case"),
])
def test_arguments_that_do_not_fit_are_worded_by_the_engine(call: str, english: str, turkish: str):
    """The page guard says why arguments do not fit in its own words, never Python's TypeError text."""
    from cookiepolicy.render.pageguard import check_source

    [problem] = check_source(call, "docs/index.md")
    assert (str(problem.message), in_language(problem.message, "tr")) == (english, turkish)


def test_a_library_error_reaches_a_turkish_reader_quoted():
    """An exception's own English (a macro's TypeError, a library's ValueError) is quoted as code in Turkish."""
    why = words.reason(TypeError("Renderer.company() got an unexpected keyword argument 'x'\nmore"))
    assert str(why) == "Renderer.company() got an unexpected keyword argument 'x'"
    assert in_language(why, "tr") == ("makro çağrısı yapılamamıştır (Python'ın İngilizce iletisi: "
                                      "`Renderer.company() got an unexpected keyword argument 'x'`)")
