"""Turkish-aware text folding: heading anchors that keep their letters (``Kullandığımız çerezler`` →
``kullandigimiz-cerezler``), and the spellings a reader may type into search (``işlevsel``, ``cerez``).

Python-Markdown's default slug drops every letter without an ASCII decomposition, so
``Yaklaşımımız`` became ``yaklasmmz``. Referenced from each
site's ``mkdocs.yml`` (``toc.slugify``); the same text gives the same anchor on every build.
"""

from __future__ import annotations

import re
import unicodedata

from cookiepolicy.text.turkish import lower as turkish_lower

# Letters NFKD does not reduce to ASCII, and dotted capital I (which would lower to "i̇").
_TRANSLITERATE = str.maketrans({"ı": "i", "İ": "i", "I": "i", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe",
                                "đ": "d", "ł": "l"})
_NOT_WORD = re.compile(r"[^\w\s-]")


def slugify(value: str, separator: str = "-") -> str:
    """A lower-case ASCII anchor: Turkish letters transliterated (ı→i, ş→s, ğ→g, ç→c, ö→o, ü→u)."""
    value = unicodedata.normalize("NFKD", value.translate(_TRANSLITERATE))
    value = value.encode("ascii", "ignore").decode("ascii")
    value = _NOT_WORD.sub("", value).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, value)


_WORDS = re.compile(r"\w+")


def search_variants(text: str) -> str:
    """Other spellings of the words of ``text`` that search should match: the Turkish lower case
    (``İşlevsel`` → ``işlevsel``; a browser lower-cases İ to "i̇") and the letters without diacritics
    (``çerez`` → ``cerez``). Each once, in order of appearance; "" when there is none."""
    seen: dict[str, None] = {}
    for word in _WORDS.findall(text):
        turkish = turkish_lower(word)
        plain = slugify(turkish, "")
        for variant in (turkish, plain):
            if variant and variant != word.lower():
                seen.setdefault(variant, None)
    return " ".join(seen)
