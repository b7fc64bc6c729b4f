"""The cookie tables: one row per item, columns chosen by the page, anchors that survive any name."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cookiepolicy.model.inventory import (
    FIRST_PARTY,
    Duration,
    Inventory,
    Item,
    Service,
    Site,
)
from cookiepolicy.render.macros import (  # the macros' fixed options, declared with the macros
    ATTRIBUTE_MODES,
    COLUMNS,
    DEFAULT_COLUMNS,
    GROUPS,
    NAME_HEADERS,
    SERVICE_COLUMNS,
    SERVICE_TABLE_COLUMNS,
)
from cookiepolicy.render.sentences import basis_key
from cookiepolicy.text.localize import (
    Catalog,
    country_name,
    format_duration,
    format_list,
    lower_first,
    text,
    upper_first,
)
from cookiepolicy.text.markdown import code, escape, link, table
from cookiepolicy.text.words import Refusal

_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_BREAK_AFTER = re.compile(r"(&#95;|&#45;|\.|&#58;)(?!$)")


def item_anchor(item: Item) -> str:
    """A stable fragment for one item, the same in every language: ``cookie-auth_token``."""
    prefix = "cookie" if item.storage == "cookie" else item.storage.lower()
    return f"{prefix}-{_ANCHOR_UNSAFE.sub('-', item.name).strip('-') or 'item'}"


def breakable(escaped_name: str) -> str:
    """Long names may wrap after ``_``, ``-``, ``.`` and ``:`` (never inside a word); copying still gives the name."""
    return _BREAK_AFTER.sub(r"\1<wbr>", escaped_name)


def item_table(columns: Sequence[str], headers: Sequence[str], rows: Sequence[Sequence[str]],
               anchors: Sequence[str]) -> str:
    """An HTML table of items: each row has an anchor, each cell its column's header as ``data-label``
    (a phone shows every row as a card with those labels; the stylesheet decides, see policy.css). Cells are
    separated by a space, so that a search index reading the text keeps the words apart ("Çerez Amacı")."""
    seen: dict[str, int] = {}
    head = " ".join(f'<th scope="col">{h}</th>' for h in headers)
    lines = [f'<table data-policy-items="{len(columns)}">', f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    for anchor, row in zip(anchors, rows, strict=True):
        seen[anchor] = seen.get(anchor, 0) + 1
        rid = anchor if seen[anchor] == 1 else f"{anchor}-{seen[anchor]}"
        cells = " ".join(f'<td data-column="{col}" data-label="{label}">{cell}</td>'
                        for col, label, cell in zip(columns, headers, row, strict=True))
        lines.append(f'<tr id="{rid}">{cells}</tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def columns_for(columns: Sequence[str] | Mapping[str, Sequence[str]], cid: str) -> Sequence[str]:
    if not isinstance(columns, Mapping):
        return columns
    return columns.get(cid, columns.get("*", ("name", "purpose", "duration")))


def _check_columns(macro: str, columns: Sequence[str]) -> None:
    """``columns`` is a list of known columns."""
    if isinstance(columns, str):
        raise Refusal("columns_text", macro=macro, columns=repr(columns), allowed=", ".join(COLUMNS))
    unknown = [col for col in columns if col not in COLUMNS]
    if unknown:
        raise Refusal("columns_unknown", macro=macro, column=repr(unknown[0]), allowed=", ".join(COLUMNS))


def _check_headers(macro: str, headers: object, lang: str) -> None:
    """``headers`` maps known columns to a text, or to a text per language that has one in ``lang``."""
    if not isinstance(headers, Mapping):
        raise Refusal("headers_mapping", macro=macro)
    for col, value in headers.items():
        if col not in COLUMNS:
            raise Refusal("headers_unknown", macro=macro, column=repr(col), allowed=", ".join(COLUMNS))
        if isinstance(value, Mapping):
            if not isinstance(value.get(lang), str) or not value.get(lang):
                raise Refusal("headers_no_text", macro=macro, column=repr(col), lang=lang)
        elif not isinstance(value, str) or not value:
            raise Refusal("headers_not_text", macro=macro, column=repr(col))


class Tables:
    """Mixed into the Renderer: the table and list macros."""

    if TYPE_CHECKING:  # given by the Renderer
        def _site_wording(self, name: str) -> dict[str, Any]: ...
        c: Catalog
        def category_name(self, cid: str, case: str | None = None) -> str: ...
        def duration(self, value: Duration) -> str: ...
        @property
        def inv(self) -> Inventory: ...
        lang: str
        def provider_name(self, item: Item) -> str: ...
        @property
        def site(self) -> Site: ...

    # ------------------------------------------------------------ tables and lists
    def items(self, storage: str | None = None, category: str | None = None,
              used_on: str | None = None) -> list[Item]:
        return [
            i for i in self.inv.items
            if (storage is None or i.storage == storage)
            and (category is None or i.category == category)
            and (used_on is None or used_on in i.used_on)
        ]

    def cookie_table(self, storage: str | None = "cookie", category: str | None = None,
                     columns: Sequence[str] = DEFAULT_COLUMNS, attributes: str = "inline",
                     name_header: str = "name", show_storage: bool = False, used_on: str | None = None,
                     headers: Mapping[str, str | Mapping[str, str]] | None = None,
                     group_by: str | None = None, level: int = 3) -> str:
        """A table of items in cookies.yml's order; ``attributes`` is "inline" (after the purpose),
        "column" or "none". ``group_by`` ("provider" or "category") makes one table per group, each
        under a heading of ``level``, groups in the order their first item comes in cookies.yml."""
        self._check_table("cookie_table", columns, name_header, headers, group_by, level, attributes)
        items = self.items(storage, category, used_on)
        if group_by is None:
            return self._table(items, columns, attributes, name_header, show_storage, headers)
        groups: dict[str, list[Item]] = {}
        for item in items:
            groups.setdefault(item.provider if group_by == "provider" else item.category, []).append(item)
        out = []
        for key, members in groups.items():
            parts = [f"{'#' * level} {self._group_heading(group_by, key, members[0])}"]
            service = self.inv.service(key) if group_by == "provider" and key != FIRST_PARTY else None
            if service and service.policy_url:
                parts.append(link(self.c.t("service.policy_link", name=service.name), service.policy_url))
            parts.append(self._table(members, columns, attributes, name_header, show_storage, headers))
            out.append("\n\n".join(parts))
        return "\n\n".join(out)

    def _group_heading(self, group_by: str, key: str, item: Item) -> str:
        """A group's name: the site's company for its own items, a service's or a category's name."""
        return self.provider_name(item) if group_by == "provider" else self.category_name(key)

    def _check_table(self, macro: str, columns: Sequence[str], name_header: str,
                     headers: Mapping[str, object] | None, group_by: str | None = None, level: int = 3,
                     attributes: str = "inline") -> None:
        """Arguments a page author may mistype: each error names the macro, the argument and what is allowed."""
        if attributes not in ATTRIBUTE_MODES:
            raise Refusal("attributes", macro=macro, value=repr(attributes), allowed=", ".join(ATTRIBUTE_MODES))
        _check_columns(macro, columns)
        if name_header not in NAME_HEADERS:
            raise Refusal("name_header", macro=macro, value=repr(name_header), allowed=", ".join(NAME_HEADERS))
        if group_by is not None and group_by not in GROUPS:
            raise Refusal("group_by", macro=macro, value=repr(group_by), allowed=", ".join(GROUPS))
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 6:
            raise Refusal("level", macro=macro, value=repr(level))
        if headers is not None:
            _check_headers(macro, headers, self.lang)

    def _header(self, column: str, name_header: str = "name",
               headers: Mapping[str, str | Mapping[str, str]] | None = None) -> str:
        """A column's header: the call's own, else site.yml's ``table_headers``, else the catalog's."""
        own = (headers or {}).get(column)
        if own is not None:
            return escape(own if isinstance(own, str) else own[self.lang])
        data = self._site_wording("table_headers").get(column)  # wording, not a fact
        if data:
            return escape(text(data, self.lang))
        return escape(self.c.t(f"column.{name_header}" if column == "name" else f"column.{column}"))

    def _table(self, items: Sequence[Item], columns: Sequence[str], attributes: str, name_header: str,
               show_storage: bool, headers: Mapping[str, str | Mapping[str, str]] | None) -> str:
        labels = [self._header(col, name_header, headers) for col in columns]
        rows = [[self._cell(item, col, attributes, show_storage) for col in columns] for item in items]
        return item_table(columns, labels, rows, [item_anchor(item) for item in items]) if rows else ""

    def _cell(self, item: Item, column: str, attributes: str, show_storage: bool) -> str:
        c = self.c
        if column == "name":
            label = f"<code>{breakable(escape(item.name))}</code>"
            if show_storage:
                label += f" ({escape(c.t('storage_label.' + item.storage))})"
            return label
        if column == "purpose":
            purpose = escape(text(item.purpose, self.lang))
            if attributes == "inline" and item.attributes:
                purpose += f" ({self._attributes(item)})"
            return purpose
        if column == "duration":  # a table cell starts with a capital: "Kaydınızı tamamlayana kadar"
            return escape(upper_first(format_duration(item.duration, self.lang, self.c), self.lang))
        if column == "legal_basis":
            return self._basis_cell(item)
        return self._plain_cell(item, column)

    def _plain_cell(self, item: Item, column: str) -> str:
        """A cell that shows one fact of the item as it is (none stated: an empty cell, never a guess)."""
        c = self.c
        if column == "category":
            return self.category_name(item.category)
        if column == "provider":
            return self.provider_name(item)
        if column == "storage":
            return escape(c.t("storage_label." + item.storage))
        if column == "attributes":
            return self._attributes(item)
        if column == "domain":
            return f"<code>{breakable(escape(item.domain))}</code>" if item.domain else ""
        if column == "cross_site":
            return escape(upper_first(c.t("yes" if item.cross_site else "no"), self.lang))
        # used_on
        places = self.site.usage_places
        return escape(format_list([text(places[p], self.lang) for p in item.used_on if p in places], self.lang))

    def _basis_cell(self, item: Item) -> str:
        """The category's basis by the law's name; a strictly necessary one with its ground; none: empty."""
        c, category = self.c, self.inv.category(item.category)
        if category is None or not category.legal_basis:
            return ""
        if category.ground and category.legal_basis == "strictly-necessary":  # the ground, and the exemption
            return escape(c.t(f"table.legal_basis_ground.{category.ground}"))
        return escape(c.maybe(f"table.legal_basis.{basis_key(category)}") or "")

    def _attributes(self, item: Item) -> str:
        return escape(", ".join(self.c.t("attribute." + a) for a in item.attributes))

    def storage_list(self, storage: str = "localStorage", show_names: bool = False) -> str:
        """Browser-storage items as a list of purposes (names optional), e.g. local storage."""
        lines = []
        for item in self.items(storage):
            purpose = escape(text(item.purpose, self.lang))
            if show_names:
                purpose = f"{code(item.name)}: {purpose}"
            lines.append(f"- {purpose} ({lower_first(self.duration(item.duration), self.lang)})")
        return "\n".join(lines)

    def services_list(self, details: bool = False) -> str:
        """The listed third parties; ``details`` adds the country, role and transfer abroad the data states."""
        lines = []
        for service in self.inv.services:
            if not service.listed:
                continue
            line = f"- **{escape(service.name)}**"  # each missing optional fact leaves its part out
            said = text(service.sets_cookies, self.lang) if service.sets_cookies else ""
            facts = self._service_facts(service) if details else []
            if facts:  # inside the sentence, before its full stop: "… kullanır (ülke: Türkiye; …)."
                stop = "." if said.endswith(".") else ""
                said = (said[:-1] if stop else said) + f" ({lower_first('; '.join(facts), self.lang)}){stop}"
            if said:
                line += (": " if service.sets_cookies else " ") + escape(said.strip())
            if service.policy_url:
                line += " " + link(self.c.t("service.policy_link", name=service.name), service.policy_url)
            lines.append(line)
        return "\n".join(lines)

    def country_name(self, code_: str) -> str:
        return country_name(code_, self.lang)

    def _service_facts(self, service: Service) -> list[str]:
        c, facts = self.c, []
        if service.country:
            facts.append(c.t("kvkk.service_country", country=self.country_name(service.country)))
        if service.processor_role:
            facts.append(c.t(f"kvkk.service_role.{service.processor_role}"))
        if service.transfer_abroad and service.transfer_mechanism:  # KVKK Art. 9: the route, as the data states it
            facts.append(c.t(f"kvkk.service_transfer_by.{service.transfer_mechanism}"))
        elif service.transfer_abroad is not None:
            facts.append(c.t(f"kvkk.service_transfer.{'yes' if service.transfer_abroad else 'no'}"))
        return facts

    def services_table(self, columns: Sequence[str] | None = None) -> str:
        """The listed third parties in a table: name, country, role, transfer abroad (unstated: empty cell),
        and the transfer's mechanism when a listed service states one."""
        allowed = SERVICE_TABLE_COLUMNS
        if columns is None:
            stated = any(s.listed and s.transfer_mechanism for s in self.inv.services)
            columns = allowed if stated else SERVICE_COLUMNS
        unknown = [col for col in columns if col not in allowed]
        if unknown:
            raise Refusal("services_columns", column=repr(unknown[0]), allowed=", ".join(allowed))
        c = self.c

        def cell(service: Service, column: str) -> str:
            if column == "service":
                return escape(service.name)
            if column == "country":
                return escape(self.country_name(service.country)) if service.country else ""
            if column == "processor_role":
                return escape(c.t(f"kvkk.role_cell.{service.processor_role}")) if service.processor_role else ""
            if column == "transfer_mechanism":
                mechanism = service.transfer_mechanism if service.transfer_abroad else None
                return escape(upper_first(c.t(f"kvkk.mechanism.{mechanism}"), self.lang)) if mechanism else ""
            if service.transfer_abroad is None:
                return ""
            return escape(upper_first(c.t("yes" if service.transfer_abroad else "no"), self.lang))

        rows = [[cell(s, col) for col in columns] for s in self.inv.services if s.listed]
        return table([escape(c.t(f"kvkk.column.{col}")) for col in columns], rows) if rows else ""
