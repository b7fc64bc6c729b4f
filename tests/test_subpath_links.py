"""Served from a sub-path, as GitHub Pages serves a project site: every internal link still lands.

The real TalkOmni site is built with the SITE_URL the deploy workflow passes, then every href
and src of every page is resolved the way a browser does, against the page's own address under
the sub-path, and must name a file of the build (and an id on that page for a #fragment).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .support.helpers import ROOT, mkdocs_build

HOST = "https://owner.github.io"
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "poster", "data"}
EXTERNAL_SCHEMES = ("mailto:", "tel:", "data:", "javascript:")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()
        self.config: str = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            if name == "srcset":
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name in URL_ATTRIBUTES:
                self.urls.append(value)
        self._in_config = tag == "script" and dict(attrs).get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


def parse(path: Path) -> _Links:
    links = _Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


class Served:
    """The build as GitHub Pages serves it under ``prefix`` (e.g. /cookie-policy/)."""

    def __init__(self, root: Path, prefix: str):
        self.root = root
        self.prefix = prefix

    def page_url(self, page: Path) -> str:
        rel = page.relative_to(self.root).as_posix()
        return self.prefix + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)

    def file(self, url_path: str) -> Path | None:
        """The file served for a path, or None for a 404 (or a path outside the site)."""
        path = unquote(url_path)
        if not path.startswith(self.prefix):
            return None
        rel = path[len(self.prefix):]
        if ".." in rel.split("/"):
            return None
        target = self.root / rel
        if path.endswith("/"):
            target = target / "index.html"
        elif target.is_dir():
            target = target / "index.html"  # Pages redirects /dir to /dir/
        elif not target.exists() and target.with_name(target.name + ".html").exists():
            target = target.with_name(target.name + ".html")
        return target if target.is_file() else None


def check_site(out: Path, site_url: str) -> list[str]:
    prefix = urlsplit(site_url).path.rstrip("/") + "/"
    served = Served(out, prefix)
    pages = sorted(out.rglob("*.html"))
    ids = {page: parse(page).ids for page in pages}
    problems: list[str] = []
    checked = 0
    for page in pages:
        name = page.relative_to(out).as_posix()
        # GitHub Pages answers any missing address with 404.html: it cannot rely on its own location
        page_url = served.page_url(page)
        for raw in _page_urls(parse(page)):
            url, problem = _on_site(raw, name, prefix)
            if url is not None:
                checked += 1
                problem = _resolved_problem(served, ids, page, page_url, url, raw)
            if problem:
                problems.append(f"{name}: {problem}")
    assert checked > 100, f"only {checked} links checked: the parser found nothing to check"
    return problems


def _page_urls(links: _Links) -> list[str]:
    """The addresses a page names, and what the theme's scripts fetch: the search worker and the index."""
    urls = list(links.urls)
    if links.config:
        config = json.loads(links.config)
        base = config["base"].rstrip("/") + "/"
        urls += [config["search"], base + "search/search_index.json"]
    return urls


def _on_site(raw: str, name: str, prefix: str) -> tuple[str | None, str | None]:
    """The address to resolve on this site (None: another site, or refused) and what is wrong with it."""
    url = raw.strip()
    if not url or url.startswith(EXTERNAL_SCHEMES):
        return None, None
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") or url.startswith("//"):
        if parts.netloc != urlsplit(HOST).netloc:
            return None, None  # another site: not ours to check
        url = parts.path + (f"#{parts.fragment}" if parts.fragment else "")
        if not urlsplit(url).path.startswith(prefix):
            return None, f"{raw} leaves the site's sub-path {prefix}"
        return url, None
    if parts.path.startswith("/") and not parts.path.startswith(prefix):
        return None, f"{raw} is absolute without the sub-path {prefix}"
    if not parts.path.startswith("/") and name == "404.html" and parts.path:
        return None, f"{raw} is relative, but 404.html is served at any address"
    return url, None


def _resolved_problem(served: Served, ids: dict[Path, set[str]], page: Path, page_url: str, url: str,
                      raw: str) -> str | None:
    """The address resolved as a browser does, against the page: a file of the build, and its id."""
    resolved = urlsplit(urljoin(page_url, url))
    target = served.file(resolved.path) if resolved.path else page
    if target is None:
        return f"{raw} -> {resolved.path} does not exist under {served.prefix}"
    if resolved.fragment and target.suffix == ".html" and unquote(resolved.fragment) not in ids.get(target, set()):
        return f"{raw} -> no id `{resolved.fragment}` on {target.relative_to(served.root)}"
    return None


@pytest.fixture(scope="module", params=["https://owner.github.io/cookie-policy/",
                                        "https://owner.github.io/another-name"])
def subpath_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The root site built as the deploy workflow builds it (configure-pages gives no trailing slash)."""
    out = tmp_path_factory.mktemp("subpath")
    result = mkdocs_build(ROOT, out, env={"SITE_URL": request.param, "POLICY_TODAY": "2026-11-22",
                                          "POLICY_PRODUCTION": "1"})
    assert result.returncode == 0, result.stderr
    return out, request.param


def test_every_internal_link_resolves_under_the_sub_path(subpath_build: tuple[Path, str]):
    out, site_url = subpath_build
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert {"index.html", "tr/index.html", "changelog/index.html", "tr/changelog/index.html",
            "versions/index.html", "versions/1.0/index.html", "tr/versions/1.0/index.html", "404.html"} <= pages
    assert check_site(out, site_url) == []


def test_language_switch_and_sitemap_use_the_sub_path(subpath_build: tuple[Path, str]):
    out, site_url = subpath_build
    prefix = urlsplit(site_url).path.rstrip("/") + "/"
    served = Served(out, prefix)
    html = (out / "tr" / "changelog" / "index.html").read_text(encoding="utf-8")
    alternates = dict(re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', html))
    assert alternates, "no language switch found"
    for href in alternates:
        target = served.file(urlsplit(urljoin(served.page_url(out / "tr" / "changelog" / "index.html"), href)).path)
        assert target in (out / "changelog" / "index.html", out / "tr" / "changelog" / "index.html"), href
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations
    for location in locations:
        assert location.startswith(site_url.rstrip("/") + "/"), location
        assert served.file(urlsplit(location).path) is not None, location


def test_the_checker_catches_a_link_that_ignores_the_sub_path(tmp_path: Path):
    site = tmp_path / "site"
    (site / "tr").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "a.css").write_text("", encoding="utf-8")
    anchors = "".join(f'<a id="x{i}" href="#x{i}">{i}</a>' for i in range(101))
    (site / "index.html").write_text(
        f'<link href="assets/a.css">{anchors}<a href="/tr/">root-absolute</a><a href="tr/#nowhere">no id</a>'
        '<a href="missing/">missing</a><a href="https://owner.github.io/elsewhere/">outside</a>', encoding="utf-8")
    (site / "tr" / "index.html").write_text('<h1 id="top">tr</h1><a href="../assets/a.css">ok</a>', encoding="utf-8")
    (site / "404.html").write_text('<a href="tr/">relative</a>', encoding="utf-8")
    problems = check_site(site, "https://owner.github.io/cookie-policy/")
    assert problems == [
        "404.html: tr/ is relative, but 404.html is served at any address",
        "index.html: /tr/ is absolute without the sub-path /cookie-policy/",
        "index.html: tr/#nowhere -> no id `nowhere` on tr/index.html",
        "index.html: missing/ -> /cookie-policy/missing/ does not exist under /cookie-policy/",
        "index.html: https://owner.github.io/elsewhere/ leaves the site's sub-path /cookie-policy/",
    ]
