"""Converted pages kept: a page whose Markdown did not change is not converted again.

MkDocs converts every page on every build, and ``mkdocs serve`` rebuilds the whole site on each
save: with twenty archived versions in two languages, most of a rebuild is converting pages
that cannot have changed. What a conversion gives (the HTML, the table of contents, the title
from the first heading, the anchors the page defines, its links to other pages' anchors)
depends only on the page's final Markdown (after every plugin, with the HTML blocks ``slots``
took out), where it stands (its path and URL), the site's files (links resolve against their
URLs), the link-validation settings and the converter: the Markdown extensions and their
settings, the versions of the installed packages, the bytes of any extension or function
named by a module outside them, and the engine (``cache.engine()``). Kept under a key of all
of these, as signed JSON in the cache folder (``cache.write_signed``: never unpickled), a page
whose key is known skips its conversion; any change is another key, never a stale page.

A conversion that logged a warning (or anything MkDocs says of the page's links) is not
kept, so every build shows it again. Nothing is kept or read with ``POLICY_CACHE=off``, in a production build, or with
``POLICY_PAGE_CACHE=off`` (this cache alone off: the tests build both ways and compare).
This module knows MkDocs' page internals (``Page.render`` and what it sets), and only it does.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
from pathlib import Path
from typing import Any

from cookiepolicy.adapters.mkdocs.events import add_once
from cookiepolicy.adapters.mkdocs.slots import pending_slots
from cookiepolicy.model.problems import PolicyError
from cookiepolicy.safeio import cache
from cookiepolicy.safeio.envvars import switched_off

_CONTEXT = "converted-page 1"
_PENDING = "_cookiepolicy_converted"


class _Warnings(logging.Handler):
    """Counts the warnings MkDocs and its plugins log, and what MkDocs says of a page's links (at
    any level shown): a conversion that logged either is not kept, so it is said on every build."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING or record.name.startswith("mkdocs.structure"):
            self.count += 1


_WARNINGS = _Warnings()
# The last build's config and files, and the digests of what every page of it shares (``_shared``)
_BUILD: list[tuple[Any, Any, tuple[bytes, bytes]]] = []


def enabled() -> bool:
    """Whether pages are kept; an unknown ``POLICY_CACHE`` value counts as off here (the build's
    check of the switches stops it with the message, before any page is built)."""
    if switched_off("POLICY_PAGE_CACHE"):
        return False
    try:
        return cache.folder() is not None
    except PolicyError:
        return False


@functools.cache
def _installed() -> bytes:
    """The installed packages and their versions: an upgraded extension, MkDocs or Markdown is another key."""
    names = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    return "\n".join(names).encode("utf-8")


