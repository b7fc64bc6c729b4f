"""The sites in the repository, what their pages must show, and serving a build as GitHub Pages would.

Every site is found on disk (the root ``mkdocs.yml`` and each ``examples/*/mkdocs.yml``); its
languages, URLs and pages come from its own config and ``docs/``, and what the tables must list
comes from its data, read with the project's loader.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import http.server
import inspect
import re
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.utils import yaml_load

from cookiepolicy.adapters.mkdocs.macros import production, settings
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.model.inventory import Inventory, Policy
from cookiepolicy.render.renderer import Renderer

from ..support.helpers import ROOT, mkdocs_build

TODAY = "2026-11-22"
ITEM_MACROS = ("cookie_table", "category_sections")
_CALL = re.compile(r"\{\{-?\s*(cookie_table|category_sections|versions_table)\s*\((.*?)\)\s*-?\}\}", re.S)
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


@dataclass(frozen=True)
class Language:
    locale: str
    link: str  # where its pages live, relative to the site root: "" or "tr/"


@dataclass(frozen=True)
class PageSpec:
    """One page of a site, in every language: ``key`` is its URL path below a language's root."""

    key: str
    sources: dict[str, Path]  # language -> Markdown source (languages without one fall back to the default's)
    reference: Path  # the default language's source: what every translation must show
    item_calls: tuple[tuple[str, dict], ...] = ()  # cookie_table / category_sections calls, arguments bound
    unparsed_calls: int = 0  # item macro calls whose arguments are not literals
    versions: bool = False  # shows the versions table
    release: str | None = None  # an archived page pins a release with `policy_version`

    @property
    def policy_page(self) -> bool:
        return bool(self.item_calls or self.unparsed_calls)

    @property
    def slug(self) -> str:
        return self.key.strip("/").replace("/", "-") or "index"


@dataclass(frozen=True)
class SiteSpec:
    """A site as configured: enough to build it, serve it and know its pages."""

    slug: str
    root: Path
    config: str
    raw: dict = field(repr=False, compare=False, hash=False)
    languages: tuple[Language, ...] = ()
    sub_path: str = "/"

    @property
    def default(self) -> str:
        return self.languages[0].locale

    @property
    def locales(self) -> list[str]:
        return [lang.locale for lang in self.languages]

    @property
    def docs(self) -> Path:
        return self.root / self.raw.get("docs_dir", "docs")

    def pages(self) -> list[PageSpec]:
        return read_pages(self)


def discover_sites(root: Path = ROOT) -> list[SiteSpec]:
    """The root site (if any) and every ``examples/*/mkdocs.yml``."""
    configs = [root / "mkdocs.yml"] if (root / "mkdocs.yml").exists() else []
    configs += sorted(root.glob("examples/*/mkdocs.yml"))
    return [read_site(path, root) for path in configs]


def read_site(config: Path, repo_root: Path = ROOT) -> SiteSpec:
    with config.open(encoding="utf-8") as f:
        raw = yaml_load(f) or {}
    site_root = config.parent
    slug = _slug(raw.get("site_name", "")) if site_root == repo_root else site_root.name
    slug = slug or site_root.name
    path = urlsplit(str(raw.get("site_url") or "")).path
    sub_path = path if path not in ("", "/") else f"/{slug}/"
    if not sub_path.endswith("/"):
        sub_path += "/"
    if raw.get("use_directory_urls", True) is False:
        raise ValueError(f"{config}: the browser tests expect use_directory_urls (the default)")
    return SiteSpec(slug=slug, root=site_root, config=config.name, raw=raw, languages=_languages(raw),
                    sub_path=sub_path)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _i18n(raw: dict) -> dict | None:
    plugins = raw.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else [
        next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins]
    for name, options in entries:
        if name == "i18n":
            return options or {}
    return None


