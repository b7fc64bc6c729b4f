"""Turkish case forms the pages ask for on names whose spelling may not give their sound.

A page that writes ``{{ service_name("braze", case="gen") }}`` publishes whatever ending the
spelling suggests ("Braze'nin", where "Breyz'in" is said); nothing in the data tells the engine
otherwise. ``policy validate`` warns about such a call so the author can add ``tr_forms``.
"""

from __future__ import annotations

from cookiepolicy.checks.coverage import Call, site_calls
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model.inventory import Policy
from cookiepolicy.model.problems import WARNING, Problem
from cookiepolicy.text.turkish import SOUNDS, unreadable
from cookiepolicy.text.words import say


def _name(call: Call, policy: Policy) -> str | None:
    """The proper name a Turkish case form is asked for, or None (a common noun, or not a literal)."""
    if not call.literal:
        return None
    case = call.kwargs.get("case")
    if call.name == "company":
        case = case if case is not None else (call.args[0] if call.args else None)
        return policy.site.company if case else None
    if call.name == "service_name" and call.args:
        case = case if case is not None else (call.args[1] if len(call.args) > 1 else None)
        service = policy.draft.service(str(call.args[0]))
        return service.name if service and case else None
    if call.name == "case_form" and call.args:
        case = case if case is not None else (call.args[1] if len(call.args) > 1 else None)
        proper = call.kwargs.get("proper", call.args[2] if len(call.args) > 2 else True)
        return str(call.args[0]) if case and proper else None
    return None


def case_problems(files: SiteFiles, policy: Policy) -> list[Problem]:
    """A warning for each Turkish ``case=`` on a name the engine cannot read and ``tr_forms`` does not cover."""
    problems: list[Problem] = []
    seen: set[tuple[str, int, str]] = set()
    for call in site_calls(files, policy).get("tr", []):
        name = _name(call, policy)
        if not name or name in policy.site.tr_forms or not unreadable(name) or (call.page, call.line, name) in seen:
            continue
        seen.add((call.page, call.line, name))
        problems.append(Problem(
            file=call.page, line=call.line, field=f"{call.name}(case=...)", severity=WARNING,
            message=say("case.silent_e", name=name, count=len(SOUNDS)), hint=say("case.silent_e_hint", name=name)))
    return problems
