"""Who the pages name: each third party and the controller, per language, read from the pages the
way the build shows them (``coverage``'s one reading of the macro calls, plus the pages' own headings).

A third party is named by ``services_list()``/``services_table()`` (when listed), ``service_name()``,
a table's provider column or a group heading of ``cookie_table(group_by="provider")``, the provider
sentence ``category_sections()`` writes under a category it provides ("These cookies are used by
Stripe."), or a heading of the page's own text. The controller is named by ``company()``,
``controller()`` or ``contact()``, or as the provider of its own items in a provider column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cookiepolicy.checks.coverage import Call, calls_in, pages_by_language, shown
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model.inventory import FIRST_PARTY, Policy

CONTROLLER = ""  # the key of the controller among the names shown (a service id is never empty)
_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1", re.MULTILINE | re.DOTALL)


def headings(text: str) -> list[str]:
    """The Markdown headings of a page's own text (fenced code left out)."""
    return _HEADING.findall(_FENCE.sub("", text))


def _named_in(words: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", words.casefold()) is not None


def names_shown(files: SiteFiles, policy: Policy) -> dict[str, set[str]]:
    """Per language, the ids of the third parties the pages name, and ``CONTROLLER`` when they name it."""
    out: dict[str, set[str]] = {}
    for lang, pages in pages_by_language(files, policy.site.languages, policy.site.default_language).items():
        calls: list[Call] = []
        titles: list[str] = []
        for path in pages.values():
            text = path.read_text(encoding="utf-8")
            calls += calls_in(text, files.name(path))
            titles += headings(text)
        out[lang] = _names(policy, calls, titles)
    return out


def _names(policy: Policy, calls: Iterable[Call], titles: Iterable[str]) -> set[str]:
    calls, inv = list(calls), policy.draft
    called = {call.name for call in calls}
    listed = shown(policy, calls)
    names: set[str] = set()
    if called & {"company", "controller", "contact"}:
        names.add(CONTROLLER)
    for item in inv.items:
        if "provider" in listed.get(item.key, set()):
            names.add(CONTROLLER if item.provider == FIRST_PARTY else item.provider)
    for call in calls:
        if call.name == "service_name" and (not call.literal or call.args or call.kwargs.get("sid")):
            names.update([str(call.args[0] if call.args else call.kwargs.get("sid"))] if call.literal
                         else [s.id for s in inv.services])
    if called & {"services_list", "services_table"}:
        names.update(s.id for s in inv.services if s.listed)
    if "category_sections" in called:  # the provider sentence under each category shown
        for category in inv.categories:
            if category.provider and (not category.listed or any(i.category == category.id for i in inv.items)):
                names.add(CONTROLLER if category.provider == FIRST_PARTY else category.provider)
    words = " ".join(titles)
    names.update(s.id for s in inv.services if s.name and _named_in(words, s.name))
    return names
