"""The inventory's data files and its model name the same fields: a field added to one and not the
other fails here, before a user finds a value the schema accepts and the pages never show (or the reverse)."""

from __future__ import annotations

import dataclasses

import pytest

from cookiepolicy.loading.schemas import SCHEMAS
from cookiepolicy.model.inventory import Category, Item, Service

ENTRIES = [("categories", "categories", Category), ("services", "services", Service), ("cookies", "items", Item)]


@pytest.mark.parametrize(("schema", "key", "model"), ENTRIES, ids=[e[0] for e in ENTRIES])
def test_each_entry_of_a_data_file_has_exactly_the_models_fields(schema: str, key: str, model: type):
    entry = SCHEMAS[schema]["properties"][key]["items"]
    assert entry["additionalProperties"] is False  # a field the model lacks is refused, never ignored
    assert set(entry["properties"]) == {f.name for f in dataclasses.fields(model)}

