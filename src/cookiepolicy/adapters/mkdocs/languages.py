"""Which languages a site is built in, said in three places that must agree.

``data/site.yml`` names the languages and the default one (what the engine renders, which language
``policy diff`` speaks); the i18n plugin in ``mkdocs.yml`` decides which language is at the site's
root; the page files in ``docs/`` are named for that default (suffix structure: ``index.md`` is in
the default language, ``index.tr.md`` in Turkish). When they disagree the site is built in one
language and described in another, or the i18n plugin stops with a traceback; here each
disagreement is a problem naming both files, their lines and fields, and the change that fixes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from cookiepolicy.adapters.mkdocs.config import CONFIG_NAME, config_file
from cookiepolicy.loading.documents import read_checked
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.validate import problem_at
from cookiepolicy.model.inventory import Site
from cookiepolicy.model.problems import Problem
from cookiepolicy.safeio.yamlsafe import Document, Unreadable, child, compose, read_limited

I18N = ("i18n", "static-i18n")  # the plugin's names in mkdocs.yml


@dataclass(frozen=True)
class I18nLanguage:
    locale: str
    default: bool
    build: bool
    line: int


@dataclass(frozen=True)
class I18nSettings:
    """The i18n plugin's settings in ``mkdocs.yml``, with lines for messages; None fields were not written."""

    file: str
    line: int  # of the plugin entry
    structure: str
    languages: tuple[I18nLanguage, ...]

    @property
    def default(self) -> I18nLanguage | None:
        return next((lang for lang in self.languages if lang.default), None)

    @property
    def built(self) -> list[str]:
        return [lang.locale for lang in self.languages if lang.build]


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _flag(node: yaml.Node | None, default: bool) -> bool:
    value = _scalar(node)
    return default if value is None else value.lower() in ("true", "yes", "on")


def _plugin(plugins: yaml.Node | None) -> tuple[yaml.Node, yaml.Node | None] | None:
    """(name, settings) of the i18n plugin, in the list or the mapping form of ``plugins``."""
    if isinstance(plugins, yaml.MappingNode):
        entries = list(plugins.value)
    elif isinstance(plugins, yaml.SequenceNode):
        entries = [(entry, None) if isinstance(entry, yaml.ScalarNode) else entry.value[0]
                   for entry in plugins.value
                   if isinstance(entry, yaml.ScalarNode) or (isinstance(entry, yaml.MappingNode) and entry.value)]
    else:
        entries = []
    return next(((name, settings) for name, settings in entries if _scalar(name) in I18N), None)


def read_i18n(config_file: Path, name: str = CONFIG_NAME) -> I18nSettings | None:
    """The i18n plugin's settings, or None without the plugin (or without a readable ``mkdocs.yml``:
    ``read_settings`` reports that)."""
    try:
        root = compose(read_limited(config_file).decode("utf-8", errors="replace"))
    except (OSError, Unreadable, yaml.YAMLError, ValueError):
        return None
    found = _plugin(child(root, "plugins"))
    if found is None:
        return None
    key, settings = found
    languages = []
    listed = child(settings, "languages")
    for entry in listed.value if isinstance(listed, yaml.SequenceNode) else []:
        locale = _scalar(child(entry, "locale"))
        if locale:
            languages.append(I18nLanguage(locale, _flag(child(entry, "default"), False),
                                          _flag(child(entry, "build"), True), entry.start_mark.line + 1))
    return I18nSettings(file=name, line=key.start_mark.line + 1,
                        structure=_scalar(child(settings, "docs_structure")) or "suffix", languages=tuple(languages))


def theme_language(config_file: Path) -> tuple[str | None, int | None]:
    """``theme.language`` of ``mkdocs.yml`` and its line: the page language of a site without i18n."""
    try:
        root = compose(read_limited(config_file).decode("utf-8", errors="replace"))
    except (OSError, Unreadable, yaml.YAMLError, ValueError):
        return None, None
    node = child(child(root, "theme"), "language")
    return (_scalar(node), node.start_mark.line + 1) if node is not None else (None, None)


def check_languages(files: SiteFiles, site: Site) -> list[Problem]:
    """site.yml's ``languages`` and ``default_language`` against ``mkdocs.yml`` and the page files
    (``policy_pages`` included: each must name pages that exist)."""
    from cookiepolicy.history.releases import policy_page_problems

    return _check_languages(files, site) + policy_page_problems(files)


