"""What a reader's browser must see, as plain functions: each returns a list of failures (empty: fine).

They take a Playwright page (or context) and a served site, so a test can run them on the real
sites and on a deliberately broken copy alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urldefrag

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Response

from .crawling import Crawl, Monitor, crawl  # noqa: F401  (tests import them from here)
from .sites import ItemExpect, PageSpec, ServedSite

MIN_CONTRAST = 4.5
AXE_BLOCKING = ("serious", "critical")
_AXE = Axe()


def goto(page: Page, url: str, idle: bool = False) -> Response | None:
    """Open ``url``; with ``idle``, also wait until its scripts' requests (the search index) are done."""
    response = page.goto(url)
    if idle:
        page.wait_for_load_state("networkidle")
    return response


# ---------------------------------------------------------------- language switcher


def _switch_language(page: Page, lang: str) -> str | None:
    """Use the header's language menu; returns a failure, or None once the new page has loaded."""
    link = page.locator(f".md-header .md-select a.md-select__link[hreflang='{lang}']")
    if link.count() != 1:
        return f"{page.url}: the language menu has {link.count()} link(s) to {lang!r}"
    page.locator(".md-header .md-select").hover()
    try:
        with page.expect_navigation():
            link.click(timeout=5000)
    except PlaywrightError as error:
        return f"{page.url}: cannot choose {lang!r} in the language menu: {error.message.splitlines()[0]}"
    return None


def _heading(page: Page) -> str:
    heading = page.locator("article h1").first
    return " ".join(heading.inner_text().split()).rstrip("¶ ") if heading.count() else ""


def check_language_switch(page: Page, site: ServedSite, lang: str, key: str,
                          others: Iterable[str] | None = None) -> list[str]:
    """From the page in ``lang``, the menu leads to the same page in each other language, and back.

    The other language's page must also be a translation: its title (h1) differs from this one's,
    which catches a page left untranslated (the i18n plugin then serves the default's text).
    """
    failures: list[str] = []
    start = site.url(lang, key)
    goto(page, start)
    title = _heading(page)
    for other in site.languages if others is None else others:
        if other == lang:
            continue
        target = site.url(other, key)
        failure = _switch_language(page, other)
        if failure:
            failures.append(failure)
            goto(page, start)
            continue
        if page.url != target:
            failures.append(f"{start}: the menu's {other!r} leads to {page.url}, expected {target}")
            goto(page, start)
            continue
        actual = page.get_attribute("html", "lang")
        if actual != other:
            failures.append(f"{target}: <html lang={actual!r}>, expected {other!r}")
        translated = _heading(page)
        if title and translated == title:
            failures.append(f"{target}: not translated, its title is the same as in {lang!r} ({title!r})")
        failure = _switch_language(page, lang)
        if failure:
            failures.append(failure)
            goto(page, start)
            continue
        if page.url != start:
            failures.append(f"{target}: the menu's {lang!r} leads to {page.url}, expected {start}")
            goto(page, start)
        elif page.get_attribute("html", "lang") != lang:
            failures.append(f"{start}: <html lang={page.get_attribute('html', 'lang')!r}> after switching back")
    return failures


# ---------------------------------------------------------------- tables


_TABLES = """() => Array.from(document.querySelectorAll('article table'), table => {
  const rect = table.getBoundingClientRect();
  const rows = Array.from(table.rows);
  const head = rows.filter(r => r.parentElement.tagName === 'THEAD');
  const body = rows.filter(r => r.parentElement.tagName !== 'THEAD');
  return {
    visible: table.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
             && rect.width > 0 && rect.height > 0,
    headers: head.flatMap(r => Array.from(r.cells).filter(c => c.tagName === 'TH')
                                            .map(c => c.innerText.trim())),
    rows: body.map(r => ({
      cells: r.cells.length,
      first: r.cells.length ? r.cells[0].innerText.trim() : '',
      name: r.querySelector('td code, th code') ? r.querySelector('td code, th code').innerText.trim() : null,
    })),
  };
})"""


def check_tables(page: Page, site: ServedSite, lang: str, spec: PageSpec) -> list[str]:
    """Every table is visible, has header cells and full rows; policy tables list what the data says.

    The names a table must list come from the default language's page (its macro calls) and the
    data; every language must list the same. The versions table has a row per release.
    """
    url = site.url(lang, spec.key)
    goto(page, url)
    tables = page.evaluate(_TABLES)
    failures = table_failures(url, tables, site.expect(spec) if spec.policy_page else None)
    if spec.versions:
        firsts = [row["first"] for table in tables for row in table["rows"]]
        in_force = site.policy.in_force(site.today)
        releases = [r.version for r in site.policy.releases if not in_force or r.version != in_force.version]
        if len(firsts) != len(releases):
            failures.append(f"{url}: the versions table has {len(firsts)} row(s) for {len(releases)} release(s)")
        for version in releases:
            if not any(version in first.split() for first in firsts):
                failures.append(f"{url}: no row of the versions table names version {version}")
    return failures


