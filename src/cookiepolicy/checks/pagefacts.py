"""Pages read the way the build reads them: a macro whose fact the data does not state stops `policy
validate` too, at the page and line of the call, with the build's own words (not only the build)."""

from __future__ import annotations

from collections.abc import Callable

from cookiepolicy.checks.coverage import calls_in, pages_by_language
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model.inventory import Policy, Site
from cookiepolicy.model.problems import ERROR, Problem

# macro -> (the fact it shows, the site.yml field, an example of it): the same as the renderer's `_needs`
NEEDS: dict[str, tuple[Callable[[Site], object], str, str]] = {
    "domain": (lambda site: site.domain, "domain", "domain: example.com"),
    "contact_email": (lambda site: site.contact_email, "contact.email", "contact: {email: privacy@example.com}"),
    "automated_decisions": (lambda site: site.contact.automated_decisions, "contact.automated_decisions",
                            "contact: {automated_decisions: {en: ..., tr: ...}}"),
}


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
                if need is None or need[0](site):
                    continue
                _fact, field, example = need
                problems.append(Problem(
                    file=call.page, line=call.line, field=f"{call.name}()", severity=ERROR,
                    message=f"{call.name}() shows `{field}`, which data/site.yml does not state",
                    hint=f"add e.g. `{example}` to data/site.yml, or remove {{{{ {call.name}() }}}} from the page"))
    return problems