def _languages(raw: dict) -> tuple[Language, ...]:
    i18n = _i18n(raw)
    if not i18n or not i18n.get("languages"):
        return (Language((raw.get("theme") or {}).get("language", "en"), ""),)
    entries = [lang for lang in i18n["languages"] if lang.get("build", True)]
    default = next((lang for lang in entries if lang.get("default")), entries[0])
    ordered = [default] + [lang for lang in entries if lang is not default]
    out = []
    for lang in ordered:
        link = lang.get("link") or ("/" if lang is default else f"/{lang['locale']}/")
        link = link.strip("/")
        out.append(Language(lang["locale"], f"{link}/" if link else ""))
    return tuple(out)


# ---------------------------------------------------------------- pages and what they must show


def _page_key(rel: str) -> str:
    stem = rel[: -len(".md")]
    parent, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{parent}/" if parent else ""
    return f"{stem}/"


def read_pages(spec: SiteSpec) -> list[PageSpec]:
    locales = spec.locales
    structure = (_i18n(spec.raw) or {}).get("docs_structure", "suffix")
    variants: dict[str, dict[str, Path]] = {}
    for path in sorted(spec.docs.rglob("*.md")):
        rel = path.relative_to(spec.docs).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        lang = spec.default
        if structure == "folder":
            first, _, rest = rel.partition("/")
            if first in locales and rest:
                lang, rel = first, rest
        else:
            match = re.fullmatch(r"(.*)\.([A-Za-z_-]+)\.md", rel)
            if match and match.group(2) in locales:
                lang, rel = match.group(2), match.group(1) + ".md"
        variants.setdefault(_page_key(rel), {})[lang] = path
    pages = []
    for key, sources in variants.items():
        reference = sources.get(spec.default) or next(iter(sources.values()))
        text = reference.read_text(encoding="utf-8")
        calls, unparsed = [], 0
        for name, args in _macro_calls(text):
            if name in ITEM_MACROS:
                if args is None:
                    unparsed += 1
                else:
                    calls.append((name, args))
        meta = _front_matter(text)
        pinned = meta.get("policy_version")
        pages.append(PageSpec(key=key, sources=sources, reference=reference, item_calls=tuple(calls),
                              unparsed_calls=unparsed, versions=any(n == "versions_table" for n, _ in
                                                                    _macro_calls(text)),
                              release=str(pinned) if pinned is not None else None))
    return sorted(pages, key=lambda p: (p.key.count("/"), p.key))


def _front_matter(text: str) -> dict:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    data = yaml.safe_load(match.group(1))
    return data if isinstance(data, dict) else {}


def _macro_calls(text: str) -> list[tuple[str, dict | None]]:
    """Each table macro called in a page, with its arguments bound to names (None: not literals)."""
    out: list[tuple[str, dict | None]] = []
    for match in _CALL.finditer(text):
        name, args = match.groups()
        try:
            node = ast.parse(f"f({args})", mode="eval").body
            assert isinstance(node, ast.Call)
            positional = [ast.literal_eval(a) for a in node.args]
            named = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
            bound = inspect.signature(getattr(Renderer, name)).bind(None, *positional, **named)
        except (SyntaxError, ValueError, TypeError, AssertionError):
            out.append((name, None))
            continue
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        arguments.pop("self", None)
        out.append((name, arguments))
    return out


@dataclass(frozen=True)
class ItemExpect:
    """Names a page's tables must list, and the names they may list (every item of the inventory)."""

    required: frozenset[str]
    allowed: frozenset[str]


def expected_items(policy: Policy, page: PageSpec, in_production: bool, today: dt.date) -> ItemExpect:
    inventory = page_inventory(policy, page, in_production, today)
    required: set[str] = set()
    for name, args in page.item_calls:
        if name == "cookie_table":
            required |= {i.name for i in _items(inventory, args["storage"], args["category"], args["used_on"])}
        else:
            listed = {c.id for c in inventory.categories if c.listed}
            required |= {i.name for i in inventory.items if i.category in listed}
    return ItemExpect(frozenset(required), frozenset(i.name for i in inventory.items))


