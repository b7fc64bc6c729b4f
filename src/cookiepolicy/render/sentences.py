"""Every change in words: names instead of ids, language names instead of codes, a deletion as a
deletion. Sentences are Markdown (text from data escaped); the review turns them into plain text
for terminals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import cast

from babel.numbers import format_decimal

from cookiepolicy.history.diff import Change, FieldChange, PolicyDiff
from cookiepolicy.model.claims import CONSENT_FACTS, FACT_BASIS, OLDER_SPELLING, sentence_key, stated_facts
from cookiepolicy.model.inventory import (
    FIRST_PARTY,
    TABLE_COLUMNS,
    THIRD_PARTY,
    Category,
    Duration,
    Inventory,
    Item,
    Service,
)
from cookiepolicy.text.localize import (
    Catalog,
    country_name,
    format_duration,
    format_list,
    language_name,
    lower_first,
    running_duration,
    text,
    upper_first,
)
from cookiepolicy.text.markdown import code, escape
from cookiepolicy.text.shorten import shorten as shorten  # named here by the page diff too


def legal_basis_sentence(c: Catalog, basis: str, ground: str = "", facts: frozenset[str] | None = None,
                         subject: str = "cookies") -> str:
    """A legal basis in words; "" for ``not-stated``: a sentence never claims a basis the data does not state.

    ``facts``: what the data states (``claims.stated_facts``); the sentence asserts no other. Without it,
    a basis reads as its older spelling did (``consent: required|exempt``). A strictly necessary category
    that names its ``ground`` gets the exemption and that ground, and only that. ``subject``: "cookies",
    or "storage" for a category of local or session storage only ("Bu veriler", not "Bu çerezler").
    """
    if facts is None:
        facts = OLDER_SPELLING.get(basis, frozenset({basis})) | ({"ground"} if ground else set())
    key = sentence_key(frozenset(facts) if basis != "not-stated" else frozenset())
    if key is None:
        return ""
    words = {"subject": c.t(f"consent.subject.{subject}")}
    if key == "consent.exempt_ground":
        words["ground"] = c.t(f"kvkk.basis_name.{ground}")
    return c.t(key, **words)


def category_basis_sentence(c: Catalog, category: Category, subject: str = "cookies") -> str:
    """The legal-basis sentence of a category: the basis and only what its data states besides."""
    return legal_basis_sentence(c, category.legal_basis, category.ground, stated_facts(category), subject)


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
            return escape(running_duration_words(value, lang))
        if isinstance(value, bool):
            return escape(c.t("yes" if value else "no"))
        if field in _KEYED_VALUES:
            return escape(c.t(_KEYED_VALUES[field] + str(value)))
        shown = _VALUE_FORMS.get(field)
        if shown is not None:
            return shown(self, value, inventory)
        if isinstance(value, dict):
            return _quoted(text(value, lang))
        if field in LOCALIZED_TEXT:
            return _quoted(str(value))
        return code(value)

    def clause(self, change: FieldChange, item: bool = False) -> str:
        """What happened to one field, without its subject: "duration extended from 30 days to 60 days"."""
        c = self.c
        if change.lang is not None:
            return self._text_clause(change, item)
        if change.field == "cross_site":
            return c.t(f"change.cross_site_{'on' if change.new else 'off'}")
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
        return self._value_clause(change, name)

    def _text_clause(self, change: FieldChange, item: bool) -> str:
        """A text in one language changed: deleted, added, only its wording, or rewritten."""
        c, language = self.c, language_name(change.lang or "", self.lang)
        header = self.header(change.field) if item else ""
        label = c.t("text_field_header", language=language, header=header) if header \
            else c.t("text_field." + change.field, language=language)
        if change.new is None or change.new == "":
            return c.t("change.text_deleted", field=escape(label))
        if change.old is None or change.old == "":
            return c.t("change.text_added", field=escape(label), new=_quoted(str(change.new)))
        if change.wording:
            return c.t("change.text_wording", field=escape(label))
        old, new = shorten(str(change.old), str(change.new))
        return c.t("change.changed", field=escape(label), old=_quoted(old), new=_quoted(new))

    def _value_clause(self, change: FieldChange, name: str) -> str:
        """A value stated, no longer stated, or replaced: each value quoted, so that a value of several
        words reads as one ("kind changed from “advertising” to “other”")."""
        c, empty = self.c, (None, (), "")
        if change.old in empty:
            return c.t("change.set", field=name, new=_marked(self.value(change.field, change.new, self.new)))
        if change.new in empty:
            return c.t("change.cleared", field=name, old=_marked(self.value(change.field, change.old, self.old)))
        return c.t("change.changed", field=name, old=_marked(self.value(change.field, change.old, self.old)),
                   new=_marked(self.value(change.field, change.new, self.new)))

    def duration(self, old: Duration, new: Duration) -> str:
        c, lang = self.c, self.lang
        a, b = old.seconds(), new.seconds()
        old_text, new_text = self.value("duration", old, self.old), self.value("duration", new, self.new)
        if a is None or b is None or a == b:
            return c.t("change.changed", field=self.label("duration"), old=_marked(old_text), new=_marked(new_text))
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


def _marked(shown: str) -> str:
    """A value in quotation marks unless it has its own (a quoted text, a name in code)."""
    return shown if shown.startswith(("<code>", "“")) else "“" + shown + "”"


def running_duration_words(duration: Duration, lang: str) -> str:
    """A duration inside a sentence: the catalog's words in lower case ("session", not the table's
    "Session"), and the data's own sentence-case text too ("until the payment is complete")."""
    words = running_duration(duration, lang)
    return running_name(words, lang) if duration.kind == "text" else words


