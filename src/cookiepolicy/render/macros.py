"""The macros a page may call, declared once: every place that needs them reads this table.

The page guard (which names a page may call), the argument checks of ``policy validate`` and the
build, the coverage checks (which macros list items), the review of page changes (a table's
default columns), the MkDocs adapter, the Markdown export and the manual's reference page all read
``MACROS``. Each macro is the ``Renderer`` method of the same name; a test holds the two together
(every macro exists, its arguments and defaults are the method's).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cookiepolicy.model.inventory import STORAGE_TYPES, TABLE_COLUMNS, Policy, Site
from cookiepolicy.render.disclosures import RIGHTS_LAWS
from cookiepolicy.text.turkish import CASES

# The fixed options of the table macros: the macros check them (``Tables._check_table``)
COLUMNS = TABLE_COLUMNS
DEFAULT_COLUMNS = ("name", "purpose", "duration", "category")
SECTION_COLUMNS = ("name", "purpose", "duration")
GROUPS = ("provider", "category")
NAME_HEADERS = ("name", "cookie", "storage")
ATTRIBUTE_MODES = ("inline", "column", "none")
SERVICE_COLUMNS = ("service", "country", "processor_role", "transfer_abroad")
SERVICE_TABLE_COLUMNS = (*SERVICE_COLUMNS, "transfer_mechanism")
VOICES = ("company", "we")
# A macro call as a page writes it, ``{{ name(arguments) }}`` (``{{-``/``-}}`` trimming whitespace):
# the archived pages' record, the review of page changes and its preview read calls with it
CALL = re.compile(r"\{\{-?\s*([a-z_]+)\s*\((.*?)\)\s*-?\}\}", re.S)


def _categories(policy: Policy) -> tuple[str, ...]:
    return tuple(c.id for c in policy.draft.categories)


def _services(policy: Policy) -> tuple[str, ...]:
    return tuple(s.id for s in policy.draft.services)


def _places(policy: Policy) -> tuple[str, ...]:
    return tuple(policy.site.usage_places)


# where the values of an argument come from, when the data gives them
SOURCES: dict[str, Callable[[Policy], tuple[str, ...]]] = {
    "categories": _categories, "services": _services, "usage places": _places}

_NO_DEFAULT: Any = object()


@dataclass(frozen=True)
class Argument:
    """One argument of a macro: its default (``REQUIRED`` when it must be given) and its allowed values.

    ``values`` are fixed; ``source`` names where the data gives them (``SOURCES``). ``page_checked``:
    the page checks (``checks.pageargs``) refuse another value, in validate and the build alike;
    otherwise the macro itself does, with its own words (or any value is allowed).
    """

    name: str
    default: Any = _NO_DEFAULT
    values: tuple[str, ...] = ()
    source: str | None = None
    page_checked: bool = False

    @property
    def required(self) -> bool:
        return self.default is _NO_DEFAULT

    def allowed(self, policy: Policy) -> tuple[str, ...] | None:
        """The values the argument may take with this data; None when it is not a choice among names."""
        if self.source is not None:
            return SOURCES[self.source](policy)
        return self.values or None


@dataclass(frozen=True)
class Need:
    """A site fact a macro shows: without it, the page cannot be built (and validate says so)."""

    stated: Callable[[Site], object]
    fields: tuple[str, ...]  # the site.yml field, or the fields of which any one will do
    example: str  # what to add to data/site.yml

    @property
    def field(self) -> str:
        """The field(s) in English words: "a, b or c"."""
        return " or ".join(filter(None, (", ".join(self.fields[:-1]), self.fields[-1])))


@dataclass(frozen=True)
class Macro:
    """One macro: its arguments in the method's order, what it is for, and what the checks need of it."""

    name: str
    doc: str
    arguments: tuple[Argument, ...] = ()
    lists_items: bool = False  # it lists inventory items (the coverage checks count them as shown)
    default_columns: tuple[str, ...] = ()  # a table's columns when the page names none (the page review)
    needs: Need | None = None
    draft_dependent: bool = False  # on a page pinned to a release it still shows the draft (the changelog)
    todays: bool = False  # it shows what holds today (in force, upcoming, archived): an archive's record omits it
    previewed: bool = True  # the review's preview of a page shows its output (today's macros: never)

    def argument(self, name: str) -> Argument | None:
        return next((a for a in self.arguments if a.name == name), None)


