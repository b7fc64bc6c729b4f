"""Either language first: site.yml, the i18n plugin in mkdocs.yml and the page names agree, or the
site is refused with a message naming the files, lines and fields and what to change; one-language
sites build; every command speaks the site's default language.

Each site is written by `policy init` and changed as a user would; every check runs the real
`policy` command and a real `mkdocs build`.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.render.renderer import Renderer, View
from cookiepolicy.render.site import today

from .support.files import replace_text as edit
from .support.helpers import ROOT, mkdocs_build, policy, read_page

FACTS = ("--company", "Acme Ltd", "--domain", "acme.example", "--email", "privacy@acme.example")


def new_site(tmp_path: Path, default: str = "en", name: str = "site") -> Path:
    result = policy(tmp_path, "init", name, *FACTS, "--default-language", default)
    assert result.returncode == 0, result.stderr
    return tmp_path / name




def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def refused(site: Path, tmp_path: Path) -> tuple[str, str]:
    """`policy validate` and `mkdocs build`, strict or not, refuse the site and build nothing: their messages."""
    checked = policy(site, "validate", "--lang", "en")  # in the words of the (English) build log
    assert checked.returncode == 1, checked.stdout
    built = mkdocs_build(site, tmp_path / "refused-out", strict=False)
    strict = mkdocs_build(site, tmp_path / "refused-strict")
    for output in (checked.stderr, built.stderr, strict.stderr):
        assert "Traceback" not in output and "Conflicting files" not in output, output
    for result, out in ((built, "refused-out"), (strict, "refused-strict")):
        assert result.returncode == 1, result.stderr
        assert "as listed above; nothing was built" in result.stderr
        assert not (tmp_path / out / "index.html").exists()
    return checked.stderr, built.stderr


def readme_messages() -> list[str]:
    """The messages the data reference's "Languages" section shows, one per problem, lines joined."""
    readme = (ROOT / "manual" / "docs" / "reference" / "data.md").read_text(encoding="utf-8")
    block = readme.split("#### Languages", 1)[1].split("```\n", 2)[1]
    return [" ".join(m.split()) for m in re.split(r"\n(?=\S+:\d*:? ?error: )", block.strip())]


def make_turkish_default_by_hand(site: Path) -> None:
    """What the user did: default: true moved to Turkish in mkdocs.yml, site.yml says tr, pages unchanged."""
    config = site / "mkdocs.yml"
    edit(config, "          name: English\n          default: true\n", "          name: English\n")
    edit(config, "          name: Türkçe\n", "          name: Türkçe\n          default: true\n")
    edit(site / "data" / "site.yml", "default_language: en", "default_language: tr")


# ---------------------------------------------------------------- policy init --default-language tr


def test_init_with_a_turkish_default_names_the_pages_and_settings_for_a_turkish_root(tmp_path: Path):
    site = new_site(tmp_path, "tr")
    docs = sorted(p.relative_to(site / "docs").as_posix() for p in (site / "docs").rglob("*.md"))
    assert docs == ["changelog.en.md", "changelog.md", "index.en.md", "index.md", "versions/index.en.md",
                    "versions/index.md"]
    assert (site / "docs" / "index.md").read_text(encoding="utf-8").startswith("---\ntitle: Çerez Politikası\n")
    assert (site / "docs" / "index.en.md").read_text(encoding="utf-8").startswith("---\ntitle: Cookie Policy\n")
    site_yml = (site / "data" / "site.yml").read_text(encoding="utf-8")
    assert "languages: [tr, en]\n" in site_yml and "default_language: tr\n" in site_yml
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  language: tr\n" in config
    assert ("        - locale: tr\n          name: Türkçe\n          default: true\n          build: true\n"
            "        - locale: en\n          name: English\n          build: true\n          nav_translations:\n"
            "            Değişiklik kaydı: Changelog\n            Çerez Politikası: Cookie Policy\n"
            "            Önceki sürümler: Previous versions\n") in config
    review = (site / ".github" / "workflows" / "review.yml").read_text(encoding="utf-8")
    assert "for lang in tr en; do" in review
    assert review.index("cat review/tr.md") < review.index('<details><summary>English</summary>') \
        < review.index("review/en.md")
    readme = (site / "README.md").read_text(encoding="utf-8")
    # a Turkish-first company's own README is in Turkish (issue #25), naming the languages and pages the same way
    assert "Türkçe ve İngilizce olarak verilerden üretir" in readme
    assert "`docs/index.md` (Türkçe) ve `docs/index.en.md` (İngilizce)" in readme