def _category_value(w: _Words, value: object, inventory: Inventory | None) -> str:
    category = inventory.category(str(value)) if inventory else None
    return escape(text(category.name, w.lang)) if category else code(value)


def _provider_value(w: _Words, value: object, inventory: Inventory | None) -> str:
    return escape(provider_label(inventory, str(value), w.company, w.c, running=True))


def _attributes_value(w: _Words, value: object, inventory: Inventory | None) -> str:
    return escape(format_list([w.c.t("attribute." + a) for a in cast("Iterable[str]", value)], w.lang))


def _places_value(w: _Words, value: object, inventory: Inventory | None) -> str:
    return escape(format_list([text(w.places[p], w.lang) if p in w.places else p
                               for p in cast("Iterable[str]", value)], w.lang))


def _kind_value(w: _Words, value: object, inventory: Inventory | None) -> str:
    return escape(w.c.maybe(f"change.kind.{value}") or str(value))


def _country_value(w: _Words, value: object, inventory: Inventory | None) -> str:
    return escape(country_name(str(value), w.lang))


# fields whose value is a catalog word: the key's prefix
_KEYED_VALUES = {"storage": "storage_label.", "consent": "change.consent_short.", "ground": "kvkk.basis_name.",
                 "processor_role": "kvkk.processor_role.", "transfer_mechanism": "kvkk.mechanism."}
# fields whose value needs the inventory or the site to be named
_VALUE_FORMS: dict[str, Callable[[_Words, object, Inventory | None], str]] = {
    "category": _category_value, "provider": _provider_value, "attributes": _attributes_value,
    "used_on": _places_value, "kind": _kind_value, "country": _country_value}


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
        out.extend(_category_sentences(w, change))
    for change in diff.services:
        out.extend(_service_sentences(w, change))
    out.extend((change.kind, _item_sentence(w, change)) for change in diff.items)
    out.extend(("added", c.t("change.not_used_added", practice=escape(c.t("practice." + practice))))
               for practice in diff.not_used_added)
    out.extend(("removed", c.t("change.not_used_removed", practice=escape(c.t("practice." + practice))))
               for practice in diff.not_used_removed)
    out.extend(("changed", sentence) for sentence in site_sentences(diff.site, lang))
    return out


def _category_sentences(w: _Words, change: Change) -> list[tuple[str, str]]:
    """A category added or removed, or what changed in it: its basis, each consent fact, whether its
    cookies are listed, and the other fields in one sentence."""
    c = w.c
    cat = change.new or change.old
    name = escape(text(cat.name, w.lang))
    if change.kind == "added":
        return [("added", _category_added(c, cat, name))]
    if change.kind == "removed":
        return [("removed", c.t("change.category_removed", name=name))]
    out = []
    if any(f.field == "legal_basis" for f in change.fields):
        out.append(("changed", _basis_sentence(c, change.old, change.new, name)))
    out.extend(("changed", start_sentence(c, f"kvkk.consent_fact.{f.field}_{'on' if f.new else 'off'}", name=name))
               for f in change.fields if f.field in CONSENT_FACTS and _own_line(change, f))
    fields = [f for f in change.fields if f.field not in ("legal_basis", "listed", *CONSENT_FACTS)]
    if fields:
        out.append(("changed", _changed(w, "change.category_changed", fields, name=name)))
    out.extend(("changed", start_sentence(c, f"change.category_listed_{'on' if f.new else 'off'}", name=name))
               for f in change.fields if f.field == "listed")
    return out


def _category_added(c: Catalog, cat: Category, name: str) -> str:
    """A new category, with its legal basis when the data states one."""
    if cat.consent:
        explicit = cat.explicit and cat.consent == "required"  # "explicit" qualifies a consent asked for
        short = "change.consent_short." + cat.consent + ("_explicit" if explicit else "")
        return c.t("change.category_added", name=name, consent=escape(c.t(short)))
    if c.maybe(f"kvkk.basis_name.{cat.legal_basis}"):
        return c.t("kvkk.category_added_basis", name=name, basis=escape(c.t(f"kvkk.basis_name.{basis_key(cat)}")))
    return c.t("kvkk.category_added_plain", name=name)  # no basis stated: nothing to say about it


