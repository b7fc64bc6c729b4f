"""Nothing injected: text from data lands as literal text, never as markup or template.

Hypothesis generates inventories with arbitrary Unicode; each is rendered by the real renderer,
converted by the same Python-Markdown extensions the sites use, and the HTML is checked for
elements the data did not ask for.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cookiepolicy.history.diff import diff_inventories
from cookiepolicy.loading.validate import check_email, check_link
from cookiepolicy.model.inventory import Category, Duration, Inventory, Item, Policy, Service, Site
from cookiepolicy.render.renderer import Renderer, View
from cookiepolicy.render.sentences import sentences
from cookiepolicy.text.markdown import link

from .support.bad_inputs import INJECTED_HREFS, inject
from .support.helpers import mkdocs_build, policy, read_page
from .support.tiers import examples

EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]
NASTY = ["|", "<script>alert(1)</script>", "{{ 7*7 }}", "{% if 1 %}x{% endif %}", "`code`", "[a](http://x)",
         "# heading", "**bold**", "&amp;", "<!--", "\\", "\n\n- item", "![i](x.png)", ":smile:", "*", "_", "{#", "]]>"]
text = st.one_of(st.text(min_size=1, max_size=40), st.sampled_from(NASTY),
                 st.lists(st.sampled_from(NASTY), min_size=1, max_size=4).map(" ".join)).filter(lambda t: t.strip())
localized = st.fixed_dictionaries({"en": text, "tr": text})
durations = st.one_of(
    st.just(Duration("session")), st.just(Duration("persistent")),
    st.builds(lambda v, u: Duration("fixed", v, u), st.integers(1, 999),
              st.sampled_from(["second", "minute", "hour", "day", "week", "month", "year"])),
    st.builds(lambda until: Duration("event", until=until), localized),
)
URLS = ["https://example.com/privacy", "http://example.org/p?a=1&b=2", "mailto:dpo@example.com"]


@st.composite
def inventories(draw) -> Inventory:
    categories = tuple(
        Category(id=f"c{i}", name=draw(localized), description=draw(localized),
                 consent=draw(st.sampled_from(["required", "exempt"])),
                 kind=draw(st.sampled_from(["necessary", "preferences", "analytics"])))
        for i in range(draw(st.integers(1, 3))))
    services = tuple(
        Service(id=f"s{i}", name=draw(text), role=draw(localized), sets_cookies=draw(localized),
                policy_url=draw(st.sampled_from(URLS)))
        for i in range(draw(st.integers(0, 2))))
    items = []
    for i in range(draw(st.integers(1, 6))):
        items.append(Item(
            name=draw(text) + f"#{i}", storage=draw(st.sampled_from(["cookie", "localStorage", "sessionStorage"])),
            category=draw(st.sampled_from([c.id for c in categories])), purpose=draw(localized),
            duration=draw(durations),
            provider=draw(st.sampled_from(["first-party", *[s.id for s in services]])),
            attributes=tuple(draw(st.lists(st.sampled_from(["HttpOnly", "Secure", "SameSite=Lax"]), unique=True))),
        ))
    return Inventory(categories=categories, services=services, items=tuple(items),
                     not_used=tuple(draw(st.lists(st.sampled_from(["advertising", "third-party-tracking"]),
                                                  unique=True))))


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append(("!--", {}))


def html_of(md: str) -> Elements:
    parser = Elements()
    parser.feed(markdown.markdown(md, extensions=EXTENSIONS))
    return parser


def flat(value: str) -> str:
    """Text as a reader sees it: runs of white space as one, control characters gone."""
    return " ".join(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", value).split())


def check(inv: Inventory, lang: str) -> None:
    site = Site(company="Ex<am>ple | {{ co }}", domain="example.com", url="https://example.com",
                contact_email="privacy@example.com", languages=("en", "tr"), default_language="en")
    policy = Policy(site=site, draft=inv)
    r = Renderer(policy, lang, View(inv, None, draft=True), dt.date(2026, 1, 1))
    page = "\n\n".join([r.cookie_table(storage=None, columns=("name", "purpose", "duration", "category",
                                                                "provider", "attributes")),
                        r.storage_list("localStorage", show_names=True), r.services_list(),
                        r.category_sections(), r.not_used_statement(), r.contact_email()])
    doc = html_of(page)
    allowed = {"table", "thead", "tbody", "tr", "th", "td", "code", "ul", "li", "p", "strong", "em", "a", "h3", "wbr"}
    for tag, attrs in doc.tags:
        assert tag in allowed, (tag, page)
        if tag == "a":
            assert attrs.get("href") in [*URLS, "mailto:privacy@example.com"], attrs
        assert not any(k.startswith("on") for k in attrs), attrs
    tables = [t for t, _ in doc.tags if t == "table"]
    rows = [t for t, _ in doc.tags if t == "tr"]
    listed_categories = [c for c in inv.categories if any(i.category == c.id for i in inv.items)]
    assert len(tables) == 1 + len(listed_categories)
    assert len(rows) == len(tables) + 2 * len(inv.items)  # one header row per table, every item twice
    shown = flat("".join(doc.text))
    for item in inv.items:
        assert flat(item.purpose[lang]) in shown
        assert flat(item.name) in shown
    # the changelog sentences of the same data, added from nothing
    diff = diff_inventories(Inventory(), inv)
    md = "\n".join(f"- {s}" for s in sentences(diff, lang, site.company, Inventory(), inv))
    log = html_of(md)
    assert {t for t, _ in log.tags} <= {"ul", "li", "code"}
    assert len([t for t, _ in log.tags if t == "li"]) == len(diff.changes()) + len(diff.not_used_added)


@settings(max_examples=examples(1500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inventories())
def test_rendering_english_never_injects(inv: Inventory):
    check(inv, "en")


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inventories())
def test_rendering_turkish_never_injects(inv: Inventory):
    check(inv, "tr")


def test_nasty_purpose_renders_literally_in_the_real_site(site: Path, tmp_path: Path):
    cookies = site / "data" / "cookies.yml"
    nasty = "A | B <script>alert(1)</script> {{ 7*7 }} {% raw %} `x` [link](https://evil.example) # not a heading"
    text = cookies.read_text(encoding="utf-8").replace(
        "en: Renews your session securely", "en: '" + nasty + "'")
    cookies.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = mkdocs_build(site, out, env={"POLICY_TODAY": "2026-11-22"})
    assert result.returncode == 0, result.stderr
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    page = read_page(out / "index.html")
    row = next(r for r in page.tables[0] if r[0] == "refresh_token")
    assert row[1] == nasty + " (HTTP-only)"
    assert len(page.tables[0][0]) == 4 and all(len(r) == 4 for r in page.tables[0])
    assert "evil.example" not in " ".join(page.links)


# ---------------------------------------------------------------- links are data, not Markdown

URL_PIECES = ["![x](y)", "[a](javascript:alert(1))", "](", "*b*", "_i_", "__", "**", "'", "''", "#", "#!", "&amp;",
              "&#x3C;", "&lt;script&gt;", "&", ";", "=", "onmouseover=alert(1)//", "(", ")", "[", "]", "!", ":",
              "javascript:", "@", "%0a", "%22", "$", "+", ",", "~", "é", "ğ", "\u0430", "\U0001f36a", "/", "?",
              "{: onclick=alert(1)}", "<img src=x>", "\"", "`", "\n", "\u202e", "\u200b", " ", "\\", "{{ 7*7 }}"]
url_tails = st.lists(st.one_of(st.sampled_from(URL_PIECES), st.text(max_size=6)), max_size=8).map("".join)
hostile_urls = st.builds(lambda scheme, host, tail: f"{scheme}://{host}/{tail}",
                         st.sampled_from(["https", "http", "HTTPS"]),
                         st.sampled_from(["example.com", "xn--bcher-kva.example", "bücher.example", "a-b.c.example",
                                          "[::1]", "127.0.0.1:8080", "example.com:99999", "ex ample.com", "",
                                          "user@example.com"]),
                         url_tails)
hostile_emails = st.builds(lambda local, domain: f"{local}@{domain}",
                           st.lists(st.sampled_from(["a", "_b_", "*", "+tag", "%", ".", "`x`", "[x]", "(y)", "<",
                                                     "\"", "'", "-", "ç", "\n", "1"]), min_size=1, max_size=5)
                           .map("".join),
                           st.sampled_from(["example.com", "talkomni.com", "a-b.example", "x", "ex_ample.com"]))


def _policy_with_link(url: str, email: str) -> tuple[Renderer, Policy]:
    site = Site(company="Example", domain="example.com", url="https://example.com", contact_email=email,
                languages=("en", "tr"), default_language="en")
    inv = Inventory(categories=(Category("c", {"en": "C", "tr": "C"}, {"en": "D", "tr": "D"}, "exempt",
                                         "necessary"),),
                    services=(Service("s", "Service", {"en": "r", "tr": "r"}, {"en": "sets", "tr": "sets"}, url),))
    policy = Policy(site=site, draft=inv)
    return Renderer(policy, "en", View(inv, None, draft=True), dt.date(2026, 1, 1)), policy


def _accepted(check, value: str) -> bool:
    try:
        check(value)
    except ValueError:
        return False
    return True


@settings(max_examples=examples(2000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(url=st.one_of(hostile_urls, st.text(max_size=40)), email=hostile_emails)
def test_a_hostile_link_is_one_anchor_with_its_exact_href(url: str, email: str):
    """Either the validator refuses the value, or it becomes exactly one <a href> and nothing else."""
    url_ok, email_ok = _accepted(check_link, url), _accepted(check_email, email)
    if url_ok:
        assert url.lower().startswith(("https://", "http://")) and "\n" not in url and " " not in url
        renderer, _ = _policy_with_link(url, "privacy@example.com")
        doc = html_of(renderer.services_list())
        assert doc.tags == [("ul", {}), ("li", {}), ("strong", {}), ("a", {"href": url})], doc.tags
        assert flat("".join(doc.text)).startswith("Service: sets ")
    if email_ok:
        assert "`" not in email and "\n" not in email
        renderer, _ = _policy_with_link("https://example.com", email)
        doc = html_of(f"Questions: {renderer.contact_email()}.")
        assert doc.tags == [("p", {}), ("a", {"href": f"mailto:{email}"})], doc.tags
        assert flat("".join(doc.text)) == f"Questions: {email}."


def test_a_link_outside_the_accepted_schemes_is_not_linked():
    assert link("label", "javascript:alert(1)") == "label"
    assert link("x", "https://e.example/\"><b>") == ('<a href="https&#58;&#47;&#47;e&#46;example&#47;&#34;&#62;'
                                                     '&#60;b&#62;">x</a>')


def test_the_reported_attack_is_a_valid_link_that_stays_one_anchor():
    url = "https://stripe.com/privacy#![/onmouseover=alert(document.domain)//](y)"
    check_link(url)
    renderer, _ = _policy_with_link(url, "a_b_@example.com")
    assert html_of(renderer.services_list()).tags[-1] == ("a", {"href": url})


class Anchors(HTMLParser):
    """Every element of a built page, with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _elements(path: Path) -> list[tuple[str, dict]]:
    parser = Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.elements