def test_init_refuses_a_language_it_has_no_pages_for(tmp_path: Path):
    result = policy(tmp_path, "init", "site", *FACTS, "--default-language", "de")
    assert result.returncode == 2
    assert "invalid choice: 'de'" in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.slow
def test_a_turkish_first_site_builds_with_turkish_at_the_root(tmp_path: Path):
    site = new_site(tmp_path, "tr")
    checked = policy(site, "validate", "--strict")
    assert checked.returncode == 0, checked.stderr
    built = mkdocs_build(site, tmp_path / "out", env={"POLICY_TODAY": "2026-11-22"})
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    out = tmp_path / "out"
    tr, en = read_page(out / "index.html"), read_page(out / "en" / "index.html")
    assert (tr.lang, en.lang) == ("tr", "en")
    assert tr.tables[0][0] == ["Çerez", "Amacı", "Saklama süresi", "Nitelikler"]
    assert en.tables[0][0] == ["Cookie", "Purpose", "Duration", "Attributes"]
    assert "Acme Ltd tarafından acme.example adresinde hangi çerezlerin" in tr.text
    assert "kullanmamaktadır" not in tr.text  # `policy init` writes no `not_used`: no statement not made
    assert read_page(out / "changelog" / "index.html").lang == "tr"
    assert read_page(out / "en" / "changelog" / "index.html").lang == "en"
    assert read_page(out / "versions" / "index.html").text.startswith("Önceki sürümler")
    assert not (out / "tr").exists()
    root = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="/cookie-policy/en/" hreflang="en"' in root  # the language menu
    not_found = (out / "404.html").read_text(encoding="utf-8")
    assert re.search(r'lang="tr" data-policy-root="/cookie-policy/">\s*<h1>Sayfa bulunamadı</h1>', not_found)
    assert 'href="/cookie-policy/en/">Read the cookie policy</a>' in not_found
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="en" href="https://acme.example/cookie-policy/en/"' in sitemap
    search = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert search["config"]["lang"] == ["tr", "en"]
    pages = {entry["location"]: entry["title"] for entry in search["docs"]}
    assert (pages[""], pages["en/"]) == ("Çerez Politikası", "Cookie Policy")


# ---------------------------------------------------------------- site.yml and mkdocs.yml cannot disagree


def test_default_language_in_site_yml_alone_is_refused(tmp_path: Path):
    """The user's first attempt: `default_language: tr` in site.yml, which used to change nothing."""
    site = new_site(tmp_path)
    edit(site / "data" / "site.yml", "default_language: en", "default_language: tr")
    checked, built = refused(site, tmp_path)
    site_line = line_of(site / "data" / "site.yml", "default_language:")
    config_line = line_of(site / "mkdocs.yml", "- locale: en")
    expected = (f"data/site.yml:{site_line}: error: default_language: `tr`, but mkdocs.yml:{config_line} "
                "(plugins.i18n.languages) makes `en` the default language, the one at the site's root (to put `tr` "
                "at the root, move `default: true` in mkdocs.yml from `en` to `tr` and rename the pages as "
                "`policy validate` says; otherwise write `default_language: en` here)")
    assert expected in checked
    assert expected in built
    assert readme_messages()[0] == expected


