"""The pull-request review: the diff in words plus what needs a reviewer's attention."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .diff import PolicyDiff, diff_inventories
from .localize import Catalog
from .model import Inventory, Policy
from .problems import Report
from .render import sentences

MARKER = "<!-- cookie-policy-review -->"


@dataclass
class Review:
    diff: PolicyDiff
    old: Inventory
    new: Inventory
    attention: list[str] = field(default_factory=list)
    problems: Report = field(default_factory=Report)


def attention_points(diff: PolicyDiff, old: Inventory, new: Inventory) -> list[tuple[str, dict[str, str]]]:
    """Catalog keys and values of what a reviewer should look at twice."""
    points: list[tuple[str, dict[str, str]]] = []
    for change in diff.services:
        if change.kind == "added":
            points.append(("review.new_service", {"name": change.new.name}))
    for change in diff.items:
        item, before = change.new, change.old
        if item is None:
            continue
        if item.third_party and (before is None or not before.third_party):
            points.append(("review.new_third_party_item", {"name": item.name}))
        new_cat = new.category(item.category)
        old_cat = old.category(before.category) if before else None
        if new_cat and new_cat.consent == "required" and (old_cat is None or old_cat.consent == "exempt") \
                and before is not None:
            points.append(("review.needs_consent", {"name": item.name}))
        if before is not None:
            a, b = before.duration.seconds(), item.duration.seconds()
            if a is not None and b is not None and b > a:
                points.append(("review.longer", {"name": item.name}))
    for change in diff.categories:
        if change.kind == "changed" and change.old.consent == "exempt" and change.new.consent == "required":
            points.append(("review.category_consent", {"name": change.key}))
    return points


def review(base: Policy | None, head: Policy | None, head_report: Report, lang: str,
           today: dt.date, fmt: str = "markdown", title: str | None = None) -> str:
    """The review comment (Markdown), or plain text."""
    c = Catalog.get(lang)
    old = base.draft if base else Inventory()
    new = head.draft if head else Inventory()
    diff = diff_inventories(old, new)
    company = (head or base).site.company if (head or base) else ""
    md = fmt == "markdown"
    out = [MARKER, f"## {title or c.t('review.title')}", ""] if md else [title or c.t("review.title"), ""]
    if not head_report.ok:
        out.append(("### " if md else "") + c.t("review.invalid"))
        out += [f"- `{p.format()}`" if md else f"- {p.format()}" for p in head_report.errors]
        out.append("")
    if diff.empty:
        out.append(c.t("review.no_changes"))
    else:
        lines = sentences(diff, lang, company, old, new)
        out.append(c.t("review.count", count=str(len(lines))))
        out.append("")
        out += [f"- {line}" if md else f"- {_plain(line)}" for line in lines]
    points = [c.t(key, **{k: f"`{v}`" if md else v for k, v in values.items()})
              for key, values in attention_points(diff, old, new)]
    missing = [p for p in head_report.problems if "missing translation" in p.message]
    points += [c.t("review.missing_translation", where=p.format()) for p in missing]
    if head and not diff.empty:
        latest = head.latest
        pending = latest is None or not diff_inventories(latest.inventory, head.draft).empty
        planned = head.upcoming(today) or (base and latest and base.latest
                                           and latest.version != base.latest.version)
        if pending and not planned:
            points.append(c.t("review.unreleased"))
    if points:
        out += ["", ("### " if md else "") + c.t("review.attention"), ""]
        out += [f"- {p}" for p in points]
    return "\n".join(out).rstrip() + "\n"


def _plain(line: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"</?code>", "`", line))


def as_json(base: Policy | None, head: Policy | None) -> dict[str, Any]:
    old = base.draft if base else Inventory()
    new = head.draft if head else Inventory()
    diff = diff_inventories(old, new)
    data = diff.to_json()
    data["attention"] = [{"check": key.split(".", 1)[1], **values}
                         for key, values in attention_points(diff, old, new)]
    return data
