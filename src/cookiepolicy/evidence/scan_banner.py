"""``policy scan --banner``: the scan gives or refuses consent through the project's own banner
(vanilla-cookieconsent started by ``run.js`` with the exported configuration), as a visitor would:
by clicking its buttons. Other banners keep ``--accept SELECTOR`` and ``--consent-script``."""

from __future__ import annotations

from typing import Any

CHOICES = ("accept", "reject", "preferences")
_FOUND_JS = "() => !!(window.CookieConsent && window.cookiePolicyConsent)"
_VALID_JS = "() => window.CookieConsent.validConsent()"
# the banner's buttons by their role (vanilla-cookieconsent 3 marks each with data-role)
_FIRST_LAYER = "#cc-main .cm"
_PREFERENCES = "#cc-main .pm"
_BUTTON = {"accept": f'{_FIRST_LAYER} [data-role="all"]', "reject": f'{_FIRST_LAYER} [data-role="necessary"]',
           "show": f'{_FIRST_LAYER} [data-role="show"]', "save": f'{_PREFERENCES} [data-role="save"]'}


def has_banner(page: Any) -> bool:
    """Whether the page runs this project's banner with an exported configuration."""
    try:
        return bool(page.evaluate(_FOUND_JS))
    except Exception:  # a page that navigated away or has no scripts runs no banner
        return False


def choose(page: Any, choice: str, timeout_ms: float) -> None:
    """Accept all, reject all, or open the preferences and save them as shown (consent categories off);
    raises when the banner did not record a choice."""
    page.wait_for_selector(_FIRST_LAYER, state="visible", timeout=timeout_ms)
    if choice == "preferences":
        page.click(_BUTTON["show"], timeout=timeout_ms)
        page.wait_for_selector(_PREFERENCES, state="visible", timeout=timeout_ms)
        page.click(_BUTTON["save"], timeout=timeout_ms)
    else:
        page.click(_BUTTON[choice], timeout=timeout_ms)
    page.wait_for_function(_VALID_JS, timeout=timeout_ms)