def test_a_turkish_default_by_hand_says_which_pages_to_rename_instead_of_a_traceback(tmp_path: Path):
    """The user's second attempt: mkdocs.yml and site.yml say tr, the pages are still named for en."""
    site = new_site(tmp_path)
    make_turkish_default_by_hand(site)
    checked, built = refused(site, tmp_path)
    for folder in ("docs", "docs/versions"):
        for stem in (["index", "changelog"] if folder == "docs" else ["index"]):
            message = (f"{folder}/{stem}.tr.md: error: {folder}/{stem}.md and {folder}/{stem}.tr.md are both the "
                       f"`tr` page: `tr` is the default language, so {folder}/{stem}.md is in `tr` too (the pages "
                       f"are named as if `en` were the default: rename {folder}/{stem}.md to {folder}/{stem}.en.md "
                       f"and {folder}/{stem}.tr.md to {folder}/{stem}.md)")
            assert message in checked
            assert message in built
    assert len(checked.strip().splitlines()) == 4  # three pages, and the count
    assert readme_messages()[1] in checked.splitlines()

    # doing what the messages say gives a site that builds, Turkish at the root
    for folder in (site / "docs", site / "docs" / "versions"):
        for page in sorted(folder.glob("*.tr.md")):
            plain = folder / page.name.replace(".tr.md", ".md")
            plain.rename(folder / page.name.replace(".tr.md", ".en.md"))
            page.rename(plain)
    assert policy(site, "validate", "--strict").returncode == 0
    built = mkdocs_build(site, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert read_page(tmp_path / "out" / "index.html").lang == "tr"
    assert read_page(tmp_path / "out" / "en" / "index.html").lang == "en"


def test_a_release_is_refused_while_the_languages_disagree(tmp_path: Path):
    """Archived pages under names the build cannot read would never build again: nothing is released."""
    site = new_site(tmp_path)
    make_turkish_default_by_hand(site)
    released = policy(site, "release", "1.0", "--effective", "2026-12-01")
    assert released.returncode == 1
    assert "docs/index.md and docs/index.tr.md are both the `tr` page" in released.stderr
    assert not (site / "data" / "releases").exists() and not (site / "docs" / "versions" / "1.0").exists()


def test_the_i18n_default_alone_is_refused(tmp_path: Path):
    """mkdocs.yml made Turkish the default, site.yml still says en: both files named."""
    site = new_site(tmp_path)
    make_turkish_default_by_hand(site)
    edit(site / "data" / "site.yml", "default_language: tr", "default_language: en")
    checked, _ = refused(site, tmp_path)
    config_line = line_of(site / "mkdocs.yml", "- locale: tr")
    assert (f"default_language: `en`, but mkdocs.yml:{config_line} (plugins.i18n.languages) makes `tr` the "
            "default language") in checked


def test_an_i18n_plugin_without_a_default_is_refused(tmp_path: Path):
    site = new_site(tmp_path, "tr")
    edit(site / "mkdocs.yml", "          default: true\n", "")
    checked = policy(site, "validate")
    assert checked.returncode == 1
    line = line_of(site / "mkdocs.yml", "  - i18n:")
    assert (f"data/site.yml:9: error: default_language: `tr`, but no language of mkdocs.yml:{line} "
            "(plugins.i18n.languages) has `default: true` (add `default: true` to `- locale: tr` in mkdocs.yml)"
            ) in checked.stderr
    built = mkdocs_build(site, tmp_path / "out")
    assert built.returncode == 1 and "Traceback" not in built.stderr


def test_languages_must_be_the_languages_the_i18n_plugin_builds(tmp_path: Path):
    site = new_site(tmp_path)
    config = site / "mkdocs.yml"
    edit(config, "          name: Türkçe\n          build: true\n", "          name: Türkçe\n          build: false\n")
    checked, _ = refused(site, tmp_path)
    i18n_line = line_of(config, "  - i18n:")
    assert (f"languages: `tr` would not be built: mkdocs.yml:{i18n_line} (plugins.i18n.languages) does not list it "
            "with build: true (add `- locale: tr` with `build: true` to the i18n languages in mkdocs.yml, or remove "
            "it from languages here)") in checked

    site = new_site(tmp_path, name="other")
    edit(site / "data" / "site.yml", "languages: [en, tr]", "languages: [en]")
    checked, _ = refused(site, tmp_path / "other")
    assert "languages: does not list `tr`, which mkdocs.yml:" in checked
    assert "(add `tr` here (every text then needs its translation), or remove it from the i18n languages" in checked


def test_two_languages_without_the_i18n_plugin_are_refused(tmp_path: Path):
    site = new_site(tmp_path)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"  - i18n:\n(?:      .*\n)+", "", text), encoding="utf-8")
    checked, _ = refused(site, tmp_path)
    assert "languages: lists en, tr, but mkdocs.yml has no i18n plugin, so only one language would be built" in checked


def test_the_folder_structure_is_refused(tmp_path: Path):
    site = new_site(tmp_path)
    edit(site / "mkdocs.yml", "docs_structure: suffix", "docs_structure: folder")
    checked, _ = refused(site, tmp_path)
    line = line_of(site / "mkdocs.yml", "  - i18n:")
    assert (f"mkdocs.yml:{line}: error: plugins.i18n.docs_structure: `folder`: the engine reads the pages in the "
            "suffix structure (index.md, index.en.md, ...) (write `docs_structure: suffix`)") in checked


# ---------------------------------------------------------------- one language, a third language


