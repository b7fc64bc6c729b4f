"""Turkish case forms of names from data: suffixes that follow the name's sound, not a template.

A suffix glued to a placeholder (``{name}'in``) breaks when the data changes; these forms are
computed from the last vowel and the last sound of the name as it is pronounced:

* vowel harmony: two-way (e/a) for the dative, locative and ablative, four-way (i/ı/u/ü) for the
  genitive and accusative;
* buffer consonants: ``n`` (genitive after a vowel, every case after a possessive ending as in
  "yönetim paneli"), ``y`` (dative and accusative after a vowel), ``s`` (possessive after a vowel);
* assimilation: ``d`` becomes ``t`` after a voiceless consonant (f s t k ç ş h p, and x): "Stripe'ta";
* an apostrophe after proper names, none after common nouns;
* numbers and abbreviations are read aloud: "3" sounds "üç" (3'ün), "AWS" ends in "se" (AWS'nin).

Names pronounced unlike their spelling (Stripe sounds "Straypt") get a spelling of their sound
or whole forms from the site's data (``tr_forms`` in site.yml).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

CASES = ("gen", "dat", "loc", "acc", "abl", "poss")
FRONT = set("eiöü")
BACK = set("aıou")
VOWELS = FRONT | BACK | set("âîû")
VOICELESS = set("fstkçşhpx")  # x sounds "ks"

TR_ONES = {1: "bir", 2: "iki", 3: "üç", 4: "dört", 5: "beş", 6: "altı", 7: "yedi", 8: "sekiz", 9: "dokuz"}
TR_TENS = {10: "on", 20: "yirmi", 30: "otuz", 40: "kırk", 50: "elli", 60: "altmış", 70: "yetmiş", 80: "seksen",
           90: "doksan"}
TR_POWERS = ((10**12, "trilyon"), (10**9, "milyar"), (10**6, "milyon"), (1000, "bin"), (100, "yüz"))

# How letters are read in an abbreviation (TDK): "TDK'ye", "ABD'nin"; Q, W, X as usually read.
LETTER_NAMES = {
    "a": "a", "b": "be", "c": "ce", "ç": "çe", "d": "de", "e": "e", "f": "fe", "g": "ge", "ğ": "yumuşak ge",
    "h": "he", "ı": "ı", "i": "i", "j": "je", "k": "ke", "l": "le", "m": "me", "n": "ne", "o": "o", "ö": "ö",
    "p": "pe", "q": "kü", "r": "re", "s": "se", "ş": "şe", "t": "te", "u": "u", "ü": "ü", "v": "ve", "w": "ve",
    "x": "iks", "y": "ye", "z": "ze",
}


def lower(text: str) -> str:
    """Lower case the Turkish way: I → ı, İ → i."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def number_words(n: int) -> str:
    """A whole number as it is read in Turkish: 2026 → "iki bin yirmi altı"."""
    if n == 0:
        return "sıfır"
    words: list[str] = []
    for power, name in TR_POWERS:
        count, n = divmod(n, power)
        if count:
            # "bin" and "yüz" stand alone for one thousand and one hundred ("bin", not "bir bin")
            if not (count == 1 and power in (100, 1000)):
                words.append(number_words(count))
            words.append(name)
    tens, ones = divmod(n, 10)
    if tens:
        words.append(TR_TENS[tens * 10])
    if ones:
        words.append(TR_ONES[ones])
    return " ".join(words)


def spoken(name: str) -> str:
    """The last word of ``name`` as it sounds: numbers and abbreviations read aloud."""
    words = re.findall(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+", name)
    if not words:
        return ""
    last = words[-1]
    if last[0].isdigit():
        digits = re.split(r"[.,]", last)[-1].lstrip("0")  # "2.0" reads "iki nokta sıfır"
        return number_words(int(digits)) if digits else "sıfır"
    low = lower(last)
    is_abbreviation = (len(last) > 1 and last.isupper()) or not any(ch in VOWELS for ch in low)
    if is_abbreviation:
        return " ".join(LETTER_NAMES.get(ch, ch) for ch in low)
    if len(last) == 1 and last.isupper():  # "Plan B"
        return LETTER_NAMES.get(low, low)
    if len(low) > 1 and low.endswith("y") and low[-2] not in VOWELS:  # "Sony" sounds "Soni"
        return low[:-1] + "i"
    return low


def _high(vowel: str) -> str:
    """The four-way harmony vowel (i ı u ü) after ``vowel``."""
    return {"e": "i", "i": "i", "î": "i", "a": "ı", "ı": "ı", "â": "ı", "o": "u", "u": "u", "û": "u",
            "ö": "ü", "ü": "ü"}[vowel]


def suffix(sound: str, case: str, possessive: bool = False) -> str:
    """The case ending after a word that sounds like ``sound`` (lower case, Turkish spelling)."""
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; use one of {', '.join(CASES)}")
    letters = [ch for ch in sound if ch.isalpha()]
    vowels = [ch for ch in letters if ch in VOWELS]
    last_vowel = vowels[-1] if vowels else "e"
    two = "e" if last_vowel in FRONT or last_vowel == "î" else "a"
    four = _high(last_vowel)
    ends_in_vowel = bool(letters) and letters[-1] in VOWELS
    voiceless = bool(letters) and letters[-1] in VOICELESS
    if possessive:  # "yönetim paneli" + n: panelinin, paneline, panelinde, panelini, panelinden
        return {"gen": "n" + four + "n", "dat": "n" + two, "loc": "nd" + two, "acc": "n" + four,
                "abl": "nd" + two + "n", "poss": ""}[case]
    if case == "gen":
        return ("n" if ends_in_vowel else "") + four + "n"
    if case == "dat":
        return ("y" if ends_in_vowel else "") + two
    if case == "acc":
        return ("y" if ends_in_vowel else "") + four
    if case == "poss":
        return ("s" if ends_in_vowel else "") + four
    d = "t" if voiceless else "d"
    return d + two + ("n" if case == "abl" else "")


def case_form(name: str, case: str, proper: bool = True, sounds_like: str | None = None,
              possessive: bool = False, forms: Mapping[str, str] | None = None) -> str:
    """``name`` with its ``case`` ending: "Trendyol'un", "Stripe'ı" (sounds "Straypt"), "panele".

    ``forms`` are whole forms written in data, used as they are; ``sounds_like`` spells the name
    as it is pronounced; ``possessive`` marks a compound ending in a possessive ("yönetim paneli").
    """
    if forms and case in forms:
        return forms[case]
    ending = suffix(spoken(sounds_like or name), case, possessive)
    if not ending:
        return name
    return f"{name}'{ending}" if proper else name + ending
