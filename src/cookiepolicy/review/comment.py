"""The pull-request review: the diff in words plus what needs a reviewer's attention.

A side that cannot be read is never compared as if it were empty: its errors come first and
the entries it could not read are named, not reported as removed (or added).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from babel import Locale
from babel.numbers import format_decimal

from cookiepolicy.history.classify import LEVEL_NAMES, Classification, Level, classify, headline
from cookiepolicy.history.diff import PolicyDiff, Side, diff_inventories
from cookiepolicy.model.claims import CONSENT_FACTS
from cookiepolicy.model.inventory import Duration, Inventory, Item
from cookiepolicy.render.sentences import (
    change_sentences,
    start_sentence,
)
from cookiepolicy.review.pagediff import PageChange, page_sentence
from cookiepolicy.review.pagepreview import Said, said_sentence
from cookiepolicy.review.points import POINT_WEIGHT, POINT_WEIGHTS, attention_points, point_key, point_words
from cookiepolicy.text.localize import Catalog, format_list
from cookiepolicy.text.markdown import code, escape

MARKER = "<!-- cookie-policy-review -->"
COMMENT_LIMIT = 65536  # GitHub's limit for the body of a comment, in characters
# facts of site.yml whose change a reviewer checks on every page (company, contact)
SITE_FACTS = ("company", "contact_email", "domain", "url", "contact_legal_name", "contact_address", "contact_kep",
              "contact_rights_url", "country")


@dataclass
class Comparison:
    """What a review compares: two sides and how the reader knows them ("main (1a2b3c4)")."""

    base: Side
    head: Side
    base_label: str = ""
    head_label: str = ""
    draft: bool = True  # False when the new side is a published release: there is nothing to release then
    pages: tuple[PageChange, ...] = ()  # changes of the policy pages' own text (pagediff)
    lint: tuple[str, ...] = ()  # the lint's findings for the new side, one line each
    says: tuple[Said, ...] = ()  # what the pages will say differently (pagepreview)
    preview_url: str = ""  # where the built preview of the new side is (the workflow run's artifact)
    _diff: PolicyDiff | None = field(default=None, init=False, repr=False)

    @property
    def old(self) -> Inventory:
        return self.base.policy.draft if self.base.policy else Inventory()

    @property
    def new(self) -> Inventory:
        return self.head.policy.draft if self.head.policy else Inventory()

    @property
    def readable(self) -> bool:
        return self.base.policy is not None and self.head.policy is not None

    @property
    def complete(self) -> bool:
        """Both sides were read in full: the diff covers everything."""
        return self.readable and not self.base.unreadable and not self.head.unreadable

    def diff(self) -> PolicyDiff:
        if self._diff is None:
            self._diff = diff_inventories(self.old, self.new, self.base.unreadable, self.head.unreadable) \
                if self.readable else PolicyDiff()
        return self._diff


def classification(cmp: Comparison) -> Classification:
    """What each change of the comparison requires (fresh consent, a new notice, nothing more)."""
    return classify(cmp.diff(), cmp.old, cmp.new)


def level(cmp: Comparison) -> Level:
    """The comparison's class; the pages' own text is wording (informational)."""
    found = classification(cmp).level if cmp.readable else Level.NONE
    return max(found, Level.INFORMATIONAL) if cmp.pages else found


def site_fact_key(old: object, new: object) -> str:
    """A site fact no longer stated is removed, a new one stated: neither "changed from nothing"."""
    return "review.site_fact_removed" if new is None else "review.site_fact_added" if old is None \
        else "review.site_fact"


_LANGUAGE = re.compile(r"missing translation for language `([^`]+)`")


def review_points(cmp: Comparison) -> list[tuple[str, dict[str, Any]]]:
    """Every attention point: the diff's, site facts, missing translations, unreleased changes."""
    diff = cmp.diff()
    points = attention_points(diff, cmp.old, cmp.new) if cmp.readable else []
    # a changed site fact that pages and notices name (company, contact): one point each
    points += [(site_fact_key(f.old, f.new), {"fact": f.field, "old": f.old, "new": f.new})
               for f in diff.site if f.field in SITE_FACTS]
    for problem in cmp.head.report:
        match = _LANGUAGE.search(problem.message)
        if match:
            where = problem.file + (f":{problem.line}" if problem.line else "")
            points.append(("review.missing_translation",
                           {"language": match.group(1), "field": problem.field or "", "where": where}))
    head = cmp.head.policy
    if cmp.draft and head and not diff.empty:
        latest = head.latest
        if latest is None or not diff_inventories(latest.inventory, head.draft).empty:
            points.append(("review.unreleased", {}))
    return sorted(points, key=lambda point: POINT_WEIGHT.get(point[0], len(POINT_WEIGHTS)))


