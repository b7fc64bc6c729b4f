"""The change sentences grouped by what each change requires (see ``history.classify``)."""

from __future__ import annotations

from collections.abc import Mapping

from cookiepolicy.history.classify import Level, classify, label, part, reason
from cookiepolicy.history.diff import PolicyDiff
from cookiepolicy.model.inventory import Inventory
from cookiepolicy.text.localize import Catalog


def grouped(diff: PolicyDiff, old: Inventory, new: Inventory, lang: str, company: str,
            places: Mapping[str, Mapping[str, str]] | None = None, headers: Mapping[str, object] | None = None,
            ) -> list[tuple[Level, list[str], list[str]]]:
    """The change sentences grouped by class, highest first: (class, reasons, sentences); fields named by
    ``headers`` (the site's own column headers)."""
    from cookiepolicy.render.sentences import sentences

    classification = classify(diff, old, new)
    groups = []
    for level in (Level.CONSENT, Level.NOTICE, Level.INFORMATIONAL):
        said = [s for entry in classification.at(level) for s in sentences(part(entry), lang, company, old, new,
                                                                           places, headers)]
        if said:
            groups.append((level, [reason(k, lang) for k in classification.reasons(level)], said))
    return groups


def changelog_markdown(diff: PolicyDiff, old: Inventory, new: Inventory, lang: str, company: str,
                       places: Mapping[str, Mapping[str, str]] | None = None,
                       headers: Mapping[str, object] | None = None) -> str:
    """A version's changes for the changelog: what the version requires, then each class's changes."""
    from cookiepolicy.text.localize import format_list
    from cookiepolicy.text.markdown import escape

    c = Catalog.get(lang)
    groups = grouped(diff, old, new, lang, company, places, headers)
    if not groups:
        return ""
    out = [escape(c.t("classify.version", level=label(groups[0][0], lang)))]
    for level, reasons, said in groups:
        out.append(escape(c.t("classify.group", level=label(level, lang), reasons=format_list(reasons, lang))))
        out.append("\n".join(f"- {s}" for s in said))
    return "\n\n".join(out)
