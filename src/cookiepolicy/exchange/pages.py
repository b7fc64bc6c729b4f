"""The policy's pages as plain Markdown, each macro call replaced by what it renders."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cookiepolicy.exchange.export import loaded_policy
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model.inventory import Site
from cookiepolicy.model.problems import PolicyError, Problem, Report
from cookiepolicy.render.macros import NAMES
from cookiepolicy.render.renderer import MissingFact
from cookiepolicy.render.site import load, renderer
from cookiepolicy.text.words import reason

_FRONT_MATTER = re.compile(r"\A(---\n.*?\n---\n)", re.DOTALL)
_LANG_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


def page_language(rel: str, site: Site) -> tuple[str, str]:
    """(language, path without the language suffix) of a page in the suffix docs structure."""
    match = _LANG_SUFFIX.match(rel)
    if match and match.group("lang") in site.languages:
        return match.group("lang"), match.group("stem") + ".md"
    return site.default_language, rel


Called = list[tuple[str, tuple[Any, ...], dict[str, Any]]]


def _recorded(method: Callable[..., str], name: str, called: Called) -> Callable[..., str]:
    """``method``, noting each call first: a call that fails is then named with its page's line."""
    def macro(*args: Any, **kwargs: Any) -> str:
        called.append((name, args, kwargs))
        return method(*args, **kwargs)
    return macro


def _refused(files: SiteFiles, path: Path, exc: Exception, called: Called) -> Problem:
    """The page and line of the macro call that failed, with the macro's own words (``pageguard.failed_problem``)."""
    from cookiepolicy.render.pageguard import call_line, failed_problem

    why = reason(exc)
    if not called:
        return Problem(file=files.name(path), message=f"cannot expand the page's macros: {why}")
    name, args, kwargs = called[-1]
    return failed_problem(files.name(path), call_line(path, name, args, kwargs), name, args, kwargs, why)


def markdown_pages(files: SiteFiles, date: dt.date, production: bool) -> dict[str, str]:
    """Every page with its macros expanded: ``{"en/index.md": ..., "tr/index.md": ...}``."""
    import jinja2

    loaded = load(files)
    policy = loaded_policy(files)
    pages: dict[str, str] = {}
    for path in sorted(files.docs.rglob("*.md")):
        rel = path.relative_to(files.docs).as_posix()
        lang, target = page_language(rel, policy.site)
        source = path.read_text(encoding="utf-8")
        match = _FRONT_MATTER.match(source)
        front, body = (match.group(1), source[match.end():]) if match else ("", source)
        pinned = re.search(r'^policy_version:\s*"?([0-9.]+)"?\s*$', front, re.MULTILINE)
        render = renderer(loaded, lang, rel, pinned.group(1) if pinned else None, date, production)
        env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
        called: Called = []
        env.globals.update({name: _recorded(getattr(render, name), name, called) for name in NAMES})
        try:
            pages[f"{lang}/{target}"] = front + env.from_string(body).render()
        except jinja2.TemplateError as exc:
            line = getattr(exc, "lineno", None)
            raise PolicyError(Report([Problem(file=files.name(path), line=line and line + front.count("\n"),
                                              message=f"cannot expand the page's macros: {exc}")])) from exc
        except MissingFact as exc:  # an optional fact the page shows: what to add, not a traceback
            raise PolicyError(Report([Problem(file=files.name(path), message=str(exc))])) from None
        except (ValueError, TypeError, LookupError) as exc:  # an argument the macro refuses: as the build says it
            raise PolicyError(Report([_refused(files, path, exc, called)])) from None
    return pages
