"""Text for a terminal or a CI log, whatever the data or the audited site put in it.

Names from outside the repository (localStorage keys of an audited site, company and service
names in a diff) may hold escape sequences or bidi overrides that redraw a terminal or reorder
what it shows. Every control and invisible character is written as an escape (``\\x1b``,
``\\u202e``) except the line breaks of the text and, when colour is on, the colour codes the
engine itself writes.
"""

from __future__ import annotations

import re

from .problems import visible

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