def table_failures(url: str, tables: list[dict], expect: ItemExpect | None) -> list[str]:
    """Each table visible, with header cells and full rows; with ``expect``, its rows name the data's items."""
    failures = []
    if expect is not None and expect.required and not tables:
        failures.append(f"{url}: no table, expected the items {sorted(expect.required)}")
    names: list[str] = []
    for number, table in enumerate(tables, start=1):
        failures += _table_shape(f"{url}: table {number}", table)
        names += [row["name"] for row in table["rows"] if row["name"] is not None]
    if expect is not None:
        failures += [f"{url}: no table row for {name!r}, which the data lists"
                     for name in sorted(expect.required - set(names))]
        failures += [f"{url}: a table row for {name!r}, which is not in the data"
                     for name in sorted(set(names) - expect.allowed)]
    return failures


def _table_shape(where: str, table: dict) -> list[str]:
    """A table that is visible, has header cells, and rows with a cell per header."""
    failures = []
    if not table["visible"]:
        failures.append(f"{where} is not visible")
    if not table["headers"]:
        failures.append(f"{where} has no header cells (th)")
    if not table["rows"]:
        failures.append(f"{where} has no rows")
    failures += [f"{where}: row {row['first']!r} has {row['cells']} cells for {len(table['headers'])} headers"
                 for row in table["rows"] if row["cells"] != len(table["headers"])]
    return failures


# ---------------------------------------------------------------- search

_SEARCH_META = re.compile(r'<div class="md-search-result__meta">\s*([^<]*?)\s*</div>')


def check_search(page: Page, site: ServedSite, lang: str, key: str, query: str, wait_ms: int = 5000) -> list[str]:
    """Typing ``query`` in the header's search box lists the page ``key`` of language ``lang``.

    The query is typed once the search reports it is ready; results must come within ``wait_ms``."""
    url = site.url(lang, key)
    response = goto(page, url)
    meta = page.locator(".md-search-result__meta")
    found = _SEARCH_META.search(response.text() if response else "")
    if not found:
        return [f"{url}: no search box (Material's .md-search-result__meta is missing)"]
    initializing = found.group(1)
    box = page.locator(".md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    box.click()
    try:
        page.wait_for_function("text => document.querySelector('.md-search-result__meta').innerText.trim() !== text",
                               arg=initializing, timeout=10000)
    except PlaywrightError:
        return [f"{url}: the search never became ready ({initializing!r})"]
    box.fill(query)
    box.press("End")  # Material searches on keyup: one keyup, one query (no results of a partial query)
    try:
        page.locator(".md-search-result__item").locator("visible=true").first.wait_for(timeout=wait_ms)
    except PlaywrightError:
        return [f"{url}: searching {query!r} finds nothing ({meta.inner_text().strip()!r})"]
    found = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link",
                                      "links => links.filter(a => a.checkVisibility()).map(a => a.href)")
    pages = {urldefrag(href)[0].split("?", 1)[0] for href in found}
    if url not in pages:
        return [f"{url}: searching {query!r} does not list this page; it lists {sorted(pages)}"]
    return []


# ---------------------------------------------------------------- accessibility

_AXE_RUN = "options => axe.run(document, options).then(results => results.violations)"


