"""``policy init``: a new site that builds at once, from the templates in ``scaffold/``.

The templates are a complete site (data with one example cookie, English and Turkish pages,
changelog and versions pages, ``mkdocs.yml``, ``macros/main.py``, a Makefile with ``make serve``
and ``make test``, a README for the company and the CI, deploy and review workflows); the
company, domain and e-mail are filled in where given (each is optional: a fact not given is left
out, never invented, and a missing company name is a placeholder that validation refuses), the
JSON Schemas are added for editors, and a copy of
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

from cookiepolicy import __version__
from cookiepolicy.adapters.engine import ENGINE_FILE, engine_file
from cookiepolicy.loading.schemas import SCHEMAS
from cookiepolicy.loading.validate import check_email, invisible
from cookiepolicy.model.inventory import PLACEHOLDER_COMPANY
from cookiepolicy.model.problems import PolicyError
from cookiepolicy.safeio.fsutil import Transaction

TEMPLATES = "scaffold_templates"
# a Turkish-first site's README and the Turkish lines of the templates' comments (scaffold_tr/comments.yml)
TURKISH_FIRST = "scaffold_templates_tr"
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


def _check(company: str, domain: str | None, email: str | None) -> None:
    if not company or not company.isprintable() or any(invisible(c) for c in company):
        raise PolicyError("--company must be a name on one line, e.g. --company 'Example Ltd'")
    markup = sorted(_MARKUP.intersection(company))
    if markup:
        raise PolicyError("--company must not contain " + " ".join(markup) + ": the theme prints the name as "
                          "HTML; write the name as it reads, e.g. --company 'Example Ltd' (nothing was written)")
    if domain is not None and not _pattern("site", "domain").match(domain):
        raise PolicyError(f"--domain {domain!r} is not a domain name: write it like example.com")
    try:
        if email is not None:
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
    from cookiepolicy.text.localize import Catalog

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


def _domain_lines(domain: str | None, email: str | None) -> str:
    """site.yml's lines for the facts given; one not given is a comment saying how to add it."""
    lines = [f"domain: {domain}", f"url: https://{domain}"] if domain else \
        ["# domain: example.com      (the website's domain, if the policy names it)"]
    lines.append(f"contact_email: {_quoted(email)}" if email else
                 "# contact: {name: {en: Privacy Desk, tr: Gizlilik Birimi}}  (how to reach the company, as stated)")
    return "\n".join(lines) + "\n"


def _rights(laws: tuple[str, ...], email: str | None, heading: str) -> str:
    """The rights section: only for a law the company names, and only with a way to apply (the e-mail)."""
    if not (laws and email):
        return ""
    calls = "\n\n".join(f'{{{{ rights(law="{law}") }}}}' for law in laws)
    return f"\n\n## 5. {heading}\n\n{calls}"


