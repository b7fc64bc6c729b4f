"""The Open Cookie Database's format: its columns, its categories, its free-text retention periods, its rows.

Read by the import (``policy import``), by the cross-check of statements against what cookies are
(``cookiedb``) and by the audit; one reader, so the three agree on every row.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cookiepolicy.model.inventory import Duration
from cookiepolicy.model.problems import PolicyError

SOURCE = "Open Cookie Database"
SOURCE_URL = "https://github.com/jkwakman/Open-Cookie-Database"
COLUMNS = ("ID", "Platform", "Category", "Cookie / Data Key name", "Domain", "Description", "Retention period",
           "Data Controller", "User Privacy & GDPR Rights Portals", "Wildcard match")

# Database categories that have one obvious kind of category; "Functional" has none: it covers
# strictly necessary cookies and preferences alike, so its consent basis is a person's decision.
CATEGORY_KINDS = {"Necessary": "necessary", "Analytics": "analytics", "Marketing": "advertising",
                  "Security": "security", "Personalization": "preferences"}
# Data controllers that mean "the site itself".
FIRST_PARTY_CONTROLLERS = {"", "advertiser's website", "website operator", "website owner"}

# ---------------------------------------------------------------- retention periods

_UNITS = {
    "second": ("s", "sec", "secs", "second", "seconds"),
    "minute": ("min", "mins", "minute", "minutes"),
    "hour": ("h", "hr", "hrs", "hour", "hours"),
    "day": ("d", "day", "days"),
    "week": ("w", "wk", "wks", "week", "weeks"),
    "month": ("mo", "month", "months"),
    "year": ("y", "yr", "yrs", "year", "years"),
}
_UNIT_OF = {spelling: unit for unit, spellings in _UNITS.items() for spelling in spellings}
_FIXED = re.compile(r"^([0-9]+)\s*([a-z]+)\.?$")
# "session", "Sessions", "Seesion", "session cookie", "End of session (browser)"
_SESSION = re.compile(r"^(?:end of (?:the )?)?s+e+s+i+o+n+s?(?: cookies?)?(?: \((?:browser|browser session)\))?$")
_PERSISTENT = {"persistent", "permanent", "forever", "unlimited", "no expiration", "no expiry", "never expires",
               "does not expire"}
_LOCAL_STORAGE = {"local storage", "localstorage"}


@dataclass(frozen=True)
class Retention:
    """A retention period read from text: a duration, or why it could not be read."""

    duration: Duration | None = None
    storage: str | None = None  # set when the text names a storage type instead of a period
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.duration is not None


def parse_retention(text: str) -> Retention:
    """The structured duration of a free-text retention period; never a guess.

    Reads session variants (including typos such as "Seesion"), "persistent" and its synonyms,
    and "<n> <unit>" in any case and common abbreviation ("30 mins", "1 Year", "90 sec").
    Anything else (ranges, conditions, dates, "Unknown", "Varies", zero) is not a duration.
    """
    raw = " ".join(str(text or "").split())
    value = raw.lower()
    if not value:
        return Retention(problem="the database gives no retention period")
    if _SESSION.match(value):
        return Retention(Duration("session"))
    if value in _PERSISTENT:
        return Retention(Duration("persistent"))
    if value in _LOCAL_STORAGE:
        # local storage has no expiry of its own: it stays until the site or the user clears it
        return Retention(Duration("persistent"), storage="localStorage")
    match = _FIXED.match(value)
    if match and match.group(2) in _UNIT_OF:
        amount = int(match.group(1))
        if amount == 0:
            return Retention(problem=f"“{raw}” is not a period anything can be kept for")
        return Retention(Duration("fixed", value=amount, unit=_UNIT_OF[match.group(2)]))
    return Retention(problem=f"“{raw}” does not read as one duration")


# ---------------------------------------------------------------- reading the database


@dataclass(frozen=True)
class Row:
    """One line of the database, with the facts the import needs."""

    line: int
    id: str
    platform: str
    category: str
    name: str
    domain: str
    description: str
    retention: str
    controller: str
    privacy_url: str
    wildcard: bool

    @property
    def item_name(self) -> str:
        name = self.name
        return name if not self.wildcard or "*" in name else name + "*"


def read_database(path: Path) -> list[Row]:
    """Every row of an Open Cookie Database CSV; a file that is not one is a clear error."""
    shown = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise PolicyError(f"{shown}: file is missing") from exc
    except UnicodeDecodeError as exc:
        raise PolicyError(f"{shown}: is not UTF-8 text") from exc
    except OSError as exc:
        raise PolicyError(f"{shown}: cannot be read: {exc.strerror}") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise PolicyError(f"{shown}: not an {SOURCE} CSV: missing column(s) " + ", ".join(missing))
    rows = []
    try:
        for record in reader:
            def get(column: str, record: dict[str, Any] = record) -> str:
                return " ".join(str(record.get(column) or "").split())

            rows.append(Row(line=reader.line_num, id=get("ID"), platform=get("Platform"),
                            category=get("Category"), name=get("Cookie / Data Key name"), domain=get("Domain"),
                            description=get("Description"), retention=get("Retention period"),
                            controller=get("Data Controller"),
                            privacy_url=get("User Privacy & GDPR Rights Portals"),
                            wildcard=get("Wildcard match") == "1"))
    except csv.Error as exc:
        raise PolicyError(f"{shown}:{reader.line_num}: malformed CSV: {exc}") from exc
    return rows


def slug(text: str) -> str:
    """A service id from a platform or company name."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "service"
