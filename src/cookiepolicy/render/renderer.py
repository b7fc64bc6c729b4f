"""Markdown for the policy pages, built from the model; every word from data is escaped.

A ``Renderer`` knows the language and which inventory the page shows (the draft, the release
in force, or an archived release); the MkDocs adapter and the command line only call it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from cookiepolicy.history.diff import PolicyDiff, diff_inventories
from cookiepolicy.history.wording import Wording, frozen_wording
from cookiepolicy.model import legalstate
from cookiepolicy.model.inventory import (
    Duration,
    Inventory,
    Item,
    Policy,
    Release,
    Site,
)
from cookiepolicy.render.disclosures import Disclosures
from cookiepolicy.render.macros import MACROS, VOICES
from cookiepolicy.render.sentences import (
    category_basis_sentence,
    opens_with_name,
    provider_label,
    running_name,
)
from cookiepolicy.render.tables import (
    Tables,
    columns_for,
)
from cookiepolicy.text import turkish
from cookiepolicy.text.localize import (
    Catalog,
    format_date,
    format_duration,
    format_list,
    text,
    upper_first,
)
from cookiepolicy.text.markdown import escape, link, table
from cookiepolicy.text.words import Refusal, say


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
    wording: Wording | None = None  # an archived page's wording when it is not yet on disk (a release being made)


class Renderer(Tables, Disclosures):
    def __init__(self, policy: Policy, lang: str, view: View, today: dt.date,
                 href: Callable[[str], str] = lambda target: target):
        self.policy = policy
        self.lang = lang
        self.view = view
        self.today = today
        self.href = href
        self.c = Catalog.get(lang)
        self.live = self.c  # today's words: the notice of a legal state is not part of an archived document
        self.wording = (view.wording or frozen_wording(view.release)) if view.archived else None
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
        raise Refusal("case", case=repr(case), lang=self.lang)

    def _site_wording(self, name: str) -> dict[str, Any]:
        """site.yml's ``table_headers`` or ``tr_forms``: an archived page's frozen ones, else today's."""
        return cast("dict[str, Any]", getattr(self.wording if self.wording is not None else self.policy.site, name))

    def _needs(self, macro: str) -> None:
        """An optional site fact that a page shows (``macros.Need``): its absence stops the build with what to add."""
        need = MACROS[macro].needs
        if need is not None and not need.stated(self.site):
            raise MissingFact(f"{macro}() shows `{need.field}`, which data/site.yml does not state: add e.g. "
                             f"`{need.example}` to data/site.yml, or remove {{{{ {macro}() }}}} from the page")

    def domain(self) -> str:
        """The website's domain from site.yml; a page that uses it needs it stated."""
        self._needs("domain")
        return escape(self.site.domain)

    def contact_email(self) -> str:
        """The contact e-mail address as a mailto: link; a page that uses it needs it stated."""
        email = self.site.contact_email
        self._needs("contact_email")
        return link(str(email), f"mailto:{email}")  # stated: _needs stopped otherwise

    # ------------------------------------------------------------ the data controller (KVKK Art. 10, GDPR Art. 13)
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
        storages = {i.storage for i in self.items(category=cid)}
        subject = "storage" if storages and "cookie" not in storages else "cookies"  # "Bu veriler": no cookie in it
        sentence = category_basis_sentence(self.c, category, subject)
        if sentence and (self.site.cite_articles if cite is None else cite):  # "... is used (KVKK m. 5/1; ...)."
            sentence = f"{sentence.removesuffix('.')} {self.citation(category)}."
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
                raise Refusal("sections_category", category=repr(unknown[0]), known=", ".join(sorted(known)))
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
                cols = columns_for(columns, category.id)
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
        if voice not in VOICES:
            raise Refusal("voice", voice=repr(voice))
        such_as = dict(such_as or {})
        stray = [p for p in such_as if p not in self.inv.not_used]
        if stray:
            raise Refusal("such_as", practice=repr(stray[0]))
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
                raise Refusal("where", where=repr(where), known=", ".join(places) or say("macro_error.none"))
            key += "_at"
            case = self.c.maybe("not_used_place_case") or None
            place["place"] = self._case_text(text(places[where], self.lang), case, proper=False)
        sentence = self.c.t(key, company=self.site.company,
                            practices=format_list(practices, self.lang, style="or"), **place)
        names = [self.site.company] + [str(e) for examples in such_as.values() for e in examples]
        return escape(sentence if opens_with_name(sentence, names) else upper_first(sentence, self.lang))

    def withdraw_consent(self) -> str:
        """How consent is withdrawn, naming the categories that need it; empty when none does. The consent is
        called explicit ("açık rıza") only when every category named states it (``explicit``)."""
        named = [c for c in self.inv.categories
                 if c.consent == "required" and (not c.listed or self.items(category=c.id))]
        if not named:
            return ""
        key = "withdraw_consent_explicit" if all(c.explicit for c in named) else "withdraw_consent"
        first = 0 if self.c.t(key).startswith("{categories}") else -1  # the one that opens it
        names = [text(c.name, self.lang) if i == first else running_name(text(c.name, self.lang), self.lang)
                 for i, c in enumerate(named)]
        return escape(self.c.t(key, categories=format_list(names, self.lang)))

    def service_name(self, sid: str, case: str | None = None) -> str:
        """A third-party service's name from the data, for prose that mentions it."""
        service = self.inv.service(sid)
        if service is None:
            known = ", ".join(s.id for s in self.inv.services) or say("macro_error.none")
            raise Refusal("service", service=repr(sid), known=known)
        return self.case_form(service.name, case)

    def usage_place(self, place: str, case: str | None = None) -> str:
        """Where items are used (``usage_places`` in site.yml), in the page's language."""
        places = self.site.usage_places
        if place not in places:
            raise Refusal("usage_place", place=repr(place), known=", ".join(places) or say("macro_error.none"))
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

        def labelled(column: str, value: dt.date) -> str:
            # the column's header again, shown only where a phone shows each version as a card (policy.css)
            return f'<span class="policy-label">{escape(c.t(column))}:</span> {self.date(value)}'

        rows = []
        words = {legalstate.State.UPCOMING: "versions.upcoming", legalstate.State.SUPERSEDED: "versions.superseded",
                 legalstate.State.REPLACED: "versions.replaced"}
        for entry in reversed(legalstate.states(self.policy.releases, self.today)):
            release = entry.release
            if entry.state is legalstate.State.IN_FORCE:
                continue
            state = c.t(words[entry.state])
            rows.append([version_link(release), labelled("versions.column_published", release.published),
                         labelled("versions.column_effective", release.effective), escape(state)])
        headers = [escape(c.t(f"versions.column_{name}")) for name in ("version", "published", "effective", "state")]
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
        from cookiepolicy.render.classed import changelog_markdown

        return changelog_markdown(diff, old, new, self.lang, self.policy.site.company, self.policy.site.usage_places,
                                  self.policy.site.table_headers if headers is None else headers)


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
