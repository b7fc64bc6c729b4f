"""A macro's literal argument must name something the data has: ``cookie_table(category="nope")``
would render an empty table, which reads as "no such cookies". ``policy validate`` and the build
both stop on it, at the page and line of the call, naming the macro, the argument and the allowed
values. The pages are read once, as the other page checks read them (``coverage.calls_in``).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

from cookiepolicy.checks.coverage import Call, calls_in, pages_by_language
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.validate import did_you_mean
from cookiepolicy.model.inventory import Policy
from cookiepolicy.model.problems import ERROR, Problem
from cookiepolicy.render.macros import MACROS, Argument
from cookiepolicy.render.renderer import Renderer
from cookiepolicy.text.words import say

# (macro, argument) -> its declaration, for the arguments the page checks refuse a value of (``page_checked``);
# the macros' fixed options (columns, group_by, attributes, name_header) are checked by the macros themselves
# (``Tables._check_table``), with their own words
ARGUMENTS: dict[tuple[str, str], Argument] = {
    (macro.name, argument.name): argument
    for macro in MACROS.values() for argument in macro.arguments if argument.page_checked}


def _bound(call: Call) -> dict[str, object]:
    """The call's arguments by name; {} when they do not fit the macro (the page guard says so)."""
    method = getattr(Renderer, call.name, None)
    if method is None or not call.literal:
        return {}
    try:
        return dict(inspect.signature(method).bind(None, *call.args, **call.kwargs).arguments)
    except TypeError:
        return {}


def _wrong(call: Call, policy: Policy) -> Iterator[tuple[str, object, tuple[str, ...]]]:
    for name, value in _bound(call).items():
        argument = ARGUMENTS.get((call.name, name))
        if argument is None or value is None:
            continue
        allowed = argument.allowed(policy) or ()
        values = value if isinstance(value, (list, tuple)) else [value]
        for one in values:
            if not isinstance(one, str) or one not in allowed:
                yield name, one, allowed
                break


def wrong_arguments(call: Call, policy: Policy) -> bool:
    """Whether the call names a value the data does not have (``argument_problems`` reports it)."""
    return any(True for _ in _wrong(call, policy))


def argument_problems(files: SiteFiles, policy: Policy) -> list[Problem]:
    """An error for each literal macro argument that names no value the data (or the macro) has."""
    problems: list[Problem] = []
    seen: set[Path] = set()
    for pages in pages_by_language(files, policy.site.languages, policy.site.default_language).values():
        for path in pages.values():
            if path in seen:
                continue
            seen.add(path)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # the build reports an unreadable page
            problems += [_problem(call, name, value, allowed)
                         for call in calls_in(text, files.name(path)) for name, value, allowed in _wrong(call, policy)]
    return problems


def _problem(call: Call, name: str, value: object, allowed: tuple[str, ...]) -> Problem:
    """The page, line, macro, argument and allowed values, worded in the command's language (``words.say``)."""
    hint = did_you_mean(str(value), allowed) if isinstance(value, str) else None
    return Problem(file=call.page, line=call.line, severity=ERROR,
                   message=say("page_args.not_allowed", macro=call.name, argument=name, value=repr(value),
                               allowed=", ".join(allowed) or say("page_args.none_defined")),
                   hint=say("page_args.fix_after", suggestion=hint) if hint else say("page_args.fix"))
