"""Generated HTML goes around Python-Markdown: the same HTML out as through it, on every site.

The placeholder mechanism (``htmlslots``) is checked against Python-Markdown itself on
documents chosen to sit on each edge of its raw-HTML rules; every site of the repository is
built with the placeholders and without them (``POLICY_HTML_SLOTS=off``, the converter path)
and the two output trees must be equal, file for file, byte for byte: pages, search index,
sitemap, exports.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import markdown
import pytest

from cookiepolicy.render.htmlslots import fill as fill_slots
from cookiepolicy.render.htmlslots import stash

from .support.helpers import BIN, ROOT, file_tree, run
from .test_all_sites import SITES

EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]
TABLE = '<table data-policy-items="2">\n<thead><tr><th scope="col">A</th></tr></thead>\n<tbody>\n' \
        '<tr id="cookie-a_b"><td data-column="name" data-label="A"><code>a&#95;<wbr>b</code> *x* [l](u)</td></tr>\n' \
        '</tbody>\n</table>'

# (Markdown, how many blocks go around the converter)
CASES = [
    (f"# Title\n\n{TABLE}", 1),  # at the very end
    (f"# Title\n\n{TABLE}\n", 1),
    (f"{TABLE}\n\n## Next\n\ntext", 1),  # at the very start, a heading after it
    (f"### A\n\n{TABLE}\n\n### B\n\n{TABLE}\n\n*basis*\n\n{TABLE}\n", 3),
    (f"{TABLE}\n   \ntext", 1),  # the blank line after it has spaces
    ('<div class="x">\n<p>one</p>\n<div>two</div>\n</div>\n\nafter', 1),  # nested, same tag
    ("<ul>\n<li>a</li>\n</ul>\n\n<ol><li>b</li></ol>\n\nend", 2),
    (f"text right before\n{TABLE}\n\nafter", 0),  # no blank line before: part of a paragraph
    (f"before\n\n{TABLE}\ntext right after\n\nend", 0),  # no blank line after
    (f"{TABLE} trailing text\n\nend", 0),  # the closing line goes on
    (f"{TABLE}  \n\nend", 0),  # spaces after the closing tag
    (f"```html\n{TABLE}\n```\n\nafter", 0),  # in a fenced code block: shown as code
    (f"~~~~\n```\n{TABLE}\n```\n~~~~\n\n{TABLE}", 1),  # a fence inside a longer fence; then a real one
    (f"!!! note\n    inside\n\n    {TABLE}", 0),  # indented: in an admonition
    (f"- item\n\n    {TABLE}\n", 0),  # indented: in a list item
    ("<table>\n<tr><td>a</td></tr>\n\n<tr><td>b</td></tr>\n</table>\n\nend", 0),  # a blank line inside
    ("<table>\n<!-- a comment -->\n<tr><td>a</td></tr>\n</table>\n\nend", 0),  # a comment inside
    ("<table><tr><td>one line</td></tr></table>\n\nend", 1),
    ("<span>inline html</span>\n\nend", 0),  # not block-level
    ("<tablex>\n</tablex>\n\nend", 0),  # not a table
    ("<table>\n<tr><td>never closed</td></tr>\n\nend", 0),
    ("no html at all\n\n## heading", 0),
]


def _convert(text: str, extensions: list[str]) -> str:
    return markdown.Markdown(extensions=extensions).convert(text)


@pytest.mark.parametrize(("text", "taken"), CASES, ids=[str(i) for i in range(len(CASES))])
def test_the_same_html_as_through_python_markdown(text: str, taken: int):
    stashed, slots = stash(text)
    assert len(slots.blocks) == taken
    for token, block in slots.blocks.items():  # the converter sees a placeholder line instead of the block
        assert f"\n{token}\n" in f"\n{stashed}\n"
        assert stashed.count(block) == text.count(block) - list(slots.blocks.values()).count(block)
    assert fill_slots(_convert(stashed, EXTENSIONS), slots) == _convert(text, EXTENSIONS)


def test_a_block_for_md_in_html_stays_with_the_converter():
    text = '<div markdown="1">\n*emphasis*\n</div>\n\n<table>\n<tr><td><div markdown>x</div></td></tr>\n</table>\n'
    stashed, slots = stash(text)
    assert not slots and stashed == text
    assert fill_slots(_convert(stashed, [*EXTENSIONS, "md_in_html"]), slots) == \
        _convert(text, [*EXTENSIONS, "md_in_html"])


def test_a_page_cannot_forge_a_placeholder():
    _, slots = stash(f"{TABLE}\n")
    token = next(iter(slots.blocks))
    _, again = stash(f"{TABLE}\n")
    assert token not in again.blocks  # each page's placeholders are new
    page = f"{token}\n\n{TABLE}\n"  # a page that writes the token of an earlier page
    stashed, slots = stash(page)
    assert fill_slots(_convert(stashed, EXTENSIONS), slots) == _convert(page, EXTENSIONS)


def test_the_anchors_inside_the_blocks_are_known():
    _, slots = stash(f"{TABLE}\n\n<div id='x&amp;y'><a name=top>t</a><p name=\"no\">p</p></div>\n")
    assert slots.anchors() == {"cookie-a_b", "x&y", "top"}


def _build(site: Path, out: Path, slots: str) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "mkdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)], site,
               {"POLICY_TODAY": "2026-11-22", "POLICY_HTML_SLOTS": slots})


@pytest.mark.slow
@pytest.mark.parametrize("site", SITES, ids=[p.relative_to(ROOT).as_posix() or "root" for p in SITES])
def test_every_site_builds_the_same_tree_either_way(site: Path, tmp_path: Path):
    around = _build(site, tmp_path / "around", "on")
    assert around.returncode == 0, around.stderr
    through = _build(site, tmp_path / "through", "off")
    assert through.returncode == 0, through.stderr
    assert "WARNING" not in around.stderr, around.stderr
    a, b = file_tree(tmp_path / "around"), file_tree(tmp_path / "through")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    assert "search/search_index.json" in a and "sitemap.xml" in a
    assert not any(b"cookiepolicyhtmlslot" in content for content in a.values())


@pytest.mark.slow
def test_the_tables_never_reach_python_markdown_and_their_anchors_validate(site: Path, tmp_path: Path, monkeypatch):
    """In one build in this process: the Markdown MkDocs converts has no item table, the HTML has
    them, and a link to an item's row validates with MkDocs' anchor check set to warn (strict)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    html = tmp_path / "out-through"
    through = _build(site, html, "off")
    assert through.returncode == 0, through.stderr
    index = (html / "index.html").read_text(encoding="utf-8")
    row = index.split('<tr id="', 1)[1].split('"', 1)[0]
    (site / "docs" / "anchors.md").write_text(f"# Anchors\n\nSee [the row](index.md#{row}).\n", encoding="utf-8")
    config_text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(config_text + "\nvalidation:\n  anchors: warn\n", encoding="utf-8")

    seen: list[str] = []
    render = Page.render

    def recording(self, config, files):
        seen.append(self.markdown)
        return render(self, config, files)

    monkeypatch.setattr(Page, "render", recording)
    monkeypatch.setenv("POLICY_TODAY", "2026-11-22")
    monkeypatch.setenv("POLICY_HTML_SLOTS", "on")
    monkeypatch.chdir(site)
    config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(tmp_path / "out"), strict=True)
    build(config)  # strict: a warning (an anchor not found) raises
    assert seen and not any("<table data-policy-items" in text for text in seen)
    built = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert f'<tr id="{row}">' in built and built.count("<table data-policy-items") == \
        index.count("<table data-policy-items") > 0
    assert os.environ["POLICY_HTML_SLOTS"] == "on"


def test_many_blocks_each_in_its_place():
    text = "\n\n".join(f"## Part {n}\n\n<table><tr><td>{n}</td></tr></table>" for n in range(12))
    stashed, slots = stash(text)
    assert len(slots.blocks) == 12  # placeholders n1 and n10, n11 are told apart
    assert fill_slots(_convert(stashed, EXTENSIONS), slots) == _convert(text, EXTENSIONS)


def test_a_placeholder_moved_into_other_markup_gets_its_block_as_text():
    _, slots = stash("<table><tr><td>a & b</td></tr></table>\n")
    token = next(iter(slots.blocks))
    assert fill_slots(f"<pre><code>{token}</code></pre>", slots) == \
        "<pre><code>&lt;table&gt;&lt;tr&gt;&lt;td&gt;a &amp; b&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</code></pre>"
