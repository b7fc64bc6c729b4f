"""The Forgewell test site (tests/sites/forgewell): a large code-hosting site's table of 90 cookies grouped
by its ten third-party providers, with the source policy's own column headers, built strictly in both
languages and read back fact by fact from the HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from .support.helpers import BIN, ROOT, copy_test_site, policy, read_page, run, validated_build

FORGEWELL = ROOT / "tests" / "sites" / "forgewell"
TODAY = {"POLICY_TODAY": "2026-11-22"}


def copy_forgewell(folder: Path) -> Path:
    return copy_test_site("forgewell", folder)


# Each `duration:` written in data/cookies.yml, as a reader must see it in a table cell (read by hand).
DURATIONS = {
    "Session": ("Session", "Oturum süresince"),
    "persistent": ("Persistent", "Siz silene kadar"),
    "5 seconds": ("5 seconds", "5 saniye"),
    "30 seconds": ("30 seconds", "30 saniye"),
    "1 minute": ("1 minute", "1 dakika"),
    "30 minutes": ("30 minutes", "30 dakika"),
    "1 hour": ("1 hour", "1 saat"),
    "2 hours": ("2 hours", "2 saat"),
    "8 hours": ("8 hours", "8 saat"),
    "23 hours": ("23 hours", "23 saat"),
    "24 hours": ("24 hours", "24 saat"),
    "48 hours": ("48 hours", "48 saat"),
    "1 day": ("1 day", "1 gün"),
    "30 days": ("30 days", "30 gün"),
    "90 days": ("90 days", "90 gün"),
    "90 Days": ("90 days", "90 gün"),
    "180 days": ("180 days", "180 gün"),
    "365 days": ("365 days", "365 gün"),
    "6 months": ("6 months", "6 ay"),
    "13 Months": ("13 months", "13 ay"),
    "1 year": ("1 year", "1 yıl"),
    "One year": ("1 year", "1 yıl"),
    "2 years": ("2 years", "2 yıl"),
    "10 years": ("10 years", "10 yıl"),
    "until you sign out": ("Until you sign out", "Oturumu kapatmanıza kadar"),
    "until the sign-in finishes": ("Until the sign-in finishes", "Oturum açma işlemi tamamlanana kadar"),
    "until you close the support chat": ("Until you close the support chat", "Destek sohbetini kapatmanıza kadar"),
    "until 2030-11-09": ("Until November 9, 2030", "9 Kasım 2030 tarihine kadar"),
    "13/24 months": ("13 months in the EEA and the UK; 24 months elsewhere",
                     "AEA ve Birleşik Krallık'ta 13 ay; diğer bölgelerde 24 ay"),
    "6/12 months": ("6 months in the EEA and the UK; 1 year elsewhere",
                    "AEA ve Birleşik Krallık'ta 6 ay; diğer bölgelerde 1 yıl"),
}
GROUPS = {"first-party": "Forgewell", "google-analytics": "Google Analytics", "stripe": "Stripe",
          "cloudflare": "Cloudflare", "hubspot": "HubSpot", "marketo": "Marketo", "zendesk": "Zendesk",
          "hotjar": "Hotjar", "optimizely": "Optimizely", "linkedin": "LinkedIn", "qualtrics": "Qualtrics"}
CATEGORIES = {"necessary": ("Strictly Necessary Cookies", "Zorunlu Çerezler"),
              "preferences": ("Preference Cookies", "Tercih Çerezleri"),
              "analytics": ("Analytics Cookies", "Analitik Çerezler"),
              "support": ("Support Cookies", "Destek Çerezleri"),
              "marketing": ("Marketing Cookies", "Pazarlama Çerezleri")}


def _written(duration: object) -> str:
    """A key of DURATIONS for the raw YAML value (no engine code: the test reads the file itself)."""
    if isinstance(duration, str):
        return duration
    assert isinstance(duration, dict)
    if "by_region" in duration:
        return f"{duration['by_region'][0]['duration'].split()[0]}/" + \
            {"24 months": "24 months", "1 year": "12 months"}[duration["elsewhere"]]
    until = duration["until"]
    return f"until {until['en'] if isinstance(until, dict) else until}"


ROWS = yaml.safe_load((FORGEWELL / "data" / "cookies.yml").read_text(encoding="utf-8"))["items"]


class _Grouped(HTMLParser):
    """Each item table of a page's article with the heading before it and the link between them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.groups: list[dict] = []
        self.heading: list[str] | None = None
        self.last_heading = ""
        self.last_link: str | None = None
        self.cell: list[str] | None = None
        self.in_table = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("h2", "h3"):
            self.heading, self.last_link = [], None
        elif tag == "a" and self.heading is None and not self.in_table and a.get("href", "").startswith("https://"):
            self.last_link = a["href"]
        elif tag == "table" and "data-policy-items" in a:
            self.in_table = True
            self.groups.append({"heading": self.last_heading, "link": self.last_link, "headers": [], "rows": [],
                                "labels": set()})
        elif tag == "tr" and self.in_table and a.get("id"):
            self.groups[-1]["rows"].append([])
        elif tag in ("td", "th") and self.in_table:
            self.cell = []
            if tag == "td":
                self.groups[-1]["labels"].add(a.get("data-label"))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3") and self.heading is not None:
            self.last_heading = "".join(self.heading).replace("¶", "").strip()
            self.heading = None
        elif tag == "table" and self.in_table:
            self.in_table = False
        elif tag in ("td", "th") and self.cell is not None:
            value = " ".join("".join(self.cell).split())
            group = self.groups[-1]
            (group["headers"] if tag == "th" else group["rows"][-1]).append(value)
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading.append(data)
        if self.cell is not None:
            self.cell.append(data)