def _legal_changes(diff: PolicyDiff, old: Inventory, new: Inventory) -> PolicyDiff:
    """The part of ``diff`` that changes a legal basis, consent or a transfer abroad."""
    def fields(change: Any) -> set[str]:
        return {f.field for f in change.fields}

    categories = tuple(c for c in diff.categories
                       if c.kind == "changed" and fields(c) & {"legal_basis", "consent", "kind", *CONSENT_FACTS})
    services = tuple(c for c in diff.services
                     if (c.kind == "changed" and fields(c) & {"transfer_abroad", "country", "processor_role"})
                     or (c.kind == "added" and c.new.transfer_abroad))

    def basis_of(inv: Inventory, item: Item | None) -> str | None:
        category = inv.category(item.category) if item is not None else None
        return category.legal_basis if category else None

    items = tuple(c for c in diff.items  # moved to another basis, or added where consent is needed
                  if (c.kind not in ("added", "removed") and basis_of(old, c.old) != basis_of(new, c.new))
                  or (c.kind == "added" and basis_of(new, c.new) == "consent"))
    return PolicyDiff(categories=categories, services=services, items=items)


def change_ranks(kinds: list[tuple[str, str]], legal: set[str]) -> list[int]:
    """Each change's place in a cut comment: legal basis, consent and transfers (0), additions and
    removals (1), the rest (2)."""
    return [0 if sentence in legal else 1 if kind in ("added", "removed") else 2 for kind, sentence in kinds]


# ---------------------------------------------------------------- the comment


def fence(lines: list[str], info: str = "text") -> list[str]:
    """A fenced block that text from data cannot close: the fence is longer than any run of backticks."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    marks = "`" * max(3, longest + 1)
    return [marks + info, *lines, marks]


_ANSI = {"added": "32", "removed": "31", "renamed": "33", "changed": "33", "not_compared": "31", "heading": "1"}


def _paint(line: str, kind: str, color: bool) -> str:
    return f"\033[{_ANSI[kind]}m{line}\033[0m" if color else line


def _plain(line: str) -> str:
    return html.unescape(re.sub(r"</?code>", "`", line))


def count_text(count: int, lang: str) -> str:
    """"1 change", "3 changes"; Turkish has no plural after a number: CLDR plural rules via Babel."""
    form = Locale.parse(lang).plural_form(count)
    c = Catalog.get(lang)
    template = c.maybe(f"review.count.{form}") or c.t("review.count.other")
    return template.format(count=format_decimal(count, locale=lang))


@dataclass(frozen=True)
class _Style:
    """How the comment writes a heading, a line and a label: Markdown, or plain text (coloured or not)."""

    md: bool
    color: bool

    def heading(self, title: str, level: int = 3) -> str:
        return f"{'#' * level} {title}" if self.md else _paint(title, "heading", self.color)

    def line(self, sentence: str, kind: str = "changed") -> str:
        return f"- {sentence}" if self.md else _paint(f"- {_plain(sentence)}", kind, self.color)

    def label(self, value: str) -> str:
        return code(value) if self.md else value


@dataclass
class _Changes:
    """The comment's list of changes: its lead lines, the changes in words, their kinds and weights."""

    body: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    kinds: list[tuple[str, str]] = field(default_factory=list)
    ranks: list[int] = field(default_factory=list)


def review(cmp: Comparison, lang: str, fmt: str = "markdown", color: bool = False, limit: int | None = None,
           full_url: str | None = None) -> str:
    """The review comment (Markdown), or plain text; within ``limit`` characters when one is given.

    Errors come first. A comment over the limit becomes a summary: counts per kind of change,
    the first changes, and where the full review is (``full_url``).
    """
    c = Catalog.get(lang)
    style = _Style(fmt == "markdown", color)
    md = style.md
    head = _head(cmp, c, lang, style)
    errors = _errors(cmp, c, lang, style)
    found = _changes(cmp, c, lang, style)
    body, changes = found.body, found.changes
    points = [start_sentence(c, point_key(key, values), **point_words(key, values, lang, md))
              for key, values in review_points(cmp)]
    tail = ["", style.heading(c.t("review.attention")), "", *[f"- {p}" for p in points]] if points else []
    says = ["", style.heading(c.t("review.page_preview")), "",  # what the pages will say, per language
            *[style.line(said_sentence(said, lang), "removed" if said.kind.endswith("removed") else "added")
              for said in cmp.says]] if cmp.says else []
    findings = ["", style.heading(c.t("review.lint", count=format_decimal(len(cmp.lint), locale=lang))), "",
                *(fence(list(cmp.lint)) if md else [f"- {finding}" for finding in cmp.lint])] if cmp.lint else []
    if md:  # mentions and references from data stay text in the comment
        from cookiepolicy.safeio.terminal import quiet_mentions

        head, errors, body, changes, says, tail, findings = map(quiet_mentions,
                                                                 (head, errors, body, changes, says, tail, findings))
    full = "\n".join([*head, *errors, *body, *changes, *says, *tail, *findings]).rstrip() + "\n"
    if limit is None or len(full) <= limit:
        return full
    return _summary(c, lang, md, head, errors, found.kinds, changes, [*tail, *says, *findings], limit, full_url,
                    found.ranks)