def _arg(name: str, default: Any = _NO_DEFAULT, values: tuple[str, ...] = (), source: str | None = None,
         page_checked: bool = False) -> Argument:
    return Argument(name, default, values, source, page_checked)


def _case() -> Argument:
    return _arg("case", None, CASES)


def _cid() -> Argument:
    return _arg("cid", source="categories", page_checked=True)


def _headers() -> Argument:
    return _arg("headers", None, COLUMNS)


REQUIRED = _NO_DEFAULT
_ALL: tuple[Macro, ...] = (
    Macro("company", "The company's name; ``case`` gives a case form (\"gen\", \"dat\", ...: see ``case_form``).",
          (_case(),)),
    Macro("domain", "The website's domain from site.yml; a page that uses it needs it stated.",
          needs=Need(lambda site: site.domain, ("domain",), "domain: example.com")),
    Macro("contact_email", "The contact e-mail address as a mailto: link; a page that uses it needs it stated.",
          needs=Need(lambda site: site.contact_email, ("contact.email",), "contact: {email: privacy@example.com}")),
    Macro("version", "The number of the release the page shows; empty when no release is published.",
          previewed=False),
    Macro("release_line", "The line that states the version shown and its dates; empty when no release is "
                          "published.", previewed=False),
    Macro("notices", "Draft, archive and upcoming-version notices that belong at the top of a policy page.",
          todays=True),
    Macro("cookie_table", "A table of items in cookies.yml's order; ``attributes`` is \"inline\" (after the "
                          "purpose), \"column\" or \"none\". ``group_by`` (\"provider\" or \"category\") makes one "
                          "table per group, each under a heading of ``level``, groups in the order their first item "
                          "comes in cookies.yml.",
          (_arg("storage", "cookie", STORAGE_TYPES, page_checked=True),
           _arg("category", None, source="categories", page_checked=True),
           _arg("columns", DEFAULT_COLUMNS, COLUMNS), _arg("attributes", "inline", ATTRIBUTE_MODES),
           _arg("name_header", "name", NAME_HEADERS), _arg("show_storage", False),
           _arg("used_on", None, source="usage places", page_checked=True), _headers(),
           _arg("group_by", None, GROUPS), _arg("level", 3)),
          lists_items=True, default_columns=DEFAULT_COLUMNS),
    Macro("storage_list", "Browser-storage items as a list of purposes (names optional), e.g. local storage.",
          (_arg("storage", "localStorage", STORAGE_TYPES, page_checked=True), _arg("show_names", False)),
          lists_items=True),
    Macro("services_list", "The listed third parties; ``details`` adds the country, role and transfer abroad "
                           "the data states.", (_arg("details", False),)),
    Macro("category_sections", "A heading, description, legal basis and table per category, in the data's "
                               "order. ``columns`` is one list for every table, or a mapping of category id to "
                               "its own list (``\"*\"``: every other category); a table with an attributes column "
                               "shows them only there. ``headers`` overrides column headers as in "
                               "``cookie_table``.",
          (_arg("level", 3), _arg("columns", SECTION_COLUMNS, COLUMNS), _arg("attributes", "inline", ATTRIBUTE_MODES),
           _arg("legal_basis", True), _arg("name_header", "cookie", NAME_HEADERS),
           _arg("show_storage_for_other", True), _headers(), _arg("cite", None)),
          lists_items=True, default_columns=SECTION_COLUMNS),
    Macro("not_used_statement", "What the site states it does not use, from ``not_used`` (checked against the "
                                "inventory). ``voice``: \"company\" (\"X does not use ...\") or \"we\" (\"We do not "
                                "use ...\"); ``such_as`` gives examples per practice, e.g. "
                                "``{\"third-party-tracking\": [\"Google Analytics\"]}``; ``where``: a place of "
                                "``usage_places`` in site.yml (\"on the dashboard\"), instead of the website.",
          (_arg("voice", "company", VOICES), _arg("such_as", None), _arg("where", None, source="usage places"))),
    Macro("legal_basis", "The sentence the law's wording supports for the category's legal basis; none when not "
                         "stated. ``cite`` (default: ``cite_articles`` in site.yml) adds the articles: "
                         "\"(KVKK m. 5/2-f; GDPR m. 6/1-f)\".", (_cid(), _arg("cite", None))),
    Macro("category_description", "A category's description in the page's language, from categories.yml.",
          (_cid(),)),
    Macro("category_name", "A category's name in the page's language, in a grammatical case when ``case`` is "
                           "given.", (_cid(), _case())),
    Macro("changelog", "Every release newest first with its computed changes; previews also show the draft's.",
          (_arg("include_unreleased", None), _arg("level", 2)), draft_dependent=True, todays=True),
    Macro("versions_table", "The version in force on a line of its own, then the other published versions "
                            "(earlier ones, and one that takes effect later) in a table.", todays=True),
    Macro("withdraw_consent", "How consent is withdrawn, naming the categories that need it; empty when none "
                              "does."),
    Macro("service_name", "A third-party service's name from the data, for prose that mentions it.",
          (_arg("sid", source="services", page_checked=True), _case())),
    Macro("usage_place", "Where items are used (``usage_places`` in site.yml), in the page's language.",
          (_arg("place", source="usage places", page_checked=True), _case())),
    Macro("cookie_settings_link", "A button that reopens the consent banner's preferences; hidden until the "
                                  "banner runs. A button, not a link: it goes nowhere, so no crawler or reader "
                                  "follows a target that does not exist.", previewed=False),
    Macro("case_form", "``name`` in a grammatical case: Turkish \"gen\", \"dat\", \"loc\", \"acc\", \"abl\", "
                       "\"poss\"; English \"gen\". Turkish forms follow the name's sound (``tr_forms`` in site.yml "
                       "overrides it per name); ``proper=False`` for common nouns, which take no apostrophe "
                       "(\"yönetim paneline\").", (_arg("name"), _case(), _arg("proper", True))),
    Macro("controller", "\"Data controller: <legal name>\"; empty when the data states no legal name."),
    Macro("contact", "Every stated way to reach the controller, one line each, in the data's order; nothing "
                     "unstated. The legal name is labelled as the data controller's; ``legal_name=False`` leaves "
                     "it out, for a page that names the controller with ``controller()``.",
          (_arg("legal_name", True),)),
    Macro("services_table", "The listed third parties in a table: name, country, role, transfer abroad "
                            "(unstated: empty cell), and the transfer's mechanism when a listed service states one.",
          (_arg("columns", None, SERVICE_TABLE_COLUMNS),), default_columns=SERVICE_COLUMNS),
    Macro("rights", "The data subject's rights under ``law`` (\"kvkk\": Art. 11; \"gdpr\": Art. 15-22), the ways "
                    "to apply that the data states, and the complaint to the Board (KVKK Art. 14) or a supervisory "
                    "authority.", (_arg("law", "kvkk", RIGHTS_LAWS),),
          needs=Need(lambda site: (site.contact.address or site.contact.kep or site.contact_email
                                   or site.contact.rights_url),
                     ("contact.address", "contact.kep", "contact.email", "contact.rights_url"),
                     "contact: {email: privacy@example.com}")),
    Macro("collection_method", "How the data is collected (KVKK Art. 10(1)(ç)): automatically, by the kinds of "
                               "storage listed."),
    Macro("automated_decisions", "The controller's statement on decisions based solely on automated processing "
                                 "(GDPR Art. 13(2)(f)), as the data states it.",
          needs=Need(lambda site: site.contact.automated_decisions, ("contact.automated_decisions",),
                     "contact: {automated_decisions: {en: ..., tr: ...}}")),
)

MACROS: dict[str, Macro] = {macro.name: macro for macro in _ALL}
NAMES = tuple(MACROS)
LISTING = tuple(name for name, macro in MACROS.items() if macro.lists_items)
TABLES = {name: macro.default_columns for name, macro in MACROS.items() if macro.default_columns}
TODAYS = frozenset(name for name, macro in MACROS.items() if macro.todays)
PREVIEWED = frozenset(name for name, macro in MACROS.items() if macro.previewed and not macro.todays)
