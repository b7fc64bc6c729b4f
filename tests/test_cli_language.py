"""The `policy` command speaks the site's language: on a Turkish-first site its messages, hints and
summaries are the Turkish catalog's (review: every `policy` message on a Turkish-first site was
English); on an English-first site, English; `--lang` picks another."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .support.helpers import copy_test_site, policy
from .test_yildizkaya import copy_yk


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _no_english(output: str) -> None:
    """Nothing but Turkish words around the data's own values (quoted in backticks) and paths."""
    for word in ("error", "warning", "cannot", "missing", "did you mean", "unknown", "the data", "is not",
                 "before", "released", "wrote", "ok:"):
        assert not re.search(rf"(?<![`\w]){re.escape(word)}(?![`\w])", output), (word, output)


def test_validate_on_a_turkish_first_site_is_turkish(tmp_path: Path) -> None:
    site = copy_yk(tmp_path)
    ok = policy(site, "validate")
    assert ok.returncode == 0 and ok.stdout.strip() == "sorun yok: 6 öğe, 1 hizmet, 3 kategori, 2 sürüm"
    cookies = site / "data" / "cookies.yml"
    _replace(cookies, "duration: 2 saat\n", "duration: 2 saatt\n")
    bad = policy(site, "validate")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    lines = bad.stderr.splitlines()
    # file, line and field stay named; the message and the hint are Turkish
    assert lines[0] == ("data/cookies.yml:18: hata: items[1].duration: `2 saatt` saklama süresi okunamadı "
                        "(`2 saat` mı demek istediniz?)"), lines
    assert lines[-1] == "1 hata, 0 uyarı"
    _no_english(bad.stderr)
    english = policy(site, "validate", "--lang", "en")  # --lang wins over the site's default language
    assert "error: items[1].duration: cannot read the duration `2 saatt` (did you mean `2 saat`?)" in english.stderr
    assert english.stderr.splitlines()[-1] == "1 error(s), 0 warning(s)"


def test_schema_and_reference_errors_are_turkish(tmp_path: Path) -> None:
    site = copy_yk(tmp_path)
    cookies = site / "data" / "cookies.yml"
    text = cookies.read_text(encoding="utf-8")
    category = re.search(r"category: (\S+)", text).group(1)
    _replace(cookies, f"category: {category}\n", f"category: {category}x\n    colour: red\n")
    bad = policy(site, "validate")
    assert bad.returncode == 1
    assert "hata: items[0].colour: bilinmeyen alan (kullanılabilecek alanlar:" in bad.stderr, bad.stderr
    _no_english(bad.stderr)


def test_release_errors_are_turkish(tmp_path: Path) -> None:
    site = copy_yk(tmp_path)
    bad = policy(site, "release", "9.0", "--effective", "2020-01-01", "--published", "2021-01-01")
    assert bad.returncode == 1
    assert ("data/releases: hata: yürürlük tarihi (2020-01-01), yayım tarihinden (2021-01-01) önce "
            "(bir politika, yayımlandığı gün veya sonrasında yürürlüğe girer)") in bad.stderr, bad.stderr
    assert not (site / "data" / "releases" / "9.0.yml").exists()  # nothing half-written
    again = policy(site, "release", "1.0", "--effective", "2030-01-01")
    assert "hata: 1.0 sürümü zaten var (yayımlanan bir sürüm hiçbir zaman değiştirilmez: düzeltmeyi yeni bir " \
           "sürüm olarak yayımlayın)" in again.stderr, again.stderr


def test_lint_on_a_turkish_first_site_is_turkish(tmp_path: Path) -> None:
    site = copy_yk(tmp_path)
    linted = policy(site, "lint", "--law", "kvkk")
    assert ("eksik   KVKK m. 10/1-a: data/site.yml:3: verilerde veri sorumlusunun unvanı yer almıyor "
            "(`contact.legal_name` ekleyin)") in linted.stdout.splitlines(), linted.stdout
    assert re.search(r"^kvkk: \d+ eksik, elle kontrol edilecek \d+ nokta$", linted.stderr, re.M), linted.stderr
    _no_english(linted.stdout + linted.stderr)


def test_verify_outside_git_is_turkish(tmp_path: Path) -> None:
    site = copy_yk(tmp_path)
    subprocess.run(["rm", "-rf", str(site / ".git")], check=True)
    verified = policy(site, "verify")
    assert verified.returncode == 1
    assert "bir git deposu değil: yayım geçmişi denetlenemiyor" in verified.stderr, verified.stderr


def test_an_english_first_site_stays_english(tmp_path: Path) -> None:
    site = copy_test_site("kestrel", tmp_path)
    ok = policy(site, "validate")
    assert ok.returncode == 0 and ok.stdout.startswith("ok: "), ok.stdout
    linted = policy(site, "lint", "--law", "kvkk")
    assert "missing KVKK Art. 10(1)(a)" in linted.stdout and " missing, " in linted.stderr
    turkish = policy(site, "lint", "--law", "kvkk", "--lang", "tr")
    assert "eksik   KVKK m. 10/1-a" in turkish.stdout and " eksik, " in turkish.stderr


def test_the_review_comment_s_error_lines_follow_its_language(tmp_path: Path) -> None:
    from cookiepolicy.model.problems import Problem
    from cookiepolicy.text.words import say

    problem = Problem(file="data/cookies.yml", line=18, field="items[1].duration",
                      message=say("duration.unreadable", value="2 saatt"),
                      hint=say("schema.did_you_mean", value="2 saat"))
    assert problem.format("tr") == ("data/cookies.yml:18: hata: items[1].duration: `2 saatt` saklama süresi "
                                    "okunamadı (`2 saat` mı demek istediniz?)")
    assert problem.format("en") == ("data/cookies.yml:18: error: items[1].duration: cannot read the duration "
                                    "`2 saatt` (did you mean `2 saat`?)")
    # the on-disk cache keeps what the message says, not its English words
    from cookiepolicy.safeio import cache
    from cookiepolicy.safeio.yamlsafe import Document

    doc = Document(path=tmp_path / "x.yml", name="x.yml", data={}, lines={})
    _, back = cache.decode(tmp_path / "x.yml", cache.encode(doc, [problem]))
    assert back[0].format("tr") == problem.format("tr")
