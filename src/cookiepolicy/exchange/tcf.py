"""The IAB TCF device storage disclosure of the inventory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.text.localize import text

if TYPE_CHECKING:
    from cookiepolicy.exchange.export import Chosen
from cookiepolicy.exchange.cookieconsent import MAX_COOKIE_SECONDS
from cookiepolicy.loading.tcf import TcfPurposes, tcf_mapping


def to_tcf(chosen: Chosen, files: SiteFiles) -> dict[str, Any]:
    """The disclosure; items whose lifetime is not a fixed period add a line to ``chosen.warnings``."""
    inv, site = chosen.inventory, chosen.site
    mapping = tcf_mapping(files, inv)
    lang = "en" if "en" in site.languages else site.default_language  # the specification suggests English
    disclosures = []
    domains: list[str] = []
    for item in inv.items:
        purposes = mapping.get(item.category, TcfPurposes(()))
        domain = item.domain or site.domain  # none when site.yml states no domain: the disclosure names none
        if domain and domain not in domains:
            domains.append(domain)
        entry: dict[str, Any] = {"identifier": item.name,
                                 "type": "cookie" if item.storage == "cookie" else "web"}
        if item.storage == "cookie":
            seconds = item.duration.seconds()
            if item.duration.kind == "not-stated":  # no number the company did not state, not even the cap
                chosen.warnings.append(
                    f"cookie `{item.name}` is left out of the disclosure: its lifetime is not stated "
                    "(`duration: not-stated`) and the specification needs one in seconds; state its duration")
                continue
            if seconds is None or seconds == float("inf"):
                seconds = MAX_COOKIE_SECONDS
                chosen.warnings.append(
                    f"cookie `{item.name}` has no fixed lifetime ({item.duration.to_data()}); the disclosure "
                    f"states {MAX_COOKIE_SECONDS} seconds (400 days, the longest a browser keeps a cookie): "
                    "give it a fixed duration for an exact value")
            entry["maxAgeSeconds"] = int(seconds)
            entry["cookieRefresh"] = False
        else:
            entry["maxAgeSeconds"] = None
        if domain:
            entry["domains"] = [domain]
        entry["purposes"] = list(purposes.purposes)
        if purposes.special_purposes:
            entry["specialPurposes"] = list(purposes.special_purposes)
        entry["description"] = text(item.purpose, lang)
        disclosures.append(entry)
    return {"disclosures": disclosures, "domains": [{"domain": d} for d in domains]}