def _only(site: Path, keep: str, drop: str, plugin: bool) -> None:
    """A one-language site, as a user makes it from `policy init`: the other language's pages and texts removed."""
    for page in list((site / "docs").rglob(f"*.{drop}.md")):
        page.unlink()
    for name in ("site", "categories", "cookies"):
        path = site / "data" / f"{name}.yml"
        path.write_text(re.sub(rf"\n +{drop}: .*", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    edit(site / "data" / "site.yml", "languages: [", f"languages: [{keep}]  # was: [")
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if plugin:
        text = re.sub(rf"        - locale: {drop}\n(?:          .*\n)+", "", text)
    else:
        text = re.sub(r"  - i18n:\n(?:      .*\n)+", "", text)
    config.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("keep", "drop", "plugin"), [("tr", "en", True), ("en", "tr", False), ("tr", "en", False)],
                         ids=["tr-with-i18n", "en-without-i18n", "tr-without-i18n"])
def test_a_one_language_site_builds_strictly_without_a_language_menu(tmp_path: Path, keep: str, drop: str,
                                                                     plugin: bool):
    site = new_site(tmp_path, keep)
    _only(site, keep, drop, plugin)
    checked = policy(site, "validate", "--strict")
    assert checked.returncode == 0, checked.stderr
    built = mkdocs_build(site, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    page = read_page(tmp_path / "out" / "index.html")
    assert page.lang == keep
    assert not (tmp_path / "out" / drop).exists()
    assert "md-select" not in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "404.html").is_file()


def test_a_one_language_site_without_i18n_must_name_its_language_in_the_theme(tmp_path: Path):
    site = new_site(tmp_path, "tr")
    _only(site, "tr", "en", plugin=False)
    edit(site / "mkdocs.yml", "  language: tr\n", "  language: en\n")
    checked, _ = refused(site, tmp_path)
    line = line_of(site / "mkdocs.yml", "  language: en")
    assert (f"default_language: `tr`, but mkdocs.yml:{line} (theme.language) builds the pages in `en` (write "
            "`language: tr` under theme in mkdocs.yml, or `default_language: en` here)") in checked


def test_a_third_language_without_an_interface_catalog_is_refused(tmp_path: Path):
    site = new_site(tmp_path)
    edit(site / "data" / "site.yml", "languages: [en, tr]", "languages: [en, tr, de]")
    checked = policy(site, "validate")
    assert checked.returncode == 1
    folder = (ROOT / "src" / "cookiepolicy" / "text" / "catalog").as_posix()
    assert (f"languages: no translations of the interface for `de` (each language needs its interface strings in "
            f"{folder}/ (there: en.yml, tr.yml); copy en.yml to de.yml in that folder and translate every string, "
            "or remove `de` from languages)") in checked.stderr
    built = mkdocs_build(site, tmp_path / "out")
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert "no translations of the interface for `de`" in built.stderr


def test_a_third_language_with_a_catalog_is_built(tmp_path: Path):
    """With catalog/de.yml in the engine (here a copy of the package with a German catalog, first on the
    path), a German third language validates and builds, each language under its own folder."""
    engine = tmp_path / "engine"
    shutil.copytree(ROOT / "src" / "cookiepolicy", engine / "cookiepolicy",
                    ignore=shutil.ignore_patterns("__pycache__"))
    catalog = (engine / "cookiepolicy" / "text" / "catalog" / "en.yml").read_text(encoding="utf-8")
    (engine / "cookiepolicy" / "text" / "catalog" / "de.yml").write_text(
        catalog.replace("language_name: English", "language_name: Deutsch"), encoding="utf-8")
    site = new_site(tmp_path)
    edit(site / "data" / "site.yml", "languages: [en, tr]", "languages: [en, tr, de]")
    for name in ("site", "categories", "cookies"):
        path = site / "data" / f"{name}.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\n( +)en: (.*)", r"\n\1en: \2\n\1de: \2 (auf Deutsch)", text), encoding="utf-8")
    edit(site / "mkdocs.yml", "        - locale: tr\n", "        - locale: de\n          name: Deutsch\n"
         "          build: true\n        - locale: tr\n")
    env = {"PYTHONPATH": str(engine), "POLICY_TODAY": "2026-11-22"}
    checked = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "cookiepolicy.adapters.cli.main",
                              "validate",
                              "--strict"], cwd=site, env={**_env(), **env}, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    built = mkdocs_build(site, tmp_path / "out", env=env)
    assert built.returncode == 0, built.stderr
    assert read_page(tmp_path / "out" / "de" / "index.html").lang == "de"
    assert read_page(tmp_path / "out" / "tr" / "index.html").lang == "tr"


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# ---------------------------------------------------------------- commands speak the default language


