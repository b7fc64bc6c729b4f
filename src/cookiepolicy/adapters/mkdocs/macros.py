"""The mkdocs-macros entry point: a thin adapter from MkDocs pages to the core renderer.

Every macro reads the page's language when it is called (mkdocs-static-i18n switches it per
build). The loaded site, its per-process cache and the choice of what a page shows live in
``site.py``; this module maps a MkDocs page to (language, page, pinned version) and keys each
macro's Markdown on what it depends on: a page pinned to a release depends on site.yml and the
releases only, so editing the draft re-renders the draft's pages, not the archive.

A strict build stops before writing anything when the data has errors; ``mkdocs serve``
shows them on the page and recovers.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cookiepolicy.adapters.mkdocs.config import config_file
from cookiepolicy.adapters.mkdocs.config import site_files as core_site_files
from cookiepolicy.adapters.mkdocs.pagecache import register as register_page_cache
from cookiepolicy.adapters.mkdocs.pagecache import take_over
from cookiepolicy.adapters.mkdocs.slots import register as register_slots
from cookiepolicy.adapters.mkdocs.slots import take_out
from cookiepolicy.adapters.mkdocs.templatecache import register as register_template_cache
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model import legalstate
from cookiepolicy.model.inventory import Policy
from cookiepolicy.model.problems import PolicyError, Report
from cookiepolicy.render import archive_cache
from cookiepolicy.render.macros import MACROS as TABLE
from cookiepolicy.render.renderer import MissingFact, Renderer, View, site_interface
from cookiepolicy.render.site import MACROS, Loaded, cached, load, renderer, today, view_for
from cookiepolicy.safeio import cache
from cookiepolicy.safeio.memo import Memo, stamp
from cookiepolicy.text.localize import Catalog
from cookiepolicy.text.markdown import escape
from cookiepolicy.text.slugs import search_variants
from cookiepolicy.text.words import reason

log = logging.getLogger("mkdocs.plugins.cookiepolicy")
# Outside mkdocs' namespace on purpose: seen even with -q, yet not counted by --strict, so a
# production deploy of merged-but-unreleased edits goes ahead (without them) and says so.
notice = logging.getLogger("cookiepolicy.build")
if not notice.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    notice.addHandler(_handler)
    notice.propagate = False
_REPORTED: set[tuple[int | str, str]] = set()
# mkdocs-macros reports its setup at INFO on every build and rebuild: kept for `mkdocs -v`.
logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)
__all__ = ["MACROS", "Loaded", "define_env", "load", "on_post_build", "on_post_page_macros", "today", "view_for"]


def settings(config: Any) -> dict[str, Any]:
    extra = config.get("extra") or {}  # MkDocs gives a Mapping (its own config class), not a dict
    policy = extra.get("policy") if isinstance(extra, Mapping) else None
    return dict(policy) if isinstance(policy, Mapping) else {}  # a wrong shape is reported by site_files


_SETTINGS: Memo[tuple[Any, ...], SiteFiles] = Memo()


def site_files(config: Any) -> SiteFiles:
    """The same reading of mkdocs.yml as ``policy validate``'s (raises PolicyError on a wrong shape).

    Asked for by every page (``_page_meta``) and hook: the file is read again only when it changed."""
    config_file = Path(config["config_file_path"]).resolve()
    signature = stamp(config_file)
    key: tuple[Any, ...] = (config_file, signature, config["docs_dir"]) if signature is not None else ()
    files = _SETTINGS.get(key) if key else None
    if files is None:
        found = core_site_files(config_file.parent, config_file)
        files = SiteFiles(root=found.root, data_dir=found.data_dir, docs_dir=config["docs_dir"], config=config_file)
        if key:
            _SETTINGS[key] = files
    return files


def production(config: Any) -> bool:
    """POLICY_PRODUCTION (when set and not empty), else ``extra.policy.production``; read strictly."""
    from cookiepolicy.safeio.envvars import flag, flag_value

    configured = settings(config).get("production", False)
    if not isinstance(configured, bool):
        configured = flag_value("extra.policy.production", str(configured or "false"))
    return flag("POLICY_PRODUCTION", configured)


def _report(config: Any, report: Report) -> None:
    key = (id(config), report.format())
    if key in _REPORTED:
        return
    _REPORTED.add(key)
    for problem in report:
        if problem.severity == "error":
            log.error(problem.format())
        else:
            log.info(problem.format())


# ---------------------------------------------------------------- the macros


def define_env(env: Any) -> None:
    config = env.conf
    register_slots(config)  # generated HTML goes around Python-Markdown (mkdocs_slots)
    register_page_cache(config)  # a page whose Markdown did not change is not converted again
    register_template_cache(config)  # the theme's templates compiled once per process
    try:
        files = site_files(config)
    except PolicyError as exc:  # extra.policy of the wrong shape: reported like broken data
        _report(config, exc.report)
        if config.get("strict"):
            _stop(f"the settings in {exc.report.problems[0].file} have errors, listed above; nothing was built")
        env.variables["policy_problems"] = exc.report
        for name in MACROS:
            env.macro(lambda *args, **kwargs: "", name)
        return
    _check_pages_and_switches(config, files)
    loaded = load(files)
    policy, report = loaded.policy, loaded.report
    _report(config, report)
    if policy is None:
        if config.get("strict"):
            _stop(f"the policy data has {len(report.errors)} error(s), listed above; nothing was built")
        env.variables["policy_problems"] = report
        _fallback_interface(config)
    else:
        _check_languages(config, files, policy)
        _check_banner(config, files, policy)
        env.variables.pop("policy_problems", None)
        _check_calls(config, files, policy)
        _unreleased_notice(config, loaded, policy)
    for name in MACROS:
        env.macro(_bind(env, files, name), name)
    if policy is not None:
        _interface(config, policy)


def _stop(message: str) -> None:
    """End the build with one line (the problems are listed above it)."""
    from mkdocs.exceptions import PluginError

    raise PluginError(message) from None


def _check_pages_and_switches(config: Any, files: SiteFiles) -> None:
    """Before the data is read: the pages' Jinja (parsed, never run: anything beyond the macros stops any
    build) and the switches (a production build reads only the files, never the cache; an unknown one stops it)."""
    from cookiepolicy.render.pageguard import check_pages

    refused = check_pages(files.docs, files.name)
    if refused:
        _report(config, Report(refused))
        _stop(f"{len(refused)} page problem(s), listed above; nothing was built")
    try:
        if production(config):
            cache.disable()
        today()
        cache.setting()
    except PolicyError as exc:
        _stop(str(exc))


def _check_calls(config: Any, files: SiteFiles, policy: Policy) -> None:
    """The pages' macro calls against the data: a page's own headers in a language it is not shown in
    (reported), an argument naming nothing the data has (``cookie_table(category="nope")``: no empty
    table, in any build)."""
    from cookiepolicy.checks.coverage import header_problems
    from cookiepolicy.checks.pageargs import argument_problems

    wrong = header_problems(files, policy)
    if wrong:
        _report(config, Report(wrong))
    unknown = argument_problems(files, policy)
    if unknown:
        _report(config, Report(unknown))
        _stop(f"{len(unknown)} page problem(s), listed above; nothing was built")


def _unreleased_notice(config: Any, loaded: Loaded, policy: Policy) -> None:
    """A production build of merged but unreleased edits says so, once, in the site's own language."""
    pending = loaded.pending()
    if not production(config) or pending is None or pending.empty:
        return
    key = (id(config), "unreleased")
    if key in _REPORTED:
        return
    _REPORTED.add(key)
    count = len(pending.changes()) + len(pending.not_used_added) + len(pending.not_used_removed) + len(pending.site)
    lang = policy.site.default_language  # the site's own language: its team reads the log
    notice.warning("%s", Catalog.get(lang if Catalog.has(lang) else "en").t("build.unreleased", count=count))


