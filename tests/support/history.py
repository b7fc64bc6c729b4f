"""A fixture history of releases made with the real `policy release` on a copy of the TalkOmni site.

1.0 is TalkOmni's real release. The later versions are invented for tests only: they add, remove,
rename and change every kind of field, so the changelog and archive have something to show.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .helpers import policy


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _item(data: dict, name: str) -> dict:
    return next(i for i in data["items"] if i["name"] == name)


def release(site: Path, version: str, published: str, effective: str, *summary: str) -> None:
    args = ["release", version, "--published", published, "--effective", effective]
    for text in summary:
        args += ["--summary", text]
    result = policy(site, *args)
    assert result.returncode == 0, result.stderr


def make_history(site: Path) -> None:
    data = site / "data"

    def v11(d: dict) -> None:
        d["items"].append({
            "name": "cf_clearance", "storage": "cookie", "provider": "cloudflare-turnstile",
            "category": "strictly-necessary", "duration": "30 minutes", "attributes": ["HttpOnly", "Secure"],
            "purpose": {"en": "Proves that the bot check was passed", "tr": "Bot doğrulamasının geçildiğini kanıtlar"},
        })
        _item(d, "refresh_token")["duration"] = "14 days"
        _item(d, "auth_token")["purpose"]["en"] = "Keeps you signed in to your dashboard"

    edit_yaml(data / "cookies.yml", v11)
    release(site, "1.1", "2026-08-01", "2026-08-15", "en=Adds bot protection.", "tr=Bot koruması eklendi.")

    def v12_cookies(d: dict) -> None:
        locale = _item(d, "TALKOMNI_USER_LOCALE")
        locale["name"] = "talkomni_locale"
        locale["renamed_from"] = "TALKOMNI_USER_LOCALE"
        d["items"] = [i for i in d["items"] if i["name"] != "theme"]
        _item(d, "conversation_id")["storage"] = "sessionStorage"
        _item(d, "conversation_id")["duration"] = "session"
        _item(d, "refresh_token")["category"] = "preferences"
        d["items"].append({
            "name": "intercom-session-*", "match": "wildcard", "storage": "cookie",
            "provider": "intercom", "category": "preferences",
            "duration": "1 week", "purpose": {"en": "Keeps the support chat open", "tr": "Destek sohbetini açık tutar"},
        })

    def v12_services(d: dict) -> None:
        d["services"].append({
            "id": "intercom", "name": "Intercom",
            "role": {"en": "customer support chat", "tr": "müşteri destek sohbeti"},
            "sets_cookies": {"en": "sets cookies when you open the support chat.",
                             "tr": "destek sohbetini açtığınızda çerez yerleştirir."},
            "policy_url": "https://www.intercom.com/legal/privacy",
        })

    edit_yaml(data / "cookies.yml", v12_cookies)
    edit_yaml(data / "services.yml", v12_services)
    release(site, "1.2", "2026-10-01", "2026-10-15")

    def v13(d: dict) -> None:
        d["items"] = [i for i in d["items"] if i["name"] != "cf_clearance"]
        _item(d, "auth_token")["duration"] = "1 day"

    edit_yaml(data / "cookies.yml", v13)
    release(site, "1.3", "2026-11-20", "2026-12-15", "en=Shorter list.", "tr=Daha kısa liste.")