def _items(inventory: Inventory, storage: str | None, category: str | None, used_on: str | None) -> list:
    return [i for i in inventory.items
            if (storage is None or i.storage == storage)
            and (category is None or i.category == category)
            and (used_on is None or used_on in i.used_on)]


def page_inventory(policy: Policy, page: PageSpec, in_production: bool, today: dt.date) -> Inventory:
    """The inventory the page shows, chosen as the site's macros choose it."""
    if page.release is not None:
        release = policy.release(page.release)
        if release is None:
            raise ValueError(f"{page.reference}: policy_version {page.release} is not a release")
        return release.inventory
    if in_production:
        release = policy.in_force(today) or policy.latest
        return release.inventory if release else policy.draft
    return policy.draft


# ---------------------------------------------------------------- serving under a sub-path


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files of the build under ``sub_path`` only, as GitHub Pages serves a project site."""

    sub_path = "/"

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean == self.sub_path.rstrip("/"):
            clean = self.sub_path  # the directory itself: answered with a redirect to the slash form
        if not clean.startswith(self.sub_path):
            return str(Path(self.directory) / ".outside-the-site")
        return super().translate_path("/" + clean[len(self.sub_path):])

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that drops a connection (it left the page) is not an error worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SubPathServer:
    """An HTTP server on 127.0.0.1 (random port) serving ``directory`` under ``sub_path``."""

    def __init__(self, directory: Path, sub_path: str):
        handler = type("Handler", (_Handler,), {"sub_path": sub_path})
        self.httpd = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.base_url = self.origin + sub_path
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# ---------------------------------------------------------------- a built, served site


@dataclass
class ServedSite:
    spec: SiteSpec
    out: Path
    server: SubPathServer
    pages: list[PageSpec]
    policy: Policy
    in_production: bool
    today: dt.date

    @property
    def base_url(self) -> str:
        return self.server.base_url

    @property
    def origin(self) -> str:
        return self.server.origin

    @property
    def languages(self) -> list[str]:
        return self.spec.locales

    def url(self, lang: str, key: str) -> str:
        link = next(language.link for language in self.spec.languages if language.locale == lang)
        return self.base_url + link + key

    def language_of(self, url: str) -> str:
        """The language a URL under the site belongs to (its path prefix)."""
        rest = url[len(self.base_url):] if url.startswith(self.base_url) else ""
        for language in self.spec.languages[1:]:
            if language.link and rest.startswith(language.link):
                return language.locale
        return self.spec.default

    def page(self, key: str) -> PageSpec:
        return next(p for p in self.pages if p.key == key)

    @property
    def policy_pages(self) -> list[PageSpec]:
        return [p for p in self.pages if p.policy_page]

    def expect(self, page: PageSpec) -> ItemExpect:
        return expected_items(self.policy, page, self.in_production, self.today)

    def close(self) -> None:
        self.server.close()


def serve_site(spec: SiteSpec, out: Path, strict: bool = True) -> ServedSite:
    """Build ``spec`` into ``out`` for the URL it is then served at, and serve it."""
    server = SubPathServer(out, spec.sub_path)
    try:
        env = {"POLICY_TODAY": TODAY, "SITE_URL": server.base_url}
        result = mkdocs_build(spec.root, out, strict=strict, env=env, config=spec.config)
        if result.returncode != 0:
            raise RuntimeError(f"mkdocs build of {spec.root / spec.config} failed:\n{result.stderr}")
        options = settings({"extra": spec.raw.get("extra")})
        files = SiteFiles(root=spec.root, data_dir=options.get("data_dir", "data"),
                          docs_dir=spec.raw.get("docs_dir", "docs"))
        policy, report = load_policy(files)
        if policy is None:
            raise RuntimeError(f"{spec.root}: the data does not load:\n{report.format()}")
        return ServedSite(spec=spec, out=out, server=server, pages=spec.pages(), policy=policy,
                          in_production=production({"extra": spec.raw.get("extra")}),
                          today=dt.date.fromisoformat(TODAY))
    except BaseException:
        server.close()
        raise
