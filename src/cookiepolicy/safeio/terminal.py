"""Text for a terminal or a CI log, whatever the data or the audited site put in it.

Names from outside the repository (localStorage keys of an audited site, company and service
names in a diff) may hold escape sequences or bidi overrides that redraw a terminal or reorder
what it shows. Every control and invisible character is written as an escape (``\\x1b``,
``\\u202e``) except the line breaks of the text and, when colour is on, the colour codes the
engine itself writes.
"""

from __future__ import annotations

import re

from cookiepolicy.model.problems import visible

_COLOUR = re.compile(r"\x1b\[[0-9;]{0,16}m")


def shown(text: str, colour: bool = False) -> str:
    """``text`` with every control character visible, its lines (and colour codes if ``colour``) kept."""
    lines = []
    for line in text.split("\n"):
        if colour:
            parts = _COLOUR.split(line)
            codes = [*_COLOUR.findall(line), ""]
            line = "".join(visible(part) + code for part, code in zip(parts, codes, strict=True))
        else:
            line = visible(line)
        lines.append(line)
    return "\n".join(lines)


# GitHub turns `@user`, `@org/team`, `#12` and `GH-12` in a comment's text into mentions and
# references, after decoding character references (`&#64;user` is a mention too). A tag between the
# sign and the word splits the text node GitHub scans, so the reader sees the characters and
# nobody is notified; code blocks are left alone (GitHub links nothing there).
_MENTION = re.compile(r"(?<![\w/`])(?:@|&#64;)(?=[A-Za-z0-9_-])")
_REFERENCE = re.compile(r"(?<![\w&/`])(?:#|&#35;)(?=[0-9])")
_GH = re.compile(r"(?<![\w])(GH|gh)(?:-|&#45;)(?=[0-9])")


def quiet_mentions(lines: list[str]) -> list[str]:
    """Markdown lines with every mention and issue reference shown as text only."""
    out, fence = [], ""
    for line in lines:
        marks = re.match(r"\s*(`{3,}|~{3,})", line)
        if fence:
            fence = "" if marks and marks.group(1)[0] == fence[0] and len(marks.group(1)) >= len(fence) else fence
            out.append(line)
            continue
        if marks:
            fence = marks.group(1)
            out.append(line)
            continue
        line = _MENTION.sub("<span>@</span>", line)
        line = _REFERENCE.sub("<span>#</span>", line)
        out.append(_GH.sub(r"\1<span>-</span>", line))
    return out