def _head(cmp: Comparison, c: Catalog, lang: str, style: _Style) -> list[str]:
    """The title, the line a reviewer acts on (what the change requires) and the preview link."""
    title = c.t("review.title", old=style.label(cmp.base_label or "?"),
                new=style.label(cmp.head_label) if cmp.head_label else c.t("review.working_tree"))
    head: list[str] = [MARKER, style.heading(title, 2), ""] if style.md else [style.heading(title), ""]
    if cmp.readable:  # the line a reviewer acts on: what the change requires (classify.py)
        first = headline(classification(cmp), lang, extra=len(cmp.pages))
        head += [f"**{first}**" if style.md else first, ""]
    if cmp.preview_url:
        link = f"[{escape(c.t('review.preview_label'))}]({cmp.preview_url})" if style.md else cmp.preview_url
        head += [c.t("review.preview", link=link), ""]
    return head


def _errors(cmp: Comparison, c: Catalog, lang: str, style: _Style) -> list[str]:
    """Each side's errors, the new side's first; a base that reads in full is compared, its warnings are
    not this change's."""
    errors: list[str] = []
    for side, key, rev in ((cmp.head, "review.invalid", None), (cmp.base, "review.base_invalid", cmp.base_label)):
        problems = [p.format(lang) for p in side.report if p.severity == "error"]  # in the comment's language
        if side is cmp.base and side.policy is not None and not side.unreadable:
            problems = []
        if problems:
            errors += [style.heading(c.t(key, rev=style.label(rev or ""))), ""]
            errors += (fence(problems) if style.md else [f"- {p}" for p in problems]) + [""]
    return errors


def _not_compared(cmp: Comparison, c: Catalog, lang: str, style: _Style) -> tuple[list[str], list[str]]:
    """The lines naming what could not be read, and the entries that were not compared."""
    body = [c.t("review.unreadable_file", file=style.label(file))
            for side in (cmp.base, cmp.head) for file, _ in side.unreadable.files]
    whole = {(side, entity) for side, s in (("old", cmp.base), ("new", cmp.head)) for _, entity in s.unreadable.files}
    names = [key.split(":", 1)[1] if entity == "item" else key
             for side, entity, key in cmp.diff().skipped if (side, entity) not in whole]
    if names:
        body.append(c.t("review.not_compared", names=format_list([style.label(n) for n in names], lang)))
    return body, names


def _changes(cmp: Comparison, c: Catalog, lang: str, style: _Style) -> _Changes:
    """The changes in words, counted; a side that cannot be read is said so, never compared as empty."""
    if cmp.head.policy is None:
        return _Changes(body=[c.t("review.unreadable")])
    if cmp.base.policy is None:
        return _Changes(body=[c.t("review.base_unreadable", rev=style.label(cmp.base_label))])
    diff = cmp.diff()
    body, names = _not_compared(cmp, c, lang, style)
    if body:
        body.append("")
    site = cmp.head.policy.site  # the branch's own column names and places
    kinds = change_sentences(diff, lang, site.company, cmp.old, cmp.new, site.usage_places, site.table_headers)
    legal = {sentence for _, sentence in change_sentences(
        _legal_changes(diff, cmp.old, cmp.new), lang, site.company, cmp.old, cmp.new, site.usage_places,
        site.table_headers)} if kinds else set()
    # what the pages themselves say is a change like any other, counted with them (pagediff)
    kinds += [("changed", page_sentence(change, lang)) for change in cmp.pages]
    # an entry that could not be read is a change nobody can describe: listed and counted as not compared
    kinds += [("not_compared", c.t("review.not_compared_entry", name=code(name))) for name in names]
    if not kinds:  # nothing found where nothing could be read is not "no changes"
        incomplete = not cmp.complete or diff.skipped
        return _Changes(body=[*body, c.t("review.no_changes_read" if incomplete else "review.no_changes")])
    return _Changes(body=[*body, count_text(len(kinds), lang), ""],
                    changes=[style.line(sentence, kind) for kind, sentence in kinds], kinds=kinds,
                    ranks=change_ranks(kinds, legal))


