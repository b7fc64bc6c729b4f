"""Markdown for the policy pages, built from the model; every word from data is escaped.

A ``Renderer`` knows the language and which inventory the page shows (the draft, the release
in force, or an archived release); the MkDocs adapter and the command line only call it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache
from typing import Any, cast

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from cookiepolicy.history.diff import Change, FieldChange, PolicyDiff, diff_inventories
from cookiepolicy.history.wording import frozen_wording
from cookiepolicy.model import legalstate
from cookiepolicy.model.claims import CONSENT_FACTS, FACT_BASIS, OLDER_SPELLING, sentence_key, stated_facts
from cookiepolicy.model.inventory import (
    FIRST_PARTY,
    TABLE_COLUMNS,
    THIRD_PARTY,
    Category,
    Duration,
    Inventory,
    Item,
    Policy,
    Release,
    Service,
    Site,
)
from cookiepolicy.render.disclosures import Disclosures
from cookiepolicy.text import turkish
from cookiepolicy.text.localize import (
    Catalog,
    format_date,
    format_duration,
    format_list,
    lower_first,
    text,
    upper_first,
)
from cookiepolicy.text.markdown import code, escape, link, table

DEFAULT_COLUMNS = ("name", "purpose", "duration", "category")
COLUMNS = TABLE_COLUMNS
GROUPS = ("provider", "category")
NAME_HEADERS = ("name", "cookie", "storage")
ATTRIBUTE_MODES = ("inline", "column", "none")
SERVICE_COLUMNS = ("service", "country", "processor_role", "transfer_abroad")


def legal_basis_sentence(c: Catalog, basis: str, ground: str = "", facts: frozenset[str] | None = None) -> str:
    """A legal basis in words; "" for ``not-stated``: a sentence never claims a basis the data does not state.

    ``facts``: what the data states (``claims.stated_facts``); the sentence asserts no other. Without it,
    a basis reads as its older spelling did (``consent: required|exempt``). A strictly necessary category
    that names its ``ground`` gets the exemption and that ground, and only that.
    """
    if facts is None:
        facts = OLDER_SPELLING.get(basis, frozenset({basis})) | ({"ground"} if ground else set())
    key = sentence_key(frozenset(facts) if basis != "not-stated" else frozenset())
    if key is None:
        return ""
    return c.t(key, ground=c.t(f"kvkk.basis_name.{ground}")) if key == "consent.exempt_ground" else c.t(key)


def category_basis_sentence(c: Catalog, category: Category) -> str:
    """The legal-basis sentence of a category: the basis and only what its data states besides."""
    return legal_basis_sentence(c, category.legal_basis, category.ground, stated_facts(category))


class MissingFact(ValueError):
    """A page shows an optional site fact that the data does not state: the author's mistake, not a bug."""


@dataclass
class View:
    """What one page shows: an inventory and the release it belongs to (None for the draft)."""

    inventory: Inventory
    release: Release | None
    draft: bool = False
    archived: bool = False
    production: bool = False  # published builds leave unreleased draft changes out


