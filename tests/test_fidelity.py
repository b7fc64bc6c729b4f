"""Fidelity: the facts extracted from the published TalkOmni text appear in the built English page."""

from __future__ import annotations

import re
from pathlib import Path

from .support.helpers import SEEDS, read_page

SEED = SEEDS / "talkomni-1.0.txt"


def seed_facts() -> dict:
    text = SEED.read_text(encoding="utf-8")
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("|") and not line.startswith("|---")]
    header, *body = rows
    services = re.findall(r"^- ([^:]+): ", text, flags=re.MULTILINE)
    return {
        "header": header,
        "rows": body,
        "services": services,
        "emails": re.findall(r"[\w.]+@[\w.]+\w", text),
        "updated": re.search(r"Last updated: (.+)", text).group(1).strip(),
        "effective": re.search(r"Effective date: (.+?) ·", text).group(1).strip(),
        "version": re.search(r"Version ([\d.]+)", text).group(1),
    }


def test_seed_parses_as_expected():
    facts = seed_facts()
    assert len(facts["rows"]) == 3 and facts["header"] == ["Name", "Purpose", "Duration", "Type"]
    assert facts["services"] == ["Stripe", "Cloudflare Turnstile", "Google reCAPTCHA"]


def test_every_seed_fact_is_on_the_english_page(built: Path):
    facts = seed_facts()
    page = read_page(built / "index.html")
    table = page.tables[0]
    assert table[0] == facts["header"]
    assert table[1:] == facts["rows"]  # names, purposes with HTTP-only, durations, types, in order
    for name in facts["services"]:
        assert any(item.startswith(f"{name}:") for item in page.list_items), name
    seed_text = SEED.read_text(encoding="utf-8")
    for item in page.list_items:
        for name in facts["services"]:
            if item.startswith(f"{name}:"):
                sentence = item.split(": ", 1)[1].rsplit(f" {name} privacy policy", 1)[0]
                assert f"{name}: {sentence}" in seed_text
    for email in facts["emails"]:
        assert f"mailto:{email}" in page.links
    assert f"Last updated: {facts['updated']}" in page.text
    assert f"Effective date: {facts['effective']} · Version {facts['version']}" in page.text
    for paragraph in ("Cookies are small text files stored in your browser when you visit a website.",
                      "We use only what the service needs to work.",
                      "These values stay in your browser and are not used to track you across sites.",
                      "Blocking the strictly necessary cookies listed above will prevent signing in to the "
                      "dashboard."):
        assert paragraph in seed_text and paragraph in page.text
