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

Names pronounced unlike their spelling (Stripe sounds "Straypt") are read from a shipped table of
frequent brands (``SOUNDS``); any other name gets a spelling of its sound or whole forms from the
site's data (``tr_forms`` in site.yml), which win over the table. A capital I in a Latin-script name
or abbreviation is read as i ("LinkedIn'in", "API'nin"); in a name with Turkish letters it stays ı.
A common noun of two or more words whose last word ends in a possessive ("internet sitesi",
"Pazarlama Çerezleri"), or a proper name ending in -sı/-ları ("Ziraat Bankası"), takes the
pronominal n unless the data says ``possessive: false``.
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


# How frequent foreign brands are pronounced in Turkish, by the last word of a name (lower case):
# the spelling would give "Google'nin", "Stripe'nin", "YouTube'nin", "Twitter'in". ``tr_forms``
# in site.yml (``sounds_like`` or whole forms) wins over this table.
SOUNDS: dict[str, str] = {
    "google": "gugıl", "apple": "epıl", "youtube": "yutub", "stripe": "straypt", "cloudflare": "klaudfler",
    "secure": "sikyur", "pay": "pey", "twitter": "tvitır", "vodafone": "vodafon", "firebase": "fayırbeys",
    "shopify": "şopifay", "spotify": "spotifay", "turnstile": "törnstayl", "salesforce": "seylsfors",
    "adjust": "acast", "appsflyer": "epsflayır", "amplitude": "amplitud", "onetrust": "vantrast",
    "snapchat": "snepçet", "manager": "menecır", "ads": "eds", "maps": "meps", "insider": "insaydır",
    "braze": "breyz", "skype": "skayp", "chrome": "krom", "edge": "ec", "teams": "tims", "slack": "slek",
    "airbnb": "erbienbi", "squarespace": "skuerspeys", "optimize": "optimayz", "adobe": "edobi",
    "office": "ofis", "store": "stor", "drive": "drayv", "live": "layv", "captcha": "kepça",
    "recaptcha": "rikepça", "messenger": "mesencır", "code": "kod", "line": "layn", "license": "laysıns",
    "experience": "ekspiriyıns", "commerce": "komırs", "service": "sörvis", "services": "sörvisiz",
    "cloud": "klaud", "euromessage": "yuromesic", "comscore": "komskor", "surveymonkey": "sörveymanki",
    "play": "pley", "airlines": "erlayns", "prime": "praym",
    # the Law's abbreviation as Turkish legal texts decline it ("KVKK'nın", "KVKK'ya"), like the catalogs' own
    # "KVKK’nın 11. maddesi": one form on a site (the letter-by-letter reading would give "KVKK'nin")
    "kvkk": "kavekaka",
}
TURKISH_LETTERS = set("çğıöşüÇĞİÖŞÜ")
_POSSESSIVE_END = re.compile(r"(?:[^\W\d_](?:ı|i|u|ü)|ları|leri)$")
_PROPER_POSSESSIVE_END = re.compile(r"(?:s(?:ı|i|u|ü)|ları|leri)$")
_SPELLED_TAIL = re.compile(r"[a-zçğıöşü]([A-ZÇĞİÖŞÜ]{2,})$")  # "PayTR", "BluTV": the capitals are letters
_SILENT_E = re.compile(r"(?:[aeiouy][^aeiouy\W\d_]|[^aeiouy\W\d_]l)e$")


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


def spoken(name: str, table: bool = True) -> str:
    """The last word of ``name`` as it sounds: numbers and abbreviations read aloud, frequent brands
    from ``SOUNDS`` unless ``table`` is False (a ``sounds_like`` from data is already a sound)."""
    words = re.findall(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+", name)
    if not words:
        return ""
    last = words[-1]
    if last[0].isdigit():
        digits = re.split(r"[.,]", last)[-1].lstrip("0")  # "2.0" reads "iki nokta sıfır"
        return number_words(int(digits)) if digits else "sıfır"
    latin = not any(ch in TURKISH_LETTERS for ch in name)
    low = last.lower() if latin else lower(last)  # LinkedIn, API: a Latin capital I is read as i
    if table and low in SOUNDS:
        return SOUNDS[low]
    tail = _SPELLED_TAIL.search(last)
    if tail and not any(ch in VOWELS for ch in lower(tail.group(1))):
        return " ".join(LETTER_NAMES.get(ch, ch) for ch in lower(tail.group(1)))
    if latin and low.endswith("c"):  # "Admatic" ends in a k sound, not the Turkish c
        low = low[:-1] + "k"
    is_abbreviation = (len(last) > 1 and last.isupper()) or not any(ch in VOWELS for ch in low)
    if is_abbreviation:
        return " ".join(LETTER_NAMES.get(ch, ch) for ch in low)
    if len(last) == 1 and last.isupper():  # "Plan B"
        return LETTER_NAMES.get(low, low)
    if len(low) > 1 and low.endswith("y") and low[-2] not in VOWELS:  # "Sony" sounds "Soni"
        return low[:-1] + "i"
    return low


def possessive_compound(name: str, proper: bool = False) -> bool:
    """Whether a name of several words ends in a possessive. A common noun: its last word ends in
    -(s)ı/-(s)i/-(s)u/-(s)ü or -ları/-leri ("internet sitesi", "sohbet aracı", "Pazarlama Çerezleri");
    a proper name only with the buffer s or -ları/-leri ("Ziraat Bankası", "Türk Hava Yolları"), so
    that "Yapı Kredi" stays "Yapı Kredi'ye"."""
    words = name.split()
    if len(words) < 2:
        return False
    last = lower(words[-1])
    return bool((_PROPER_POSSESSIVE_END if proper else _POSSESSIVE_END).search(last))


def unreadable(name: str) -> bool:
    """Whether the spelling of ``name`` may not give its sound: a Latin-script name whose last word
    ends in a silent e ("Braze", "Coinbase") and that the shipped table does not know."""
    words = re.findall(r"[^\W\d_]+", name)
    if not words or any(ch in TURKISH_LETTERS for ch in name):
        return False
    last = words[-1]
    return last.lower() not in SOUNDS and not last.isupper() and bool(_SILENT_E.search(last.lower()))


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
              possessive: bool | None = None, forms: Mapping[str, str] | None = None) -> str:
    """``name`` with its ``case`` ending: "Trendyol'un", "Stripe'ı" (sounds "Straypt"), "panele".

    ``forms`` are whole forms written in data, used as they are; ``sounds_like`` spells the name
    as it is pronounced; ``possessive`` marks a compound ending in a possessive ("yönetim paneli"),
    by default read from a common noun's last word (``possessive_compound``).
    """
    if forms and case in forms:
        return forms[case]
    if possessive is None:
        possessive = possessive_compound(name, proper)
    ending = suffix(spoken(sounds_like, table=False) if sounds_like else spoken(name), case, possessive)
    if not ending:
        return name
    return f"{name}'{ending}" if proper else name + ending
