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


def link(label: str, url: str) -> str:
    """A link whose URL was validated (https:, http: or mailto:) and whose label is escaped."""
    safe_url = url.replace("&", "&amp;").replace('"', "%22").replace("<", "%3C").replace(">", "%3E")
    return f'<a href="{safe_url}">{escape(label)}</a>'


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
