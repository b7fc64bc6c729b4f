"""The environment variables the engine reads, parsed strictly.

A loosely read switch is a silent wrong answer (``POLICY_PRODUCTION=ture`` publishing the draft),
so every value outside the allowed set is refused with the allowed ones named. An empty value
is the same as an unset one (``FOO= cmd`` is how a shell unsets a variable for one command).
"""

from __future__ import annotations

import datetime as dt
import os
import re

from cookiepolicy.model.problems import PolicyError, visible

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


def flag_value(name: str, raw: str) -> bool:
    """``raw`` read as a yes/no switch named ``name``; anything else is a PolicyError."""
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise PolicyError(f"{name}={visible(raw)!s} is not an allowed value: write one of "
                      + ", ".join(TRUE + FALSE) + f" (or leave {name} unset)")


def flag(name: str, default: bool) -> bool:
    """The switch ``name`` from the environment; ``default`` when unset or empty."""
    raw = os.environ.get(name, "")
    return default if not raw.strip() else flag_value(name, raw)


def switched_off(name: str) -> bool:
    """A switch for a build shortcut whose output is the same either way (the tests build both
    ways and compare): on unless it says off (0, false, no, off)."""
    return os.environ.get(name, "on").lower() in FALSE


def date(name: str) -> dt.date | None:
    """A calendar date ``YYYY-MM-DD`` from the environment, None when unset or empty."""
    raw = os.environ.get(name, "")
    if not raw.strip():
        return None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw, flags=re.ASCII):
        raise PolicyError(f"{name}={visible(raw)} is not a date: write YYYY-MM-DD, e.g. 2026-12-31 "
                          f"(or leave {name} unset for today)")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise PolicyError(f"{name}={raw} is not a possible date: that day does not exist in the calendar "
                          "(write YYYY-MM-DD)") from None
