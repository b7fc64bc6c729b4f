"""Pages may call the engine's macros with literal arguments, and nothing else.

A page is a Jinja template to mkdocs-macros, and Jinja can reach Python through attributes
(``cycler.__init__.__globals__.os.popen(...)``): a page in a pull request would run commands
when the review workflow builds its preview. So every page is parsed (never run) first and only
``{{ macro(literal, name=literal) }}`` is let through: any other expression, filter, statement,
include or global is refused, and so is a macro called with an argument it does not take, each
as one line naming the page, the line, the macro and the argument. ``policy validate`` and the
build use the same check.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment, TemplateSyntaxError, nodes

from cookiepolicy.loading.validate import did_you_mean
from cookiepolicy.model.problems import Problem
from cookiepolicy.model.said import Said
from cookiepolicy.render.macros import MACROS, NAMES
from cookiepolicy.render.renderer import Renderer
from cookiepolicy.text.words import say

_FRONT_MATTER = re.compile(r"\A(---\n.*?\n---\n)", re.DOTALL)
_EXAMPLE = '{{ cookie_table(category="analytics") }}'


def _hint() -> Said:
    return say("page_guard.hint", example=_EXAMPLE)


@cache
def _signature(name: str) -> inspect.Signature:
    return inspect.signature(getattr(Renderer, name))


_NODE_WORDS: tuple[tuple[type[nodes.Node], str, str | None], ...] = (
    (nodes.Getattr, "attribute", "attr"), (nodes.Getitem, "item", None), (nodes.Filter, "filter", "name"),
    (nodes.Test, "test", "name"), (nodes.Name, "name", "name"), (nodes.Call, "call", None),
)


def _describe(node: nodes.Node) -> Said:
    """What a refused node is, in the words of a page author."""
    for kind, key, field in _NODE_WORDS:
        if isinstance(node, kind):
            return say(f"page_guard.node.{key}", **({"name": getattr(node, field)} if field else {}))
    if isinstance(node, nodes.Stmt):
        return say("page_guard.node.statement", statement=type(node).__name__.lower())
    return say("page_guard.node.expression", kind=type(node).__name__)


def _literal(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Const):
        return True
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return all(_literal(item) for item in node.items)
    if isinstance(node, nodes.Dict):
        return all(_literal(pair.key) and _literal(pair.value) for pair in node.items)
    if isinstance(node, nodes.Neg):
        return isinstance(node.node, nodes.Const) and isinstance(node.node.value, (int, float))
    return False


def _value(node: nodes.Expr) -> Any:
    if isinstance(node, nodes.Neg):
        return -cast(nodes.Const, node.node).value  # a call pageguard read: a negative number
    return node.as_const()


def _call_problems(call: nodes.Call) -> Iterator[tuple[int, Said]]:
    name = call.node.name  # type: ignore[attr-defined]
    if call.dyn_args is not None or call.dyn_kwargs is not None:
        yield call.lineno, say("page_guard.star_arguments", macro=name)
        return
    for arg in call.args:
        if not _literal(arg):
            yield arg.lineno, say("page_guard.positional_not_literal", macro=name, what=_describe(arg))
    for keyword in call.kwargs:
        if not _literal(keyword.value):
            yield keyword.lineno, say("page_guard.argument_not_literal", macro=name, argument=keyword.key,
                                      what=_describe(keyword.value))
    params = [argument.name for argument in MACROS[name].arguments]
    arguments = ", ".join(params) if params else say("macro_error.none")
    for keyword in call.kwargs:
        if keyword.key not in params:
            hint = did_you_mean(keyword.key, params)
            yield keyword.lineno, (say("page_guard.no_argument_hint", macro=name, argument=keyword.key, hint=hint,
                                       arguments=arguments) if hint else
                                   say("page_guard.no_argument", macro=name, argument=keyword.key,
                                       arguments=arguments))
            return
    misfit = _misfit(_signature(name), call)
    if misfit is not None:
        yield call.lineno, say("page_guard.misfit", macro=name, why=misfit, arguments=arguments)


def _misfit(signature: inspect.Signature, call: nodes.Call) -> Said | None:
    """Why the call's arguments do not fit the macro's signature (as Python would say it), or None."""
    try:
        signature.bind(None, *(0 for _ in call.args), **{k.key: 0 for k in call.kwargs})
    except TypeError:
        pass
    else:
        return None
    parameters = list(signature.parameters.values())[1:]  # the renderer itself is bound
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if len(call.args) > len(positional) and not any(p.kind == p.VAR_POSITIONAL for p in parameters):
        return say("page_guard.too_many")
    given = {p.name for p in positional[:len(call.args)]}
    twice = next((k.key for k in call.kwargs if k.key in given), None)
    if twice is not None:
        return say("page_guard.twice", argument=twice)
    named = given | {k.key for k in call.kwargs}
    missing = next((p.name for p in parameters if p.default is p.empty and p.name not in named
                    and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)), None)
    return say("page_guard.missing", argument=missing) if missing else say("page_guard.unfit")


def _output_problems(node: nodes.Node) -> Iterator[tuple[int, Said]]:
    if isinstance(node, nodes.TemplateData):
        return
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in NAMES:
        yield from _call_problems(node)
        return
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        hint = did_you_mean(node.node.name, NAMES)
        yield node.lineno, (say("page_guard.not_a_macro_hint", name=node.node.name, hint=hint) if hint
                            else say("page_guard.not_a_macro", name=node.node.name))
        return
    callee = node.node if isinstance(node, nodes.Call) else node
    yield node.lineno, say("page_guard.not_allowed", what=_describe(callee))


def check_source(source: str, page: str) -> list[Problem]:
    """Every use of Jinja in ``source`` (a page's text, lines as in its file) that is not a macro call
    with literal arguments; parsed, never rendered."""
    if not any(mark in source for mark in ("{{", "{%", "{#")):
        return []
    try:
        tree = Environment(autoescape=False).parse(source)
    except TemplateSyntaxError as exc:
        return [Problem(file=page, line=exc.lineno, message=say("page_guard.unreadable", reason=exc.message or ""),
                        hint=say("page_guard.unreadable_hint", example="{{ name(...) }}",
                                 raw="{% raw %}...{% endraw %}"))]
    found: list[tuple[int, Said]] = []
    for node in tree.body:
        if isinstance(node, nodes.Output):
            for part in node.nodes:
                found.extend(_output_problems(part))
        else:
            found.append((node.lineno, say("page_guard.not_allowed", what=_describe(node))))
    return [Problem(file=page, line=line, message=message, hint=_hint()) for line, message in found]


def page_source(text: str) -> tuple[str, bool]:
    """A page file's text with its front matter blanked (line numbers kept), and whether macros run on it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, True
    front = match.group(1)
    rendered = not re.search(r"^render_macros:\s*(false|no|off)\s*$", front, re.MULTILINE | re.IGNORECASE)
    return "\n" * front.count("\n") + text[match.end():], rendered


def check_page(path: Path, page: str) -> list[Problem]:
    """``check_source`` for one page file (an unreadable file is left to the build, which says so)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    source, rendered = page_source(text)
    return _pin_problems(text, page) + (check_source(source, page) if rendered else [])


def _pin_problems(text: str, page: str) -> list[Problem]:
    """``policy_version: 1.10`` unquoted is the YAML number 1.1: a page pinned to the wrong release."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return []
    for number, line in enumerate(match.group(1).splitlines(), start=1):
        pin = re.fullmatch(r"""policy_version:\s*([^\s#'"][^#]*?)\s*(#.*)?""", line)
        if pin:
            value = pin.group(1)
            return [Problem(file=page, line=number, field="policy_version",
                            message=say("page_guard.pin_number", value=value),
                            hint=say("page_guard.pin_number_hint", value=value))]
    return []


def check_pages(docs: Path, name: Any) -> list[Problem]:
    """Every Markdown page under ``docs`` (archived versions included: they are built too)."""
    if not docs.is_dir():
        return []
    return [p for path in sorted(docs.rglob("*.md")) if path.is_file() for p in check_page(path, name(path))]


def call_line(path: Path, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int | None:
    """The line of the page's call ``name(*args, **kwargs)``, for a message about a macro that failed."""
    try:
        source, _ = page_source(path.read_text(encoding="utf-8"))
        tree = Environment(autoescape=False).parse(source)
    except (OSError, UnicodeDecodeError, TemplateSyntaxError):
        return None
    for call in tree.find_all(nodes.Call):
        if not (isinstance(call.node, nodes.Name) and call.node.name == name):
            continue
        try:
            same = ([_value(a) for a in call.args] == list(args)
                    and {k.key: _value(k.value) for k in call.kwargs} == kwargs)
        except nodes.Impossible:
            continue
        if same:
            return call.lineno
    return None


def failed_call(page: str, line: int | None, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], why: str,
                lang: str | None = None) -> str:
    """One line for a macro whose arguments the data cannot satisfy, in ``lang`` (the site's language)."""
    return failed_problem(page, line, name, args, kwargs, why).format(lang)


def failed_problem(page: str, line: int | None, name: str, args: tuple[Any, ...], kwargs: dict[str, Any],
                   why: str) -> Problem:
    """A macro whose arguments the data cannot satisfy, in the build's words (``policy validate`` says the same)."""
    shown = ", ".join([*(repr(a) for a in args), *(f"{k}={v!r}" for k, v in kwargs.items())])
    return Problem(file=page, line=line, message=say("macro_error.failed", call=f"{name}({shown})", why=why),
                   hint=say("macro_error.fix"))