def _check_languages(config: Any, files: SiteFiles, policy: Policy) -> None:
    """site.yml, the i18n plugin and the page names must agree (``languages.check_languages``):
    otherwise the site would be built in another language than the data says, or the i18n plugin
    would stop with a traceback. Stops even a non-strict build: nothing right could be built."""
    from cookiepolicy.adapters.mkdocs.languages import check_languages

    problems = check_languages(files, policy.site)
    if problems:
        from mkdocs.exceptions import PluginError

        _report(config, Report(problems))
        raise PluginError(f"the languages of {files.name(files.draft_files()['site'])}, "
                          f"{files.name(config_file(files))} and the pages disagree, "
                          "as listed above; nothing was built")


def _check_banner(config: Any, files: SiteFiles, policy: Policy) -> None:
    """With the banner on, its cookie must be the inventory's consent item (``banner.banner_problems``):
    stops even a non-strict build, as a banner storing an undeclared cookie would be published.
    A build for another host than site.yml's ``url`` says where consent is then stored."""
    if not settings(config).get("cookie_settings"):
        return
    from cookiepolicy.checks.coverage import item_lines
    from cookiepolicy.exchange.banner import banner_problems, consent_item, host_notice

    problems = banner_problems(policy.draft, policy.site, item_lines(files),
                               files.name(files.draft_files()["cookies"]))
    if problems:
        from mkdocs.exceptions import PluginError

        _report(config, Report(problems))
        raise PluginError("the consent banner cannot store consent as the policy declares it, "
                          "as listed above; nothing was built")
    lines = [host_notice(policy.site, config.get("site_url"))]
    if production(config):  # the page shows the release in force: the banner's cookie is that release's
        shown = view_for(policy, None, today(), True, None).inventory
        declared = consent_item(policy.draft)  # never None here: banner_problems stopped the build
        if consent_item(shown) is None and declared is not None:
            lines.append(f"consent banner: the release this production build shows declares no consent cookie; "
                         f"until a release that declares `{declared.name}` is in force, "
                         "the banner stores the choice in its own `cc_cookie`")
    for line in lines:
        if line and ("banner", line) not in _REPORTED:
            _REPORTED.add(("banner", line))
            notice.warning(line)