def _git(site: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=site, check=True,
                   capture_output=True)


def test_policy_diff_defaults_to_the_sites_default_language(tmp_path: Path):
    site = new_site(tmp_path, "tr")
    _git(site, "init", "-q", "-b", "main")
    _git(site, "add", "-A")
    _git(site, "commit", "-qm", "init")
    edit(site / "data" / "cookies.yml", "    duration: session\n", "    duration: 30 days\n")
    turkish = policy(site, "diff", "HEAD", "--format", "text")
    assert turkish.returncode == 0, turkish.stderr
    assert turkish.stdout.splitlines()[0].startswith("Çerez politikası değişiklikleri: ")
    assert ("- Acme Ltd tarafından kullanılan `session` çerezinin saklama süresi 30 gün olarak uzatıldı (önceden "
            "oturum süresince).") in turkish.stdout
    english = policy(site, "diff", "HEAD", "--format", "text", "--lang", "en")
    assert english.stdout.splitlines()[0].startswith("Cookie policy changes: ")
    unknown = policy(site, "diff", "HEAD", "--lang", "de")
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == "error: --lang de: there are interface strings for en, tr"

    # an English-first site still speaks English without --lang
    site = new_site(tmp_path, "en", name="english")
    _git(site, "init", "-q", "-b", "main")
    _git(site, "add", "-A")
    _git(site, "commit", "-qm", "init")
    edit(site / "data" / "cookies.yml", "    duration: session\n", "    duration: 30 days\n")
    assert policy(site, "diff", "HEAD", "--format", "text").stdout.startswith("Cookie policy changes: ")


def test_policy_audit_defaults_to_the_sites_default_language(tmp_path: Path):
    site = tmp_path / "audit-site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "audit-site", site)
    english = policy(site, "audit", "wec-inspection.json")
    assert english.stdout.startswith("Cookie policy audit\n")
    edit(site / "data" / "site.yml", "default_language: en", "default_language: tr")
    turkish = policy(site, "audit", "wec-inspection.json")
    assert turkish.stdout.startswith("Çerez politikası denetimi\n\nwec-inspection.json ile politikanın taslağı "
                                     "karşılaştırılmıştır.")
    assert policy(site, "audit", "wec-inspection.json", "--lang", "en").stdout.startswith("Cookie policy audit\n")


# ---------------------------------------------------------------- not_used_statement(where=...)


def test_not_used_statement_names_the_place_from_usage_places():
    files = SiteFiles(ROOT / "tests" / "sites" / "yildizkaya")
    policy_, report = load_policy(files)
    assert policy_ is not None, report.format()

    def say(lang: str, **kwargs: str) -> str:
        markdown = Renderer(policy_, lang, View(policy_.draft, None), today()).not_used_statement(**kwargs)
        return html.unescape(markdown)  # the Markdown escapes & and - as character references

    company = "Yıldız & Kaya Hukuk Bürosu"
    assert say("tr", where="portal") == (f"{company}, müvekkil portalında reklam çerezleri veya siteler arası "
                                         "izleme çerezleri kullanmamaktadır.")
    assert say("tr", voice="we", where="portal") == \
        "Müvekkil portalında reklam çerezleri veya siteler arası izleme çerezleri kullanmamaktayız."
    assert say("en", where="portal") == (f"{company} does not use advertising cookies or cross-site tracking "
                                         "cookies on the client portal.")
    assert say("en", voice="we", where="portal") == \
        "We do not use advertising cookies or cross-site tracking cookies on the client portal."
    assert say("en") == (f"{company} does not use advertising cookies or cross-site tracking cookies on the website.")
    with pytest.raises(ValueError, match="where='office' is not a usage place; known: website, portal"):
        say("en", where="office")


def test_not_used_statement_at_an_unknown_place_stops_the_build(tmp_path: Path):
    site = new_site(tmp_path)
    with (site / "data" / "site.yml").open("a", encoding="utf-8") as f:
        f.write("not_used: [advertising]\n")  # `policy init` states none
    edit(site / "docs" / "index.md", "{{ contact() }}", '{{ contact() }}\n\n{{ not_used_statement(where="office") }}')
    built = mkdocs_build(site, tmp_path / "out")
    assert built.returncode == 1
    assert "where='office' is not a usage place; known: website" in built.stderr
