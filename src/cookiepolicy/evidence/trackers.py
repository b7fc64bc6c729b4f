"""Requests that look like pixels or URL trackers (EDPB Guidelines 2/2023 treat them like cookies):
a request to another site whose query carries identifiers. Recorded as evidence of what was sent,
never as a finding by itself: the audit judges it against the policy's services."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

PIXEL_TYPES = {"image", "ping", "beacon"}  # an image or a navigator.sendBeacon(): a pixel
URL_TYPES = {"fetch", "xhr", "document", "media", "other", "eventsource", "websocket"}  # scripts and styles: not
# query parameters that name a visitor, a client or a click whatever their value
ID_NAMES = {"id", "uid", "cid", "sid", "tid", "pid", "user", "userid", "user_id", "client_id", "visitor",
            "visitor_id", "fbclid", "gclid", "msclkid", "dclid", "_ga", "_gid", "_fbp"}
_ID_VALUE = re.compile(r"[A-Za-z0-9._~-]{8,}")


def _identifier(name: str, value: str) -> bool:
    return name.lower() in ID_NAMES or bool(_ID_VALUE.fullmatch(value) and re.search(r"[0-9]", value))


def looks_like(url: str, resource_type: str) -> tuple[str, tuple[str, ...]] | None:
    """("pixel" or "url", the names of the query's parameters that carry identifiers), or None."""
    kind = "pixel" if resource_type in PIXEL_TYPES else "url" if resource_type in URL_TYPES else None
    if kind is None:
        return None
    params = tuple(sorted({k for k, v in parse_qsl(urlsplit(url).query, keep_blank_values=True) if _identifier(k, v)}))
    return (kind, params) if params else None
