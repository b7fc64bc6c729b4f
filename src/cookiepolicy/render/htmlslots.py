"""Generated HTML kept out of the Markdown converter: a placeholder in, the same HTML out.

The item tables of a page are thousands of lines of HTML. Python-Markdown passes such a block
through unchanged, but only after parsing it as HTML (and MkDocs parses it once more, for its
anchors): most of a large page's build time, for nothing. ``stash`` takes out every block of
the page's Markdown that the converter would pass through as it is, leaving a placeholder
paragraph Markdown cannot alter; ``fill`` puts the blocks back into the converted HTML, where
the converter would have put them. Headings written in Markdown stay Markdown, so they still
reach the table of contents; the HTML out, and so the search index, is the same.

A block is taken only where the converter's raw-HTML rules make the result certain: it starts
at the first column after a blank line (or the start) with a block-level tag, ends on a line
that closes that tag, is followed by a blank line (or the end), has no blank line, no
``markdown`` attribute and no comment inside, and is not in a fenced code block. Anything
else is left to the converter. Plain Python: the generator's adapter calls it.
"""

from __future__ import annotations

import html
import re
import secrets
from dataclasses import dataclass, field

# Block-level tags whose raw blocks Python-Markdown passes through whole.
_TAGS = ("table", "div", "ul", "ol", "dl", "section", "details", "figure", "aside", "nav")
_START = re.compile(r"<(" + "|".join(_TAGS) + r")(?=[\s>])", re.IGNORECASE)
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_ANCHOR = re.compile(r"""<([A-Za-z][\w-]*)\b([^>]*)>""")
_ATTRIBUTE = re.compile(r"""(?:^|\s)(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_MD_IN_HTML = re.compile(r"<[^>]*\smarkdown\b[^>]*>", re.IGNORECASE)  # md_in_html parses such a block
_PREFIX = "cookiepolicyhtmlslot"


@dataclass
class Slots:
    """The blocks taken out of one page, by placeholder token."""

    blocks: dict[str, str] = field(default_factory=dict)
    nonce: str = ""

    def __bool__(self) -> bool:
        return bool(self.blocks)

    def anchors(self) -> set[str]:
        """The ids (and ``<a name>``) the blocks define: what a link to ``page#id`` may point at."""
        found: set[str] = set()
        for block in self.blocks.values():
            for tag in _ANCHOR.finditer(block):
                for attr in _ATTRIBUTE.finditer(tag.group(2)):
                    name = attr.group(1).lower()
                    if name == "id" or tag.group(1).lower() == "a":
                        found.add(html.unescape(next(v for v in attr.groups()[1:] if v is not None)))
        return found


def _block_end(lines: list[str], start: int, tag: str) -> int | None:
    """The index of the line that closes the block opened on ``lines[start]``, or None."""
    opener = re.compile(rf"<{tag}(?=[\s>])", re.IGNORECASE)
    closer = re.compile(rf"</{tag}\s*>", re.IGNORECASE)
    depth = 0
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip() or "<!--" in line:
            return None
        depth += len(opener.findall(line)) - len(closer.findall(line))
        if depth <= 0:
            return index if closer.search(line) and line.lower().endswith(f"</{tag.lower()}>") else None
    return None


def stash(markdown: str) -> tuple[str, Slots]:
    """The Markdown with each pass-through HTML block replaced by a placeholder, and the blocks."""
    if "<" not in markdown:
        return markdown, Slots()
    lines = markdown.split("\n")
    out: list[str] = []
    nonce = secrets.token_hex(6)  # a page cannot contain a placeholder by chance or on purpose
    slots = Slots(nonce=nonce)
    fence: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        marker = _FENCE.match(line)
        if fence is not None:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
        elif marker:
            fence = marker.group(1)
        else:
            start = _START.match(line)
            if start and (index == 0 or not lines[index - 1].strip()):
                end = _block_end(lines, index, start.group(1))
                block = "\n".join(lines[index:end + 1]) if end is not None else ""
                if end is not None and (end + 1 == len(lines) or not lines[end + 1].strip()) \
                        and not _MD_IN_HTML.search(block):
                    token = f"{_PREFIX}{nonce}n{len(slots.blocks)}"
                    slots.blocks[token] = block
                    out.append(token)
                    index = end + 1
                    continue
        out.append(line)
        index += 1
    if not slots:
        return markdown, slots
    return "\n".join(out), slots


def fill(converted: str, slots: Slots) -> str:
    """The converted HTML with each placeholder paragraph replaced by its block, as the converter
    puts a raw block: in place of the paragraph, with the blank line that followed it in the
    Markdown (none at the very end: the converter strips its output). A placeholder that ended
    up elsewhere (an extension moved it into other markup) gets its block as text, as the
    converter shows HTML there."""
    if not slots:
        return converted
    stripped = converted.endswith("</p>") and converted[converted.rfind("<p>") + 3:-4] in slots.blocks
    pattern = re.compile(rf"<p>({_PREFIX}{slots.nonce}n\d+)</p>")  # one pass, however many tables
    converted = pattern.sub(lambda m: slots.blocks[m.group(1)] + "\n" if m.group(1) in slots.blocks
                            else m.group(0), converted)
    if stripped:
        converted = converted[:-1]
    bare = re.compile(rf"{_PREFIX}{slots.nonce}n\d+")  # elsewhere than a paragraph of its own
    return bare.sub(lambda m: html.escape(slots.blocks[m.group(0)], quote=False) if m.group(0) in slots.blocks
                    else m.group(0), converted)