def check_accessibility(page: Page) -> list[str]:
    """axe-core (the copy axe-playwright-python ships) on the page as it is now: no serious or critical
    violation. Only the violations come back from the page, which keeps a run short."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE.axe_script)
    violations = page.evaluate(_AXE_RUN, {"resultTypes": ["violations"]})
    failures = []
    for violation in violations:
        if violation.get("impact") not in AXE_BLOCKING:
            continue
        targets = [", ".join(map(str, node["target"])) for node in violation["nodes"]]
        failures.append(f"{page.url}: axe {violation['id']} ({violation['impact']}): {violation['help']}; "
                        f"at {'; '.join(targets[:5])}")
    return failures


# ---------------------------------------------------------------- layout and palettes


_LAYOUT = """cardWidth => {
  const out = [];
  const doc = document.documentElement;
  const width = doc.clientWidth;
  if (doc.scrollWidth > width) out.push(`the page is ${doc.scrollWidth}px wide in a ${width}px viewport`);
  const inside = (el, what) => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) { out.push(`${what} is not shown`); return; }
    if (box.left < -0.5 || box.right > width + 0.5) {
      out.push(`${what} spans ${Math.round(box.left)}..${Math.round(box.right)}px, outside the ${width}px viewport`);
    }
  };
  document.querySelectorAll('article table').forEach((table, index) => {
    const name = `table ${index + 1}`;
    if (!table.matches('[data-policy-items]')) {
      const wrap = table.closest('.md-typeset__scrollwrap');
      if (!wrap) { out.push(`${name} is not in a scrolling container`); return; }
      inside(wrap, `${name}'s container`);
      return;
    }
    const cards = width < cardWidth;
    table.querySelectorAll('tbody tr').forEach(row => {
      const label = row.querySelector('td code') ? row.querySelector('td code').innerText : row.id;
      if (!row.id) out.push(`${name}: the row of ${label} has no anchor`);
      const display = getComputedStyle(row).display;
      if (cards && display !== 'block') out.push(`${name}: ${label} is a table row (${display}), not a card`);
      if (!cards && display !== 'table-row') out.push(`${name}: ${label} is not a table row (${display})`);
      let top = -Infinity;
      row.querySelectorAll('td').forEach(cell => {
        inside(cell, `${name}: ${label}'s ${cell.dataset.column}`);
        if (cards) {
          const box = cell.getBoundingClientRect();
          if (box.top < top - 0.5) out.push(`${name}: ${label}'s ${cell.dataset.column} is beside, not below`);
          top = box.top;
          const before = getComputedStyle(cell, '::before').content;
          if (cell.dataset.column !== 'name' && !before.includes(cell.dataset.label)) {
            out.push(`${name}: ${label}'s ${cell.dataset.column} has no label (${before})`);
          }
        }
      });
      row.querySelectorAll('td code').forEach(code => {
        inside(code, `${name}: the name ${code.innerText}`);
      });
    });
  });
  return out;
}"""

CARD_BELOW = 720  # px: policy.css shows item rows as cards below 44.9375em


def check_layout(page: Page) -> list[str]:
    """No sideways scrolling; every item's cells (name, purpose, duration, category...) inside the viewport;
    cards, one cell below the other with its column's label, below CARD_BELOW px, a table above it."""
    return [f"{page.url}: {failure}" for failure in page.evaluate(_LAYOUT, CARD_BELOW)]


def check_phone_layout(page: Page) -> list[str]:
    return check_layout(page)


_CONTRAST = """minimum => {
  const parse = value => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const luminance = c => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
    }
    return layers.reverse().reduce((acc, layer) => over(layer, acc), [255, 255, 255, 1]);
  };
  const cells = Array.from(document.querySelectorAll('article table th, article table td'));
  return {
    scheme: document.body.getAttribute('data-md-color-scheme'),
    cells: cells.length,
    low: cells.flatMap(cell => {
      const targets = [cell, ...cell.querySelectorAll('code, a')];
      return targets.map(el => {
        const bg = background(el);
        const fg = over(parse(getComputedStyle(el).color), bg);
        const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
        return {text: el.innerText.trim().slice(0, 40), ratio: (a + 0.05) / (b + 0.05)};
      });
    }).filter(r => r.text && r.ratio < minimum),
  };
}"""


def check_table_contrast(page: Page) -> list[str]:
    """Table cells (and code and links in them): text against its background at least 4.5:1."""
    result = page.evaluate(_CONTRAST, MIN_CONTRAST)
    if not result["cells"]:
        return [f"{page.url}: no table cell to check"]
    failures = [f"{page.url} [{result['scheme']}]: {low['text']!r} has contrast {low['ratio']:.2f}:1, "
                f"needs {MIN_CONTRAST}:1" for low in result["low"]]
    return failures


def palette_schemes(page: Page) -> list[str]:
    """The colour schemes the palette toggle offers (just the current one without a toggle)."""
    schemes = page.eval_on_selector_all("input[name='__palette']", "inputs => inputs.map(i => i.dataset.mdColorScheme)")
    current = page.get_attribute("body", "data-md-color-scheme") or "default"
    return list(dict.fromkeys(schemes)) or [current]


def set_palette(page: Page, scheme: str) -> None:
    """Click the header's palette toggle until ``scheme`` is on (Material remembers the choice)."""
    for _ in range(len(palette_schemes(page)) + 1):
        if page.get_attribute("body", "data-md-color-scheme") == scheme:
            return
        page.locator("form[data-md-component='palette'] label.md-header__button:not([hidden])").click()
        page.wait_for_timeout(50)
    actual = page.get_attribute("body", "data-md-color-scheme")
    raise AssertionError(f"{page.url}: the palette toggle does not reach {scheme!r} (stuck at {actual!r})")


def screenshot(page: Page, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def report(failures: Iterable[str]) -> str:
    return "\n".join(failures)
