"""A page whose Markdown did not change is not converted again: the same tree, with fewer conversions.

Builds run in this process (as ``mkdocs serve`` rebuilds), counting MkDocs' page conversions; the
trees are compared file for file, byte for byte, with this cache off (``POLICY_PAGE_CACHE=off``).
Each part of the key is shown to change it.
"""

from __future__ import annotations

import logging
import types
from pathlib import Path

import pytest

from cookiepolicy.adapters.mkdocs import pagecache

from .support.helpers import file_tree


@pytest.fixture
def build(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``build(out)``: one build of the site in this process; returns the pages it converted."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    converted: list[str] = []
    render = Page.render

    def counting(self, config, files):
        converted.append(self.file.src_uri)
        return render(self, config, files)

    monkeypatch.setattr(Page, "render", counting)
    monkeypatch.setenv("POLICY_TODAY", "2026-11-22")
    monkeypatch.setenv("POLICY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(site)

    def run(out: Path) -> list[str]:
        converted.clear()
        mkdocs_build(load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(out)))
        return sorted(converted)

    return run


def test_an_unchanged_page_is_not_converted_again_and_the_tree_is_the_same(build, tmp_path, monkeypatch):
    first = build(tmp_path / "first")
    assert "index.md" in first and "index.tr.md" in first and len(first) >= 6
    assert build(tmp_path / "second") == []
    monkeypatch.setenv("POLICY_PAGE_CACHE", "off")
    assert build(tmp_path / "off") == first
    a, b, c = file_tree(tmp_path / "first"), file_tree(tmp_path / "second"), file_tree(tmp_path / "off")
    assert sorted(a) == sorted(b) == sorted(c)
    assert [name for name in a if not a[name] == b[name] == c[name]] == []


def test_an_edited_page_alone_is_converted_and_shows_the_edit(build, site, tmp_path):
    build(tmp_path / "first")
    changelog = site / "docs" / "changelog.md"
    changelog.write_text(changelog.read_text(encoding="utf-8") + "\nA sentence added by hand.\n", encoding="utf-8")
    assert build(tmp_path / "second") == ["changelog.md"]
    assert "A sentence added by hand." in (tmp_path / "second" / "changelog" / "index.html").read_text(encoding="utf-8")


def test_a_conversion_that_warned_is_not_kept_and_warns_every_time(build, site, tmp_path, caplog):
    """A link to a missing page (a warning), and an absolute link (what MkDocs says at INFO level)."""
    (site / "docs" / "broken.md").write_text("# Broken\n\nSee [the page](missing.md).\n", encoding="utf-8")
    (site / "docs" / "absolute.md").write_text("# Absolute\n\nSee [the page](/elsewhere/).\n", encoding="utf-8")
    for out in ("first", "second"):
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            converted = build(tmp_path / out)
        assert "broken.md" in converted and "absolute.md" in converted
        said = [record.getMessage() for record in caplog.records]
        assert any("missing.md" in line for line in said), out
        assert any("/elsewhere/" in line for line in said), out
        assert "index.md" not in converted or out == "first"


def test_another_converter_setting_converts_every_page_again(build, site, tmp_path):
    first = build(tmp_path / "first")
    assert 'class="headerlink"' in (tmp_path / "first" / "index.html").read_text(encoding="utf-8")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("permalink: true", "permalink: false"),
                      encoding="utf-8")
    assert build(tmp_path / "second") == first
    assert 'class="headerlink"' not in (tmp_path / "second" / "index.html").read_text(encoding="utf-8")


def _fakes(markdown: str = "# A\n", src: str = "a.md", url: str = "a/", links: str = "b/",
           settings: bool = True) -> tuple[object, dict, list]:
    file = types.SimpleNamespace(src_uri=src, dest_uri=src.replace(".md", "/index.html"), url=url)
    page = types.SimpleNamespace(markdown=markdown, file=file, url=url)
    config = {"markdown_extensions": ["toc"], "mdx_configs": {"toc": {"permalink": settings}},
              "validation": None, "use_directory_urls": True}
    other = types.SimpleNamespace(src_uri="b.md", dest_uri="b/index.html", url=links, inclusion="included")
    return page, config, [other]


def test_each_part_of_the_key_changes_it(monkeypatch, tmp_path):
    key = pagecache._key(*_fakes())
    assert key == pagecache._key(*_fakes())
    others = [_fakes(markdown="# B\n"), _fakes(src="c.md"), _fakes(url="c/"), _fakes(links="elsewhere/"),
              _fakes(settings=False)]
    assert all(pagecache._key(*fake) != key for fake in others)
    monkeypatch.setattr(pagecache, "_installed", lambda: b"Markdown==0.0")  # another package version
    assert pagecache._key(*_fakes()) != key
    monkeypatch.undo()
    # a site's own extension: its code is part of the key
    module = tmp_path / "mysiteext.py"
    module.write_text("X = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))

    def with_extension() -> bytes:  # each build has a config of its own
        page, config, files = _fakes()
        config["markdown_extensions"] = ["mysiteext"]
        return pagecache._key(page, config, files)

    before = with_extension()
    pagecache._module_bytes.cache_clear()
    module.write_text("X = 2\n", encoding="utf-8")
    assert with_extension() != before


def test_the_theme_is_compiled_once_per_process_and_an_edited_template_again(build, site, tmp_path, monkeypatch):
    from jinja2 import Environment

    compiled: list[str | None] = []
    compile_ = Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", counting)
    build(tmp_path / "first")
    assert "main.html" in compiled
    compiled.clear()
    build(tmp_path / "second")
    assert "main.html" not in compiled and "base.html" not in compiled
    main = site / "overrides" / "main.html"
    edited = '<meta charset="utf-8"><meta name="edited" content="yes">'
    main.write_text(main.read_text(encoding="utf-8").replace('<meta charset="utf-8">', edited), encoding="utf-8")
    compiled.clear()
    build(tmp_path / "third")
    assert "main.html" in compiled and "base.html" not in compiled
    assert '<meta name="edited" content="yes">' in (tmp_path / "third" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="edited"' not in (tmp_path / "second" / "index.html").read_text(encoding="utf-8")
