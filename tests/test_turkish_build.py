"""The build around a Turkish-first site speaks Turkish: its log, and the preview of broken data."""

from __future__ import annotations

from pathlib import Path

from .support.helpers import mkdocs_build
from .test_lint import _replace
from .test_yildizkaya import copy_yk


def test_the_production_log_of_a_turkish_first_site_is_in_turkish(tmp_path: Path):
    site = copy_yk(tmp_path)
    _replace(site / "data" / "cookies.yml", "      tr: Müvekkil portalında oturumunuzun açık kalmasını sağlar\n",
             "      tr: Müvekkil portalında oturumunuzu açık tutar\n")
    result = mkdocs_build(site, tmp_path / "out", env={"POLICY_TODAY": "2026-12-02", "POLICY_PRODUCTION": "1"})
    assert result.returncode == 0, result.stderr
    # the draft already adds the sessionStorage key yk_randevu after 1.1; the edit above is the second change
    assert "Taslakta yayımlanmamış 2 değişiklik bulunmaktadır; bu üretim derlemesi bunları içermemektedir." \
        in result.stderr
    assert "unreleased change(s)" not in result.stderr


def test_the_preview_of_broken_data_keeps_the_theme_words_of_the_page_language(tmp_path: Path):
    site = copy_yk(tmp_path)
    _replace(site / "data" / "cookies.yml", "    duration: oturum\n", "    duration: 2 saatt\n")
    result = mkdocs_build(site, tmp_path / "out", strict=False, env={"POLICY_TODAY": "2026-12-02"})
    assert result.returncode == 0, result.stderr
    turkish = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Politika verilerinde hatalar var" in turkish  # the preview shows the errors
    assert 'title="Bu bölümün bağlantısı"' in turkish
    assert "Permanent link" not in turkish
    assert "Koyu temaya geç" in turkish and "Switch to dark mode" not in turkish
    english = (tmp_path / "out" / "en" / "index.html").read_text(encoding="utf-8")
    assert 'title="Permanent link"' in english or 'title="Link to this section"' in english
