"""Pages read the way the build reads them: a macro whose fact the data does not state stops `policy
validate` too, at the page and line of the call, with the build's own words (not only the build)."""

from __future__ import annotations

from cookiepolicy.checks.coverage import calls_in, pages_by_language
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model.inventory import Policy
from cookiepolicy.model.problems import ERROR, Problem
from cookiepolicy.render.macros import MACROS, Need
from cookiepolicy.text.words import say

# macro -> the fact it shows (``macros.Need``): the same table the renderer's ``_needs`` reads
NEEDS: dict[str, Need] = {name: macro.needs for name, macro in MACROS.items() if macro.needs is not None}


def _fields(need: Need) -> str:
    """The field, or "a, b or c" in the command's language."""
    if len(need.fields) == 1:
        return need.fields[0]
    return say("page_facts.any_of", fields="`, `".join(need.fields[:-1]), last=need.fields[-1])


def missing_fact_problems(files: SiteFiles, policy: Policy) -> list[Problem]:
    """An error for each call of a macro that shows a site fact the data does not state."""
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
    return problems
