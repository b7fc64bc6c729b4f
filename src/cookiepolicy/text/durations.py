"""Durations as people write them, in English or Turkish, read into one structured ``Duration``.

``Session``, ``90 Days``, ``One year``, ``bir yıl``, ``13 ay``, ``oturum``; a fixed day
(``{until: 2030-11-09}``); an event (``{until: {en: you sign out, tr: oturumu kapatmanıza}}``);
a value per region; a duration that holds only under a condition (``{if: {en: ..., tr: ...},
duration: 30 days, otherwise: session|not-set}``); ``not-stated`` where the source gives none;
and, as a last resort, the source's own words (``{text: {en: ..., tr: ...}}``).
What cannot be read is a ``DurationError`` with a "did you mean" hint only where the guess is the
same unit misspelt: a hint that changes the unit (months to years) would publish a wrong period.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from cookiepolicy.model.inventory import DURATION_UNITS, Duration, Regional
from cookiepolicy.text.turkish import TR_ONES, TR_TENS
from cookiepolicy.text.words import say

_EN_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_MULTIPLIERS = {"hundred": 100, "yüz": 100, "thousand": 1000, "bin": 1000}


def fold(text: str) -> str:
    """Case- and dot-insensitive: "YIL", "Yıl" and "yil" compare equal (I/ı/İ/i are one letter)."""
    return text.replace("İ", "i").replace("I", "i").lower().replace("ı", "i").replace("i̇", "i")


NUMBER_WORDS: dict[str, int] = {
    **{fold(w): i + 1 for i, w in enumerate(_EN_ONES)},
    **{fold(w): (i + 2) * 10 for i, w in enumerate(_EN_TENS)},
    **{fold(w): n for n, w in TR_ONES.items()},
    **{fold(w): n for n, w in TR_TENS.items()},
}
_TR_UNITS = [("saniye", "second"), ("dakika", "minute"), ("saat", "hour"), ("gün", "day"), ("hafta", "week"),
             ("ay", "month"), ("yıl", "year"), ("sene", "year")]
# Turkish abbreviations and plurals authors write ("15 dk", "12 aylar"): read as the unit they mean.
_TR_SHORT = [("sn", "second"), ("dk", "minute"), ("sa", "hour"), ("saniyeler", "second"), ("dakikalar", "minute"),
             ("saatler", "hour"), ("günler", "day"), ("haftalar", "week"), ("aylar", "month"), ("yıllar", "year"),
             ("seneler", "year")]
UNIT_WORDS: dict[str, str] = {
    **{u: u for u in DURATION_UNITS},
    **{u + "s": u for u in DURATION_UNITS},
    **{fold(w): u for w, u in _TR_UNITS + _TR_SHORT},
}
_SPELLING = {fold(w): w for w, _ in _TR_UNITS} | {fold(w): w for w in TR_ONES.values()} \
    | {fold(w): w for w in TR_TENS.values()}  # a hint shows "yıl", not its folded "yil"
SESSION_WORDS = {fold(w) for w in ("session", "oturum", "oturum süresince", "for the session",
                                    "until the browser is closed", "tarayıcı kapanana kadar",
                                    "tarayıcı kapatılana kadar")}
PERSISTENT_WORDS = {fold(w) for w in ("persistent", "kalıcı")}
NOT_STATED_WORDS = {fold(w) for w in ("not-stated", "not stated", "belirtilmemiş")}
NOT_SET_WORDS = {fold(w) for w in ("not-set", "not set")}  # only as a condition's ``otherwise``
_UNTIL_DATE = re.compile(r"^until (\d{4}-\d{2}-\d{2})$")
FORMS = ("session, persistent, not-stated, '<n> <unit>' ('30 days', 'One year', '1 yıl'), {until: YYYY-MM-DD}, "
         "{until: {en: ..., tr: ...}}, {if: {en: ..., tr: ...}, duration: ..., otherwise: ...}, "
         "{by_region: [...]} or {text: {en: ..., tr: ...}}")


def other_forms() -> str:
    """What else a duration may be, for a hint about an unreadable unit (the README promises it)."""
    return say("read.other_forms", until="{until: YYYY-MM-DD}", event="{until: {en: ..., tr: ...}}",
               text="{text: {en: ..., tr: ...}}")


class DurationError(ValueError):
    """A duration that cannot be read; ``at`` is the path below ``duration`` where it sits."""

    def __init__(self, message: str, hint: str | None = None, at: tuple[str | int, ...] = ()):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.at = at


def _number(words: list[str]) -> int | None:
    """ "12", "twelve", "twenty-four", "on iki", "a" → the number; None when a word is not one."""
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    if words in (["a"], ["an"]):
        return 1
    total, current = 0, 0
    for word in words:
        if word == "and":
            continue
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word in _MULTIPLIERS:
            factor = _MULTIPLIERS[word]
            if factor == 1000:
                total += (current or 1) * 1000
                current = 0
            else:
                current = (current or 1) * 100
        else:
            return None
    return total + current if words else None


def _close(word: str, choices: list[str], cutoff: float = 0.6) -> str | None:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return match[0] if match else None


def _unit_guess(word: str) -> str | None:
    """A unit spelling ``word`` is a typo of; None unless close (``aylar`` is not ``years``, ``sn`` not ``sene``)."""
    return _close(word, list(UNIT_WORDS), cutoff=0.75)


def read_text(value: str) -> Duration:
    """A duration written as text: "Session", "90 Days", "One year", "bir yıl", "until 2030-11-09"."""
    raw = " ".join(value.split())
    folded = fold(raw)
    shown = raw if len(raw) <= 60 else raw[:57] + "..."
    if folded in SESSION_WORDS:
        return Duration("session")
    if folded in PERSISTENT_WORDS:
        return Duration("persistent")
    if folded in NOT_STATED_WORDS:
        return Duration("not-stated")
    until = _UNTIL_DATE.match(folded)
    if until:
        return read_date(until.group(1))
    if re.match(r"[-\u2212\u2013]\s*\d", folded):  # `-1 days` is not `1 day` with a hyphen
        raise DurationError(say("read.negative", value=shown), say("read.negative_hint"))
    words = folded.replace("-", " ").split()
    if len(words) >= 2:
        number, unit = _number(words[:-1]), UNIT_WORDS.get(words[-1])
        if number is not None and unit is not None:
            if number == 0:
                raise DurationError(say("read.zero", value=shown), say("read.zero_hint"))
            if number > 9999:  # no cookie lives that long, and larger numbers only overflow dates
                raise DurationError(say("read.too_long", value=shown), say("read.too_long_hint"))
            return Duration("fixed", value=number, unit=unit)
        raise DurationError(say("duration.unreadable", value=shown), _hint(words, number, unit))
    guess = _close(folded, sorted(SESSION_WORDS | PERSISTENT_WORDS | NOT_STATED_WORDS))
    raise DurationError(say("duration.unreadable", value=shown),
                        say("schema.did_you_mean", value=guess) if guess else say("read.forms", forms=FORMS))


def _hint(words: list[str], number: int | None, unit: str | None) -> str:
    number_text = " ".join(words[:-1])
    if unit is None:
        guess = _unit_guess(words[-1])
        if guess and number is not None:
            english = guess.removesuffix("s") in DURATION_UNITS
            meant = Duration("fixed", value=number, unit=UNIT_WORDS[guess]).to_data() if english \
                else f"{number_text} {_SPELLING.get(guess, guess)}"
            return say("schema.did_you_mean", value=meant)
        if guess is None:
            return say("read.units", units=", ".join(DURATION_UNITS), other=other_forms())
    fixed = [(_close(w, list(NUMBER_WORDS)) or w) if not w.isdigit() else w for w in words[:-1]]
    unit_word = words[-1] if unit is not None else (_unit_guess(words[-1]) or words[-1])
    if fixed != words[:-1] and _number(fixed) is not None:
        spelled = " ".join(_SPELLING.get(w, w) for w in [*fixed, unit_word])
        return say("schema.did_you_mean", value=spelled)
    if any("," in w or "." in w for w in words[:-1]):
        return say("read.fraction_hint")
    return say("read.digits_hint", other=other_forms())


def read_date(value: str) -> Duration:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise DurationError(say("read.day_not_date", value=value), say("read.day_not_date_hint"), ("until",)) from None
    if not 1990 <= day.year <= 2200:  # year 1 or 9999 is a typing slip, not an expiry
        raise DurationError(say("read.implausible_day", value=value), say("read.implausible_day_hint"), ("until",))
    return Duration("date", date=day)


def read_duration(value: Any, regional: bool = True) -> Duration:
    """Any duration form of the data; raises ``DurationError`` (a ``ValueError``) when unreadable."""
    if isinstance(value, str):
        return read_text(value)
    if not isinstance(value, dict):
        raise ValueError("not a duration")
    if isinstance(value.get("until"), dict):
        return Duration("event", until=dict(value["until"]))
    if isinstance(value.get("until"), str):
        return read_date(value["until"])
    if isinstance(value.get("text"), dict):
        return Duration("text", text=dict(value["text"]))
    if regional and isinstance(value.get("if"), dict) and "duration" in value:
        return _conditional(value)
    if regional and isinstance(value.get("by_region"), list):
        return _by_region(value)
    raise ValueError("not a duration")


def _read_at(value: Any, *at: str | int) -> Duration:
    """A duration inside another (no regions in it); an error names where it is below ``duration``."""
    try:
        return read_duration(value, regional=False)
    except DurationError as exc:
        raise DurationError(exc.message, exc.hint, (*at, *exc.at)) from None


def _by_region(value: dict[str, Any]) -> Duration:
    """``{by_region: [{where: ..., duration: ...}], elsewhere: ...}``: a duration per region."""
    regions = tuple(Regional(dict(entry["where"]), _read_at(entry["duration"], "by_region", i, "duration"))
                    for i, entry in enumerate(value["by_region"]))
    elsewhere = _read_at(value["elsewhere"], "elsewhere") if "elsewhere" in value else None
    return Duration("regions", regions=regions, elsewhere=elsewhere)


def _conditional(value: dict[str, Any]) -> Duration:
    """``{if: ..., duration: ..., otherwise: ...}``: ``otherwise`` may be ``not-set``, or left out (not stated)."""
    if isinstance(value["duration"], str) and fold(" ".join(value["duration"].split())) in NOT_SET_WORDS:
        raise DurationError(say("read.not_set"), say("read.not_set_hint"), ("duration",))
    then = _read_at(value["duration"], "duration")
    otherwise = None
    if "otherwise" in value:
        raw = value["otherwise"]
        if isinstance(raw, str) and fold(" ".join(raw.split())) in NOT_SET_WORDS:
            otherwise = Duration("not-set")
        else:
            otherwise = _read_at(raw, "otherwise")
    return Duration("conditional", condition=dict(value["if"]), then=then, elsewhere=otherwise)


def localized_parts(value: Any) -> list[tuple[tuple[Any, ...], Any]]:
    """Every localized text inside a duration, with its path below ``duration`` (for translation checks)."""
    if not isinstance(value, dict):
        return []
    parts: list[tuple[tuple[Any, ...], Any]] = []
    for key in ("until", "text", "if"):
        if isinstance(value.get(key), dict):
            parts.append(((key,), value[key]))
    for i, entry in enumerate(value.get("by_region") or []):
        if isinstance(entry, dict):
            parts.append((("by_region", i, "where"), entry.get("where")))
            parts += [(("by_region", i, "duration", *at), text) for at, text in localized_parts(entry.get("duration"))]
    for key in ("elsewhere", "duration", "otherwise"):
        parts += [((key, *at), text) for at, text in localized_parts(value.get(key))]
    return parts
