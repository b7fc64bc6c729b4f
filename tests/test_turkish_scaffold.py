"""`policy init --default-language tr`: the company's own repository is in Turkish, its README, the
comments of its data files and mkdocs.yml, the theme's labels and what the command prints."""

from __future__ import annotations

import re
from pathlib import Path

from .support.helpers import policy

FILES = ("mkdocs.yml", "data/site.yml", "data/cookies.yml", "data/categories.yml", "data/services.yml")
# what may stay as it is in both languages: editor schema lines, commands, commented-out YAML examples
CODE = re.compile(r"^#( yaml-language-server: | - id: |   [a-z_]+: |   \.venv/bin/policy release )")


def _init(folder: Path, name: str, *extra: str) -> tuple[Path, str]:
    result = policy(folder, "init", name, "--company", "iyzico", "--domain", "iyzico.example", "--email",
                    "kvkk@iyzico.example", *extra)
    assert result.returncode == 0, result.stderr
    return folder / name, result.stdout


def _comments(site: Path) -> set[str]:
    return {line.strip() for name in FILES for line in (site / name).read_text(encoding="utf-8").splitlines()
            if line.strip().startswith("#")}


def test_a_turkish_first_repository_has_no_english_comment_or_readme(tmp_path: Path):
    turkish, said = _init(tmp_path, "tr", "--default-language", "tr")
    english, _ = _init(tmp_path, "en")
    shared = {line for line in _comments(turkish) & _comments(english) if not CODE.match(line)}
    assert shared == set(), shared
    assert _comments(turkish) != _comments(english)
    readme = (turkish / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# iyzico çerez politikası\n\nBu depo, iyzico.example çerez politikasını Türkçe ve "
                             "İngilizce olarak verilerden üretir:")
    assert "## İki komut" in readme and "## Politikayı değiştirmek" in readme and "## Yayımlamak" in readme
    assert "Metni `docs/index.md` (Türkçe) ve `docs/index.en.md` (İngilizce) dosyalarında düzenleyin." in readme
    assert "Two commands" not in readme and "__" not in readme
    mkdocs = (turkish / "mkdocs.yml").read_text(encoding="utf-8")
    assert "        name: Koyu temaya geç\n" in mkdocs and "        name: Açık temaya geç\n" in mkdocs
    assert "Switch to" not in mkdocs
    assert said.startswith("iyzico çerez politikası tr klasöründe oluşturuldu (")
    assert "README.md, “Yayımlamak” bölümüne bakın." in said
    # an English-first repository keeps its English README and comments
    assert (english / "README.md").read_text(encoding="utf-8").startswith("# iyzico cookie policy")
    assert "name: Switch to dark mode" in (english / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_turkish_first_repository_still_validates(tmp_path: Path):
    site, _ = _init(tmp_path, "tr", "--default-language", "tr")
    result = policy(site, "validate")
    assert result.returncode == 0, result.stderr