def grouped(path: Path) -> list[dict]:
    parser = _Grouped()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.groups


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("forgewell")
    return validated_build(copy_forgewell(folder), folder / "out", env=TODAY)


def test_the_site_has_the_shape_of_a_large_table():
    assert len(ROWS) == 90
    third = {row["provider"] for row in ROWS if "provider" in row}
    assert len(third) == 10
    assert len({row["category"] for row in ROWS}) == 5
    assert any("by_region" in row["duration"] for row in ROWS if isinstance(row["duration"], dict))
    assert any(isinstance(row["duration"], dict) and isinstance(row["duration"].get("until"), dict) for row in ROWS)


@pytest.mark.parametrize(("lang", "page"), [("en", "index.html"), ("tr", "tr/index.html")])
def test_every_cookie_is_in_its_providers_table_in_the_written_order(out: Path, lang: str, page: str):
    index = 0 if lang == "en" else 1
    groups = grouped(out / page)
    assert '<h3 id="google-analytics">' in (out / page).read_text(encoding="utf-8")  # level 3 by default
    # groups in the order their first cookie comes in cookies.yml: Forgewell's own first
    assert [g["heading"] for g in groups] == list(GROUPS.values())
    expected: dict[str, list[list[str]]] = {}
    for row in ROWS:
        expected.setdefault(GROUPS[row.get("provider", "first-party")], []).append([
            row["name"], row["purpose"][lang], CATEGORIES[row["category"]][index],
            DURATIONS[_written(row["duration"])][index], row["domain"]])
    for group in groups:
        shown = [[cell.split(" (")[0] if i == 1 else cell for i, cell in enumerate(r)] for r in group["rows"]]
        assert shown == expected[group["heading"]], group["heading"]
    assert sum(len(g["rows"]) for g in groups) == 90


@pytest.mark.parametrize(("lang", "page", "headers"), [
    ("en", "index.html", ["Name", "Typical content", "Type", "Expiration", "Domain"]),
    ("tr", "tr/index.html", ["Adı", "Tipik içerik", "Türü", "Saklama Süresi", "Alan adı"]),
])
def test_headers_from_site_yml_in_each_language(out: Path, lang: str, page: str, headers: list[str]):
    for group in grouped(out / page):
        assert group["headers"] == headers
        assert group["labels"] == set(headers)  # what a phone shows before each value of a card


