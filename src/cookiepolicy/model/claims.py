"""Which facts each generated legal-basis sentence asserts, so that none is said that the data does not state.

Each catalog key is listed with the facts its sentence asserts: the basis, and what it adds to it
(``explicit`` consent, its ``withdrawal``, the ``requested_service``, a ``ground``). A category gets the
first sentence, in this order, whose facts it states; a fact it does not state is in no sentence it gets.
"""

from __future__ import annotations

from cookiepolicy.model.inventory import Category

# (catalog key, facts the sentence asserts), most specific first
LEGAL_SENTENCES: tuple[tuple[str, frozenset[str]], ...] = tuple((key, frozenset(facts)) for key, facts in (
    ("consent.required", ("consent", "explicit", "withdrawal")),
    ("consent.stated_explicit", ("consent", "explicit")),
    ("consent.stated_withdrawal", ("consent", "withdrawal")),
    ("consent.stated", ("consent",)),
    ("consent.exempt_ground", ("strictly-necessary", "ground")),
    ("consent.exempt", ("strictly-necessary", "requested_service")),
    ("consent.exempt_plain", ("strictly-necessary",)),
    ("kvkk.basis.contract", ("contract",)),
    ("kvkk.basis.legitimate-interest", ("legitimate-interest",)),
))
# What a category states besides its basis, and the basis each belongs to: a change of one is a
# changelog line of its own.
CONSENT_FACTS = ("explicit", "withdrawal", "requested_service")
FACT_BASIS = {"explicit": "consent", "withdrawal": "consent", "requested_service": "strictly-necessary"}
# The facts a basis given as a bare string (no category at hand) states: the older spelling's words.
OLDER_SPELLING = {"consent": frozenset({"consent", "explicit", "withdrawal"}),
                  "strictly-necessary": frozenset({"strictly-necessary", "requested_service"})}


def stated_facts(category: Category) -> frozenset[str]:
    """What the data states about a category's legal basis, in the names the sentences assert."""
    if category.legal_basis == "not-stated":
        return frozenset()
    flags = {"explicit": category.explicit, "withdrawal": category.withdrawal,
             "requested_service": category.requested_service, "ground": bool(category.ground)}
    return frozenset({category.legal_basis, *(fact for fact, stated in flags.items() if stated)})


def sentence_key(facts: frozenset[str]) -> str | None:
    """The catalog key of the sentence that asserts the most of ``facts`` and nothing else; None: no basis."""
    return next((key for key, asserted in LEGAL_SENTENCES if asserted <= facts), None)
