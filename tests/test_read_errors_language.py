"""Issue #25 item 5: every problem the reader finds (malformed YAML, limits, aliases, durations) is worded
in the site's language. In Turkish the message and its hint read as Turkish, with no English sentence left;
in English they are exactly what the bad-input catalogue, the troubleshooting table and the tests quote.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.model.problems import Problem
from cookiepolicy.model.said import Said, from_plain
from cookiepolicy.safeio import memo, yamlsafe
from cookiepolicy.safeio.yamlsafe import read_yaml
from cookiepolicy.text.durations import DurationError, read_duration
from cookiepolicy.text.localize import Catalog
from cookiepolicy.text.words import in_language

from .support.bad_inputs import CASES, apply
from .support.helpers import ROOT

# (name, file content, the English line by hand, the Turkish line by hand)
READ_CASES = [
    ("tab", "a: 1\n\tb: 2\n",
     "x.yml:2: error: a tab is used for indentation (indent with spaces only)",
     "x.yml:2: hata: girintide sekme (tab) karakteri kullanılmış (yalnızca boşlukla girinti yapın)"),
    ("not-utf8", b"a: 1\nb: \xe7\n",
     "x.yml:2: error: is not UTF-8 text (save the file with UTF-8 encoding)",
     "x.yml:2: hata: dosya UTF-8 metin değil (dosyayı UTF-8 kodlamasıyla kaydedin)"),
    ("empty", "# nothing\n",
     "x.yml:1: error: file is empty (add the data, or delete the file)",
     "x.yml:1: hata: dosya boş (verileri ekleyin ya da dosyayı silin)"),
    ("malformed", "items:\n  - name: [a\n",
     "x.yml:2: error: malformed YAML: did not find expected ',' or ']' (check indentation, colons and quotes)",
     "x.yml:2: hata: YAML sözdizimi hatalı (ayrıştırıcının İngilizce iletisi: `did not find expected ',' or ']'`) "
     "(girintileri, iki nokta üst üste işaretlerini ve tırnakları denetleyin)"),
    ("duplicate", "a: 1\nb: 2\na: 3\n",
     "x.yml:3: error: a: duplicate key `a` (first on line 1) (keep one of them: YAML would silently use the last)",
     "x.yml:3: hata: a: `a` anahtarı birden fazla kez yazılmış (ilki 1. satırda) "
     "(yalnızca birini bırakın: YAML, uyarı vermeden sonuncusunu kullanır)"),
    ("tag", "a: !!python/object/apply:os.system [ls]\n",
     "x.yml:1: error: a: the YAML tag `tag:yaml.org,2002:python/object/apply:os.system` is not allowed "
     "(write plain values; tags that construct objects are refused)",
     "x.yml:1: hata: a: `tag:yaml.org,2002:python/object/apply:os.system` YAML etiketine izin verilmez "
     "(düz değerler yazın; nesne oluşturan etiketler reddedilir)"),
    ("merge", "base: &b {x: 1}\nc:\n  <<: *b\n",
     "x.yml:3: error: c: merge keys (`<<`) are not supported (write the fields out)",
     "x.yml:3: hata: c: birleştirme anahtarları (`<<`) desteklenmez (alanları tek tek yazın)"),
    ("key-text", "? [a, b]\n: 1\n",
     "x.yml:1: error: a key must be plain text",
     "x.yml:1: hata: anahtar düz metin olmalıdır"),
    ("key-unreadable", "2026-02-30: 1\n",
     "x.yml:1: error: the key `2026-02-30` cannot be read (write the key as plain text)",
     "x.yml:1: hata: `2026-02-30` anahtarı okunamıyor (anahtarı düz metin olarak yazın)"),
    ("impossible-date", "day: 2026-02-30\n",
     "x.yml:1: error: day: `2026-02-30` is not a possible date (write a real calendar date as YYYY-MM-DD)",
     "x.yml:1: hata: day: `2026-02-30` takvimde bulunan bir tarih değil "
     "(takvimde var olan bir tarihi YYYY-MM-DD biçiminde yazın)"),
    ("huge-number", "n: " + "9" * 5000 + "\n",
     "x.yml:1: error: n: `" + "9" * 37 + "...` is not a possible number "
     "(write a smaller number, or quote the value to make it text)",
     "x.yml:1: hata: n: `" + "9" * 37 + "...` okunabilecek bir sayı değil "
     "(daha küçük bir sayı yazın ya da değeri tırnak içine alarak metin yapın)"),
    ("two-documents", "a: 1\n---\nb: 2\n",
     "x.yml:2: error: the file holds more than one YAML document (`---`) (keep one document per file)",
     "x.yml:2: hata: dosyada birden fazla YAML belgesi (`---`) var (her dosyada tek bir belge bırakın)"),
    ("self-alias", "a: &a [1, *a]\n",
     "x.yml:1: error: the alias `*a` refers to the value that contains it "
     "(write the values out instead of repeating anchors (`&`/`*`))",
     "x.yml:1: hata: `*a` takma adı, kendisini içeren değeri gösteriyor "
     "(çapaları (`&`/`*`) yinelemek yerine değerleri açıkça yazın)"),
    ("no-anchor", "a: *http\n",
     "x.yml:1: error: the alias `*http` has no anchor `&http` before it "
     "(define the anchor first, or write the value out)",
     "x.yml:1: hata: `*http` takma adından önce `&http` çapası tanımlanmamış "
     "(önce çapayı tanımlayın ya da değeri açıkça yazın)"),
    ("too-deep", "a: " + "[" * 70 + "]" * 70 + "\n",
     "x.yml:1: error: values are nested more than 64 levels deep "
     "(the data files nest a few levels only: check the brackets and indentation)",
     "x.yml:1: hata: değerler 64 düzeyden daha derin iç içe geçmiş "
     "(veri dosyaları yalnızca birkaç düzey iç içe geçer: parantezleri ve girintileri denetleyin)"),
    ("expands", "a: &a [" + ",".join(['"' + "x" * 1000 + '"'] * 9) + "]\n"
     + "".join(f"{k}: &{k} [{','.join(['*' + p] * 9)}]\n" for p, k in zip("abcd", "bcde", strict=True)),
     "x.yml:5: error: the values expand to more than 10,485,760 characters (aliases included) "
     "(write the values out instead of repeating anchors (`&`/`*`), or split the file)",
     "x.yml:5: hata: takma adlar (alias) açıldığında değerler 10.485.760 karakteri aşıyor "
     "(çapaları (`&`/`*`) yinelemek yerine değerleri açıkça yazın ya da dosyayı bölün)"),
]


def _read(tmp_path: Path, content: str | bytes, max_bytes: int = yamlsafe.MAX_BYTES) -> Problem:
    path = tmp_path / "x.yml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    _, problems = read_yaml(path, "x.yml", max_bytes)
    assert len(problems) == 1, [p.format("en") for p in problems]
    return problems[0]


def _no_english(problem: Problem, line: str) -> None:
    """The Turkish line holds neither the English message nor the English hint."""
    for english in (problem.message, problem.hint):
        if english:
            assert str(english) not in line, line


@pytest.mark.parametrize(("content", "english", "turkish"), [c[1:] for c in READ_CASES],
                         ids=[c[0] for c in READ_CASES])
def test_a_read_problem_is_worded_in_turkish_and_its_english_is_unchanged(
        tmp_path: Path, content: str | bytes, english: str, turkish: str) -> None:
    problem = _read(tmp_path, content)
    assert problem.format("en") == english
    assert problem.format("tr") == turkish
    _no_english(problem, problem.format("tr"))


def test_a_character_yaml_refuses_is_worded_in_turkish(tmp_path: Path) -> None:
    """The reason is the parser's own words (the C and the Python reader say it differently), quoted in Turkish."""
    problem = _read(tmp_path, "a: \x07\n")
    reason = next(r for r in ("control characters are not allowed", "special characters are not allowed")
                  if r in problem.message)
    assert problem.format("en") == f"x.yml:1: error: malformed YAML: {reason} (remove the character, or quote the text)"
    assert problem.format("tr") == (f"x.yml:1: hata: YAML sözdizimi hatalı (ayrıştırıcının İngilizce iletisi: "
                                    f"`{reason}`) (karakteri silin ya da metni tırnak içine alın)")


