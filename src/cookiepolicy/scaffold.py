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


def render_templates(company: str, domain: str, email: str) -> dict[str, str]:
    """Every file of the new site, by path relative to its folder."""
    values = {
        "__COMPANY_Q__": _quoted(company),
        "__DESCRIPTION_Q__": _quoted(f"{company} cookie policy"),
        "__EMAIL_Q__": _quoted(email),
        "__COMPANY__": company,
        "__DOMAIN__": domain,
    }
    files = {}
    for name, text in _templates(resources.files(__package__) / TEMPLATES):
        # one pass: a value that happens to contain a placeholder's name is not replaced again
        files[name] = _PLACEHOLDER.sub(lambda m: values.get(m.group(0), m.group(0)), text)
    for name, text in _templates(resources.files(__package__) / THEME):
        files[f"overrides/{name}"] = text
    for kind, schema in SCHEMAS.items():
        files[f"schemas/{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    files.update(engine_files())
    return files


def pinned_requirements() -> str:
    lines = ["# The versions the policy engine in engine/ was tested with (pip install -r requirements.lock)."]
    lines += [f"{name}=={metadata.version(name)}" for name in RUNTIME]
    return "\n".join(lines) + "\n"


def engine_files() -> dict[str, str]:
    """This package's source under ``engine/``, installable with pip, and the pins it runs with."""
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


def init_site(folder: Path, company: str, domain: str, email: str) -> list[Path]:
    """Write a new site into ``folder`` (new or empty); nothing is written when it is refused."""
    company, email = company.strip(), email.strip()
    domain = domain.strip().lower() if _pattern("site", "domain").match(domain.strip().lower()) else domain
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise PolicyError(f"{folder} exists and is not a folder; nothing was written")
    if folder.is_dir() and any(folder.iterdir()):
        raise PolicyError(f"{folder} is not empty; give a new or empty folder (nothing was written)")
    _check(company, domain, email)
    tx = Transaction()
    for name, text in render_templates(company, domain, email).items():
        tx.write(folder / name, text)
    tx.check(folder)
    written = tx.commit()
    for name in _EXECUTABLE:
        (folder / name).chmod(0o755)
    return written