def _summary(c: Catalog, lang: str, md: bool, head: list[str], errors: list[str], kinds: list[tuple[str, str]],
             changes: list[str], tail: list[str], limit: int, full_url: str | None,
             ranks: list[int] | None = None) -> str:
    """The comment cut to ``limit``: errors, then the attention points (heaviest first), then the
    changes by weight (legal basis, consent and transfers; additions and removals; the rest), and
    what was left out. The change list is cut before the attention points are."""
    counts = Counter(kind for kind, _ in kinds)  # the sentences the full comment has: not made again
    breakdown = format_list([c.t(f"review.summary_kind.{k}", count=format_decimal(n, locale=lang))
                             for k, n in counts.items()], lang)
    if full_url:
        link = f"[{escape(c.t('review.full_review_label'))}]({full_url})" if md else full_url
        where = c.t("review.full_review", link=link)
    else:
        where = c.t("review.full_review_artifact")
    budget = limit - len("\n".join([*head, where, ""])) - 400  # the summary line and breathing room
    kept_errors = _within(errors, budget // 2, c, md)
    budget -= len("\n".join(kept_errors))
    kept_tail = _within(tail, budget * 2 // 3, c, md)
    budget -= len("\n".join(kept_tail))
    order = sorted(range(len(changes)), key=lambda n: (ranks or [0] * len(changes))[n])
    shown_at = order[:len(_within([changes[n] for n in order], budget, c, md, close=False))]
    shown = [changes[n] for n in sorted(shown_at, key=order.index)]
    left = Counter(kinds[n][0] for n in range(len(kinds)) if n not in set(shown_at))
    summary = c.t("review.summary", breakdown=breakdown, shown=format_decimal(len(shown), locale=lang))
    out = [*head, *kept_errors, summary, "", where, "", *shown]
    if left:
        out += ["", c.t("review.left_out", breakdown=format_list(
            [c.t(f"review.summary_kind.{k}", count=format_decimal(n, locale=lang)) for k, n in left.items()], lang))]
    out += kept_tail
    return "\n".join(out).rstrip() + "\n"


def _within(lines: list[str], budget: int, c: Catalog, md: bool, close: bool = True) -> list[str]:
    """The first lines that fit in ``budget`` characters; an open code fence is closed again."""
    kept: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > budget:
            rest = len(lines) - len(kept)
            if close and md:
                fences = [x for x in kept if re.fullmatch(r"`{3,}(text)?", x)]
                if len(fences) % 2:
                    kept.append(fences[-1].removesuffix("text"))
            if close:
                kept += [c.t("review.errors_more", count=rest), ""]
            break
        kept.append(line)
        used += len(line) + 1
    return kept


def _json_value(value: Any) -> Any:
    if isinstance(value, Duration):
        return value.to_data()
    return value


def as_json(cmp: Comparison) -> dict[str, Any]:
    """The diff as data, with the attention points and whether each side could be read."""
    diff = cmp.diff()
    data = diff.to_json() if cmp.readable else {**PolicyDiff().to_json(), "changed": None}
    data["valid"] = cmp.head.report.ok
    data["complete"] = cmp.complete and not diff.skipped
    data["errors"] = [p.format() for p in cmp.head.report if p.severity == "error"]
    data["base_errors"] = [p.format() for p in cmp.base.report if p.severity == "error"] \
        if (cmp.base.policy is None or cmp.base.unreadable) else []
    data["unreadable_files"] = [file for side in (cmp.base, cmp.head) for file, _ in side.unreadable.files]
    data["pages"] = [asdict(change) for change in cmp.pages]
    data["lint"] = list(cmp.lint)
    data["pages_say"] = [asdict(said) for said in cmp.says]
    if cmp.pages and data.get("changed") is False:
        data["changed"] = True
    if cmp.readable:
        classed = classification(cmp)
        data["classification"] = {
            "class": LEVEL_NAMES[level(cmp)], "exit_code": int(level(cmp)),
            "changes": [{"entity": e.change.entity if e.change else "site" if e.site else "not_used",
                         "key": (e.change.key if e.change else e.site.field if e.site
                                 else e.practice[1] if e.practice else ""),
                         "class": LEVEL_NAMES[e.level], "kinds": list(e.kinds)} for e in classed.entries]}
    data["attention"] = [{"check": key.split(".", 1)[1], **{k: _json_value(v) for k, v in values.items()
                                                            if k != "explicit"}}
                         for key, values in review_points(cmp)]
    return data


__all__ = ["COMMENT_LIMIT", "MARKER", "Comparison", "as_json", "fence", "review"]