def test_injection_cases_build_into_plain_links(site: Path, tmp_path: Path):
    """The real site with hostile but valid links and names: one <a> per link, no other new element."""
    clean_out, out = tmp_path / "clean", tmp_path / "out"
    assert mkdocs_build(site, clean_out, env={"POLICY_TODAY": "2026-11-22"}).returncode == 0
    inject(site)
    assert policy(site, "validate").returncode == 0
    result = mkdocs_build(site, out, env={"POLICY_TODAY": "2026-11-22"})
    assert result.returncode == 0, result.stderr
    for lang in ("", "tr/"):
        before, after = _elements(clean_out / lang / "index.html"), _elements(out / lang / "index.html")
        hrefs = [attrs.get("href") for tag, attrs in after if tag == "a"]
        for href in INJECTED_HREFS:
            # the contact e-mail is linked twice, in the article and in the footer: both exactly
            expected = 2 if href.startswith("mailto:") else 1
            assert hrefs.count(href) == expected, (href, [h for h in hrefs if h and "alert" in h])
        assert sorted({t for t, _ in after}) == sorted({t for t, _ in before}), "an element the data did not ask for"
        shapes_before = sorted({(t, tuple(sorted(a))) for t, a in before})
        shapes_after = sorted({(t, tuple(sorted(a))) for t, a in after})
        assert shapes_after == shapes_before, "an attribute the data did not ask for"
        assert not any(k.startswith("on") for _, attrs in after for k in attrs)
        text = (out / lang / "index.html").read_text(encoding="utf-8")
        assert "<img src=x" not in text and "<svg onload" not in text
        assert "TalkOmni &#60;svg onload&#61;alert&#40;6&#41;&#62; &#123;&#123; 7&#42;7 &#125;&#125;" in text