def _interface(config: Any, policy: Policy) -> None:
    """Material's strings that come from the site's config, in the language being built (each
    language is a build of its own); the 404 page is written once, by the default language."""
    site = policy.site  # the default language first: the 404 page shows its message first
    langs = [code for code in sorted(site.languages, key=lambda c: c != site.default_language) if Catalog.has(code)]
    words = {code: site_interface(Renderer(policy, code, View(policy.draft, None), today())) for code in langs}
    apply_interface(config, words, policy.site.default_language)


def _fallback_interface(config: Any) -> None:
    """The theme words that need no data, in the language being built, for the preview of broken data:
    without them the page around the error list would say "Permanent link" on a Turkish page."""
    i18n = config["plugins"].get("i18n")
    lang = (getattr(i18n, "current_language", None) if i18n else None) or config["theme"]["language"]
    if not Catalog.has(lang):
        return
    c = Catalog.get(lang)
    config["mdx_configs"].setdefault("toc", {})["permalink_title"] = escape(c.t("site.permalink"))
    for option in config["theme"].get("palette") or []:
        if isinstance(option, dict) and isinstance(option.get("toggle"), dict):
            option["toggle"]["name"] = escape(c.t("site.to_light" if option.get("scheme") == "slate"
                                                  else "site.to_dark"))


def apply_interface(config: Any, words: dict[str, dict[str, Any]], default_language: str) -> None:
    """Put the interface ``words`` of each language (``render.site_interface``) into the config of
    the language being built. Separate from the data so a prerendered site can apply the same words."""
    i18n = config["plugins"].get("i18n")  # its on_config runs after ours: ask it which language comes
    lang = getattr(i18n, "current_language", None) or default_language if i18n else \
        config["theme"]["language"]
    langs = list(words)
    if lang not in langs:
        return
    words = {code: dict(value) for code, value in words.items()}
    base = urlsplit(config.get("site_url") or "").path.rstrip("/")
    links = {language.locale: language.link for language in getattr(i18n, "config", {}).get("languages", [])} \
        if i18n else {}
    for code in langs:
        words[code]["root"] = base + (links.get(code) or "/")
    config["extra"]["policy_site"] = {"here": words[lang], "languages": [words[code] for code in langs],
                                      "others": [words[code] for code in langs if code != lang]}
    config["site_description"] = words[lang]["description"]
    config["mdx_configs"].setdefault("toc", {})["permalink_title"] = words[lang]["permalink"]
    for option in config["theme"].get("palette") or []:
        if isinstance(option, dict) and isinstance(option.get("toggle"), dict):
            option["toggle"]["name"] = words[lang]["to_light" if option.get("scheme") == "slate" else "to_dark"]
    templates = config["theme"].static_templates
    if lang == default_language:
        templates.add("404.html")
    else:
        templates.discard("404.html")


