"""The audit's report: Markdown (the look of the review comment), plain text, or JSON."""

from __future__ import annotations

from typing import Any

from cookiepolicy.evidence.audit import Finding
from cookiepolicy.model.inventory import Duration
from cookiepolicy.text.localize import Catalog, format_list, running_duration, text
from cookiepolicy.text.markdown import code, escape

MARKER = "<!-- cookie-policy-audit -->"


def _subject(c: Catalog, finding: Finding, md: bool) -> str:
    name = code(finding.name) if md else f"`{finding.name}`"
    return c.t(f"audit.subject.{finding.storage}", name=name)


_CODE = ("host", "observed", "declared", "attribute", "params")  # shown as code in Markdown
_WORDS = {"tracker": "audit.tracker_kind", "phase": "audit.phase"}  # ids shown as the catalog's words


def _value(c: Catalog, key: str, value: Any, lang: str, md: bool) -> str:
    if key in _WORDS:
        shown, key = c.t(f"{_WORDS[key]}.{value}"), ""
    elif isinstance(value, Duration):
        shown, key = running_duration(value, lang), ""
    else:
        shown = text(value, lang) if isinstance(value, dict) else str(value)
    if not md:
        return shown
    return code(shown) if key in _CODE else escape(shown)


def _key(finding: Finding) -> str:
    if finding.check == "undeclared" and "platform" in finding.values:
        return "audit.undeclared_known"
    if finding.check == "third_party" and "tracker" in finding.values:
        return "audit.third_party_tracker"
    return f"audit.{finding.check}"


def _sentence(c: Catalog, finding: Finding, lang: str, md: bool) -> str:
    values = {key: _value(c, key, value, lang, md) for key, value in finding.values.items()}
    subject = _subject(c, finding, md) if finding.storage else ""
    return c.t(_key(finding), subject=subject, **values)


def report(findings: list[Finding], lang: str, fmt: str, policy_label: str, sources: list[str]) -> str:
    """The audit as Markdown (the review comment's look) or plain text."""
    c = Catalog.get(lang)
    md = fmt == "markdown"
    problems = [f for f in findings if not f.informational]
    info = [f for f in findings if f.informational]
    names = format_list([code(s) if md else s for s in sources], lang)
    out = [MARKER, f"## {c.t('audit.title')}", ""] if md else [c.t("audit.title"), ""]
    out += [c.t("audit.compared", sources=names, policy=policy_label), ""]
    if not problems:
        out += [c.t("audit.clean"), ""]
    for title, group in ((c.t("audit.problems", count=len(problems)), problems),
                         (c.t("audit.info", count=len(info)), info)):
        if not group:
            continue
        out += [("### " if md else "") + title, ""]
        for finding in group:
            out.append(f"- {_sentence(c, finding, lang, md)}")
            if finding.suggestion:
                block = ["```yaml", *finding.suggestion.rstrip("\n").splitlines(), "```"] if md else \
                    finding.suggestion.rstrip("\n").splitlines()
                out += [f"  {line}" if line else "" for line in (["", *block, ""] if md else block)]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _json_value(value: Any) -> Any:
    if isinstance(value, Duration):
        return value.to_data()
    return value


def as_json(findings: list[Finding], policy_label: str, sources: list[str],
            states: list[str] | None = None) -> dict[str, Any]:
    """The findings as JSON; ``states``: the scan's states the evidence covers (before, reject, after, gpc)."""
    return {
        "policy": policy_label,
        "sources": sources,
        **({"states": states} if states is not None else {}),
        "problems": sum(1 for f in findings if not f.informational),
        "findings": [{"check": f.check, "name": f.name, "storage": f.storage, "informational": f.informational,
                      **{k: _json_value(v) for k, v in f.values.items()},
                      **({"suggestion": f.suggestion} if f.suggestion else {})} for f in findings],
    }