def test_each_provider_links_its_privacy_policy_if_it_has_one(out: Path):
    links = {g["heading"]: g["link"] for g in grouped(out / "index.html")}
    assert links["Forgewell"] is None
    assert links["Google Analytics"] == "https://policies.google.com/privacy"
    assert links["LinkedIn"] == "https://www.linkedin.com/legal/privacy-policy"
    assert links["Qualtrics"] is None  # none stated in services.yml
    text = (out / "tr" / "index.html").read_text(encoding="utf-8")
    assert ">Google Analytics gizlilik politikası</a>" in text


@pytest.mark.parametrize(("lang", "page", "headers"), [
    # per call ("Cookie name", "Expires after") beats site.yml ("Provider of cookie") beats the catalog
    ("en", "categories/index.html", ["Cookie name", "Provider of cookie", "Expires after", "Legal basis",
                                     "Cross-site"]),
    ("tr", "tr/categories/index.html", ["Çerez adı", "Çerez sağlayıcısı", "Silinme zamanı", "Hukuki sebep",
                                        "Siteler arası"]),
])
def test_grouped_by_category_with_headers_of_the_call(out: Path, lang: str, page: str, headers: list[str]):
    index = 0 if lang == "en" else 1
    groups = grouped(out / page)
    anchor = {"en": "strictly-necessary-cookies", "tr": "zorunlu-cerezler"}[lang]
    assert f'<h2 id="{anchor}">' in (out / page).read_text(encoding="utf-8")  # level=2
    # first met in cookies.yml: the first marketing cookie (_gac_*) comes before the first support cookie
    assert [g["heading"] for g in groups] == [CATEGORIES[c][index] for c in
                                              ("necessary", "preferences", "analytics", "marketing", "support")]
    basis = {"en": ("Strictly necessary, no consent needed", "Explicit consent"),
             "tr": ("Zorunlu, açık rıza gerekmez", "Açık rıza")}[lang]
    yes_no = {"en": ("Yes", "No"), "tr": ("Evet", "Hayır")}[lang]
    for group in groups:
        assert group["headers"] == headers
        cid = next(c for c, names in CATEGORIES.items() if names[index] == group["heading"])
        assert group["rows"] == [
            [row["name"], GROUPS[row.get("provider", "first-party")], DURATIONS[_written(row["duration"])][index],
             basis[0] if cid == "necessary" else basis[1], yes_no[0] if row.get("cross_site") else yes_no[1]]
            for row in ROWS if row["category"] == cid]


def test_a_provider_group_names_the_recipients(tmp_path: Path):
    """A table grouped by provider names each third party as a provider column would (`policy lint`)."""
    site = copy_forgewell(tmp_path)
    lines = [line for line in policy(site, "lint", "--law", "gdpr").stdout.splitlines() if "Art. 13(1)(e)" in line]
    assert lines == []
    for page in ("categories.md", "categories.tr.md"):
        path = site / "docs" / page
        path.write_text(path.read_text(encoding="utf-8").replace('"provider", ', ""), encoding="utf-8")
    for page in ("index.md", "index.tr.md"):
        path = site / "docs" / page
        path.write_text(path.read_text(encoding="utf-8").replace('group_by="provider", ', ""), encoding="utf-8")
    lines = [line for line in policy(site, "lint", "--law", "gdpr").stdout.splitlines() if "Art. 13(1)(e)" in line]
    assert len(lines) == 10 and "third party `hotjar` (Hotjar) is named on no page" in "\n".join(lines)


@pytest.mark.slow
def test_the_zensical_build_shows_the_same_grouped_tables(out: Path, tmp_path: Path):
    """`policy export zensical` expands the same macro calls: groups, headings, headers and rows match."""
    project = tmp_path / "zensical"
    result = policy(FORGEWELL, "export", "zensical", "--output", str(project), env=TODAY)
    assert result.returncode == 0, result.stderr
    for lang in ("en", "tr"):
        result = run([str(BIN / "zensical"), "build", "-f", f"mkdocs.{lang}.yml"], project)
        assert result.returncode == 0, result.stderr + result.stdout
    for page in ("index.html", "tr/index.html", "categories/index.html", "tr/categories/index.html"):
        mkdocs_groups, zensical_groups = grouped(out / page), grouped(project / "site" / page)
        assert len(zensical_groups) in (5, 11)
        assert zensical_groups == mkdocs_groups, page
        assert read_page(project / "site" / page).text == read_page(out / page).text, page