def test_a_missing_file_and_one_over_the_limit_are_worded_in_turkish(tmp_path: Path) -> None:
    _, [missing] = read_yaml(tmp_path / "gone.yml", "gone.yml")
    assert missing.format("en") == ("gone.yml: error: file is missing "
                                    "(create it, or run `policy init` to scaffold a site)")
    assert missing.format("tr") == ("gone.yml: hata: dosya bulunamadı (dosyayı oluşturun ya da site iskeletini "
                                    "kurmak için `policy init` komutunu çalıştırın)")
    big = _read(tmp_path, "a: " + "x" * 1200 + "\n", max_bytes=1000)
    assert big.format("en") == "x.yml: error: file is 1,204 bytes, over the limit of 1,000 (split it up)"
    assert big.format("tr") == ("x.yml: hata: dosya 1.204 bayt; 1.000 baytlık sınırı aşıyor "
                                "(dosyayı birkaç dosyaya bölün)")


def test_a_folder_and_an_unreadable_file_are_worded_in_turkish(tmp_path: Path) -> None:
    (tmp_path / "x.yml").mkdir()
    _, [folder] = read_yaml(tmp_path / "x.yml", "x.yml")
    assert folder.format("en") == ("x.yml: error: is not a regular file (a folder, device, FIFO or socket) "
                                   "(data files must be ordinary files; replace the link or special file)")
    assert folder.format("tr") == ("x.yml: hata: sıradan bir dosya değil (klasör, aygıt, FIFO ya da soket) "
                                   "(veri dosyaları sıradan dosyalar olmalıdır; bağlantıyı ya da özel dosyayı "
                                   "gerçek bir dosyayla değiştirin)")
    locked = tmp_path / "locked.yml"
    locked.write_text("a: 1\n", encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root reads any file: word the same problem by hand instead
        problem = Problem(file="locked.yml", message=yamlsafe.said("cannot_read", reason="Permission denied"))
    else:
        _, [problem] = read_yaml(locked, "locked.yml")
    assert problem.format("en") == "locked.yml: error: cannot be read: Permission denied"
    assert problem.format("tr") == ('locked.yml: hata: dosya okunamıyor (işletim sisteminin iletisi: '
                                    '"Permission denied")')


def test_aliases_over_the_value_count_are_worded_in_turkish() -> None:
    problem = Problem(file="x.yml", message=yamlsafe.said("too_many", limit=yamlsafe.count(500_000)),
                      hint=yamlsafe.said("write_out"))
    assert problem.format("en") == ("x.yml: error: aliases expand to more than 500,000 values "
                                    "(write the values out instead of repeating anchors (`&`/`*`))")
    assert problem.format("tr") == ("x.yml: hata: takma adlar açıldığında 500.000 değerden fazlası oluşuyor "
                                    "(çapaları (`&`/`*`) yinelemek yerine değerleri açıkça yazın)")


OTHER_EN = ("or write `session`, `not-stated`, {until: YYYY-MM-DD}, {until: {en: ..., tr: ...}} "
            "or the source's own words as {text: {en: ..., tr: ...}}")
OTHER_TR = ("ya da `session`, `not-stated`, {until: YYYY-MM-DD}, {until: {en: ..., tr: ...}} "
            "veya kaynağın kendi ifadesiyle {text: {en: ..., tr: ...}} yazın")
# (value, English message, English hint, Turkish message, Turkish hint): all by hand
DURATION_CASES = [
    ("-1 days", "`-1 days` is a negative period",
     "a cookie lives for a positive time: give a period longer than zero, or `session`",
     "`-1 days` eksi bir süre",
     "bir çerez sıfırdan uzun bir süre saklanır: sıfırdan uzun bir saklama süresi ya da `session` yazın"),
    ("0 days", "`0 days` is no time at all", "give a period longer than zero, or `session`",
     "`0 days` sıfır süreye karşılık geliyor", "sıfırdan uzun bir saklama süresi ya da `session` yazın"),
    ("1000000 days", "`1000000 days` is longer than any cookie lives", "write at most 9999 of a unit",
     "`1000000 days`, hiçbir çerezin saklanmadığı kadar uzun bir süre", "bir birimden en fazla 9999 yazın"),
    ({"until": "0001-01-01"}, "`0001-01-01` is not a plausible expiry date",
     "write a day between 1990 and 2200, e.g. 2030-11-09",
     "`0001-01-01`, bir çerezin sona ereceği tarih olarak gerçekçi değil",
     "1990 ile 2200 arasında bir gün yazın, ör. 2030-11-09"),
    ({"until": "2030-02-30"}, "`2030-02-30` is not a date", "write the day as YYYY-MM-DD, e.g. 2030-11-09",
     "`2030-02-30` bir tarih değil", "günü YYYY-MM-DD biçiminde yazın, ör. 2030-11-09"),
    ({"if": {"en": "if", "tr": "eğer"}, "duration": "not-set"},
     "`not-set` is what happens otherwise, not the duration itself",
     "give the duration that applies under the condition",
     "`not-set`, koşul sağlanmadığında ne olacağını anlatır; saklama süresinin kendisi olamaz",
     "koşul sağlandığında geçerli olan saklama süresini yazın"),
    ("12 blorps", "cannot read the duration `12 blorps`",
     "units: second, minute, hour, day, week, month, year (or saniye/sn, dakika/dk, saat/sa, gün, hafta, ay, "
     "yıl); " + OTHER_EN,
     "`12 blorps` saklama süresi okunamadı",
     "birimler: second, minute, hour, day, week, month, year (ya da saniye/sn, dakika/dk, saat/sa, gün, hafta, "
     "ay, yıl); " + OTHER_TR),
    ("1.5 years", "cannot read the duration `1.5 years`",
     "write a whole number of a smaller unit, e.g. `18 months` or `18 ay` for 1.5 years",
     "`1.5 years` saklama süresi okunamadı",
     "daha küçük bir birimden tam sayı yazın; ör. 1,5 yıl için `18 months` ya da `18 ay`"),
    ("many days", "cannot read the duration `many days`",
     "write the number in digits or words, e.g. `12 hours`, `twelve hours`, `12 saat`; " + OTHER_EN,
     "`many days` saklama süresi okunamadı",
     "sayıyı rakamla ya da yazıyla yazın, ör. `12 hours`, `twelve hours`, `12 saat`; " + OTHER_TR),
]


@pytest.mark.parametrize(("value", "en", "en_hint", "tr", "tr_hint"), DURATION_CASES,
                         ids=[str(c[0]) for c in DURATION_CASES])
def test_a_duration_problem_is_worded_in_turkish_and_its_english_is_unchanged(
        value: object, en: str, en_hint: str, tr: str, tr_hint: str) -> None:
    with pytest.raises(DurationError) as caught:
        read_duration(value)
    problem = Problem(file="data/cookies.yml", line=3, field="items[0].duration",
                      message=caught.value.message, hint=caught.value.hint)
    assert problem.format("en") == f"data/cookies.yml:3: error: items[0].duration: {en} ({en_hint})"
    assert problem.format("tr") == f"data/cookies.yml:3: hata: items[0].duration: {tr} ({tr_hint})"
    _no_english(problem, problem.format("tr"))


def test_an_unreadable_word_lists_the_forms_in_turkish() -> None:
    with pytest.raises(DurationError) as caught:
        read_duration("xyzzy")
    hint = caught.value.hint
    assert isinstance(hint, Said) and str(hint).startswith("write session, persistent, not-stated, ")
    assert in_language(hint, "tr") == "şu biçimlerden birini yazın: " + str(hint).removeprefix("write ")


def test_the_english_of_the_reader_is_the_english_catalog() -> None:
    """The reader is below the catalogs and keeps its English itself: the two must not drift apart,
    and every message has its Turkish twin."""
    en, tr = Catalog.get("en"), Catalog.get("tr")
    for name, text in yamlsafe._ENGLISH.items():
        assert en.maybe(f"cli.read.{name}") == text, name
    read_en = {k for k in en.strings if k.startswith("cli.read.")}
    read_tr = {k for k in tr.strings if k.startswith("cli.read.")}
    assert read_en == read_tr
    assert {f"cli.read.{name}" for name in yamlsafe._ENGLISH} <= read_en


def test_a_cached_message_keeps_its_turkish_numbers() -> None:
    """The signed cache keeps a problem as plain data: read back, it is worded in Turkish as before."""
    said = yamlsafe.said("too_big", size=yamlsafe.count(6_000_000), limit=yamlsafe.count(5_242_880))
    again = from_plain(said.plain())
    assert str(again) == "file is 6,000,000 bytes, over the limit of 5,242,880"
    assert in_language(again, "tr") == "dosya 6.000.000 bayt; 5.242.880 baytlık sınırı aşıyor"


# the bad-input catalogue's cases whose problems the reader and the durations make
MINE = ("malformed-yaml", "tab-indentation", "not-utf8", "empty-file", "duplicate-key", "python-tag",
        "billion-laughs", "too-big", "nested-1000", "impossible-date", "huge-duration", "huge-number",
        "aliased-text", "self-alias", "alias-without-anchor", "folder", "two-documents", "negative-duration",
        "expiry-in-year-one", "tcf-malformed")


@pytest.mark.parametrize("case", [c for c in CASES if c.id in MINE], ids=lambda c: c.id)
def test_the_catalogue_case_reads_in_turkish(tmp_path: Path, case: object) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT, site, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "node_modules", "examples", "tests", "manual", "benchmarks", "artifacts"))
    apply(case, site)  # type: ignore[arg-type]
    memo.reset()
    _, report = load_policy(SiteFiles(site))
    problems = [p for p in report if p.file.endswith(case.file)]  # type: ignore[attr-defined]
    assert problems
    for problem in problems:
        assert isinstance(problem.message, Said) and (problem.hint is None or isinstance(problem.hint, Said))
        assert problem.format("tr") != problem.format("en")
        _no_english(problem, problem.format("tr"))