# Macros whose output on a page pinned to a release depends on site.yml and the releases only
# (the changelog also lists the draft's unreleased changes).
_ARCHIVE_ONLY = frozenset(name for name, macro in TABLE.items() if not macro.draft_dependent)


def _bind(env: Any, files: SiteFiles, name: str) -> Any:
    # The macro finds the data through _LOADED when it is called, not through a reference of its
    # own: a finished build's objects then keep no loaded policy alive.
    def macro(*args: Any, **kwargs: Any) -> str:
        loaded = cached(files)
        if loaded is None or loaded.policy is None:
            return ""
        page = _page(env)
        pinned = page[2]
        deps = loaded.archive_stamp if pinned is not None and name in _ARCHIVE_ONLY else loaded.stamp
        key = (deps, name, repr(args), repr(sorted(kwargs.items())), *page)
        text = loaded.outputs.get(key)
        frozen = deps is loaded.archive_stamp  # an archived page: kept on disk too (archive_cache)
        stored = None  # its key on disk, computed once on a miss: for the read, then the write
        if text is None and frozen:
            stored = archive_cache.entry_key(files, deps, key[1:])
            text = archive_cache.read(files, deps, key[1:], stored)
            if text is not None:
                loaded.outputs[key] = text
        if text is None:
            try:
                text = str(getattr(renderer(loaded, *page), name)(*args, **kwargs))
            except MissingFact as exc:  # a fact to add to the data: one line, no traceback; --strict stops
                log.error("%s: %s", getattr(getattr(env.page, "file", None), "src_uri", "a page"), exc)
                return ""
            except (ValueError, TypeError, LookupError) as exc:  # an argument the data cannot satisfy
                from cookiepolicy.render.pageguard import call_line, failed_call

                source = Path(getattr(getattr(env.page, "file", None), "abs_src_path", "") or "")
                page_name = files.name(source) if source.name else "a page"
                log.error(failed_call(page_name, call_line(source, name, args, kwargs) if source.name else None,
                                      name, args, kwargs, reason(exc), loaded.policy.site.default_language))
                return ""
            loaded.outputs[key] = text
            if frozen:
                archive_cache.write(files, deps, key[1:], text, stored)
        return text

    macro.__name__ = name
    macro.__doc__ = TABLE[name].doc
    return macro


def _page(env: Any) -> tuple[str, str, str | None, dt.date, bool]:
    """What a macro's output depends on besides the data: language, page, pinned version, date, mode."""
    config = env.conf
    page = env.page
    meta = getattr(page, "meta", None) or {}
    pinned = meta.get("policy_version")
    src = page.file.src_uri if page is not None and getattr(page, "file", None) else "index.md"
    return (config["theme"]["language"], src, None if pinned is None else str(pinned), today(),
            production(config))


def on_post_page_macros(env: Any) -> None:
    """With broken data, every page starts with the list of problems (``mkdocs serve`` keeps running);
    the page's generated HTML blocks are taken out of the Markdown, put back after it (``mkdocs_slots``)."""
    _page_meta(env)
    take_out(env)
    take_over(env.page)
    report: Report | None = env.variables.get("policy_problems")
    if not report:
        return
    lang = env.conf["theme"]["language"]
    c = Catalog.get(lang if Catalog.has(lang) else "en")
    lines = "\n".join(f"    - {escape(p.format(c.lang))}" for p in report.errors)  # in the page's language
    box = f'!!! failure "{escape(c.t("errors.title"))}"\n    {escape(c.t("errors.note"))}\n\n{lines}\n\n'
    env.markdown = box + env.markdown


