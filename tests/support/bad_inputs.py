"""The catalogue of bad inputs: each edits one file of a copy of the TalkOmni site.

Every case names the file it breaks, how, and the message (a regular expression) that must name
the file, the line, the field, what is wrong and what would be right.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# the line of `extra.policy` in the site's mkdocs.yml, where a wrong value is reported
_SETTINGS_LINE = 1 + (Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text(
    encoding="utf-8").splitlines().index("  policy:")


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    edit: Callable[[str], str | bytes] | None
    expect: str  # regex on `policy validate`'s stderr
    schema_rejects: bool = False  # the published JSON Schema alone can express this mistake
    warning: bool = False  # reported, but not an error
    prepare: Callable[[Path], None] | None = None  # changes the site's files themselves (links, FIFOs)
    stops_build: bool = False  # no page is built at all (a page's Jinja, the page names): `mkdocs serve` logs it


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
         r"data/services\.yml:1: error: file is empty"),
    Case("null-document", "data/site.yml", lambda t: "# the site\n~\n",
         r"data/site\.yml:2: error: the file must be a mapping of fields"),
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
         r"data/services\.yml:12: error: services\[0\]\.policy_url: `javascript:alert\(1\)` is not an allowed "
         r"link: links must start with https://, http:// or mailto: \(write the full address", schema_rejects=True),
    Case("malformed-email", "data/site.yml", replace("support@talkomni.com", "support@talkomni"),
         r"data/site\.yml:6: error: contact_email: `support@talkomni` is not an allowed e-mail address: the part "
         r"after @ must be a domain like example\.com \(write it like privacy@example\.com\)", schema_rejects=True),
    Case("python-tag", "data/cookies.yml",
         replace("    duration: 12 hours", "    duration: !!python/object/apply:os.system ['echo pwned']"),
         r"data/cookies\.yml:11: error: items\[0\]\.duration: the YAML tag `tag:yaml\.org,2002:python/object/apply:"
         r"os\.system` is not allowed"),
    Case("billion-laughs", "data/cookies.yml", lambda t: BILLION_LAUGHS,
         r"data/cookies\.yml:7: error: the values expand to more than 10,485,760 characters \(aliases included\)"),
    Case("too-big", "data/cookies.yml", lambda t: t + "#" + "x" * (5 * 1024 * 1024) + "\n",
         r"data/cookies\.yml: error: file is [\d,]+ bytes, over the limit of 5,242,880 \(split it up\)"),
    Case("not-used-contradicted", "data/cookies.yml",
         replace("    duration: persistent\n  # The", "    duration: persistent\n    cross_site: true\n  # The"),
         r"data/site\.yml:\d+: error: not_used: says the site does not use cross-site-tracking, but cookie "
         r"`TALKOMNI_USER_LOCALE` is one"),
    Case("release-version-mismatch", "data/releases/1.0.yml", replace("version: '1.0'", "version: '1.1'"),
         r"data/releases/1\.0\.yml:\d+: error: version: version `1\.1` does not match the file name"),
]


def nested(depth: int) -> Callable[[str], str]:
    return replace("    attributes: [HttpOnly]", "    attributes: " + "[" * depth + "]" * depth)


def _symlink_to(target: str, file: str) -> Callable[[Path], None]:
    def prepare(site: Path) -> None:
        (site / file).unlink()
        (site / file).symlink_to(target)

    return prepare


def _fifo(file: str) -> Callable[[Path], None]:
    def prepare(site: Path) -> None:
        (site / file).unlink()
        os.mkfifo(site / file)

    return prepare


def _folder(file: str) -> Callable[[Path], None]:
    def prepare(site: Path) -> None:
        (site / file).unlink()
        (site / file).mkdir()
        (site / file / "cookies.yml").write_text("items: []\n", encoding="utf-8")

    return prepare


def _moved_data(site: Path) -> None:
    """mkdocs.yml says the data lives in policy-data/, where a file is broken: validate must look there."""
    shutil.copytree(site / "data", site / "policy-data")
    cookies = site / "policy-data" / "cookies.yml"
    cookies.write_text(cookies.read_text(encoding="utf-8").replace("storage: cookie", "storage: cookei", 1),
                       encoding="utf-8")
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  policy:\n", "  policy:\n    data_dir: policy-data\n", 1), encoding="utf-8")


def _aliased_text(text: str) -> str:
    """A 1.8 MB file that reuses one 200 KB text through aliases: small on disk, huge once expanded."""
    big = "x" * 200_000
    aliases = ",".join(["*t"] * 530_000)
    return f"t: &t {big}\nitems: [{aliases}]\n"


# Each class of hostile input the reader, the validator and the build must turn into a message.
HOSTILE = [
    Case("multi-line-link", "data/services.yml",
         replace("policy_url: https://stripe.com/privacy",
                 'policy_url: "https://stripe.com/privacy\\n# Heading\\n![x](https://evil.example/x.png)"'),
         r"data/services\.yml:12: error: services\[0\]\.policy_url: `https://stripe\.com/privacy\\u000a# Heading"
         r"\\u000a!\[x\]\(https://evil\.ex\.\.\.` is not an allowed link: the link contains a space or "
         r"line break \(U\+000A LINE FEED\)", schema_rejects=True),
    Case("link-with-markup", "data/services.yml",
         replace("policy_url: https://stripe.com/privacy",
                 "policy_url: 'https://stripe.com/\"><img/src=x/onerror=alert(1)>'"),
         r"data/services\.yml:12: error: services\[0\]\.policy_url: .* is not an allowed link: the link contains `\"` "
         r"`<` `>`, which a URL cannot hold", schema_rejects=True),
    Case("link-without-host", "data/services.yml", replace("https://stripe.com/privacy", "https:stripe.com/privacy"),
         r"data/services\.yml:12: error: services\[0\]\.policy_url: `https:stripe\.com/privacy` is not an allowed "
         r"link: the link has no host", schema_rejects=True),
    Case("link-with-user", "data/services.yml",
         replace("https://stripe.com/privacy", "https://stripe.com@evil.example/privacy"),
         r"data/services\.yml:12: error: services\[0\]\.policy_url: .* is not an allowed link: the link names a user "
         r"before the host", schema_rejects=True),
    Case("escape-sequence-in-link", "data/site.yml", replace("url: https://talkomni.com", 'url: "https://talkomni.com/\\e[2J\\e]0;pwned\\a"'),
         r"data/site\.yml:5: error: url: `https://talkomni\.com/\\u001b\[2J\\u001b\]0;pwned\\u0007` is not an allowed "
         r"link: the link contains the invisible character U\+001B"),
    Case("email-with-backticks", "data/site.yml", replace("support@talkomni.com", "sup`port`@talkomni.com"),
         r"data/site\.yml:6: error: contact_email: `sup`port`@talkomni\.com` is not an allowed e-mail address: the "
         r"part before @ may hold letters, digits and \. _ % \+ - only", schema_rejects=True),
    Case("escape-sequence-in-name", "data/cookies.yml",
         replace("  - name: auth_token", '  - name: "auth\\e]0;pwned\\a\\e[2J_token"'),
         r"data/cookies\.yml:5: error: items\[0\]\.name: `auth\\u001b\]0;pwned\\u0007\\u001b\[2J_token` is not an "
         r"allowed name: the name contains the invisible character U\+001B"),
    Case("bidi-override-name", "data/cookies.yml", replace("  - name: auth_token", '  - name: "auth_\\u202etoken"'),
         r"data/cookies\.yml:5: error: items\[0\]\.name: `auth_\\u202etoken` is not an allowed name: the name "
         r"contains the invisible character U\+202E RIGHT-TO-LEFT OVERRIDE"),
    Case("zero-width-name", "data/cookies.yml", replace("  - name: refresh_token", '  - name: "refresh\\u200b_token"'),
         r"data/cookies\.yml:14: error: items\[1\]\.name: `refresh\\u200b_token` is not an allowed name: the name "
         r"contains the invisible character U\+200B ZERO WIDTH SPACE"),
    Case("nfd-twin", "data/cookies.yml",
         lambda t: t.replace("  - name: auth_token", "  - name: \u00e7erez", 1)
                    .replace("  - name: refresh_token", "  - name: c\u0327erez", 1),
         r"data/cookies\.yml:14: error: items\[1\]\.name: cookie `c\u0327erez` is listed twice \(first on line 5\)"),
    Case("cyrillic-look-alike", "data/cookies.yml", replace("  - name: refresh_token", "  - name: \u0430uth_token"),
         r"data/cookies\.yml:14: warning: items\[1\]\.name: `\u0430uth_token` looks like `auth_token` on line 5 but "
         r"is written with other characters \(U\+0430 CYRILLIC SMALL LETTER A instead of U\+0061 LATIN SMALL "
         r"LETTER A\) on line 14", warning=True),
    Case("nested-1000", "data/cookies.yml", nested(1000),
         r"data/cookies\.yml:12: error: values are nested more than 64 levels deep"),
    Case("nested-40000", "data/cookies.yml", nested(40_000),
         r"data/cookies\.yml:12: error: values are nested more than 64 levels deep"),
    Case("impossible-date", "data/cookies.yml", replace("      en: Keeps you signed in to the dashboard",
                                                        "      en: 2026-02-30"),
         r"data/cookies\.yml:9: error: items\[0\]\.purpose\.en: `2026-02-30` is not a possible date"),
    Case("impossible-release-date", "data/releases/1.0.yml", replace("published: '2026-06-26'",
                                                                     "published: '2026-02-30'"),
         r"data/releases/1\.0\.yml:5: error: published: `2026-02-30` is not a possible date"),
    Case("huge-duration", "data/cookies.yml", replace("duration: 12 hours", f"duration: {10 ** 27} days"),
         rf"data/cookies\.yml:11: error: items\[0\]\.duration: `{10 ** 27} days` is longer than any cookie lives "
         r"\(write at most 9999 of a unit\)"),
    Case("huge-number", "data/cookies.yml", replace("duration: 12 hours", "duration: " + "9" * 5000),
         r"data/cookies\.yml:11: error: items\[0\]\.duration: `9{37}\.\.\.` is not a possible number"),
    Case("aliased-text", "data/cookies.yml", _aliased_text,
         r"data/cookies\.yml:2: error: the values expand to more than 10,485,760 characters \(aliases included\)"),
    Case("self-alias", "data/cookies.yml", lambda t: "items: &a [*a]\n",
         r"data/cookies\.yml:1: error: the alias `\*a` refers to the value that contains it"),
    Case("alias-without-anchor", "data/cookies.yml", replace("    attributes: [HttpOnly]", "    attributes: *http"),
         r"data/cookies\.yml:12: error: the alias `\*http` has no anchor `&http` before it"),
    Case("folder", "data/categories.yml", None, r"data/categories\.yml: error: is not a regular file",
         prepare=_folder("data/categories.yml")),
    Case("two-documents", "data/categories.yml", lambda t: t + "---\ncategories: []\n",
         r"data/categories\.yml:\d+: error: the file holds more than one YAML document"),
    Case("link-to-dev-zero", "data/cookies.yml", None,
         r"data/cookies\.yml: error: is not a regular file", prepare=_symlink_to("/dev/zero", "data/cookies.yml")),
    Case("fifo", "data/services.yml", None,
         r"data/services\.yml: error: is not a regular file", prepare=_fifo("data/services.yml")),
    Case("settings-not-a-mapping", "mkdocs.yml", replace("  policy:\n", '  policy: "a string"\n  unused:\n'),
         rf"mkdocs\.yml:{_SETTINGS_LINE}: error: extra\.policy: must be a mapping of settings, not a single value"),
    Case("data-dir-from-settings", "mkdocs.yml", None,
         r"policy-data/cookies\.yml:6: error: items\[0\]\.storage: `cookei` is not an allowed value",
         prepare=_moved_data),
]
CASES += HOSTILE

_GUARD = r" \(a page may only call the engine's macros with literal arguments"

# Round three: what pages may run, what a release must be able to read back, values as published.
ROUND_THREE = [
    Case("jinja-attribute-chain", "docs/index.md",
         replace("{{ cookie_table() }}", "{{ cycler.__init__.__globals__.os.popen('touch /tmp/pwned').read() }}"),
         r"docs/index\.md:21: error: attribute access `\.read` is not allowed" + _GUARD, stops_build=True),
    Case("jinja-global-name", "docs/index.md", replace("{{ cookie_table() }}", "{{ config }}"),
         r"docs/index\.md:21: error: the name `config` is not allowed" + _GUARD, stops_build=True),
    Case("jinja-filter", "docs/index.md", replace("{{ cookie_table() }}", "{{ company() | upper }}"),
         r"docs/index\.md:21: error: the filter `\| upper` is not allowed" + _GUARD, stops_build=True),
    Case("jinja-include", "docs/index.md", replace("{{ cookie_table() }}", '{% include "/etc/passwd" %}'),
         r"docs/index\.md:21: error: the statement `\{% include %\}` is not allowed" + _GUARD, stops_build=True),
    Case("jinja-loop", "docs/index.md", replace("{{ cookie_table() }}", "{% for x in range(10**9) %}x{% endfor %}"),
         r"docs/index\.md:21: error: the statement `\{% for %\}` is not allowed" + _GUARD, stops_build=True),
    Case("jinja-not-a-macro", "docs/index.md", replace("{{ cookie_table() }}", "{{ lipsum(99999) }}"),
         r"docs/index\.md:21: error: `lipsum` is not one of the engine's macros" + _GUARD, stops_build=True),
    Case("macro-unknown-keyword", "docs/index.md", replace("{{ cookie_table() }}", '{{ cookie_table(categry="x") }}'),
         r"docs/index\.md:21: error: `cookie_table` has no argument `categry` \(did you mean `category`\?\); "
         r"its arguments: storage, category, columns", stops_build=True),
    Case("macro-too-many-arguments", "docs/index.md", replace("{{ company() }}", '{{ company("gen", "dat") }}'),
         r"docs/index\.md:13: error: `company`: too many positional arguments; its arguments: case", stops_build=True),
    Case("macro-variable-argument", "docs/index.md", replace("{{ company() }}", "{{ company(case=page.title) }}"),
         r"docs/index\.md:13: error: `company`: argument `case` is attribute access `\.title`, not a literal value",
         stops_build=True),
    Case("macro-unreadable-template", "docs/index.md", replace("{{ cookie_table() }}", "{{ cookie_table("),
         r"docs/index\.md:\d+: error: the template cannot be read: .* \(write macro calls as \{\{ name\(\.\.\.\) \}\}",
         stops_build=True),
    Case("policy-version-number", "docs/versions/1.0/index.md",
         replace('policy_version: "1.0"', "policy_version: 1.0"),
         r"docs/versions/1\.0/index\.md:2: error: policy_version: `1\.0` unquoted is read by YAML as a number, "
         r"not the version text \(quote it: policy_version: \"1\.0\"\)", stops_build=True),
    Case("policy-pages-missing", "data/site.yml", lambda t: t + "policy_pages: [missing.md]\n",
         r"data/site\.yml:\d+: error: policy_pages\[0\]: `missing\.md` matches no page in docs/", stops_build=True),
    Case("policy-pages-pattern", "data/site.yml", lambda t: t + "policy_pages: ['*.md']\n",
         r"data/site\.yml:\d+: error: policy_pages\[0\]: `\*\.md` matches no page in docs/ \(name a policy page "
         r"file that exists, e\.g\. index\.md \(a file name, not a pattern\)\)", stops_build=True),
    Case("wildcard-everything", "data/cookies.yml", replace("  - name: auth_token", '  - name: "*"'),
         r"data/cookies\.yml:5: error: items\[0\]\.name: `\*` is not an allowed name: a wildcard with fewer than "
         r"two fixed characters matches nearly every name"),
    Case("negative-duration", "data/cookies.yml", replace("duration: 12 hours", "duration: -1 days"),
         r"data/cookies\.yml:11: error: items\[0\]\.duration: `-1 days` is a negative period"),
    Case("expiry-in-year-one", "data/cookies.yml", replace("duration: 12 hours", "duration: {until: '0001-01-01'}"),
         r"data/cookies\.yml:11: error: items\[0\]\.duration.*`0001-01-01` is not a plausible expiry date"),
    Case("domain-with-final-newline", "data/site.yml", replace("domain: talkomni.com", 'domain: "talkomni.com\\n"'),
         r"data/site\.yml:4: error: domain: `talkomni\.com\\u000a` is not valid here"),  # ECMA's `$` rejects it too
    Case("blank-company", "data/site.yml", replace("company: TalkOmni", 'company: "   "'),
         r"data/site\.yml:3: error: company: .* is not valid here", schema_rejects=True),
    Case("cookie-domain-markup", "data/cookies.yml",
         replace("    storage: cookie\n", '    storage: cookie\n    domain: "<x>"\n'),
         r"data/cookies\.yml:\d+: error: items\[0\]\.domain: `<x>` is not valid here", schema_rejects=True),
]


def _tcf(text: str) -> Callable[[Path], None]:
    def prepare(site: Path) -> None:
        (site / "data" / "tcf.yml").write_text(text, encoding="utf-8")

    return prepare


ROUND_THREE += [
    Case("tcf-unknown-purpose", "data/tcf.yml", None,
         r"data/tcf\.yml:3: error: categories\.preferences\.purposes\[1\]: 12 is greater than the maximum of 11",
         prepare=_tcf("categories:\n  preferences:\n    purposes: [1, 12]\n")),
    Case("tcf-not-a-mapping", "data/tcf.yml", None,
         r"data/tcf\.yml:1: error: categories: must be a mapping of fields, not a list",
         prepare=_tcf("categories: [1, 2]\n")),
    Case("tcf-unknown-category", "data/tcf.yml", None,
         r"data/tcf\.yml:2: error: categories\.nope: `nope` is not a category "
         r"\(known: strictly-necessary, preferences\)",
         prepare=_tcf("categories:\n  nope:\n    purposes: [1]\n")),
    Case("tcf-malformed", "data/tcf.yml", None, r"data/tcf\.yml:\d+: error: malformed YAML",
         prepare=_tcf("categories: {preferences: [\n")),
]
CASES += ROUND_THREE


def apply(case: Case, site: Path) -> None:
    path = site / case.file
    if case.prepare is not None:
        case.prepare(site)
    if case.edit is None:
        return
    result = case.edit(path.read_text(encoding="utf-8"))
    if isinstance(result, bytes):
        path.write_bytes(result)
    else:
        path.write_text(result, encoding="utf-8")


# Values that are valid data and hostile markup at once: they must build, and render as text and
# exactly one link each, in every page and in a browser, with no script run.
INJECTIONS = [
    ("data/services.yml", "policy_url: https://stripe.com/privacy",
     "policy_url: https://stripe.com/privacy#![/onmouseover=alert(document.domain)//](y)"),
    ("data/services.yml", "policy_url: https://www.cloudflare.com/privacypolicy/",
     "policy_url: \"https://www.cloudflare.com/privacypolicy/?q=[x](javascript:alert(1))&b=*c*_d_&#x3C;script&#x3E;\""),
    ("data/services.yml", "policy_url: https://policies.google.com/privacy",
     "policy_url: \"https://policies.google.com/privacy?x='onmouseover='alert(3)'#:smile:\""),
    ("data/services.yml", "    name: Stripe",
     "    name: \"Stripe <img src=x onerror=alert(4)> [a](javascript:alert(5))\""),
    ("data/site.yml", "contact_email: support@talkomni.com", "contact_email: support+_x_%y@talkomni.com"),
    ("data/site.yml", "company: TalkOmni", "company: \"TalkOmni <svg onload=alert(6)> {{ 7*7 }}\""),
]
INJECTED_HREFS = ["https://stripe.com/privacy#![/onmouseover=alert(document.domain)//](y)",
                  "https://www.cloudflare.com/privacypolicy/?q=[x](javascript:alert(1))&b=*c*_d_&#x3C;script&#x3E;",
                  "https://policies.google.com/privacy?x='onmouseover='alert(3)'#:smile:",
                  "mailto:support+_x_%y@talkomni.com"]


def inject(site: Path) -> None:
    for file, old, new in INJECTIONS:
        path = site / file
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
