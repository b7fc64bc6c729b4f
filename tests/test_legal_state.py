"""The legal state of every release, walked day by day, on every surface and in both languages.

The history (on a copy of the TalkOmni site, made with the real `policy release`):

* 1.0 published June 26, to take effect July 2; 1.1 published June 28 for the same July 2 (a
  correction before it took effect): 1.0 never takes effect;
* 1.2 published July 10 for August 1; 1.3 published July 12 for July 20 (a correction taking
  effect earlier): 1.2 never takes effect;
* 1.4 (August 15) and 1.5 (August 20) published on July 25 and 26: two releases not yet in force.

The expected states are written out by hand below, period by period, and each day's site holds
only the releases published by that day (the site as its repository was then).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest

from cookiepolicy.exchange.export import choose
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy
from cookiepolicy.model import legalstate
from cookiepolicy.model.inventory import Policy
from cookiepolicy.render.renderer import Renderer, View, site_interface
from cookiepolicy.render.site import view_for

from .support.helpers import ROOT, copy_site, mkdocs_build, read_page
from .support.history import release

HISTORY = [  # version, published, effective
    ("1.0", "2026-06-26", "2026-07-02"),
    ("1.1", "2026-06-28", "2026-07-02"),
    ("1.2", "2026-07-10", "2026-08-01"),
    ("1.3", "2026-07-12", "2026-07-20"),
    ("1.4", "2026-07-25", "2026-08-15"),
    ("1.5", "2026-07-26", "2026-08-20"),
]
# per version: (first day, last day or None, state, replacing version or last day in force)
PERIODS = {
    "1.0": [("06-26", "06-27", "upcoming", None), ("06-28", None, "replaced", "1.1")],
    "1.1": [("06-28", "07-01", "upcoming", None), ("07-02", "07-19", "in-force", None),
            ("07-20", None, "superseded", "07-19")],
    "1.2": [("07-10", "07-11", "upcoming", None), ("07-12", None, "replaced", "1.3")],
    "1.3": [("07-12", "07-19", "upcoming", None), ("07-20", "08-14", "in-force", None),
            ("08-15", None, "superseded", "08-14")],
    "1.4": [("07-25", "08-14", "upcoming", None), ("08-15", "08-19", "in-force", None),
            ("08-20", None, "superseded", "08-19")],
    "1.5": [("07-26", "08-19", "upcoming", None), ("08-20", None, "in-force", None)],
}
FIRST, LAST = dt.date(2026, 6, 26), dt.date(2026, 8, 25)
PUBLISHED = {v: dt.date.fromisoformat(p) for v, p, _ in HISTORY}
EFFECTIVE = {v: dt.date.fromisoformat(e) for v, _, e in HISTORY}
EN_MONTHS = ["June", "July", "August"]
TR_MONTHS = ["Haziran", "Temmuz", "Ağustos"]


def day(mmdd: str) -> dt.date:
    return dt.date.fromisoformat(f"2026-{mmdd}")


def words(lang: str, date: dt.date) -> str:
    """The date as each language writes it, spelled here by hand (not by the code under test)."""
    if lang == "en":
        return f"{EN_MONTHS[date.month - 6]} {date.day}, {date.year}"
    return f"{date.day} {TR_MONTHS[date.month - 6]} {date.year}"


def expected(version: str, on: dt.date) -> tuple[str, str | None] | None:
    """(state, detail) of ``version`` on ``on`` from the hand-written periods; None before it exists."""
    for start, end, state, detail in PERIODS[version]:
        if day(start) <= on and (end is None or on <= day(end)):
            return state, detail
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(ROOT, tmp_path_factory.mktemp("legal") / "site")
    for version, published, effective in HISTORY[1:]:
        release(site, version, published, effective, f"en=Correction {version}.", f"tr=Düzeltme {version}.")
    return site


@pytest.fixture(scope="module")
def full(site: Path) -> Policy:
    policy, report = load_policy(SiteFiles(site))
    assert policy is not None, report
    assert [(r.version, r.published.isoformat(), r.effective.isoformat()) for r in policy.releases] == HISTORY
    return policy


def as_of(policy: Policy, on: dt.date) -> Policy:
    """The site as it was on ``on``: only the releases published by then."""
    return dataclasses.replace(policy, releases=tuple(r for r in policy.releases if r.published <= on))


def plain(markdown: str) -> str:
    return " ".join(markdown.replace("\xa0", " ").replace("&#160;", " ").split())


def every_day() -> list[dt.date]:
    return [FIRST + dt.timedelta(days=n) for n in range((LAST - FIRST).days + 1)]


def known(on: dt.date) -> list[str]:
    return [v for v, _, _ in HISTORY if PUBLISHED[v] <= on]


def in_force(on: dt.date) -> str | None:
    return next((v for v in known(on) if expected(v, on)[0] == "in-force"), None)


def upcoming(on: dt.date) -> list[str]:
    return [v for v in known(on) if expected(v, on)[0] == "upcoming"]


def test_the_state_function_follows_the_hand_written_periods(full: Policy):
    for on in every_day():
        policy = as_of(full, on)
        for entry in legalstate.states(policy.releases, on):
            state, detail = expected(entry.release.version, on)
            assert entry.state.value == state.replace("replaced", "replaced-before-effect"), (on, entry)
            if state == "replaced":
                assert entry.replaced_by is not None and entry.replaced_by.version == detail
            if state == "superseded":
                assert entry.until == day(detail)
        # and the same on the whole history: a release published later changes nothing before it is
        if on >= max(PUBLISHED.values()):
            assert legalstate.states(full.releases, on) == legalstate.states(policy.releases, on)


FOOTER = {"en": ("Version in force: {v} (since {e})", "No version is in force yet; version {v} takes effect on {e}."),
          "tr": ("Yürürlükteki sürüm: {v} ({e} tarihinden bu yana)",
                 "Henüz yürürlükte olan bir sürüm bulunmamaktadır; {v} sürümü {e} tarihinde yürürlüğe girecektir.")}
ANNOUNCE = {"en": "Version {v} takes effect on {e}.", "tr": "Sürüm {v}, {e} tarihinde yürürlüğe girecektir."}
ARCHIVE = {
    "en": {"upcoming": "This is version {v} of the policy. It takes effect on {e} and is not in force yet.",
           "in-force": "This is the archived copy of version {v}, in force since {e}.",
           "superseded": "This is version {v} of the policy, which was in force from {e} to {u}. "
                         "It is not the version in force today.",
           "replaced": "This is version {v} of the policy. Before it took effect it was replaced by version {n}, "
                       "published {p}; it will not take effect."},
    "tr": {"upcoming": "Bu metin, politikanın {e} tarihinde yürürlüğe girecek olan {v} sürümüdür. "
                       "Bu sürüm henüz yürürlükte değildir.",
           "in-force": "Bu metin, {e} tarihinden bu yana yürürlükte olan {v} sürümünün arşiv kopyasıdır.",
           "superseded": "Bu metin, politikanın {v} sürümüdür. Bu sürüm {e} ile {u} tarihleri arasında "
                         "yürürlükte kalmıştır; bugün yürürlükte olan sürüm değildir.",
           "replaced": "Bu metin, politikanın {v} sürümüdür. Bu sürüm yürürlüğe girmeden, {p} tarihinde "
                       "yayımlanan {n} sürümüyle değiştirilmiştir ve yürürlüğe girmeyecektir."},
}
TABLE = {"en": {"upcoming": "Upcoming", "superseded": "Superseded", "replaced": "Replaced before taking effect"},
         "tr": {"upcoming": "Yürürlüğe girecek", "superseded": "Yürürlükten kalktı",
                "replaced": "Yürürlüğe girmeden değiştirildi"}}
DATES = {"en": ("Published {p} · Effective {e}",
                "Published {p} · Replaced by version {n} before it took effect; it never took effect"),
         "tr": ("Yayım tarihi: {p} · Yürürlük tarihi: {e}",
                "Yayım tarihi: {p} · Yürürlüğe girmeden {n} sürümüyle değiştirildi; yürürlüğe girmemiştir")}


def archive_sentence(lang: str, version: str, on: dt.date) -> str:
    state, detail = expected(version, on)
    values = {"v": version, "e": words(lang, EFFECTIVE[version])}
    if state == "replaced":
        values |= {"n": detail, "p": words(lang, PUBLISHED[detail])}
    if state == "superseded":
        values["u"] = words(lang, day(detail))
    return ARCHIVE[lang][state].format(**values)


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_every_surface_tells_each_days_legal_state(full: Policy, lang: str):
    for on in every_day():
        policy = as_of(full, on)
        current, ahead = in_force(on), upcoming(on)
        shown = current or ahead[0]
        # the footer of every page
        footer = plain(site_interface(Renderer(policy, lang, View(policy.draft, None), on))["version"])
        template = FOOTER[lang][0] if current else FOOTER[lang][1]
        assert footer == template.format(v=shown, e=words(lang, EFFECTIVE[shown])), (on, footer)
        # the production policy page: the version shown, and the announcements above it
        view = view_for(policy, None, on, True, None)
        assert view.release is not None and view.release.version == shown, on
        notices = plain(Renderer(policy, lang, view, on).notices())
        for version in known(on):
            announced = plain(ANNOUNCE[lang].format(v=version, e=words(lang, EFFECTIVE[version])))
            assert (announced in notices) == (version in ahead and version != shown), (on, version, notices)
        # every archived copy's banner
        for version in known(on):
            entry = policy.release(version)
            banner = plain(Renderer(policy, lang, View(entry.inventory, entry, archived=True), on).notices())
            assert archive_sentence(lang, version, on) in banner, (on, version, banner)
        # the versions table: the one in force on its own line, every other with its state
        table = plain(Renderer(policy, lang, View(policy.draft, None), on).versions_table())
        rows = dict(re.findall(r"\| \[(?:Version|Sürüm) ([\d.]+)\]\([^)]*\) \|[^|]*\|[^|]*\| ([^|]+) \|", table))
        assert rows == {v: TABLE[lang][expected(v, on)[0]] for v in known(on) if v != current}, (on, table)
        if current:
            assert re.search(rf"\[(Version|Sürüm) {re.escape(current)}\]", table.split("|")[0]), (on, table)
        else:
            assert table.startswith({"en": "No version of the policy is in force yet.",
                                     "tr": "Politikanın henüz yürürlükte olan bir sürümü bulunmamaktadır."}[lang])
        # the changelog's heading lines
        changelog = plain(Renderer(policy, lang, View(policy.draft, None, production=True), on).changelog())
        for version in known(on):
            state, detail = expected(version, on)
            p = words(lang, PUBLISHED[version])
            line = (DATES[lang][1].format(p=p, n=detail) if state == "replaced"
                    else DATES[lang][0].format(p=p, e=words(lang, EFFECTIVE[version])))
            assert line in changelog, (on, version, changelog)


def test_the_releases_that_took_effect_leave_out_those_replaced(full: Policy):
    """What visitors were shown (the banner's revision may count these): never a replaced release."""
    assert [r.version for r in legalstate.took_effect(full.releases, day("07-01"))] == []
    assert [r.version for r in legalstate.took_effect(full.releases, day("07-19"))] == ["1.1"]
    assert [r.version for r in legalstate.took_effect(full.releases, LAST)] == ["1.1", "1.3", "1.4", "1.5"]


def test_export_of_the_release_in_force_follows_the_days(site: Path):
    for on in [day("07-26"), day("08-01"), day("08-14"), day("08-15"), day("08-19"), day("08-20")]:
        assert choose(SiteFiles(site), in_force=True, date=on).release.version == in_force(on), on


@pytest.mark.parametrize(("on", "build"), [("06-29", "before"), ("07-15", "between")])
def test_real_build_footer_archive_table_and_sitemap(site: Path, tmp_path: Path, on: str, build: str):
    """The same states through the real mkdocs build of the whole history (all releases published)."""
    date = day(on)
    out = tmp_path / build
    result = mkdocs_build(site, out, env={"POLICY_TODAY": date.isoformat(), "POLICY_PRODUCTION": "1"})
    assert result.returncode == 0, result.stderr
    releases = [v for v, _, _ in HISTORY]
    later = {v for v in releases if PUBLISHED[v] > date}  # in the repository already, published ahead

    def state(version: str) -> str:
        if version in later:
            return "upcoming"
        return expected(version, date)[0]

    if build == "before":  # June 29: 1.0 replaced by 1.1, nothing in force; 1.2 to 1.5 are ahead
        current, shown = None, "1.1"
    else:  # July 15: 1.1 in force, 1.0 and 1.2 replaced (1.3 was published July 12), 1.3 to 1.5 ahead
        current, shown = "1.1", "1.1"
    for lang, prefix in [("en", ""), ("tr", "tr/")]:
        for page in ["index.html", "versions/index.html", "changelog/index.html", "404.html"]:
            if page == "404.html" and prefix:
                continue
            html = (out / prefix / page).read_text(encoding="utf-8")
            found = re.findall(r'<div class="policy-version">(.*?)</div>', html)
            # the one 404 page has every language's footer line, each in its own language
            langs = ("en", "tr") if page == "404.html" else (lang,)
            footer = [(FOOTER[one][0] if current else FOOTER[one][1]).format(v=shown, e=words(one, EFFECTIVE[shown]))
                      for one in langs]
            assert [plain(unescape(f)) for f in found] == footer, (lang, page, found)
        text = read_page(out / prefix / "versions" / "1.0" / "index.html").text.replace("\xa0", " ")
        assert archive_sentence(lang, "1.0", date) in text
        assert ANNOUNCE[lang].format(v="1.0", e=words(lang, EFFECTIVE["1.0"])) not in text
        table = read_page(out / prefix / "versions" / "index.html").tables[0]
        rows = {r[0]: r[3] for r in table[1:]}
        name = {"en": "Version", "tr": "Sürüm"}[lang]
        assert rows[f"{name} 1.0"] == TABLE[lang]["replaced"]
        assert all(rows[f"{name} {v}"] == TABLE[lang][state(v)] for v in releases if v not in (current, "1.0"))
        policy_page = read_page(out / prefix / "index.html").text.replace("\xa0", " ")
        assert ANNOUNCE[lang].format(v="1.0", e=words(lang, EFFECTIVE["1.0"])) not in policy_page
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert PUBLISHED[shown].isoformat() in lastmods
    assert PUBLISHED["1.0"].isoformat() not in lastmods or any(  # only 1.0's own archive copy may carry it
        "versions/1.0/" in block for block in re.findall(r"<url>.*?</url>", sitemap, re.S)
        if PUBLISHED["1.0"].isoformat() in block)


def test_the_banner_revision_leaves_out_a_release_replaced_before_it_took_effect():
    """1.1 adds a cookie that needs consent and 1.2, published before 1.1's effective date for the same
    day, takes it out again: visitors went from 1.0 to 1.2 and were never asked for 1.1's cookie, so the
    banner keeps 1.0's revision for 1.2 (counting 1.1, it would ask again for a cookie nobody sets)."""
    from cookiepolicy.exchange.cookieconsent import revision
    from cookiepolicy.exchange.export import Chosen
    from cookiepolicy.model.inventory import Category, Duration, Inventory, Item, Release, Site

    stats = Category("stats", {"en": "Analytics"}, {}, "required", "analytics")
    base = Inventory(categories=(stats,), items=(Item("_a", "cookie", "stats", {"en": "Counts"},
                                                      Duration("fixed", 30, "day")),))
    extra = dataclasses.replace(base, items=(*base.items, Item("_b", "cookie", "stats", {"en": "Counts more"},
                                                               Duration("fixed", 30, "day"))))

    def made(version: str, published: str, effective: str, inventory: Inventory) -> Release:
        return Release(version, dt.date.fromisoformat(published), dt.date.fromisoformat(effective), {}, inventory)

    releases = (made("1.0", "2026-01-01", "2026-01-10", base), made("1.1", "2026-02-01", "2026-03-01", extra),
                made("1.2", "2026-02-10", "2026-03-01", base))
    policy = Policy(Site(company="Acme", domain="acme.example", url="https://acme.example", contact_email=None,
                         languages=("en",), default_language="en"), base, releases)
    assert legalstate.state_of(releases, releases[1], dt.date(2026, 2, 10)).state is legalstate.State.REPLACED
    assert revision(policy, Chosen(policy, base, releases[2])) == 1
    assert revision(policy, Chosen(policy, extra, releases[1])) == 2  # 1.1 itself, exported, counts its change
    # a release that took effect is counted as before: 1.1 in force for a while, then 1.2 (a removal
    # needs no fresh consent)
    kept = (*releases[:2], made("1.2", "2026-03-05", "2026-04-01", base))
    assert revision(dataclasses.replace(policy, releases=kept), Chosen(policy, base, kept[2])) == 2