def _service_sentences(w: _Words, change: Change) -> list[tuple[str, str]]:
    """A third party added (with what its entry states), removed, listed or not, or changed."""
    c = w.c
    service = change.new or change.old
    name = escape(service.name)
    if change.kind == "added":
        facts = _service_facts(c, service, w.lang)
        return [("added", c.t("change.service_added", name=name, role="; ".join(facts))
                 if facts else c.t("change.service_added_plain", name=name))]
    if change.kind == "removed":
        return [("removed", c.t("change.service_removed", name=name))]
    fields = [f for f in change.fields if f.field != "listed"]
    out = [("changed", _changed(w, "change.service_changed", fields, name=name))] if fields else []
    out.extend(("changed", start_sentence(c, f"change.service_listed_{'on' if f.new else 'off'}", name=name))
               for f in change.fields if f.field == "listed")
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
    if old.legal_basis == new.legal_basis:  # a fact of another basis (or of none) is no line about this one
        return bool(FACT_BASIS[fact.field] == new.legal_basis)
    return bool(fact.new) and fact.field != "explicit" and new.legal_basis == FACT_BASIS[fact.field]


def _basis_sentence(c: Catalog, old: Category, new: Category, name: str) -> str:
    """A category's legal basis changed: between consent and strict necessity in the words used so far."""
    if old.consent and new.consent:
        needs = new.consent == "required"  # "explicit" only where the consent category states it
        key = "change.category_needs_consent" if needs else "change.category_no_consent"
        return start_sentence(c, key + ("_explicit" if (new if needs else old).explicit else ""), name=name)
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


def text_lines(value: str) -> list[str]:
    """The non-empty lines of a multi-line text (a postal address), trimmed."""
    return [line.strip() for line in value.splitlines() if line.strip()]


def one_line(value: str) -> str:
    """A multi-line text (a postal address) inside a sentence: its lines joined by commas."""
    return ", ".join(text_lines(value))


def _site_value(value: object, lang: str, field: str = "") -> str:
    """A site fact's value in a sentence: languages and countries by name, texts in quotation marks."""
    if isinstance(value, tuple):
        return escape(format_list([language_name(v, lang) for v in value], lang))
    if isinstance(value, dict):
        return "“" + escape(one_line(text(value, lang))) + "”"
    if field == "default_language":
        return escape(language_name(str(value), lang))
    if field == "country":
        return escape(country_name(str(value), lang))
    return "“" + escape(str(value)) + "”"


def _place_sentence(c: Catalog, change: FieldChange, lang: str) -> str:
    """A usage place added, removed, or renamed in one language."""
    if change.old is None:
        return start_sentence(c, "site_change.place_added", name=_site_value(change.new, lang))
    if change.new is None:
        return start_sentence(c, "site_change.place_removed", name=_site_value(change.old, lang))
    return start_sentence(c, "site_change.place_changed", name=_site_value(change.new, lang),
                          language=escape(language_name(change.lang or "", lang)),
                          old=_quoted(str(change.old.get(change.lang) or "")),
                          new=_quoted(str(change.new.get(change.lang) or "")))


def _site_fact_sentence(c: Catalog, change: FieldChange, lang: str) -> str:
    """A site fact stated, no longer stated, changed in another language only, or changed."""
    label = site_field_name(c, change.field)
    old, new = change.old, change.new
    if old is None or new is None:  # an optional fact stated, or no longer stated
        value = _site_value(new if old is None else old, lang, change.field)
        return start_sentence(c, "kvkk.site_set" if old is None else "kvkk.site_cleared",
                              field=label, new=value, old=value)
    if isinstance(old, dict) and isinstance(new, dict) and text(old, lang) == text(new, lang):
        other = next(k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k))  # another language's
        return start_sentence(c, "kvkk.site_language", field=label, language=escape(language_name(other, lang)),
                              old=_quoted(one_line(old.get(other, ""))), new=_quoted(one_line(new.get(other, ""))))
    return start_sentence(c, "site_change.field", field=label, old=_site_value(old, lang, change.field),
                          new=_site_value(new, lang, change.field))


def site_sentences(changes: Sequence[FieldChange], lang: str) -> list[str]:
    """One sentence per changed site fact (company, addresses, languages, usage places)."""
    c = Catalog.get(lang)
    return [_place_sentence(c, change, lang) if change.field.startswith("usage_place:")
            else _site_fact_sentence(c, change, lang) for change in changes]


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
