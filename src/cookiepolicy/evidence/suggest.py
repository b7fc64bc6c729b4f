"""Ready-to-paste YAML for an item the audit found undeclared, from the Open Cookie Database when it
knows the name, and a lifetime in the unit a person would write it in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cookiepolicy.evidence.readers import Seen
from cookiepolicy.loading.opencookiedb import (
    CATEGORY_KINDS,
    FIRST_PARTY_CONTROLLERS,
    SOURCE,
    Row,
    parse_retention,
    read_database,
    slug,
)
from cookiepolicy.model.inventory import FIRST_PARTY, MATCH_WILDCARD, Duration, Inventory
from cookiepolicy.safeio.yamlsafe import dump_yaml
from cookiepolicy.text.durations import read_duration
from cookiepolicy.text.localize import Catalog, running_duration


def observed_duration(seconds: float) -> Duration:
    """A lifetime in the unit a person would write it in: days from a day on, then hours, minutes."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size * 0.95:
            return Duration("fixed", max(1, round(seconds / size)), unit)
    return Duration("fixed", max(1, round(seconds)), "second")


class Suggestions:
    """Ready-to-paste YAML for an undeclared item: from the Open Cookie Database when it knows the name.
    Its comment and placeholders are in the report's language ``lang``; the database's English description
    stays under every language, so that `policy validate` warns until each one is written."""

    def __init__(self, inventory: Inventory, languages: tuple[str, ...], database: Path | None, lang: str = "en"):
        self.inventory = inventory
        self.languages = languages
        self.c = Catalog.get(lang)
        self.rows = read_database(database) if database else []

    def _row(self, name: str) -> Row | None:
        exact = next((r for r in self.rows if not r.wildcard and r.name == name), None)
        if exact:
            return exact
        prefixed = [r for r in self.rows if r.wildcard and r.name and name.startswith(r.name.rstrip("*"))]
        return max(prefixed, key=lambda r: len(r.name), default=None)

    def _category(self, kind: str | None) -> str:
        fits = [c.id for c in self.inventory.categories if kind and c.kind == kind]
        return fits[0] if len(fits) == 1 else "todo"

    def _provider(self, controller: str) -> str:
        if controller.casefold() in FIRST_PARTY_CONTROLLERS:
            return FIRST_PARTY
        for service in self.inventory.services:
            if service.name.casefold() == controller.casefold() or service.id == slug(controller):
                return service.id
        return slug(controller)

    def entry(self, seen: Seen) -> tuple[str, str | None]:
        """The YAML of one list entry under ``items:``, and the database platform it came from."""
        row = self._row(seen.name) if seen.storage == "cookie" else None
        data: dict[str, Any] = {"name": seen.name, "storage": seen.storage}
        if row:
            retention = parse_retention(row.retention)
            data["name"] = row.item_name
            if row.wildcard:
                data = {"name": row.item_name, "match": MATCH_WILDCARD, **data}
            data["category"] = self._category(CATEGORY_KINDS.get(row.category))
            provider = self._provider(row.controller)
            if provider != FIRST_PARTY:
                data["provider"] = provider
            data["purpose"] = {lang: row.description or self.c.t("audit.entry.todo") for lang in self.languages}
            data["duration"] = retention.duration.to_data() if retention.duration is not None else self._duration(seen)
            used = running_duration(read_duration(self._duration(seen)), self.c.lang)
            comment = self.c.t("audit.entry.known", source=SOURCE, platform=row.platform, category=row.category,
                               duration=used)
        else:
            data["category"] = "todo"
            data["purpose"] = {lang: self.c.t("audit.entry.todo") for lang in self.languages}
            data["duration"] = self._duration(seen)
            comment = self.c.t("audit.entry.unknown")
        if seen.storage == "cookie" and seen.http_only:
            data["attributes"] = ["HttpOnly"]
        return f"# {comment}\n" + dump_yaml([data]), row.platform if row else None

    @staticmethod
    def _duration(seen: Seen) -> str:
        if seen.storage == "localStorage":
            return "persistent"
        if seen.lifetime is None:
            return "session"
        return str(observed_duration(seen.lifetime).to_data())