def _check_languages(files: SiteFiles, site: Site) -> list[Problem]:
    site_path = files.draft_files()["site"]
    doc, _ = read_checked(site_path, files.name(site_path), "site")
    config = config_file(files)
    if not config.is_file():
        return []  # data without a site to build (a test fixture, an import in progress)
    config_name = files.name(config)
    i18n = read_i18n(config, config_name)
    langs = list(site.languages)
    if i18n is None:
        return _without_i18n(doc, config, config_name, site) + _page_names(files, site.default_language, langs)
    problems: list[Problem] = []
    where = f"{config_name}:{i18n.line} (plugins.i18n"
    if i18n.structure != "suffix":
        problems.append(Problem(file=config_name, line=i18n.line, field="plugins.i18n.docs_structure",
                                message=f"`{i18n.structure}`: the engine reads the pages in the suffix structure "
                                "(index.md, index.en.md, ...)", hint="write `docs_structure: suffix`"))
    default = i18n.default
    if default is None:
        problems.append(problem_at(doc, ("default_language",), f"`{site.default_language}`, but no language of "
                                   f"{where}.languages) has `default: true`",
                                   f"add `default: true` to `- locale: {site.default_language}` in {config_name}"))
    elif default.locale != site.default_language:
        problems.append(problem_at(
            doc, ("default_language",),
            f"`{site.default_language}`, but {config_name}:{default.line} (plugins.i18n.languages) makes "
            f"`{default.locale}` the default language, the one at the site's root",
            f"to put `{site.default_language}` at the root, move `default: true` in {config_name} from "
            f"`{default.locale}` to `{site.default_language}` and rename the pages as `policy validate` says; "
            f"otherwise write `default_language: {default.locale}` here"))
    problems += _built_languages(doc, config_name, where, langs, i18n.built)
    if default is not None:
        problems += _page_names(files, default.locale, [lang.locale for lang in i18n.languages])
    return problems


def _without_i18n(doc: Document, config: Path, config_name: str, site: Site) -> list[Problem]:
    """A site without the i18n plugin builds one language: the theme's, which must be site.yml's."""
    langs = list(site.languages)
    if len(langs) > 1:
        return [problem_at(doc, ("languages",), f"lists {', '.join(langs)}, but {config_name} has no "
                           "i18n plugin, so only one language would be built",
                           f"add the i18n plugin to {config_name} (see a site made by `policy init`), "
                           "or list one language")]
    theme, line = theme_language(config)
    if theme is None or theme == site.default_language:
        return []
    return [problem_at(doc, ("default_language",), f"`{site.default_language}`, but "
                       f"{config_name}:{line} (theme.language) builds the pages in `{theme}`",
                       f"write `language: {site.default_language}` under theme in {config_name}"
                       f", or `default_language: {theme}` here")]


def _built_languages(doc: Document, config_name: str, where: str, langs: list[str],
                     built: list[str]) -> list[Problem]:
    """site.yml's languages and those the i18n plugin builds: each must be in both."""
    problems: list[Problem] = []
    missing = [lang for lang in langs if lang not in built]
    extra = [lang for lang in built if lang not in langs]
    if missing:
        problems.append(problem_at(doc, ("languages",), f"{', '.join(f'`{m}`' for m in missing)} would not be "
                                   f"built: {where}.languages) does not list it with build: true",
                                   f"add `- locale: {missing[0]}` with `build: true` to the i18n languages in "
                                   f"{config_name}, or remove it from languages here"))
    if extra:
        listed = ", ".join(f"`{e}`" for e in extra)
        problems.append(problem_at(doc, ("languages",), f"does not list {listed}, which {where}.languages) builds",
                                   f"add `{extra[0]}` here (every text then needs its translation), "
                                   f"or remove it from the i18n languages in {config_name}"))
    return problems


def check_page_names(files: SiteFiles, site: Site) -> list[Problem]:
    """Only the page names, against the default language the build puts at the root: what
    ``policy release`` must not freeze (archived pages under such names would never build again)."""
    config = config_file(files)
    i18n = read_i18n(config, files.name(config)) if config.is_file() else None
    if i18n is None or i18n.default is None:
        return _page_names(files, site.default_language, list(site.languages))
    return _page_names(files, i18n.default.locale, [lang.locale for lang in i18n.languages])


def _page_names(files: SiteFiles, default: str, languages: list[str]) -> list[Problem]:
    """A page without a language suffix is in the default language: ``index.md`` next to
    ``index.<default>.md`` is one page twice (the i18n plugin stops with a traceback)."""
    if not files.docs.is_dir():
        return []
    names = {p.relative_to(files.docs).as_posix() for p in files.docs.rglob("*.md")}
    suffixed = re.compile(r"^(.*)\.(" + "|".join(map(re.escape, languages)) + r")\.md$")
    problems = []
    for name in sorted(names):
        match = suffixed.match(name)
        if not match or match.group(2) != default or f"{match.group(1)}.md" not in names:
            continue
        stem, docs = match.group(1), files.name(files.docs)
        plain, twin = f"{docs}/{stem}.md", f"{docs}/{name}"
        absent = [lang for lang in languages if lang != default and f"{stem}.{lang}.md" not in names]
        if len(absent) == 1:
            hint = (f"the pages are named as if `{absent[0]}` were the default: rename {plain} to "
                    f"{docs}/{stem}.{absent[0]}.md and {twin} to {plain}")
        else:
            hint = f"keep one of them: a page without a language suffix is in the default language, `{default}`"
        problems.append(Problem(file=twin, message=f"{plain} and {twin} are both the `{default}` page: "
                                f"`{default}` is the default language, so {plain} is in `{default}` too",
                                hint=hint))
    return problems
