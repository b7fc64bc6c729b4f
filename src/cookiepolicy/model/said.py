"""A message as data: its English text, plus the catalog key and values that word it again in any
language (``text.words`` says it; the signed cache keeps it as plain data).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Count(int):
    """A number a message shows, grouped as the reader's language writes it (CLDR): 5,242,880 in English,
    5.242.880 in Turkish. Its English form is the default format; ``text.words`` words it in another."""

    def __format__(self, spec: str) -> str:
        return format(int(self), spec or ",")


class Said(str):
    """A message's English text that remembers how to say itself in another language."""

    key: str
    values: tuple[tuple[str, Any], ...]

    def __new__(cls, key: str, text: str, values: Mapping[str, Any]) -> Said:
        said = super().__new__(cls, text)
        said.key = key
        said.values = tuple(values.items())
        return said

    def __reduce__(self) -> tuple[Any, ...]:  # stays a Said when copied
        return (Said, (self.key, str(self), dict(self.values)))

    def plain(self) -> dict[str, Any]:
        """Plain data for the on-disk cache (see ``cache.encode``)."""
        return {"say": self.key, "text": str(self),
                "values": {k: _plain(v) for k, v in self.values}}


def _plain(value: Any) -> Any:
    if isinstance(value, Said):
        return value.plain()
    return {"count": int(value)} if isinstance(value, Count) else str(value)


def from_plain(value: Any) -> str | Count:
    """``Said.plain``'s data back; anything of another shape is a ValueError (the cache ignores the entry)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and set(value) == {"count"} and type(value["count"]) is int:
        return Count(value["count"])
    if not (isinstance(value, dict) and isinstance(value.get("say"), str) and isinstance(value.get("text"), str)
            and isinstance(value.get("values"), dict)):
        raise ValueError("not a message")
    return Said(value["say"], value["text"], {str(k): from_plain(v) for k, v in value["values"].items()})
