"""Messages of the ``policy`` command in the site's language: one lookup every message goes through.

A message is made once, while the data is read, and may be printed later in another language (the
Turkish review of a branch, the preview's error box, a Turkish-first site's terminal). So a message
is a ``Said``: its English text, for the code and the tests that read it, plus the catalog key and
values to word it again in any language with interface strings.
"""

from __future__ import annotations

import contextvars
from collections.abc import Mapping
from typing import Any

_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("policy_message_language", default="en")


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
                "values": {k: v.plain() if isinstance(v, Said) else str(v) for k, v in self.values}}


def say(key: str, **values: Any) -> Said:
    """The message ``cli.<key>``: its English text now, and its words in any language later."""
    from cookiepolicy.text.localize import Catalog

    return Said(key, Catalog.get("en").t(f"cli.{key}", **values), values)


def from_plain(value: Any) -> str:
    """``Said.plain``'s data back; anything of another shape is a ValueError (the cache ignores the entry)."""
    if isinstance(value, str):
        return value
    if not (isinstance(value, dict) and isinstance(value.get("say"), str) and isinstance(value.get("text"), str)
            and isinstance(value.get("values"), dict)):
        raise ValueError("not a message")
    return Said(value["say"], value["text"], {str(k): from_plain(v) for k, v in value["values"].items()})


def in_language(text: str | None, lang: str | None = None) -> str | None:
    """``text`` worded in ``lang`` (default: the command's language); plain text stays as it is."""
    if text is None or not isinstance(text, Said):
        return text
    lang = lang or language()
    if lang == "en":
        return str(text)
    from cookiepolicy.text.localize import Catalog

    if not Catalog.has(lang):
        return str(text)
    catalog = Catalog.get(lang)
    template = catalog.maybe(f"cli.{text.key}")
    if template is None:
        return str(text)
    return template.format(**{k: in_language(v, lang) if isinstance(v, Said) else v for k, v in text.values})


def tell(key: str, **values: Any) -> str:
    """A line the command prints now, in its language."""
    return in_language(say(key, **values)) or ""


def language() -> str:
    """The language the command speaks: ``--lang``, else the site's default language, else English."""
    return _LANG.get()


def use(lang: str) -> None:
    _LANG.set(lang)


def site_language(site_yml: Any) -> str | None:
    """The ``default_language`` a site.yml names, when there are interface strings for it."""
    from cookiepolicy.text.localize import Catalog

    if isinstance(site_yml, dict):
        named = site_yml.get("default_language")
        if isinstance(named, str) and Catalog.has(named):
            return named
    return None

