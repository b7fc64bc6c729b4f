"""Localized words: interface strings from catalog files, dates and durations from CLDR via Babel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_date
from babel.lists import format_list as _babel_list
from babel.units import format_unit

from cookiepolicy.model.inventory import Duration


class Catalog:
    """Interface strings of one language, read from ``catalog/<lang>.yml`` in this package."""

    def __init__(self, lang: str, strings: Mapping[str, str]):
        self.lang = lang
        self.strings = strings

    @staticmethod
    def available() -> list[str]:
        folder = resources.files(__package__) / "catalog"
        return sorted(p.name.removesuffix(".yml") for p in folder.iterdir() if p.name.endswith(".yml"))

    @staticmethod
    def has(lang: str) -> bool:
        return lang in Catalog.available()

    @staticmethod
    def missing(lang: str, root: Path) -> str:
        """What to do for a language without interface strings: where its catalog goes, from what
        (the folder shown relative to the site ``root`` when the engine is inside it)."""
        folder = Path(str(resources.files(__package__) / "catalog"))
        try:
            shown = folder.relative_to(root.resolve()).as_posix()
        except ValueError:
            shown = folder.as_posix()
        return (f"each language needs its interface strings in {shown}/ (there: "
                + ", ".join(f"{code}.yml" for code in Catalog.available())
                + f"); copy en.yml to {lang}.yml in that folder and translate every string, "
                f"or remove `{lang}` from languages")

    @staticmethod
    @cache
    def get(lang: str) -> Catalog:
        text = (resources.files(__package__) / "catalog" / f"{lang}.yml").read_text(encoding="utf-8")
        # the package's own file, read on every command: libyaml's safe loader when present (10x faster)
        return Catalog(lang, _flatten(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))))

    def t(self, key: str, **values: Any) -> str:
        """The string for ``key`` with ``{name}`` placeholders filled; a missing key is a bug, not data."""
        template = self.strings[key]
        return template.format(**values) if values else template

    def maybe(self, key: str) -> str | None:
        return self.strings.get(key)


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


def text(localized: Mapping[str, str], lang: str) -> str:
    """The text in ``lang``; validation guarantees it, previews of broken data fall back visibly."""
    return localized.get(lang) or next(iter(localized.values()), "")


@lru_cache(maxsize=4096)
def format_date(date: dt.date, lang: str) -> str:
    """Memoized: Babel takes ~0.1 ms a call, and a changelog of 20 releases asks for the same few dates."""
    return _babel_date(date, format="long", locale=lang)


@cache
def _unit_length(unit: str, lang: str) -> Literal["long", "short"]:
    # CLDR leaves some "long" unit patterns to inherit from "short" (Turkish days, months and
    # years); Babel does not follow that alias and would print "30 duration-day".
    patterns = Locale.parse(lang)._data["unit_patterns"].get(f"duration-{unit}", {})
    usable: list[Literal["long", "short"]] = [length for length in ("long", "short")
                                                if "other" in patterns.get(length, {})]
    return usable[0] if usable else "long"


def format_duration(duration: Duration, lang: str, catalog: Catalog | None = None) -> str:
    """``catalog``: the words to use (an archived page's frozen ones); by default today's."""
    return _duration(duration, lang, first=True, catalog=catalog)


def running_duration(duration: Duration, lang: str) -> str:
    """A duration inside a sentence: the catalog's words start in lower case ("for the session",
    "until November 9, 2030"); text from data and CLDR units are left as they are."""
    return _duration(duration, lang, first=False)


def _duration(duration: Duration, lang: str, first: bool, catalog: Catalog | None = None) -> str:
    """``first``: the words start the text; otherwise a catalog word's capital is lowered ("; session")."""
    catalog = catalog or Catalog.get(lang)
    if duration.kind == "fixed" and duration.value is not None and duration.unit:
        return _fixed(duration.value, duration.unit, lang)
    if duration.kind == "text":
        return text(duration.text, lang)
    if duration.kind == "regions":
        parts: list[str] = []
        template = catalog.t("duration.region")
        for regional in duration.regions:
            inner = first and not parts and template.startswith("{duration}")
            parts.append(template.format(duration=_duration(regional.duration, lang, inner, catalog),
                                         where=text(regional.where, lang)))
        if duration.elsewhere is not None:
            parts.append(catalog.t("duration.elsewhere", duration=_duration(duration.elsewhere, lang, False, catalog)))
        return catalog.t("duration.region_separator").join(parts)
    if duration.kind == "conditional" and duration.then is not None:
        template = catalog.t("duration.conditional")
        words = template.format(duration=_duration(duration.then, lang, first and template.startswith("{duration}")),
                                condition=text(duration.condition, lang))
        if duration.elsewhere is not None:
            words = catalog.t("duration.otherwise", conditional=words,
                              otherwise=_duration(duration.elsewhere, lang, False))
        return words
    if duration.kind == "event":
        words = catalog.t("duration.until", event=text(duration.until, lang))
    elif duration.kind == "date" and duration.date is not None:
        words = catalog.t("duration.until_date", date=format_date(duration.date, lang))
    else:
        words = catalog.t(f"duration.{duration.kind}")
    return words if first else lower_first(words, lang)


@cache
def _casing(lang: str, which: str) -> dict[str, str]:
    """Letters whose case in ``lang`` differs from Unicode's default (Turkish I → ı), from the catalog."""
    pairs = Catalog.get(lang).maybe(f"casing.{which}") or ""
    return {pair[0]: pair[1:] for pair in pairs.split()}


def lower_first(words: str, lang: str) -> str:
    """A value inside a running sentence starts in lower case, the way ``lang`` does it."""
    if not words:
        return words
    first = words[0]
    return _casing(lang, "lower").get(first, first.lower()) + words[1:]


def upper_first(words: str, lang: str) -> str:
    """A sentence starts with a capital, the way ``lang`` does it (Turkish: i → İ)."""
    if not words:
        return words
    first = words[0]
    return _casing(lang, "upper").get(first, first.upper()) + words[1:]


@lru_cache(maxsize=4096)
def _fixed(value: int, unit: str, lang: str) -> str:
    """Memoized: Babel's format_unit takes ~0.1 ms, and a table of 2,000 items has a few dozen distinct durations."""
    return format_unit(value, f"duration-{unit}", length=_unit_length(unit, lang), locale=lang)


ListStyle = Literal["standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"]


def format_list(items: Iterable[str], lang: str, style: ListStyle = "standard") -> str:
    items = list(items)
    return _babel_list(items, style=style, locale=lang) if items else ""


@cache
def language_name(code_: str, lang: str) -> str:
    """``tr`` as a reader of ``lang`` calls it: "Turkish", "Türkçe"; an unknown code stays visible."""
    try:
        return Locale.parse(lang).languages.get(code_) or code_
    except (ValueError, TypeError, UnknownLocaleError):
        return code_


@cache
def country_name(code_: str, lang: str) -> str:
    """A country's name as a reader of ``lang`` says it (CLDR): "US" is "Amerika Birleşik Devletleri"."""
    return str(Locale.parse(lang).territories.get(code_, code_))
