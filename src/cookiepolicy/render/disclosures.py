"""KVKK Art. 10 and 11 (GDPR Art. 13) disclosures as macros: the controller and how to reach it, the rights,
how to use them, the complaint to the Board, and the method of collection.

The rights and the complaint are the law's own (KVKK Art. 11, 13, 14; GDPR Art. 15-22, 77): the
sentence names the law the page asks for. The ways to apply are the contact facts the data states,
nothing more: a page that asks for the rights of a site that states no way to apply fails its build.
The method of collection follows from the storage the inventory lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cookiepolicy.render.sentences import text_lines
from cookiepolicy.text.localize import format_list, text
from cookiepolicy.text.markdown import escape, link
from cookiepolicy.text.words import Refusal

if TYPE_CHECKING:
    from cookiepolicy.model.inventory import Category, Inventory, Localized, Site
    from cookiepolicy.text.localize import Catalog

RIGHTS_LAWS = ("kvkk", "gdpr")
# the laws a legal-basis sentence cites when the site names none (`laws` in site.yml)
CITED_LAWS = ("kvkk", "gdpr")


class Disclosures:
    """Mixed into the Renderer: every method here is a macro of the same name."""

    # given by the Renderer
    c: Catalog
    lang: str
    contact_email: Callable[[], str]
    _needs: Callable[[str], None]
    if TYPE_CHECKING:  # read-only properties there
        @property
        def inv(self) -> Inventory: ...
        @property
        def site(self) -> Site: ...

    def controller(self) -> str:
        """"Data controller: <legal name>"; empty when the data states no legal name."""
        legal_name = self.site.contact.legal_name
        return escape(self.c.t("kvkk.controller", name=legal_name)) if legal_name else ""

    def contact(self, legal_name: bool = True) -> str:
        """Every stated way to reach the controller, one line each, in the data's order; nothing unstated.
        The legal name is labelled as the data controller's ("Veri sorumlusu: …"); ``legal_name=False``
        leaves it out, for a page that names the controller above with {{ controller() }}."""
        contact, c = self.site.contact, self.c
        lines = []
        if contact.name:
            lines.append(escape(c.t("kvkk.contact.name", value=text(contact.name, self.lang))))
        if contact.legal_name and legal_name:
            lines.append(self.controller())
        if contact.address:
            address = text_lines(text(contact.address, self.lang))
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
        for role in ("representative", "dpo"):  # only where the controller has one, as the data states it
            lines += self._labelled_lines(role, getattr(contact, role))
        return "  \n".join(lines)

    def rights(self, law: str = "kvkk") -> str:
        """The data subject's rights under ``law`` ("kvkk": Art. 11; "gdpr": Art. 15-22), the ways to apply
        that the data states, and the complaint to the Board (KVKK Art. 14) or a supervisory authority."""
        if law not in RIGHTS_LAWS:
            raise Refusal("rights_law", law=repr(law), allowed=", ".join(RIGHTS_LAWS))
        c, contact = self.c, self.site.contact
        channels = []
        if contact.address:
            address = ", ".join(line.strip() for line in text(contact.address, self.lang).splitlines() if line.strip())
            channels.append(c.t("rights.channel.address", address=escape(address)))
        if contact.kep:
            channels.append(c.t("rights.channel.kep", kep=escape(contact.kep)))
        if self.site.contact_email:
            channels.append(c.t("rights.channel.email", email=self.contact_email()))
        if contact.rights_url:
            channels.append(c.t("rights.channel.url", link=link(c.t("kvkk.rights_link"), contact.rights_url)))
        if not channels:
            raise Refusal("rights_no_way")
        paragraphs = [c.t(f"rights.{law}.list"),
                      c.t(f"rights.{law}.apply", channels=format_list(channels, self.lang, style="or")),
                      c.t(f"rights.{law}.complaint")]
        return "\n\n".join(paragraphs)

    def citation(self, category: Category) -> str:
        """The articles of a category's basis, or of its ground, in the laws the site names: "(KVKK m. 5/1)"
        on a KVKK-only site, "(KVKK m. 5/1; GDPR m. 6/1-a)" when it names both or none."""
        cited = f"cite_ground.{{law}}.{category.ground}" if category.ground else f"cite.{{law}}.{category.legal_basis}"
        articles = "; ".join(self.c.t("kvkk." + cited.format(law=law)) for law in self.site.laws or CITED_LAWS)
        return self.c.t("kvkk.cited", articles=articles)

    def _labelled_lines(self, role: str, value: Localized) -> list[str]:
        """A multi-line fact under its label ("Representative: Acme EU GmbH", then its address lines)."""
        if not value:
            return []
        parts = text_lines(text(value, self.lang))
        return [escape(self.c.t(f"kvkk.contact.{role}", value=parts[0])), *(escape(line) for line in parts[1:])]

    def automated_decisions(self) -> str:
        """What the controller states about decisions based solely on automated processing, profiling included
        (GDPR Art. 13(2)(f); KVKK Art. 11(1)(g)), in its own words: the engine writes no such statement, and a
        page that asks for one the data does not state fails its build."""
        statement = self.site.contact.automated_decisions
        self._needs("automated_decisions")
        return escape(" ".join(text_lines(text(statement, self.lang))))

    def collection_method(self) -> str:
        """How the data is collected (KVKK Art. 10(1)(ç)): automatically, by the kinds of storage listed."""
        storages = [s for s in ("cookie", "localStorage", "sessionStorage") if any(i.storage == s
                                                                                  for i in self.inv.items)]
        if not storages:
            return ""
        means = format_list([self.c.t(f"collection.means.{s}") for s in storages], self.lang)
        return escape(self.c.t("collection.sentence", means=means))
