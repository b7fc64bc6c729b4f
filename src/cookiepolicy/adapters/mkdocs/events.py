"""Handlers of the engine's own added to a build's plugin collection, through one door.

MkDocs has no public way to add an event handler that is not a plugin; ``_register_event`` on
the build's plugin collection is the one used, here only. A config is set up again for each
language of the build, so a handler is added once per collection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def registered(config: Any, event: str, handler: Callable[..., Any]) -> bool:
    """Whether ``handler`` is among this build's ``event`` handlers."""
    events = getattr(config.get("plugins"), "events", None)
    return isinstance(events, dict) and handler in events.get(event, ())


def add_once(config: Any, event: str, handler: Callable[..., Any]) -> None:
    """Add ``handler`` to this build's ``event`` handlers, unless it is there or the build has none."""
    plugins = config.get("plugins")
    if isinstance(getattr(plugins, "events", None), dict) and not registered(config, event, handler):
        plugins._register_event(event, handler)
