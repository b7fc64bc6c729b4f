"""The catalogue of bad inputs: each edits one file of a copy of the TalkOmni site.

Every case names the file it breaks, how, and the message (a regular expression) that must name
the file, the line, the field, what is wrong and what would be right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    edit: Callable[[str], str | bytes]
    expect: str  # regex on `policy validate`'s stderr
    schema_rejects: bool = False  # the published JSON Schema alone can express this mistake
    warning: bool = False  # reported, but not an error


def replace(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)

    return edit


BILLION_LAUGHS = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
items: [*g]
"""

CASES = [
    Case("malformed-yaml", "data/cookies.yml", replace("  - name: auth_token", "  - name: [auth_token"),
         r"data/cookies\.yml:\d+: error: malformed YAML: .* \(check indentation, colons and quotes\)"),
    Case("tab-indentation", "data/cookies.yml", replace("    storage: cookie", "\tstorage: cookie"),
         r"data/cookies\.yml:6: error: a tab is used for indentation \(indent with spaces only\)"),
    Case("not-utf8", "data/categories.yml", lambda t: t.encode("utf-8").replace(b"Zorunlu", b"Zorunlu \xe7", 1),
         r"data/categories\.yml:\d+: error: is not UTF-8 text \(save the file with UTF-8 encoding\)"),
    Case("empty-file", "data/services.yml", lambda t: "# nothing here\n",
         r"data/services\.yml: error: file is empty"),
    Case("duplicate-key", "data/cookies.yml", replace("    duration: 12 hours",
                                                              "    duration: 12 hours\n    duration: 1 day"),
         r"data/cookies\.yml:12: error: items\[0\]\.duration: duplicate key `duration` \(first on line 11\) "
         r"\(keep one of them"),
    Case("unknown-field", "data/cookies.yml", replace("    duration: 12 hours", "    duraton: 12 hours"),
         r"data/cookies\.yml:11: error: items\[0\]\.duraton: unknown field \(did you mean `duration`\?\)",
         schema_rejects=True),
    Case("missing-field", "data/services.yml", replace("    name: Stripe\n", ""),
         r"data/services\.yml:\d+: error: services\[0\]\.name: required field is missing", schema_rejects=True),
    Case("wrong-type", "data/cookies.yml", replace("    attributes: [HttpOnly]", "    attributes: HttpOnly"),
         r"data/cookies\.yml:12: error: items\[0\]\.attributes: must be a list, not text", schema_rejects=True),
    Case("value-outside-set", "data/cookies.yml", replace("storage: cookie", "storage: cookei"),
         r"data/cookies\.yml:6: error: items\[0\]\.storage: `cookei` is not an allowed value "
         r"\(did you mean `cookie`\?\)", schema_rejects=True),
    Case("consent-outside-set", "data/categories.yml", replace("    consent: exempt", "    consent: exempted"),
         r"data/categories\.yml:7: error: categories\[0\]\.consent: `exempted` is not an allowed value "
         r"\(did you mean `exempt`\?\)", schema_rejects=True),
    Case("unknown-category", "data/cookies.yml", replace("category: preferences", "category: preference"),
         r"data/cookies\.yml:\d+: error: items\[2\]\.category: unknown category `preference` "
         r"\(did you mean `preferences`\?\)"),
    Case("unknown-service", "data/cookies.yml",
         replace("    category: preferences", "    provider: strype\n    category: preferences"),
         r"data/cookies\.yml:\d+: error: items\[2\]\.provider: unknown third-party service `strype` "
         r"\(did you mean `stripe`\?\)"),
    Case("unused-category", "data/categories.yml",
         lambda t: t + "  - id: analytics\n    kind: analytics\n    consent: required\n"
                       "    name: {en: Analytics, tr: Analiz}\n"
                       "    description: {en: Counts visits., tr: Ziyaretleri sayar.}\n",
         r"data/categories\.yml:\d+: warning: categories\[2\]\.id: category `analytics` has no items", warning=True),
    Case("unused-service", "data/services.yml",
         lambda t: t + "  - id: hotjar\n    name: Hotjar\n    listed: false\n"
                       "    role: {en: heatmaps, tr: ısı haritaları}\n"
                       "    sets_cookies: {en: sets cookies., tr: çerez yerleştirir.}\n"
                       "    policy_url: https://www.hotjar.com/legal/policies/privacy/\n",
         r"data/services\.yml:\d+: warning: services\[3\]\.id: service `hotjar` is not used", warning=True),
    Case("duplicate-item", "data/cookies.yml", replace("  - name: refresh_token", "  - name: auth_token"),
         r"data/cookies\.yml:\d+: error: items\[1\]\.name: cookie `auth_token` is listed twice \(first on line 5\)"),
    Case("unreadable-duration", "data/cookies.yml", replace("duration: 12 hours", "duration: twelve hourz"),
         r"data/cookies\.yml:11: error: items\[0\]\.duration: cannot read the duration `twelve hourz` "
         r"\(did you mean `12 hours`\?\)"),
    Case("session-with-period", "data/cookies.yml",
         replace("    storage: localStorage\n    category: preferences",
                 "    storage: sessionStorage\n    category: preferences"),
         r"data/cookies\.yml:\d+: error: items\[3\]\.duration: sessionStorage is cleared when the tab closes: "
         r"its duration must be `session`"),
    Case("missing-translation", "data/cookies.yml",
         replace("      tr: Oturumunuzu güvenli biçimde yeniler\n", ""),
         r"data/cookies\.yml:\d+: error: items\[1\]\.purpose: missing translation for language `tr` "
         r"\(add `tr:` with the text in that language\)"),
    Case("empty-translation", "data/cookies.yml",
         replace("tr: Oturumunuzu güvenli biçimde yeniler", 'tr: ""'),
         r"data/cookies\.yml:\d+: error: items\[1\]\.purpose\.tr: must not be empty", schema_rejects=True),
    Case("identical-translation", "data/cookies.yml",
         replace("tr: Oturumunuzu güvenli biçimde yeniler", "tr: Renews your session securely"),
         r"data/cookies\.yml:\d+: warning: items\[1\]\.purpose\.tr: the `tr` text is identical to `en`", warning=True),
    Case("javascript-link", "data/services.yml", replace("https://stripe.com/privacy", "javascript:alert(1)"),
         r"data/services\.yml:\d+: error: services\[0\]\.policy_url: `javascript:alert\(1\)` is not an allowed "
         r"link \(links must start with https:, http: or mailto:\)", schema_rejects=True),
    Case("malformed-email", "data/site.yml", replace("support@talkomni.com", "support@talkomni"),
         r"data/site\.yml:6: error: contact_email: `support@talkomni` is not valid here \(expected an e-mail",
         schema_rejects=True),
    Case("python-tag", "data/cookies.yml",
         replace("    duration: 12 hours", "    duration: !!python/object/apply:os.system ['echo pwned']"),
         r"data/cookies\.yml:11: error: items\[0\]\.duration: the YAML tag `tag:yaml\.org,2002:python/object/apply:"
         r"os\.system` is not allowed"),
    Case("billion-laughs", "data/cookies.yml", lambda t: BILLION_LAUGHS,
         r"data/cookies\.yml: error: aliases expand to more than 500,000 values"),
    Case("too-big", "data/cookies.yml", lambda t: t + "#" + "x" * (5 * 1024 * 1024) + "\n",
         r"data/cookies\.yml: error: file is [\d,]+ bytes, over the limit of 5,242,880 \(split it up\)"),
    Case("not-used-contradicted", "data/cookies.yml",
         replace("    duration: persistent\n  # The", "    duration: persistent\n    cross_site: true\n  # The"),
         r"data/site\.yml:\d+: error: not_used: says the site does not use cross-site-tracking, but cookie "
         r"`TALKOMNI_USER_LOCALE` is one"),
    Case("release-version-mismatch", "data/releases/1.0.yml", replace("version: '1.0'", "version: '1.1'"),
         r"data/releases/1\.0\.yml:\d+: error: version: version `1\.1` does not match the file name"),
]


def apply(case: Case, site: Path) -> None:
    path = site / case.file
    result = case.edit(path.read_text(encoding="utf-8"))
    if isinstance(result, bytes):
        path.write_bytes(result)
    else:
        path.write_text(result, encoding="utf-8")