def render_templates(company: str | None, domain: str | None, email: str | None,
                     default_language: str = "en", laws: tuple[str, ...] = (),
                     engine: str = "vendored") -> dict[str, str]:
    """Every file of the new site, by path relative to its folder; ``default_language`` is at its root.
    ``company`` None: the placeholder validation refuses; ``domain``/``email`` None: left out;
    ``engine`` is where it installs the engine from (``engine.requirement``)."""
    company = company or PLACEHOLDER_COMPANY
    from cookiepolicy.text.localize import language_name

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
        "__DOMAIN_LINES__": _domain_lines(domain, email),
        "__SITE_URL__": f'!ENV [SITE_URL, "https://{domain}/cookie-policy/"]' if domain else "!ENV SITE_URL",
        "__ON_DOMAIN__": " on {{ domain() }}" if domain else "",
        "__TR_ON_DOMAIN__": "{{ domain() }} adresinde " if domain else "internet sitesinde ",
        "__LAWS_LINE__": f"laws: [{', '.join(laws)}]" if laws else "",
        "__RIGHTS__": _rights(laws, email, "Your rights"),
        "__TR_RIGHTS__": _rights(laws, email, "Haklarınız"),
        "__SITE_NAME__": domain or company,
        "__COMPANY__": company,
        "__LANGUAGES__": ", ".join(languages),
        "__LANGUAGES_SPACED__": " ".join(languages),
        "__DEFAULT_LANGUAGE__": default_language,
        "__OTHER_LANGUAGE__": other,
        "__OTHER_LANGUAGE_NAME__": language_name(other, other),
        "__LANGUAGE_NAMES__": " and ".join(language_name(lang, "en") for lang in languages),
        "__PAGE_NAMES__": names,
        "__LANGUAGE_SETTINGS__": _i18n_languages(pages, languages).rstrip("\n"),
        "__LANGUAGE_NAMES_TR__": " ve ".join(language_name(lang, "tr") for lang in languages),
        "__PAGE_NAMES_TR__": " ve ".join(f"`docs/index{'' if lang == default_language else '.' + lang}.md` "
                                         f"({language_name(lang, 'tr')})" for lang in languages),
    }
    if default_language == "tr":  # the company's own repository speaks its language
        templates = _turkish_first(templates)
    files = {}
    for name, text in templates.items():
        # one pass: a value that happens to contain a placeholder's name is not replaced again
        files[_page_name(name, default_language)] = _PLACEHOLDER.sub(lambda m: values.get(m.group(0), m.group(0)),
                                                                      text)
    for name, text in _templates(resources.files("cookiepolicy.adapters.mkdocs") / THEME):
        files[f"overrides/{name}"] = text
    for kind, schema in SCHEMAS.items():
        files[f"schemas/{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    files.update(engine_files(vendored=engine == "vendored"))
    files[ENGINE_FILE] = engine_file(engine)
    return files


def _turkish_first(templates: dict[str, str]) -> dict[str, str]:
    """The templates of a Turkish-first site: the Turkish README, and each English comment line (or theme
    label) of the data files and mkdocs.yml replaced by its Turkish line, indentation kept."""
    import yaml

    folder = resources.files(__package__) / TURKISH_FIRST
    lines: dict[str, str] = yaml.safe_load((folder / "comments.yml").read_text(encoding="utf-8"))
    out = dict(templates, **{"README.md": (folder / "README.md").read_text(encoding="utf-8")})
    for name, text in templates.items():
        if name == "mkdocs.yml" or (name.startswith("data/") and name.endswith(".yml")):
            out[name] = "".join(_turkish_line(line, lines) for line in text.splitlines(keepends=True))
    return out


def _turkish_line(line: str, lines: dict[str, str]) -> str:
    body = line.rstrip("\n")
    indent = body[:len(body) - len(body.lstrip())]
    turkish = lines.get(body.strip())
    return indent + turkish + line[len(body):] if turkish else line


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
             for name, text in _templates(resources.files("cookiepolicy"))}
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
policy = "cookiepolicy.adapters.cli.main:main"

[tool.setuptools.packages.find]
where = ["src"]

[tool.setuptools.package-data]
cookiepolicy = ["catalog/*.yml", "schemas/*.json", "scaffold/**/*", "scaffold/**/.*", "theme/**/*"]
"""
    files["requirements.lock"] = pinned_requirements()
    return files


def init_site(folder: Path, company: str | None = None, domain: str | None = None, email: str | None = None,
              default_language: str = "en", laws: tuple[str, ...] = (), engine: str = "vendored") -> list[Path]:
    """Write a new site into ``folder`` (new or empty), ``default_language`` at its root, installing the
    engine from ``engine``; nothing is written when it is refused. A fact not given is not written (the
    company: a placeholder)."""
    company = PLACEHOLDER_COMPANY if company is None else company.strip()  # given blank: refused below
    email = (email or "").strip() or None
    domain = (domain or "").strip() or None
    if domain and _pattern("site", "domain").match(domain.lower()):
        domain = domain.lower()
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise PolicyError(f"{folder} exists and is not a folder; nothing was written")
    if folder.is_dir() and any(folder.iterdir()):
        raise PolicyError(f"{folder} is not empty; give a new or empty folder (nothing was written)")
    _check(company, domain, email)
    return _write_new_site(folder, render_templates(company, domain, email, default_language, laws, engine))


def _write_new_site(folder: Path, files: dict[str, str]) -> list[Path]:
    """Build the site in a hidden folder beside ``folder``, then rename it into place at once: an
    interrupted `policy init` (Ctrl-C, SIGTERM, SIGKILL) leaves ``folder`` as it was."""
    import os
    import shutil
    import tempfile

    from cookiepolicy.safeio.fsutil import TMP_SUFFIX, current_umask, fault

    folder.parent.mkdir(parents=True, exist_ok=True)
    for stale in folder.parent.glob(f".{folder.name}.*{TMP_SUFFIX}"):  # left by a killed `policy init`
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
    stage = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=TMP_SUFFIX))
    try:
        tx = Transaction(command="policy init")
        for name, text in files.items():
            tx.write(stage / name, text)
        written = tx.commit()
        for name in _EXECUTABLE:
            (stage / name).chmod(0o755)
        stage.chmod(0o777 & ~current_umask())
        fault("publish")
        os.replace(stage, folder)  # onto a missing or empty folder: one step
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return [folder / path.relative_to(stage) for path in written]
