"""Messages of the ``policy`` command in the site's language: one lookup every message goes through.

A message is made once, while the data is read, and may be printed later in another language (the
Turkish review of a branch, the preview's error box, a Turkish-first site's terminal). So a message
is a ``Said``: its English text, for the code and the tests that read it, plus the catalog key and
values to word it again in any language with interface strings.
"""

from __future__ import annotations

import contextvars
from typing import Any

from cookiepolicy.model import problems
from cookiepolicy.model.said import Count, Said

_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("policy_message_language", default="en")


def say(key: str, **values: Any) -> Said:
    """The message ``cli.<key>``: its English text now, and its words in any language later."""
    from cookiepolicy.text.localize import Catalog

    return Said(key, Catalog.get("en").t(f"cli.{key}", **values), values)


class Refusal(ValueError):
    """A macro argument the page author must correct: a ValueError whose message is worded again in
    the site's language where it is printed (the build, ``policy validate``, ``policy export``)."""

    def __init__(self, key: str, **values: Any) -> None:
        self.said = say(f"macro_error.{key}", **values)
        super().__init__(str(self.said))


def reason(exc: BaseException) -> str:
    """Why a macro call failed, in one line: the refusal's message (still a ``Said``) or the exception's first line."""
    said = getattr(exc, "said", None)
    if isinstance(said, Said):
        return said
    text = str(exc)  # Python's or a library's own words: English, quoted as such in another language
    return say("page_guard.python", detail=text.splitlines()[0] if text else type(exc).__name__)


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
    return template.format(**{k: _value(v, lang) for k, v in text.values})


def _value(value: Any, lang: str) -> Any:
    """A message's value in ``lang``: a nested message worded, a count grouped as the language writes it."""
    if isinstance(value, Said):
        return in_language(value, lang)
    if isinstance(value, Count):
        from babel.numbers import format_decimal

        return format_decimal(int(value), locale=lang)
    return value


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


def _severity_word(severity: str, lang: str) -> str:
    from cookiepolicy.text.localize import Catalog

    return Catalog.get(lang).t(f"cli.severity.{severity}") if Catalog.has(lang) else severity


def _in_language(text: str, lang: str) -> str:
    return in_language(text, lang) or ""


# the model's problems are worded through this module from now on
problems.WORDS.language = language  # type: ignore[method-assign]
problems.WORDS.in_language = _in_language  # type: ignore[method-assign]
problems.WORDS.severity = _severity_word  # type: ignore[method-assign]
