"""MkDocs' side of ``htmlslots``: generated HTML goes around Python-Markdown, not through it.

After the macros have run (``on_post_page_macros``), the page's pass-through HTML blocks are
replaced by placeholders (``stash``); MkDocs converts the rest; a ``page_content`` handler,
registered on the build's plugin collection ahead of every other, puts the blocks back
before any plugin (search, i18n) reads the page. The ids inside the blocks are added to the
page's anchors, as MkDocs' own raw-HTML scan would have, so links to an item's row still
validate. ``POLICY_HTML_SLOTS=off`` sends everything through Markdown, as before (the tests
build both ways and compare the output trees).
"""

from __future__ import annotations

from typing import Any

from cookiepolicy.adapters.mkdocs.events import add_once, registered
from cookiepolicy.render.htmlslots import Slots, fill, stash
from cookiepolicy.safeio.envvars import switched_off

_ATTRIBUTE = "_cookiepolicy_slots"


def enabled() -> bool:
    return not switched_off("POLICY_HTML_SLOTS")


def pending_slots(page: Any, clear: bool = False) -> Slots | None:
    """The blocks taken out of ``page`` and not yet put back (``clear``: forget them, the page's HTML has them)."""
    slots: Slots | None = getattr(page, _ATTRIBUTE, None)
    if clear and slots is not None:
        delattr(page, _ATTRIBUTE)
    return slots


def _fill(html: str, /, *, page: Any, **_: Any) -> str:
    """The ``page_content`` handler: the page's HTML blocks back in place of their placeholders."""
    slots: Slots | None = getattr(page, _ATTRIBUTE, None)
    if not slots:
        return html
    delattr(page, _ATTRIBUTE)  # a page object lives as long as the build: keep no copy of its HTML
    anchors = getattr(page, "present_anchor_ids", None)
    if isinstance(anchors, set):
        anchors |= slots.anchors()
    return fill(html, slots)


_fill.mkdocs_priority = 1000  # type: ignore[attr-defined]  # before any plugin reads page.content


def register(config: Any) -> None:
    """Add the handler to this build's plugins."""
    if enabled():
        add_once(config, "page_content", _fill)


def take_out(env: Any) -> None:
    """Replace the rendered page's pass-through HTML blocks by placeholders (macros' page hook)."""
    page = getattr(env, "page", None)
    if page is None or not enabled() or not registered(env.conf, "page_content", _fill):
        return
    env.markdown, slots = stash(env.markdown)
    if slots:
        setattr(page, _ATTRIBUTE, slots)