def _page_meta(env: Any) -> None:
    """An archived version stays out of search (it has the current policy's words); the sitemap's
    ``lastmod`` is the date of the release a page shows, never the build date."""
    try:
        loaded = cached(site_files(env.conf))
    except PolicyError:
        return
    meta = getattr(env.page, "meta", None)
    if loaded is None or loaded.policy is None or meta is None:
        return
    title = str(meta.get("title") or getattr(env.page, "title", None) or env.conf.get("site_name") or "")
    meta.update(page_meta(loaded.policy, meta, env.conf["theme"]["language"], title, today()))


def page_meta(policy: Policy, meta: dict[str, Any], lang: str, title: str, day: dt.date) -> dict[str, Any]:
    """What the build adds to a page's metadata (the static baseline of the benchmark writes the same):
    an archived version stays out of search (it has the current policy's words) and its title names its
    version ("Cookie Policy, version 1.0"), so a tab, a bookmark or a search result never passes for the
    policy in force; the sitemap's ``lastmod`` is the date of the release a page shows, never the build date."""
    pinned = meta.get("policy_version")
    release = (policy.release(str(pinned)) if pinned is not None
               else legalstate.shown(policy.releases, day) or policy.latest)
    extra: dict[str, Any] = {}
    if pinned is not None:
        if "search" not in meta:
            extra["search"] = {"exclude": True}
        c = Catalog.get(lang if Catalog.has(lang) else "en")
        if title and not title.endswith(c.t("release.archive_title", title="", version=str(pinned))):
            extra["title"] = c.t("release.archive_title", title=title, version=str(pinned))
    if release is not None:
        extra["policy_lastmod"] = release.published.isoformat()
    return extra


SEARCH_FIELD = "spellings"  # declared under the search plugin's `fields` in each site's mkdocs.yml


def _search_spellings(env: Any) -> None:
    """Each search entry of this build also gets the other spellings of its words (Turkish lower case,
    no diacritics), in a field the search matches but never shows. The i18n plugin writes the index of
    every language after this, from these same entries."""
    plugins = env.conf["plugins"]
    search = plugins.get("material/search") or plugins.get("search")
    index = getattr(search, "search_index", None)
    if index is None or SEARCH_FIELD not in (search.config.get("fields") or {}):
        return
    for entry in getattr(index, "entries", []):
        if SEARCH_FIELD not in entry:
            entry[SEARCH_FIELD] = search_variants(f"{entry.get('title', '')} {entry.get('text', '')}")


_PUBLISHED: Memo[Path, tuple[Any, ...]] = Memo()


def on_post_build(env: Any) -> None:
    """Publish the machine-readable exports next to the pages (``/cookies.json``, ...), and the
    consent banner's configuration when ``extra.policy.cookie_settings`` is on. The i18n plugin
    builds each language into the same folder: the files are written once. Also adds the search
    spellings (``_search_spellings``)."""
    from cookiepolicy.exchange.export import published

    _search_spellings(env)
    config = env.conf
    try:
        files = site_files(config)
    except PolicyError:  # settings of the wrong shape: reported by define_env, nothing to publish
        return
    loaded = cached(files)
    if loaded is None or loaded.policy is None:
        return
    site_dir = Path(config["site_dir"])
    banner = bool(settings(config).get("cookie_settings"))
    from cookiepolicy.adapters.mkdocs.notices import write_notices

    write_notices(config, files, loaded.policy, today(), production(config), banner)  # every language's pages
    key = (loaded.stamp, today(), production(config), banner)
    if _PUBLISHED.get(site_dir) == key and (site_dir / "cookies.json").exists():
        return
    try:
        outputs, warnings = published(files, today(), production(config), banner, loaded.outputs,
                                      (loaded.archive_stamp,), config.get("site_url"))
    except PolicyError as exc:  # the release a production build shows declares a consent cookie the banner cannot store
        from mkdocs.exceptions import PluginError

        _report(config, exc.report)
        raise PluginError("the consent banner's configuration could not be written, as listed above") from None
    for warning in warnings:  # once per process: a rebuild of `mkdocs serve` stays one line
        if ("tcf", warning) not in _REPORTED:
            _REPORTED.add(("tcf", warning))
            log.info("tcf-disclosure: %s", warning)
    for name, content in outputs.items():
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    _PUBLISHED[site_dir] = key
