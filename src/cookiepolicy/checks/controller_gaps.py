"""What the law asks of the controller beyond its name and address, and only where it applies: a
representative when the controller is outside the law's territory (KVKK Art. 10(1)(a); GDPR Art. 27),
the data protection officer where there is one (GDPR Art. 13(1)(b)), and the controller's statement on
decisions based solely on automated processing (GDPR Art. 13(2)(f)). The engine never writes one of them:
the data states it, or the lint says it is missing.
"""

from __future__ import annotations

from collections.abc import Callable

from cookiepolicy.model.inventory import Site
from cookiepolicy.model.said import Said
from cookiepolicy.text.words import say

# the EEA, where GDPR needs no representative (Art. 27 applies to controllers outside the Union)
EEA = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
})
# where a controller needs no representative under each law
HOME: dict[str, Callable[[str], bool]] = {"kvkk": lambda country: country == "TR",
                                          "gdpr": lambda country: country in EEA}


def controller_gaps(law: str, site: Site, unshown: str | None) -> list[tuple[str, Said, str, str]]:
    """(topic, message, status, site.yml field) for each gap under ``law``; ``unshown``: the pages that do
    not call {{ automated_decisions() }} (as ``lint`` words it), None when every page does."""
    contact, gaps = site.contact, []
    if not contact.representative and site.country and not HOME[law](site.country):
        # KVKK: a controller abroad appoints one; GDPR Art. 27(2) spares occasional processing: to check
        gaps.append(("representative", say(f"lint.no_representative.{law}", country=site.country),
                     "missing" if law == "kvkk" else "check", "contact.representative"))
    if law == "gdpr" and not contact.dpo:
        gaps.append(("dpo", say("lint.no_dpo"), "check", "contact.dpo"))
    if not contact.automated_decisions:
        if law == "gdpr":
            # Art. 13(2)(f) asks about such decisions where they exist: whether they do is the controller's to say
            gaps.append(("automated_decisions", say("lint.no_automated_decisions", call="{{ automated_decisions() }}"),
                         "check", "contact.automated_decisions"))
    elif unshown is not None:
        gaps.append(("automated_decisions", say("lint.automated_decisions_unshown", where=unshown), "missing",
                     "contact.automated_decisions"))
    return gaps
