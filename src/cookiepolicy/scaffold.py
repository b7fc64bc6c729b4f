"""``policy init``: a new site that builds at once, from the templates in ``scaffold/``.

The templates are a complete site (data with one example cookie, English and Turkish pages,
changelog and versions pages, ``mkdocs.yml``, ``macros/main.py``, a Makefile with ``make serve``
and ``make test``, a README for the company and the CI, deploy and review workflows); the
company, domain and e-mail are filled in, the JSON Schemas are added for editors, and a copy of
this engine goes to ``engine/`` with the pinned versions it runs with, so that the new
repository installs and deploys on its own. Everything is written in one transaction into a
new or empty folder.
"""

from __future__ import annotations

import json
import re
from importlib import metadata, resources
from importlib.abc import Traversable
from pathlib import Path

from . import __version__
from .engine import ENGINE_FILE, engine_file
from .fsutil import Transaction
from .problems import PolicyError
from .schemas import SCHEMAS
from .validate import check_email, invisible

TEMPLATES = "scaffold"
THEME = "theme"  # Material overrides every site uses; the repository's overrides/ links here
ENGINE = "engine"  # where the new site keeps its copy of this package
_SKIP = ("__pycache__",)
# What a site needs to build (the engine's dependencies and its `site` extra), pinned to the
# versions installed here: the versions this engine was tested with.
RUNTIME = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "mkdocs-static-i18n", "babel", "pyyaml",
           "jsonschema", "playwright")  # playwright: `policy scan` in the audit workflow
_EXECUTABLE = ("scripts/bootstrap",)


_PLACEHOLDER = re.compile(r"__[A-Z_]+__")


def _pattern(kind: str, field: str) -> re.Pattern[str]:
    return re.compile(SCHEMAS[kind]["properties"][field]["pattern"])


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


# The theme prints site_name and site_description without escaping (in <title>, a meta attribute
# and the header): a company name that HTML, an attribute or a template could read as syntax is
# refused rather than written into mkdocs.yml.
_MARKUP = set('<>"`{}\\')


def _check(company: str, domain: str, email: str) -> None:
    if not company or not company.isprintable() or any(invisible(c) for c in company):
        raise PolicyError("--company must be a name on one line, e.g. --company 'Example Ltd'")
    markup = sorted(_MARKUP.intersection(company))
    if markup:
        raise PolicyError("--company must not contain " + " ".join(markup) + ": the theme prints the name as "
                          "HTML; write the name as it reads, e.g. --company 'Example Ltd' (nothing was written)")
    if not _pattern("site", "domain").match(domain):
        raise PolicyError(f"--domain {domain!r} is not a domain name: write it like example.com")
    try:
        check_email(email)
    except ValueError:
        raise PolicyError(f"--email {email!r} is not an e-mail address: write it like privacy@example.com") from None


def _templates(folder: Traversable, prefix: str = "") -> list[tuple[str, str]]:
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name in _SKIP or entry.name.endswith(".pyc"):
            continue
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            found += _templates(entry, name + "/")
        else:
            found.append((name, entry.read_text(encoding="utf-8")))
    return found


_TITLE = re.compile(r"\A---\ntitle: (.+)\n")
_SUFFIXED = re.compile(r"\.[a-z]{2}\.md$")


def _page_name(name: str, default: str) -> str:
    """Where a template page goes for a site whose root is in ``default``: the templates are named
    for an English root (``index.md`` English, ``index.tr.md`` Turkish); the i18n plugin reads a page
    without a language suffix as the default language's."""
    if not (name.startswith("docs/") and name.endswith(".md")) or default == TEMPLATE_LANGUAGE:
        return name
    stem = name.removesuffix(".md")
    if stem.endswith(f".{default}"):
        return stem.removesuffix(f".{default}") + ".md"
    if _SUFFIXED.search(name):
        return name
    return f"{stem}.{TEMPLATE_LANGUAGE}.md"


def _i18n_languages(pages: dict[str, str], languages: list[str]) -> str:
    """The i18n plugin's ``languages`` in mkdocs.yml: the default first and at the root, the others
    with the titles of the default's pages translated in the menu (read from the pages themselves)."""
    from .localize import Catalog

    default, lines = languages[0], []
    for lang in languages:
        lines += [f"        - locale: {lang}", f"          name: {Catalog.get(lang).t('language_name')}"]
        lines += ["          default: true"] if lang == default else []
        lines.append("          build: true")
        titles = []
        for name, text in pages.items():  # the default's pages have no language suffix
            translated = pages.get(name.removesuffix(".md") + f".{lang}.md")
            own, other = _TITLE.match(text), _TITLE.match(translated or "")
            if own and other and not _SUFFIXED.search(name):
                titles.append(f"            {own.group(1)}: {other.group(1)}")
        if lang != default and titles:
            lines += ["          nav_translations:", *titles]
    return "\n".join(lines) + "\n"


TEMPLATE_LANGUAGE = "en"  # the templates' pages without a suffix are English
LANGUAGES = ("en", "tr")  # what `policy init` writes: both languages, the chosen one at the root


