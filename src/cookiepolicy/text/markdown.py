"""Escaping for text from data: it lands in Markdown as literal text, never as markup or template."""

from __future__ import annotations

import re

# Everything Markdown, its extensions, HTML or Jinja could read as syntax becomes a numeric
# character reference: the browser shows the character, no parser acts on it.
_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+!|<>&~^=$%\"'@:-]")
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # invisible, and invalid in HTML


def _ref(match: re.Match[str]) -> str:
    return f"&#{ord(match.group(0))};"


def escape(text: object) -> str:
    """Inline text: one line, every special character neutralised."""
    value = _SPACE.sub(" ", _CONTROL.sub("", str(text))).strip()
    return _SPECIAL.sub(_ref, value)


def code(text: object) -> str:
    """A name in code style, safe in tables (no ``|`` split) and anywhere else."""
    return f"<code>{escape(text)}</code>"


_NOT_PLAIN = re.compile(r"[^A-Za-z0-9]")
_LINK_SCHEMES = ("https://", "http://", "mailto:")


def attribute(value: str) -> str:
    """An HTML attribute value that no Markdown, HTML or attribute-list parser can read as syntax.

    Every character but ASCII letters and digits becomes a numeric character reference: the
    browser decodes the value back exactly, while ``[``, ``(``, ``*``, ``"``, ``<``, ``{`` or a
    line break can no longer open a Markdown link, an emphasis, a tag or a new attribute.
    """
    return _NOT_PLAIN.sub(_ref, _CONTROL.sub("", value))


def link(label: str, url: str) -> str:
    """An HTML ``<a>`` built here, never by Markdown: the URL is data, escaped as an attribute.

    The loader accepts only parsed https, http and mailto links; a URL that got here otherwise
    (an unchecked value) is shown as text, not linked.
    """
    if not url.lower().startswith(_LINK_SCHEMES):
        return escape(label)
    return f'<a href="{attribute(url)}">{escape(label)}</a>'


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