@functools.cache
def _module_bytes(name: str) -> bytes:
    """The bytes of a module that no installed package versions (a site's own extension): its code is the key."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return b"\0unknown"
    origin = getattr(spec, "origin", None)
    if not origin or "site-packages" in origin or "dist-packages" in origin:
        return b""
    try:
        return Path(origin).read_bytes()
    except OSError:
        return b"\0unreadable"


def _named(value: Any) -> Any:
    """A setting as plain data: a function or class by its module and name, and the module's code."""
    if isinstance(value, dict):
        return {str(k): _named(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_named(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    module = getattr(value, "__module__", None) or type(value).__module__
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    return f"{module}.{name}#{hashlib.sha256(_module_bytes(module)).hexdigest()}"


def _converter(config: Any) -> bytes:
    """Everything about the converter a page's HTML depends on, besides the page."""
    extensions = config["markdown_extensions"]
    modules = [e for e in extensions if isinstance(e, str)]
    described = {
        "extensions": _named(list(extensions)),
        "settings": _named(dict(config["mdx_configs"] or {})),
        "code": {m: hashlib.sha256(_module_bytes(m.split(":")[0])).hexdigest() for m in modules},
        "validation": repr(config.get("validation")),
        "directory_urls": bool(config.get("use_directory_urls")),
    }
    return json.dumps(described, sort_keys=True).encode("utf-8") + b"\0" + _installed()


def _site(files: Any) -> bytes:
    """Where every file of the site ends up: a link on the page resolves against these."""
    rows = sorted(f"{f.src_uri}\t{f.dest_uri}\t{f.url}\t{f.inclusion}" for f in files)
    return "\n".join(rows).encode("utf-8")


def _shared(config: Any, files: Any) -> tuple[bytes, bytes]:
    """The digests of ``_converter`` and ``_site``: computed once per build, not once per page."""
    if not (_BUILD and _BUILD[0][0] is config and _BUILD[0][1] is files):
        _BUILD[:] = [(config, files, (hashlib.sha256(_converter(config)).digest(),
                                      hashlib.sha256(_site(files)).digest()))]
    return _BUILD[0][2]


def _key(page: Any, config: Any, files: Any) -> bytes:
    slots = pending_slots(page)
    nonce = slots.nonce if slots else ""
    markdown = page.markdown.replace(nonce, "") if nonce else page.markdown
    digest = hashlib.sha256()
    for part in (markdown.encode("utf-8"), page.file.src_uri.encode(), page.file.dest_uri.encode(),
                 page.url.encode()):
        digest.update(hashlib.sha256(part).digest())
    for shared in _shared(config, files):
        digest.update(shared)
    for token, block in sorted((slots.blocks if slots else {}).items()):
        digest.update(hashlib.sha256(token.replace(nonce, "").encode() + b"\0" + block.encode()).digest())
    return digest.digest()


def _toc_items(items: Any) -> list[Any]:
    return [[item.title, item.id, item.level, _toc_items(item.children)] for item in items]


def _toc(items: list[Any]) -> Any:
    from mkdocs.structure.toc import AnchorLink, TableOfContents

    def link(row: list[Any]) -> AnchorLink:
        made = AnchorLink(str(row[0]), str(row[1]), int(row[2]))
        made.children = [link(child) for child in row[3]]
        return made

    return TableOfContents([link(row) for row in items])


def _restore(page: Any, files: Any, kept: Any) -> bool:
    """The page as its conversion left it, from a kept entry; False when the entry does not fit."""
    try:
        links = None
        if kept["links"] is not None:
            links = {}
            for src_uri, anchors in kept["links"].items():
                target = files.get_file_from_path(src_uri)
                if target is None:
                    return False
                links[target] = {str(k): str(v) for k, v in anchors.items()}
        toc = _toc(kept["toc"])
        content, title, anchors = str(kept["content"]), kept["title"], {str(a) for a in kept["anchors"]}
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    page.content, page.toc, page.present_anchor_ids, page.links_to_anchors = content, toc, anchors, links
    page._title_from_render = None if title is None else str(title)
    return True


def _render(page: Any, original: Any, config: Any, files: Any) -> None:
    """``Page.render``, skipped when the page's conversion is kept."""
    key = _key(page, config, files)
    kept = cache.read_signed(_CONTEXT, key)
    if kept is not None and _restore(page, files, kept):
        pending_slots(page, clear=True)  # the kept HTML has its blocks in place already
        return
    before = _WARNINGS.count
    original(config, files)
    setattr(page, _PENDING, (key, before))


def take_over(page: Any) -> None:
    """Route this page's conversion through the cache (the macros' page hook; the page's own object only)."""
    if page is None or not enabled() or not callable(getattr(page, "render", None)):
        return
    original = page.render
    page.render = lambda config, files: _render(page, original, config, files)


def _keep(html: str, /, *, page: Any, **_: Any) -> str:
    """The ``page_content`` handler, right after ``slots`` put the blocks back: the conversion kept."""
    pending = getattr(page, _PENDING, None)
    if pending is None:
        return html
    delattr(page, _PENDING)
    key, before = pending
    if _WARNINGS.count != before:  # it warned: convert it again next time, and warn again
        return html
    links = page.links_to_anchors
    cache.write_signed(_CONTEXT, key, {
        "content": html,
        "toc": _toc_items(page.toc),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
    })
    return html


_keep.mkdocs_priority = 999  # type: ignore[attr-defined]  # after slots (1000), before every plugin


def register(config: Any) -> None:
    """Add the handler to this build's plugins, and count warnings from now on."""
    mkdocs_log = logging.getLogger("mkdocs")
    if _WARNINGS not in mkdocs_log.handlers:
        mkdocs_log.addHandler(_WARNINGS)
    if enabled():
        add_once(config, "page_content", _keep)