class Renderer(Disclosures):
    def __init__(self, policy: Policy, lang: str, view: View, today: dt.date,
                 href: Callable[[str], str] = lambda target: target):
        self.policy = policy
        self.lang = lang
        self.view = view
        self.today = today
        self.href = href
        self.c = Catalog.get(lang)
        self.live = self.c  # today's words: the notice of a legal state is not part of an archived document
        self.wording = frozen_wording(view.release) if view.archived else None
        if self.wording is not None:
            self.c = self.wording.catalog(lang)

    # ------------------------------------------------------------ small facts
    @property
    def inv(self) -> Inventory:
        return self.view.inventory

    @property
    def site(self) -> Site:
        """The site facts of what the page shows: a release's own, frozen with it, or site.yml's."""
        return self.inv.site or self.policy.site

    def company(self, case: str | None = None) -> str:
        """The company's name; ``case`` gives a case form ("gen", "dat", ...: see ``case_form``)."""
        return self.case_form(self.site.company, case)

    def case_form(self, name: str, case: str | None = None, proper: bool = True) -> str:
        """``name`` in a grammatical case: Turkish "gen", "dat", "loc", "acc", "abl", "poss"; English "gen".

        Turkish forms follow the name's sound (``tr_forms`` in site.yml overrides it per name);
        ``proper=False`` for common nouns, which take no apostrophe ("yönetim paneline").
        """
        return escape(self._case_text(name, case, proper))

    def _case_text(self, name: str, case: str | None, proper: bool) -> str:
        if case is None:
            return name
        if self.lang == "tr":
            forms = dict(self._site_wording("tr_forms").get(name, {}))  # grammar, not a fact
            sounds_like, possessive = forms.pop("sounds_like", None), forms.pop("possessive", None)
            return turkish.case_form(name, case, proper, sounds_like, possessive, forms)
        if case == "gen":
            return name + ("'" if name.endswith("s") else "'s")
        raise ValueError(f"case {case!r} is a Turkish case form; in {self.lang} write a preposition instead")

    def _site_wording(self, name: str) -> dict[str, Any]:
        """site.yml's ``table_headers`` or ``tr_forms``: an archived page's frozen ones, else today's."""
        return cast("dict[str, Any]", getattr(self.wording if self.wording is not None else self.policy.site, name))

    def _needs(self, macro: str, value: object, field: str, example: str) -> None:
        """An optional site fact that a page shows: its absence stops the build with what to add."""
        if not value:
            raise MissingFact(f"{macro}() shows `{field}`, which data/site.yml does not state: add e.g. "
                             f"`{example}` to data/site.yml, or remove {{{{ {macro}() }}}} from the page")

    def domain(self) -> str:
        """The website's domain from site.yml; a page that uses it needs it stated."""
        self._needs("domain", self.site.domain, "domain", "domain: example.com")
        return escape(self.site.domain)

    def contact_email(self) -> str:
        """The contact e-mail address as a mailto: link; a page that uses it needs it stated."""
        email = self.site.contact_email
        self._needs("contact_email", email, "contact.email", "contact: {email: privacy@example.com}")
        return link(str(email), f"mailto:{email}")  # stated: _needs stopped otherwise

    # ------------------------------------------------------------ the data controller (KVKK Art. 10, GDPR Art. 13)
    def controller(self) -> str:
        """"Data controller: <legal name>"; empty when the data states no legal name."""
        legal_name = self.site.contact.legal_name
        return escape(self.c.t("kvkk.controller", name=legal_name)) if legal_name else ""

    def contact(self) -> str:
        """Every stated way to reach the controller, one line each, in the data's order; nothing unstated."""
        contact, c = self.site.contact, self.c
        lines = []
        if contact.name:
            lines.append(escape(c.t("kvkk.contact.name", value=text(contact.name, self.lang))))
        if contact.legal_name:
            lines.append(escape(contact.legal_name))
        if contact.address:
            address = _lines(text(contact.address, self.lang))
            lines.append(escape(c.t("kvkk.contact.address", value=address[0])))
            lines += [escape(line) for line in address[1:]]
        if contact.kep:
            lines.append(escape(c.t("kvkk.contact.kep", value=contact.kep)))
        if self.site.contact_email:
            lines.append(c.t("kvkk.contact.email", value=self.contact_email()))
        if contact.phone:
            lines.append(escape(c.t("kvkk.contact.phone", value=contact.phone)))
        if contact.rights_url:
            lines.append(link(c.t("kvkk.rights_link"), contact.rights_url))
        if contact.privacy_url:
            lines.append(link(c.t("kvkk.privacy_link"), contact.privacy_url))
        return "  \n".join(lines)

    def date(self, value: dt.date) -> str:
        """A date that never breaks across lines ("22&#160;Kasım&#160;2026")."""
        return escape(format_date(value, self.lang)).replace(" ", "&#160;")

    def duration(self, value: Duration) -> str:
        return escape(format_duration(value, self.lang, self.c))

    def category_name(self, cid: str, case: str | None = None) -> str:
        """A category's name in the page's language, in a grammatical case when ``case`` is given."""
        category = self.inv.category(cid)
        return self.case_form(text(category.name, self.lang), case, proper=False) if category else escape(cid)

    def provider_name(self, item: Item) -> str:
        return escape(provider_label(self.inv, item.provider, self.site.company, self.c))

    # ------------------------------------------------------------ releases
    def version(self) -> str:
        """The number of the release the page shows; empty when no release is published."""
        release = self.view.release
        return escape(release.version) if release else ""

    def release_line(self) -> str:
        """The line that states the version shown and its dates; empty when no release is published."""
        release = self.view.release
        if release is None:
            return ""
        c = self.c
        lines = [
            c.t("release.line", published=self.date(release.published)),
            c.t("release.effective", effective=self.date(release.effective), version=escape(release.version)),
        ]
        return "  \n".join(lines)

    def notices(self) -> str:
        """Draft, archive and upcoming-version notices that belong at the top of a policy page."""
        c = self.live
        out = []
        links = [(c.t("release.current_link"), "index.md"), (c.t("release.changelog_link"), "changelog.md")]
        if self.view.archived and self.view.release:
            out.append(self._admonition("warning", self._tense(self.view.release), links))
        elif self.view.draft:
            out.append(self._admonition("info", c.t("release.draft"),
                                        [(c.t("release.changelog_link"), "changelog.md")]))
        elif self.view.production and self.view.release and self.view.release.effective > self.today:
            release = self.view.release
            out.append(self._admonition("note", c.t("release.none_in_force", version=escape(release.version),
                                                    effective=self.date(release.effective)),
                                        [(c.t("release.changelog_link"), "changelog.md")]))
        if not self.view.archived:
            for release in self.policy.upcoming(self.today):
                if self.view.release and release.version == self.view.release.version:
                    continue
                out.append(self._admonition("note", c.t("release.upcoming", version=escape(release.version),
                                                       effective=self.date(release.effective)),
                                            [(c.t("release.upcoming_link"),
                                              f"changelog.md#v{release.version.replace('.', '-')}")]))
        return "\n\n".join(out)

    def _tense(self, release: Release) -> str:
        """An archived version's legal state on the build date (see legalstate)."""
        c = self.live
        words = {"version": escape(release.version), "effective": self.date(release.effective)}
        state = legalstate.state_of(self.policy.releases, release, self.today)
        if state.replaced_by is not None:
            return c.t("release.archived_replaced", next=escape(state.replaced_by.version),
                       next_published=self.date(state.replaced_by.published), **words)
        if state.state is legalstate.State.UPCOMING:
            return c.t("release.archived_upcoming", **words)
        if state.state is legalstate.State.IN_FORCE:
            return c.t("release.archived_current", **words)
        assert state.until is not None
        return c.t("release.archived", until=self.date(state.until), **words)

    def _admonition(self, kind: str, message: str, links: Sequence[tuple[str, str]]) -> str:
        refs = " · ".join(f"[{escape(label)}]({self.href(target)})" for label, target in links)
        body = message + (f" {refs}" if refs else "")
        return f'!!! {kind} ""\n    {body}'

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
            raise ValueError(f"{macro}(attributes={attributes!r}): allowed: {', '.join(ATTRIBUTE_MODES)}")
        if isinstance(columns, str):
            raise ValueError(f"{macro}(columns={columns!r}): give a list of columns, e.g. "
                             f"columns=[\"name\", \"purpose\"]; allowed: {', '.join(COLUMNS)}")
        unknown = [col for col in columns if col not in COLUMNS]
        if unknown:
            raise ValueError(f"{macro}(columns=...): unknown column {unknown[0]!r}; allowed: {', '.join(COLUMNS)}")
        if name_header not in NAME_HEADERS:
            raise ValueError(f"{macro}(name_header={name_header!r}): allowed: {', '.join(NAME_HEADERS)}")
        if group_by is not None and group_by not in GROUPS:
            raise ValueError(f"{macro}(group_by={group_by!r}): allowed: {', '.join(GROUPS)} (or leave it out)")
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 6:
            raise ValueError(f"{macro}(level={level!r}): a heading level from 1 to 6")
        if headers is None:
            return
        if not isinstance(headers, Mapping):
            raise ValueError(f"{macro}(headers=...): give a mapping of column to header, "
                             f"e.g. headers={{\"duration\": {{\"en\": \"Expiration\", \"tr\": \"Saklama Süresi\"}}}}")
        for col, value in headers.items():
            if col not in COLUMNS:
                raise ValueError(f"{macro}(headers=...): unknown column {col!r}; allowed: {', '.join(COLUMNS)}")
            if isinstance(value, Mapping):
                if not isinstance(value.get(self.lang), str) or not value.get(self.lang):
                    raise ValueError(f"{macro}(headers=...): the header of {col!r} has no text in "
                                     f"`{self.lang}`; give one per language: {{\"{self.lang}\": \"...\"}}")
            elif not isinstance(value, str) or not value:
                raise ValueError(f"{macro}(headers=...): the header of {col!r} must be a text or "
                                 f"a text per language")

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
            label = f"<code>{_breakable(escape(item.name))}</code>"
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
        if column == "category":
            return self.category_name(item.category)
        if column == "provider":
            return self.provider_name(item)
        if column == "storage":
            return escape(c.t("storage_label." + item.storage))
        if column == "attributes":
            return self._attributes(item)
        if column == "domain":  # not stated: an empty cell, never a guess
            return f"<code>{_breakable(escape(item.domain))}</code>" if item.domain else ""
        if column == "cross_site":
            return escape(upper_first(c.t("yes" if item.cross_site else "no"), self.lang))
        if column == "legal_basis":  # the category's, by the law's name; none stated: an empty cell
            category = self.inv.category(item.category)
            basis = category.legal_basis if category else ""
            if category and category.ground and basis == "strictly-necessary":  # the ground, and the exemption
                return escape(c.t(f"table.legal_basis_ground.{category.ground}"))
            return escape(c.maybe(f"table.legal_basis.{basis_key(category)}") or "") if basis and category else ""
        # used_on
        places = self.site.usage_places
        return escape(format_list([text(places[p], self.lang) for p in item.used_on if p in places], self.lang))

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
        allowed = (*SERVICE_COLUMNS, "transfer_mechanism")
        if columns is None:
            stated = any(s.listed and s.transfer_mechanism for s in self.inv.services)
            columns = allowed if stated else SERVICE_COLUMNS
        unknown = [col for col in columns if col not in allowed]
        if unknown:
            raise ValueError(f"unknown services_table column {unknown[0]!r}; use {', '.join(allowed)}")
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

    def cookie_settings_link(self) -> str:
        """A button that reopens the consent banner's preferences; hidden until the banner runs. A button,
        not a link: it goes nowhere, so no crawler or reader follows a target that does not exist."""
        label = escape(self.c.t("banner.settings_link"))
        return (f'<button type="button" class="cp-cookie-settings" data-cc="show-preferencesModal" hidden>'
                f'{label}</button>')

    def legal_basis(self, cid: str, cite: bool | None = None) -> str:
        """The sentence the law's wording supports for the category's legal basis; none when not stated.

        ``cite`` (default: ``cite_articles`` in site.yml) adds the articles: "(KVKK m. 5/2-f; GDPR m. 6/1-f)".
        """
        category = self.inv.category(cid)
        if category is None:
            return ""
        sentence = category_basis_sentence(self.c, category)
        if sentence and (self.site.cite_articles if cite is None else cite):  # "... is used (KVKK m. 5/1; ...)."
            cited = f"kvkk.cite_ground.{category.ground}" if category.ground else f"kvkk.cite.{category.legal_basis}"
            sentence = f"{sentence.removesuffix('.')} {self.c.t(cited)}."
        return escape(sentence)

    def category_description(self, cid: str) -> str:
        """A category's description in the page's language, from categories.yml."""
        category = self.inv.category(cid)
        return escape(text(category.description, self.lang)) if category else ""

    def category_sections(self, level: int = 3,
                          columns: Sequence[str] | Mapping[str, Sequence[str]] = ("name", "purpose", "duration"),
                          attributes: str = "inline", legal_basis: bool = True, name_header: str = "cookie",
                          show_storage_for_other: bool = True,
                          headers: Mapping[str, str | Mapping[str, str]] | None = None,
                          cite: bool | None = None) -> str:
        """A heading, description, legal basis and table per category, in the data's order.

        ``columns`` is one list for every table, or a mapping of category id to its own list
        (``"*"``: every other category); a table with an attributes column shows them only there.
        ``headers`` overrides column headers as in ``cookie_table``.
        """
        if isinstance(columns, Mapping):
            known = {c.id for c in self.inv.categories} | {"*"}
            unknown = [cid for cid in columns if cid not in known]
            if unknown:
                raise ValueError(f"category_sections(columns=...): columns for unknown category {unknown[0]!r}; "
                                 f"known: {', '.join(sorted(known))}")
        for cols in (columns.values() if isinstance(columns, Mapping) else [columns]):
            self._check_table("category_sections", cols, name_header, headers, attributes=attributes)
        out = []
        for category in self.inv.categories:
            items = self.items(category=category.id)
            if not items and category.listed:
                continue
            parts = [f"{'#' * level} {escape(text(category.name, self.lang))}"]
            if category.description:
                parts.append(escape(text(category.description, self.lang)))
            if category.provider:
                provider = provider_label(self.inv, category.provider, self.site.company, self.c, running=True)
                parts.append(escape(self.c.t("category_provider", provider=provider)))
            basis = self.legal_basis(category.id, cite) if legal_basis else ""
            if basis:  # a category that states no legal basis gets no legal sentence
                parts.append(f"*{basis}*")
            if category.listed and items:
                storages = {i.storage for i in items}
                header = name_header if storages == {"cookie"} else "storage"
                show = show_storage_for_other and storages != {"cookie"}
                cols = _columns_for(columns, category.id)
                mode = "column" if "attributes" in cols and attributes == "inline" else attributes
                parts.append(self._table(items, cols, mode, header, show, headers))
            out.append("\n\n".join(parts))
        return "\n\n".join(out)

    def not_used_statement(self, voice: str = "company",
                           such_as: Mapping[str, Sequence[str]] | None = None, where: str | None = None) -> str:
        """What the site states it does not use, from ``not_used`` (checked against the inventory).

        ``voice``: "company" ("X does not use ...") or "we" ("We do not use ..."); ``such_as``
        gives examples per practice, e.g. ``{"third-party-tracking": ["Google Analytics"]}``;
        ``where``: a place of ``usage_places`` in site.yml ("on the dashboard"), instead of the website.
        """
        if voice not in ("company", "we"):
            raise ValueError(f"voice {voice!r}: use 'company' or 'we'")
        such_as = dict(such_as or {})
        stray = [p for p in such_as if p not in self.inv.not_used]
        if stray:
            raise ValueError(f"such_as names {stray[0]!r}, which not_used does not state")
        practices = []
        for practice in self.inv.not_used:
            phrase = self.c.t("practice." + practice)
            examples = [str(e) for e in such_as.get(practice, ())]
            if examples:
                phrase = self.c.t("not_used_such_as", practice=phrase,
                                  examples=format_list(examples, self.lang, style="or"))
            practices.append(phrase)
        if not practices:
            return ""
        key = "not_used" if voice == "company" else "not_used_we"
        place = {}
        if where is not None:
            places = self.site.usage_places
            if where not in places:
                raise ValueError(f"where={where!r} is not a usage place; known: {', '.join(places) or 'none'}")
            key += "_at"
            case = self.c.maybe("not_used_place_case") or None
            place["place"] = self._case_text(text(places[where], self.lang), case, proper=False)
        sentence = self.c.t(key, company=self.site.company,
                            practices=format_list(practices, self.lang, style="or"), **place)
        names = [self.site.company] + [str(e) for examples in such_as.values() for e in examples]
        return escape(sentence if opens_with_name(sentence, names) else upper_first(sentence, self.lang))

    def withdraw_consent(self) -> str:
        """How consent is withdrawn, naming the categories that need it; empty when none does."""
        names = [text(c.name, self.lang) for c in self.inv.categories
                 if c.consent == "required" and (not c.listed or self.items(category=c.id))]
        if not names:
            return ""
        first = 0 if self.c.t("withdraw_consent").startswith("{categories}") else -1  # the one that opens it
        names = [name if i == first else running_name(name, self.lang) for i, name in enumerate(names)]
        return escape(self.c.t("withdraw_consent", categories=format_list(names, self.lang)))

    def service_name(self, sid: str, case: str | None = None) -> str:
        """A third-party service's name from the data, for prose that mentions it."""
        service = self.inv.service(sid)
        if service is None:
            known = ", ".join(s.id for s in self.inv.services) or "none"
            raise ValueError(f"unknown service {sid!r}; known: {known}")
        return self.case_form(service.name, case)

    def usage_place(self, place: str, case: str | None = None) -> str:
        """Where items are used (``usage_places`` in site.yml), in the page's language."""
        places = self.site.usage_places
        if place not in places:
            raise ValueError(f"unknown usage place {place!r}; known: {', '.join(places) or 'none'}")
        return self.case_form(text(places[place], self.lang), case, proper=False)

    # ------------------------------------------------------------ changelog and archive
    def changelog(self, include_unreleased: bool | None = None, level: int = 2) -> str:
        """Every release newest first with its computed changes; previews also show the draft's."""
        c = self.c
        if include_unreleased is None:
            include_unreleased = not self.view.production
        out = []
        releases = list(self.policy.releases)
        latest = releases[-1] if releases else None
        if include_unreleased:
            base = latest.inventory if latest else Inventory()
            pending = diff_inventories(base, self.policy.draft)
            if not pending.empty:
                heading = f"{'#' * level} {escape(c.t('changelog.unreleased'))} {{ #unreleased }}"
                note = f"*{escape(c.t('changelog.unreleased_note'))}*"
                out.append(f"{heading}\n\n{note}\n\n" + self.diff_sentences(pending, base, self.policy.draft))
        for index in range(len(releases) - 1, -1, -1):
            release = releases[index]
            anchor = "v" + release.version.replace(".", "-")
            replaced_by = legalstate.state_of(releases, release, self.today).replaced_by
            dates = (c.t("changelog.dates_replaced", published=self.date(release.published),
                         next=escape(replaced_by.version)) if replaced_by is not None else
                     c.t("changelog.dates", published=self.date(release.published),
                         effective=self.date(release.effective)))
            parts = [f"{'#' * level} {escape(c.t('changelog.version', version=release.version))} {{ #{anchor} }}",
                     dates]
            if release.summary:
                parts.append(escape(text(release.summary, self.lang)))
            if index == 0:
                parts.append(escape(c.t("changelog.first")))
            else:
                previous = releases[index - 1].inventory
                changes = diff_inventories(previous, release.inventory)
                frozen = frozen_wording(release)  # the release's own headers name its changes
                parts.append(self.diff_sentences(changes, previous, release.inventory,
                                                 frozen.table_headers if frozen else None) if not changes.empty
                             else escape(c.t("changelog.no_changes")))
            parts.append(f"[{escape(c.t('changelog.archive_link'))}]"
                         f"({self.href(f'versions/{release.version}/index.md')})")
            out.append("\n\n".join(parts))
        if not out:
            return escape(c.t("changelog.empty"))
        return "\n\n".join(out)

    def versions_table(self) -> str:
        """The version in force on a line of its own, then the other published versions (earlier ones,
        and one that takes effect later) in a table."""
        c = self.c
        if not self.policy.releases:
            return escape(c.t("changelog.empty"))
        in_force = self.policy.in_force(self.today)

        def version_link(release: Release) -> str:
            return f"[{escape(c.t('changelog.version', version=release.version))}]" \
                   f"({self.href(f'versions/{release.version}/index.md')})"

        rows = []
        words = {legalstate.State.UPCOMING: "versions.upcoming", legalstate.State.SUPERSEDED: "versions.superseded",
                 legalstate.State.REPLACED: "versions.replaced"}
        for entry in reversed(legalstate.states(self.policy.releases, self.today)):
            release = entry.release
            if entry.state is legalstate.State.IN_FORCE:
                continue
            state = c.t(words[entry.state])
            rows.append([version_link(release), self.date(release.published), self.date(release.effective),
                         escape(state)])
        headers = [c.t("versions.column_version"), c.t("versions.column_published"),
                   c.t("versions.column_effective"), ""]
        parts = []
        if in_force:
            parts.append(c.t("versions.in_force", version=version_link(in_force),
                             effective=self.date(in_force.effective)))
        else:
            parts.append(escape(c.t("versions.none_in_force")))
        parts.append(table(headers, rows) if rows else escape(c.t("versions.none_earlier")))
        return "\n\n".join(parts)

    def diff_sentences(self, diff: PolicyDiff, old: Inventory, new: Inventory,
                       headers: Mapping[str, object] | None = None) -> str:
        """The changes grouped by what they require (fresh consent, a new notice, nothing more); fields named
        by ``headers`` (a release's frozen ones), else the site's."""
        from cookiepolicy.history.classify import changelog_markdown

        return changelog_markdown(diff, old, new, self.lang, self.policy.site.company, self.policy.site.usage_places,
                                  self.policy.site.table_headers if headers is None else headers)


