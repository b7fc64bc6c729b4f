"""Pages read the way the build reads them: a macro whose fact the data does not state, or whose argument
the macro itself refuses (``cookie_table(group_by="vendor")``), stops `policy validate` too, at the page and
line of the call, with the build's own words (not only the build)."""

from __future__ import annotations

import datetime as dt
import inspect

from cookiepolicy.checks.coverage import Call, calls_in, pages_by_language
from cookiepolicy.checks.pageargs import wrong_arguments
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model.inventory import Policy
from cookiepolicy.model.problems import ERROR, Problem
from cookiepolicy.render.macros import MACROS, Need
from cookiepolicy.render.pageguard import failed_problem
from cookiepolicy.render.renderer import MissingFact, Renderer, View
from cookiepolicy.text.words import reason, say

# macro -> the fact it shows (``macros.Need``): the same table the renderer's ``_needs`` reads
NEEDS: dict[str, Need] = {name: macro.needs for name, macro in MACROS.items() if macro.needs is not None}


def _fields(need: Need) -> str:
    """The field, or "a, b or c" in the command's language."""
    if len(need.fields) == 1:
        return need.fields[0]
    return say("page_facts.any_of", fields="`, `".join(need.fields[:-1]), last=need.fields[-1])


def missing_fact_problems(files: SiteFiles, policy: Policy) -> list[Problem]:
    """An error for each call of a macro that shows a site fact the data does not state, and for each call
    the macro refuses as the build would (``failed_calls``)."""
    site, problems, seen = policy.site, [], set()
    for pages in pages_by_language(files, site.languages, site.default_language).values():
        for path in pages.values():
            if path in seen:
                continue
            seen.add(path)
            for call in calls_in(path.read_text(encoding="utf-8"), files.name(path)):
                need = NEEDS.get(call.name)
                if need is None or need.stated(site):
                    continue
                problems.append(Problem(
                    file=call.page, line=call.line, field=f"{call.name}()", severity=ERROR,
                    message=say("page_facts.missing", macro=call.name, field=_fields(need)),
                    hint=say("page_facts.missing_hint", macro=call.name, example=need.example)))
    return problems + failed_calls(files, policy)


def failed_calls(files: SiteFiles, policy: Policy) -> list[Problem]:
    """Each literal macro call rendered as the build renders it (the draft, in every language its page is
    shown in): an argument the macro refuses is an error with the build's words, once per call. A missing
    fact, an argument naming nothing the data has and a call of the wrong shape are left to their own checks."""
    site, found = policy.site, dict[tuple[str, int, str, str, str], Problem]()
    for lang, pages in pages_by_language(files, site.languages, site.default_language).items():
        renderer = Renderer(policy, lang, View(policy.draft, None), dt.date.today())
        for path in pages.values():
            for call in calls_in(path.read_text(encoding="utf-8"), files.name(path)):
                why = _refused(renderer, call, policy)
                if why is not None:
                    found.setdefault((call.page, call.line, call.name, repr(call.args), repr(call.kwargs)),
                                     failed_problem(call.page, call.line, call.name, call.args, call.kwargs, why))
    return list(found.values())


def _refused(renderer: Renderer, call: Call, policy: Policy) -> str | None:
    """Why the macro refuses this call (its first line), or None."""
    if call.name not in MACROS or not call.literal or wrong_arguments(call, policy):
        return None
    try:
        getattr(renderer, call.name)(*call.args, **call.kwargs)
    except MissingFact:
        return None
    except TypeError as exc:
        return None if _unbound(call) else reason(exc)
    except (ValueError, LookupError) as exc:
        return reason(exc)
    return None


def _unbound(call: Call) -> bool:
    """Arguments that do not fit the macro's signature: the page guard reports them."""
    try:
        inspect.signature(getattr(Renderer, call.name)).bind(None, *call.args, **call.kwargs)
    except TypeError:
        return True
    return False