def render_templates(company: str, domain: str, email: str, default_language: str = "en",
                     engine: str = "vendored") -> dict[str, str]:
    """Every file of the new site, by path relative to its folder; ``default_language`` is at its root;
    ``engine`` is where it installs the engine from (``engine.requirement``)."""
    from .render import language_name

    if default_language not in LANGUAGES:
        raise PolicyError(f"--default-language {default_language!r}: a new site is in "
                          + " and ".join(LANGUAGES) + ", one of them at its root")
    languages = [default_language, *(lang for lang in LANGUAGES if lang != default_language)]
    other = languages[1]
    templates = dict(_templates(resources.files(__package__) / TEMPLATES))
    pages = {_page_name(name, default_language): text for name, text in templates.items() if name.startswith("docs/")}
    names = " and ".join(f"`docs/index{'' if lang == default_language else '.' + lang}.md` "
                         f"({language_name(lang, 'en')})" for lang in languages)
    values = {
        "__COMPANY_Q__": _quoted(company),
        "__DESCRIPTION_Q__": _quoted(f"{company} cookie policy"),
        "__EMAIL_Q__": _quoted(email),
        "__COMPANY__": company,
        "__DOMAIN__": domain,
        "__LANGUAGES__": ", ".join(languages),
        "__LANGUAGES_SPACED__": " ".join(languages),
        "__DEFAULT_LANGUAGE__": default_language,
        "__OTHER_LANGUAGE__": other,
        "__OTHER_LANGUAGE_NAME__": language_name(other, other),
        "__LANGUAGE_NAMES__": " and ".join(language_name(lang, "en") for lang in languages),
        "__PAGE_NAMES__": names,
        "__LANGUAGE_SETTINGS__": _i18n_languages(pages, languages).rstrip("\n"),
    }
    files = {}
    for name, text in templates.items():
        # one pass: a value that happens to contain a placeholder's name is not replaced again
        files[_page_name(name, default_language)] = _PLACEHOLDER.sub(lambda m: values.get(m.group(0), m.group(0)),
                                                                      text)
    for name, text in _templates(resources.files(__package__) / THEME):
        files[f"overrides/{name}"] = text
    for kind, schema in SCHEMAS.items():
        files[f"schemas/{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    files.update(engine_files(vendored=engine == "vendored"))
    files[ENGINE_FILE] = engine_file(engine)
    return files


def _pin(name: str) -> str:
    """``name==version`` as installed here; a package this install lacks (e.g. playwright, of the
    ``scan`` extra, in a wheel installed without it) gets the range the engine declares for it."""
    try:
        return f"{name}=={metadata.version(name)}"
    except metadata.PackageNotFoundError:
        pass
    try:
        declared = metadata.requires("cookiepolicy") or []
    except metadata.PackageNotFoundError:
        declared = []
    for requirement in declared:
        spec = requirement.split(";", 1)[0].strip()
        if re.match(rf"{re.escape(name)}(?![A-Za-z0-9_.-])", spec, re.IGNORECASE):
            return spec.replace(" ", "")
    return name


def pinned_requirements() -> str:
    lines = ["# The versions the policy engine in engine/ was tested with (pip install -r requirements.lock)."]
    lines += [_pin(name) for name in RUNTIME]
    return "\n".join(lines) + "\n"


def engine_files(vendored: bool = True) -> dict[str, str]:
    """This package's source under ``engine/`` (when the site keeps a copy), installable with pip, and
    the pins it runs with."""
    if not vendored:
        return {"requirements.lock": pinned_requirements()}
    files = {f"{ENGINE}/src/cookiepolicy/{name}": text
             for name, text in _templates(resources.files(__package__))}
    deps = ", ".join(f'"{name}"' for name in RUNTIME)
    files[f"{ENGINE}/pyproject.toml"] = f"""# The cookie policy engine, version {__version__}, copied by `policy init`.
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "cookiepolicy"
version = "{__version__}"
requires-python = ">=3.11"
dependencies = [{deps}]

[project.scripts]
policy = "cookiepolicy.cli:main"

[tool.setuptools.packages.find]
where = ["src"]

[tool.setuptools.package-data]
cookiepolicy = ["catalog/*.yml", "schemas/*.json", "scaffold/**/*", "scaffold/**/.*", "theme/**/*"]
"""
    files["requirements.lock"] = pinned_requirements()
    return files


def init_site(folder: Path, company: str, domain: str, email: str, default_language: str = "en",
              engine: str = "vendored") -> list[Path]:
    """Write a new site into ``folder`` (new or empty), ``default_language`` at its root, installing the
    engine from ``engine``; nothing is written when it is refused."""
    company, email = company.strip(), email.strip()
    domain = domain.strip().lower() if _pattern("site", "domain").match(domain.strip().lower()) else domain
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise PolicyError(f"{folder} exists and is not a folder; nothing was written")
    if folder.is_dir() and any(folder.iterdir()):
        raise PolicyError(f"{folder} is not empty; give a new or empty folder (nothing was written)")
    _check(company, domain, email)
    tx = Transaction()
    for name, text in render_templates(company, domain, email, default_language, engine).items():
        tx.write(folder / name, text)
    tx.check(folder)
    written = tx.commit()
    for name in _EXECUTABLE:
        (folder / name).chmod(0o755)
    return written