_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_BREAK_AFTER = re.compile(r"(&#95;|&#45;|\.|&#58;)(?!$)")


def item_anchor(item: Item) -> str:
    """A stable fragment for one item, the same in every language: ``cookie-auth_token``."""
    prefix = "cookie" if item.storage == "cookie" else item.storage.lower()
    return f"{prefix}-{_ANCHOR_UNSAFE.sub('-', item.name).strip('-') or 'item'}"


def _breakable(escaped_name: str) -> str:
    """Long names may wrap after ``_``, ``-``, ``.`` and ``:`` (never inside a word); copying still gives the name."""
    return _BREAK_AFTER.sub(r"\1<wbr>", escaped_name)


def item_table(columns: Sequence[str], headers: Sequence[str], rows: Sequence[Sequence[str]],
               anchors: Sequence[str]) -> str:
    """An HTML table of items: each row has an anchor, each cell its column's header as ``data-label``
    (a phone shows every row as a card with those labels; the stylesheet decides, see policy.css)."""
    seen: dict[str, int] = {}
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    lines = [f'<table data-policy-items="{len(columns)}">', f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    for anchor, row in zip(anchors, rows, strict=True):
        seen[anchor] = seen.get(anchor, 0) + 1
        rid = anchor if seen[anchor] == 1 else f"{anchor}-{seen[anchor]}"
        cells = "".join(f'<td data-column="{col}" data-label="{label}">{cell}</td>'
                        for col, label, cell in zip(columns, headers, row, strict=True))
        lines.append(f'<tr id="{rid}">{cells}</tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def site_interface(renderer: Renderer) -> dict[str, str]:
    """The words around the policy in the renderer's language (footer, 404 page, meta description,
    theme labels), escaped for HTML: the theme templates show them as they are."""
    r, c = renderer, renderer.c
    company = r.company()
    in_force = r.policy.in_force(r.today)
    upcoming = r.policy.upcoming(r.today)
    if in_force:
        version = c.t("site.footer_version", version=escape(in_force.version), effective=r.date(in_force.effective))
    elif upcoming:
        version = c.t("site.footer_upcoming", version=escape(upcoming[0].version),
                      effective=r.date(upcoming[0].effective))
    else:
        version = escape(c.t("site.footer_no_version"))
    return {
        "lang": r.lang,
        "company": company,
        "description": escape(c.t("site.description", company=r.policy.site.company)),
        "contact": c.t("site.footer_contact", email=r.contact_email()) if r.site.contact_email else "",
        "version": version,
        "permalink": escape(c.t("site.permalink")),
        "to_dark": escape(c.t("site.to_dark")),
        "to_light": escape(c.t("site.to_light")),
        "not_found_title": escape(c.t("site.not_found_title")),
        "not_found_text": escape(c.t("site.not_found_text", company=r.policy.site.company)),
        "not_found_home": escape(c.t("site.not_found_home")),
    }


def _columns_for(columns: Sequence[str] | Mapping[str, Sequence[str]], cid: str) -> Sequence[str]:
    if not isinstance(columns, Mapping):
        return columns
    return columns.get(cid, columns.get("*", ("name", "purpose", "duration")))


# ---------------------------------------------------------------- change sentences
# Every change is one sentence in words: names instead of ids, language names instead of codes,
# a deletion as a deletion. Sentences are Markdown (text from data escaped); review.py turns
# them into plain text for terminals.

TEXT_WIDTH = 80  # a changed text longer than this is shown around the part that changed


@cache
def language_name(code_: str, lang: str) -> str:
    """``tr`` as a reader of ``lang`` calls it: "Turkish", "Türkçe"; an unknown code stays visible."""
    try:
        return Locale.parse(lang).languages.get(code_) or code_
    except (ValueError, TypeError, UnknownLocaleError):
        return code_


def shorten(old: str, new: str, width: int = TEXT_WIDTH) -> tuple[str, str]:
    """Both texts, cut to the part that differs with a few words around it when they are long."""
    if len(old) <= width and len(new) <= width:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    context = 20

    def cut(value: str) -> str:
        left = max(0, start - context)
        right = min(len(value), len(value) - end + context)
        if right - left > width:
            right = left + width
        space = value.find(" ", right)
        right = space if right < len(value) and 0 <= space - right < context else right
        left_space = value.rfind(" ", 0, left + 1) if left else 0
        left = left_space + 1 if left_space > 0 and start - left_space < context * 2 else left
        piece = value[left:right].strip()
        return ("…" if left > 0 else "") + piece + ("…" if right < len(value) else "")

    return cut(old), cut(new)


@dataclass
class _Words:
    """What a sentence needs to name things: the language and both inventories with their places."""

    lang: str
    company: str
    old: Inventory | None
    new: Inventory | None
    places: Mapping[str, Mapping[str, str]]
    headers: Mapping[str, object] = dataclass_field(default_factory=dict)  # site.yml's table_headers

    @property
    def c(self) -> Catalog:
        return Catalog.get(self.lang)

    def header(self, field: str) -> str:
        """The site's own header of the column showing an item's ``field``; "" when it keeps the catalog's."""
        value = self.headers.get(field) if field in TABLE_COLUMNS else None
        if isinstance(value, dict):
            return str(value.get(self.lang) or "")
        return value if isinstance(value, str) else ""

    def label(self, field: str) -> str:
        """A field as the reader knows it: the site's header of its column, else the catalog's name."""
        header = self.header(field)
        if header:
            return escape(self.c.t("change.header", header=header))
        return escape(self.c.maybe("field." + field) or self.c.t("kvkk.field." + field))

    def value(self, field: str, value: object, inventory: Inventory | None) -> str:
        """One value of a field, as a reader names it."""
        c, lang = self.c, self.lang
        if value is None or value == () or value == "":
            return escape(c.t("change.none"))
        if isinstance(value, Duration):
            return escape(_running(format_duration(value, lang), value, lang))
        if isinstance(value, bool):
            return escape(c.t("yes" if value else "no"))
        if field == "category":
            category = inventory.category(str(value)) if inventory else None
            return escape(text(category.name, lang)) if category else code(value)
        if field == "provider":
            return escape(provider_label(inventory, str(value), self.company, c, running=True))
        if field == "attributes":
            return escape(format_list([c.t("attribute." + a) for a in cast("Iterable[str]", value)], lang))
        if field == "storage":
            return escape(c.t("storage_label." + str(value)))
        if field == "used_on":
            return escape(format_list([text(self.places[p], lang) if p in self.places else p
                                       for p in cast("Iterable[str]", value)], lang))
        if field == "kind":
            return escape(c.maybe(f"change.kind.{value}") or str(value))
        if field == "consent":
            return escape(c.t(f"change.consent_short.{value}"))
        if field == "ground":
            return escape(c.t(f"kvkk.basis_name.{value}"))
        if field == "country":
            return escape(country_name(str(value), lang))
        if field == "processor_role":
            return escape(c.t(f"kvkk.processor_role.{value}"))
        if field == "transfer_mechanism":
            return escape(c.t(f"kvkk.mechanism.{value}"))
        if isinstance(value, dict):
            return _quoted(text(value, lang))
        if field in LOCALIZED_TEXT:
            return _quoted(str(value))
        return code(value)

    def clause(self, change: FieldChange, item: bool = False) -> str:
        """What happened to one field, without its subject: "duration extended from 30 days to 60 days"."""
        c = self.c
        if change.lang is not None:
            header = self.header(change.field) if item else ""
            label = c.t("text_field_header", language=language_name(change.lang, self.lang), header=header) \
                if header else c.t("text_field." + change.field, language=language_name(change.lang, self.lang))
            if change.new is None or change.new == "":
                return c.t("change.text_deleted", field=escape(label))
            if change.old is None or change.old == "":
                return c.t("change.text_added", field=escape(label), new=_quoted(str(change.new)))
            if change.wording:
                return c.t("change.text_wording", field=escape(label))
            old, new = shorten(str(change.old), str(change.new))
            return c.t("change.changed", field=escape(label), old=_quoted(old), new=_quoted(new))
        if change.field in ("cross_site", "listed"):
            return c.t(f"change.{change.field}_{'on' if change.new else 'off'}")
        if change.field == "transfer_abroad":  # None: the data no longer says
            way = {True: "on", None: "unstated"}.get(change.new) or ("off" if change.old else "no")
            return c.t(f"kvkk.transfer_{way}")
        if change.field == "duration":
            return self.duration(change.old, change.new)
        name = self.label(change.field) if item else \
            escape(c.maybe("field." + change.field) or c.t("kvkk.field." + change.field))
        if change.field in ("name", "description", "role", "sets_cookies", "purpose") \
                and isinstance(change.old, str) and isinstance(change.new, str):
            old, new = shorten(change.old, change.new)
            return c.t("change.changed", field=name, old=_quoted(old), new=_quoted(new))
        empty = (None, (), "")
        if change.old in empty:
            return c.t("change.set", field=name, new=self.value(change.field, change.new, self.new))
        if change.new in empty:
            return c.t("change.cleared", field=name, old=self.value(change.field, change.old, self.old))
        return c.t("change.changed", field=name, old=self.value(change.field, change.old, self.old),
                   new=self.value(change.field, change.new, self.new))

    def duration(self, old: Duration, new: Duration) -> str:
        c, lang = self.c, self.lang
        a, b = old.seconds(), new.seconds()
        old_text, new_text = self.value("duration", old, self.old), self.value("duration", new, self.new)
        if a is None or b is None or a == b:
            return c.t("change.changed", field=self.label("duration"), old=old_text, new=new_text)
        way = "longer" if b > a else "shorter"
        own = "_header" if self.header("duration") else ""  # the site's own name of the column
        if old.kind == new.kind == "fixed":
            return c.t(f"change.{way}{own}", old=escape(_case(c, "from", old, lang)),
                       new=escape(_case(c, "to", new, lang)), field=self.label("duration"))
        return c.t(f"change.{way}_free{own}", old=old_text, new=new_text, field=self.label("duration"))

    def thing(self, item: Item, genitive: bool = False, name: str | None = None) -> str:
        key = "change.thing_of." if genitive else "change.thing."
        return self.c.t(key + item.storage, name=code(item.name if name is None else name))

    def details(self, item: Item, inventory: Inventory | None) -> str:
        """Provider, category and duration of an item: what a reader needs to recognise it."""
        return ", ".join([self.value("provider", item.provider, inventory),
                          *([self.value("category", item.category, inventory)] if item.category else []),
                          self.value("duration", item.duration, inventory)])


def _quoted(value: str) -> str:
    return "“" + escape(value) + "”"


def _running(formatted: str, duration: Duration, lang: str) -> str:
    """A duration inside a change sentence: "session", not the table's "Session" (other forms as shown)."""
    return lower_first(formatted, lang) if duration.kind in ("session", "persistent") else formatted


def _case(c: Catalog, case: str, duration: Duration, lang: str) -> str:
    unit = c.t(f"change.duration_{case}.{duration.unit}")
    assert duration.value is not None  # a fixed duration: Renderer.duration calls this for those only
    return f"{format_decimal(duration.value, locale=lang)} {unit}" if unit else format_duration(duration, lang)


LOCALIZED_TEXT = {"purpose", "role", "sets_cookies", "name", "description"}


def sentences(diff: PolicyDiff, lang: str, company: str, old_inv: Inventory, new_inv: Inventory,
              places: Mapping[str, Mapping[str, str]] | None = None,
              headers: Mapping[str, object] | None = None) -> list[str]:
    """One sentence per change, in ``lang``; ``headers``: the site's own column headers, to name fields by."""
    return [sentence for _, sentence in change_sentences(diff, lang, company, old_inv, new_inv, places, headers)]


def _service_facts(c: Catalog, service: Service, lang: str) -> list[str]:
    """What a new third party's entry says that matters to a reader: its role, country, legal
    role and whether data goes abroad (each only when the data states it)."""
    facts = [escape(text(service.role, lang))] if service.role else []
    if service.country:
        facts.append(escape(country_name(service.country, lang)))
    if service.processor_role:
        facts.append(escape(c.t(f"kvkk.processor_role.{service.processor_role}")))
    if service.transfer_abroad is not None:
        facts.append(escape(c.t("kvkk.service_transfer." + ("yes" if service.transfer_abroad else "no"))))
    return facts


def change_sentences(diff: PolicyDiff, lang: str, company: str, old_inv: Inventory, new_inv: Inventory,
                     places: Mapping[str, Mapping[str, str]] | None = None,
                     headers: Mapping[str, object] | None = None) -> list[tuple[str, str]]:
    """(kind of change, sentence) for each change: "added", "removed", "renamed" or "changed"; a field
    is named by the site's own header of its column (``headers``: site.yml's ``table_headers``)."""
    w = _Words(lang, company, old_inv, new_inv, places or {}, dict(headers or {}))
    c = w.c
    out: list[tuple[str, str]] = []
    for change in diff.categories:
        cat = change.new or change.old
        name = escape(text(cat.name, lang))
        if change.kind == "added" and cat.consent:
            out.append(("added", c.t("change.category_added", name=name,
                                     consent=escape(c.t("change.consent_short." + cat.consent)))))
        elif change.kind == "added" and c.maybe(f"kvkk.basis_name.{cat.legal_basis}"):
            out.append(("added", c.t("kvkk.category_added_basis", name=name,
                                     basis=escape(c.t(f"kvkk.basis_name.{basis_key(cat)}")))))
        elif change.kind == "added":  # no basis stated: nothing to say about it
            out.append(("added", c.t("kvkk.category_added_plain", name=name)))
        elif change.kind == "removed":
            out.append(("removed", c.t("change.category_removed", name=name)))
        else:
            fields = [f for f in change.fields if f.field != "legal_basis" and f.field not in CONSENT_FACTS]
            if any(f.field == "legal_basis" for f in change.fields):
                out.append(("changed", _basis_sentence(c, change.old, change.new, name)))
            out.extend(("changed", start_sentence(c, f"kvkk.consent_fact.{f.field}_{'on' if f.new else 'off'}",
                                                  name=name))
                       for f in change.fields if f.field in CONSENT_FACTS and _own_line(change, f))
            if fields:
                out.append(("changed", _changed(w, "change.category_changed", fields, name=name)))
    for change in diff.services:
        service = change.new or change.old
        name = escape(service.name)
        if change.kind == "added":
            facts = _service_facts(c, service, lang)
            out.append(("added", c.t("change.service_added", name=name, role="; ".join(facts))
                                 if facts else c.t("change.service_added_plain", name=name)))
        elif change.kind == "removed":
            out.append(("removed", c.t("change.service_removed", name=name)))
        else:
            out.append(("changed", _changed(w, "change.service_changed", change.fields, name=name)))
    for change in diff.items:
        out.append((change.kind, _item_sentence(w, change)))
    for practice in diff.not_used_added:
        out.append(("added", c.t("change.not_used_added", practice=escape(c.t("practice." + practice)))))
    for practice in diff.not_used_removed:
        out.append(("removed", c.t("change.not_used_removed", practice=escape(c.t("practice." + practice)))))
    out.extend(("changed", sentence) for sentence in site_sentences(diff.site, lang))
    return out


def basis_key(category: Category) -> str:
    """The catalog key of a category's basis by name: consent is "explicit" only where the data says so."""
    return "consent_explicit" if category.legal_basis == "consent" and category.explicit else category.legal_basis


def _own_line(change: Change, fact: FieldChange) -> bool:
    """Whether a changed consent fact needs its own line: not when the basis sentence says it already (the
    older spelling's ``required`` <-> ``exempt``, or "explicit consent" named as the new basis), nor when
    the fact belongs to a basis the category left."""
    old, new = change.old, change.new
    if old.consent and new.consent and old.consent != new.consent:
        return False
    if old.legal_basis == new.legal_basis:
        return True
    return bool(fact.new) and fact.field != "explicit" and new.legal_basis == FACT_BASIS[fact.field]


def _basis_sentence(c: Catalog, old: Category, new: Category, name: str) -> str:
    """A category's legal basis changed: between consent and strict necessity in the words used so far."""
    if old.consent and new.consent:
        return start_sentence(c, "change.category_needs_consent" if new.consent == "required"
                              else "change.category_no_consent", name=name)
    words = {"name": name, "old": escape(c.maybe(f"kvkk.basis_name.{basis_key(old)}") or ""),
             "new": escape(c.maybe(f"kvkk.basis_name.{basis_key(new)}") or "")}
    if new.legal_basis == "not-stated":
        return start_sentence(c, "kvkk.category_basis_cleared", **words)
    if old.legal_basis == "not-stated":
        return start_sentence(c, "kvkk.category_basis_set", **words)
    return start_sentence(c, "kvkk.category_basis", **words)


def site_field_name(c: Catalog, field: str) -> str:
    """A site fact as a reader names it ("the company name", "the KEP address")."""
    return c.maybe(f"site_change.field_name.{field}") or c.t(f"kvkk.field_name.{field}")


def _lines(value: str) -> list[str]:
    """The non-empty lines of a multi-line text (a postal address), trimmed."""
    return [line.strip() for line in value.splitlines() if line.strip()]


def one_line(value: str) -> str:
    """A multi-line text (a postal address) inside a sentence: its lines joined by commas."""
    return ", ".join(_lines(value))


@cache
def country_name(code_: str, lang: str) -> str:
    """A country's name as a reader of ``lang`` says it (CLDR): "US" is "Amerika Birleşik Devletleri"."""
    return str(Locale.parse(lang).territories.get(code_, code_))


def site_sentences(changes: Sequence[FieldChange], lang: str) -> list[str]:
    """One sentence per changed site fact (company, addresses, languages, usage places)."""
    c = Catalog.get(lang)
    out = []

    def quoted(value: object, field: str = "") -> str:
        if isinstance(value, tuple):
            return escape(format_list([language_name(v, lang) for v in value], lang))
        if isinstance(value, dict):
            return "“" + escape(one_line(text(value, lang))) + "”"
        if field == "default_language":
            return escape(language_name(str(value), lang))
        if field == "country":
            return escape(country_name(str(value), lang))
        return "“" + escape(str(value)) + "”"

    for change in changes:
        key: str
        values: dict[str, str]
        if change.field.startswith("usage_place:"):
            if change.old is None:
                key, values = "site_change.place_added", {"name": quoted(change.new)}
            elif change.new is None:
                key, values = "site_change.place_removed", {"name": quoted(change.old)}
            else:
                key, values = "site_change.place_changed", {
                    "name": quoted(change.new), "language": escape(language_name(change.lang or "", lang)),
                    "old": _quoted(str(change.old.get(change.lang) or "")),
                    "new": _quoted(str(change.new.get(change.lang) or ""))}
            out.append(start_sentence(c, key, **values))
            continue
        label = site_field_name(c, change.field)
        if change.old is None or change.new is None:  # an optional fact stated, or no longer stated
            value = change.new if change.old is None else change.old
            key = "kvkk.site_set" if change.old is None else "kvkk.site_cleared"
            values = {"field": label, "new": quoted(value, change.field), "old": quoted(value, change.field)}
        elif isinstance(change.old, dict) and isinstance(change.new, dict) \
                and text(change.old, lang) == text(change.new, lang):  # only another language's text changed
            other = next(k for k in sorted(set(change.old) | set(change.new)) if change.old.get(k) != change.new.get(k))
            key, values = "kvkk.site_language", {"field": label, "language": escape(language_name(other, lang)),
                                                 "old": _quoted(one_line(change.old.get(other, ""))),
                                                 "new": _quoted(one_line(change.new.get(other, "")))}
        else:
            key, values = "site_change.field", {"field": label, "old": quoted(change.old, change.field),
                                                "new": quoted(change.new, change.field)}
        out.append(start_sentence(c, key, **values))
    return out


# A name from data that starts a sentence keeps its letters: "iyzico üçüncü taraf hizmetinin ...".
AS_WRITTEN = ("{name}", "{provider}", "{company}", "{service}")


def running_name(name: str, lang: str) -> str:
    """A sentence-case name inside a sentence starts in lower case ("… ve analitik çerezler için"); a Title
    Case name ("Analitik Çerezler") or a one-word name keeps its letters."""
    words = name.split()
    sentence_case = len(words) > 1 and words[0][:1].isupper() and not any(w[:1].isupper() for w in words[1:])
    return lower_first(name, lang) if sentence_case else name


def opens_with_name(sentence: str, names: Sequence[str]) -> bool:
    """Whether ``sentence`` starts with one of ``names`` from data, which keeps its letters ("iyzico, ...")."""
    return any(name and sentence.startswith(name) for name in names)


def start_sentence(c: Catalog, key: str, **values: str) -> str:
    """The catalog sentence ``key``, its first letter capitalized unless a name from data starts it."""
    said = c.t(key, **values)
    return said if c.t(key).startswith(AS_WRITTEN) else upper_first(said, c.lang)


def _changed(w: _Words, key: str, fields: Sequence[FieldChange], item: bool = False, **words: str) -> str:
    details = format_list([w.clause(f, item) for f in fields], w.lang)
    return start_sentence(w.c, key, changes=details, **words)


def _item_sentence(w: _Words, change: Change) -> str:
    c = w.c
    item: Item = change.new or change.old
    if change.kind == "added":
        return start_sentence(c, "change.item_added", thing=w.thing(item), details=w.details(item, w.new))
    if change.kind == "removed":
        return start_sentence(c, "change.item_removed", thing=w.thing(item), details=w.details(item, w.old))
    # a sentence about what the item has ("its duration") names it in the genitive where a language has one
    changed = _changed(w, "change.item_changed", change.fields, item=True, thing=w.thing(item, genitive=True),
                       provider=w.value("provider", item.provider, w.new))
    if change.kind == "renamed":
        renamed = start_sentence(c, "change.item_renamed", thing=w.thing(change.old, genitive=True),
                                 name=code(item.name))
        return renamed + (" " + changed if change.fields else "")
    return changed


def provider_label(inventory: Inventory | None, provider: str, company: str, c: Catalog, running: bool = False) -> str:
    """Who sets an item, as a reader reads it: the company, a service's name, or a third party the policy
    does not name (``running``: inside a sentence, "a third party"; otherwise a cell or heading)."""
    if provider == FIRST_PARTY:
        return company
    if provider == THIRD_PARTY:
        return c.t("provider.unnamed_running" if running else "provider.unnamed")
    service = inventory.service(provider) if inventory else None
    return service.name if service else provider
