"""The pull-request review: the diff in words plus what needs a reviewer's attention."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from typing import Any

from .diff import PolicyDiff, diff_inventories
from .localize import Catalog, format_duration, text
from .markdown import code, escape
from .model import Duration, Inventory, Item, Policy
from .problems import Report
from .render import sentences

MARKER = "<!-- cookie-policy-review -->"
# values that name something from the data: code style in Markdown
_NAMES = {"name", "field", "where"}


@dataclass
class Review:
    diff: PolicyDiff
    old: Inventory
    new: Inventory
    attention: list[str] = field(default_factory=list)
    problems: Report = field(default_factory=Report)


def _provider(item: Item, inventory: Inventory) -> str:
    service = inventory.service(item.provider)
    return service.name if service else item.provider


def attention_points(diff: PolicyDiff, old: Inventory, new: Inventory) -> list[tuple[str, dict[str, Any]]]:
    """Catalog keys and values of what a reviewer should look at twice, read from the diff."""
    points: list[tuple[str, dict[str, Any]]] = []
    for change in diff.services:
        if change.kind == "added":
            points.append(("review.new_service", {"name": change.new.name}))
    for change in diff.categories:
        if change.kind != "changed":
            continue
        if change.old.consent == "exempt" and change.new.consent == "required":
            points.append(("review.category_consent", {"name": change.key, "category": change.new.name}))
        elif change.old.consent == "required" and change.new.consent == "exempt":
            points.append(("review.category_exempt", {"name": change.key, "category": change.new.name}))
    for change in diff.items:
        item, before = change.new, change.old
        if item is None:
            continue
        if item.third_party and (before is None or before.provider != item.provider):
            points.append(("review.new_third_party_item", {"name": item.name, "provider": _provider(item, new)}))
        if before is None:
            continue
        new_cat = new.category(item.category)
        old_cat = old.category(before.category)
        if new_cat and before.category != item.category:
            # a category whose own consent changed is one point above, not one per item
            if new_cat.consent == "required" and (old_cat is None or old_cat.consent == "exempt"):
                points.append(("review.needs_consent", {"name": item.name, "category": new_cat.name}))
            elif new_cat.consent == "exempt" and old_cat is not None and old_cat.consent == "required":
                points.append(("review.no_longer_consent", {"name": item.name, "category": new_cat.name}))
        a, b = before.duration.seconds(), item.duration.seconds()
        if a is not None and b is not None and b > a:
            points.append(("review.longer", {"name": item.name, "old": before.duration, "new": item.duration}))
    return points


_LANGUAGE = re.compile(r"missing translation for language `([^`]+)`")


def review_points(base: Policy | None, head: Policy | None, head_report: Report,
                  draft: bool = True) -> list[tuple[str, dict[str, Any]]]:
    """Every attention point: the diff's, missing translations, and changes that no release includes.

    ``draft`` is False when the new side is a published release: there is nothing to release then.
    """
    old = base.draft if base else Inventory()
    new = head.draft if head else Inventory()
    diff = diff_inventories(old, new)
    points = attention_points(diff, old, new) if head else []
    for problem in head_report:
        match = _LANGUAGE.search(problem.message)
        if match:
            where = problem.file + (f":{problem.line}" if problem.line else "")
            points.append(("review.missing_translation",
                           {"lang": match.group(1), "field": problem.field or "", "where": where}))
    if draft and head and not diff.empty:
        latest = head.latest
        if latest is None or not diff_inventories(latest.inventory, head.draft).empty:
            points.append(("review.unreleased", {}))
    return points


def _words(key: str, values: dict[str, Any], lang: str, md: bool) -> dict[str, str]:
    names = _NAMES - {"name"} if key == "review.new_service" else _NAMES  # a company, not an identifier
    out = {}
    for name, value in values.items():
        if isinstance(value, Duration):
            value = format_duration(value, lang)
        elif isinstance(value, dict):
            value = text(value, lang)
        value = str(value)
        if md:
            out[name] = code(value) if name in names else escape(value)
        else:
            out[name] = value
    return out


def review(base: Policy | None, head: Policy | None, head_report: Report, lang: str,
           today: dt.date, fmt: str = "markdown", title: str | None = None, draft: bool = True) -> str:
    """The review comment (Markdown), or plain text.

    ``head`` None means the new data could not be read at all: the comment lists the errors and
    no changes, rather than reporting every item as removed.
    """
    c = Catalog.get(lang)
    old = base.draft if base else Inventory()
    new = head.draft if head else Inventory()
    diff = diff_inventories(old, new)
    company = (head or base).site.company if (head or base) else ""
    md = fmt == "markdown"
    out = [MARKER, f"## {title or c.t('review.title')}", ""] if md else [title or c.t("review.title"), ""]
    if not head_report.ok:
        out += [("### " if md else "") + c.t("review.invalid"), ""]
        errors = [p.format() for p in head_report if p.severity == "error"]
        out += ["```text", *errors, "```"] if md else [f"- {e}" for e in errors]
        out.append("")
    if head is None:
        out.append(c.t("review.unreadable"))
    elif diff.empty:
        out.append(c.t("review.no_changes"))
    else:
        lines = sentences(diff, lang, company, old, new)
        out.append(c.t("review.count", count=str(len(lines))))
        out.append("")
        out += [f"- {line}" if md else f"- {_plain(line)}" for line in lines]
    points = [c.t(key, **_words(key, values, lang, md))
              for key, values in review_points(base, head, head_report, draft)]
    if points:
        out += ["", ("### " if md else "") + c.t("review.attention"), ""]
        out += [f"- {p}" for p in points]
    return "\n".join(out).rstrip() + "\n"


def _plain(line: str) -> str:
    return html.unescape(re.sub(r"</?code>", "`", line))


def _json_value(value: Any) -> Any:
    if isinstance(value, Duration):
        return value.to_data()
    return value


def as_json(base: Policy | None, head: Policy | None, head_report: Report | None = None,
            draft: bool = True) -> dict[str, Any]:
    """The diff as data, with the attention points and whether the new data validates."""
    head_report = head_report or Report()
    old = base.draft if base else Inventory()
    new = head.draft if head else Inventory()
    data = diff_inventories(old, new).to_json() if head else {**PolicyDiff().to_json(), "changed": None}
    data["valid"] = head_report.ok
    data["errors"] = [p.format() for p in head_report if p.severity == "error"]
    data["attention"] = [{"check": key.split(".", 1)[1], **{k: _json_value(v) for k, v in values.items()}}
                         for key, values in review_points(base, head, head_report, draft)]
    return data
