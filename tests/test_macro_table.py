"""The one table of macros (``render.macros``) agrees with the Renderer, so the two cannot drift: every
macro is a method, its arguments and defaults are the method's, and every reader of the macro interface
(page guard, argument checks, coverage, page review, reference page, adapter) reads the table."""

from __future__ import annotations

import inspect

import pytest

from cookiepolicy.checks import coverage, pageargs, pagefacts
from cookiepolicy.model.inventory import TABLE_COLUMNS
from cookiepolicy.render import macros, site
from cookiepolicy.render.macros import MACROS, SOURCES
from cookiepolicy.render.pageguard import check_source
from cookiepolicy.render.renderer import Renderer
from cookiepolicy.review import pagediff


@pytest.mark.parametrize("name", list(MACROS))
def test_each_macro_is_the_renderer_method_with_the_same_arguments_and_defaults(name: str):
    macro = MACROS[name]
    method = getattr(Renderer, name, None)
    assert callable(method), f"{name} is declared but the Renderer has no such method"
    parameters = list(inspect.signature(method).parameters.values())[1:]
    assert [p.name for p in parameters] == [a.name for a in macro.arguments]
    for parameter, argument in zip(parameters, macro.arguments, strict=True):
        assert argument.required == (parameter.default is inspect.Parameter.empty), argument.name
        if not argument.required:
            assert parameter.default == argument.default, argument.name
    assert macro.doc.strip()


@pytest.mark.parametrize("name", list(MACROS))
def test_a_fixed_default_is_one_of_the_allowed_values(name: str):
    for argument in MACROS[name].arguments:
        default = argument.default
        if argument.values and isinstance(default, str):
            assert default in argument.values, (name, argument.name)
        if argument.values and isinstance(default, tuple):
            assert set(default) <= set(argument.values), (name, argument.name)
        assert argument.source is None or argument.source in SOURCES


def test_the_readers_of_the_macro_interface_read_the_table():
    assert tuple(MACROS) == site.MACROS
    assert coverage.LISTING_MACROS == ("cookie_table", "storage_list", "category_sections")
    assert pagediff.TABLE_MACROS == {"cookie_table": ("name", "purpose", "duration", "category"),
                                     "category_sections": ("name", "purpose", "duration"),
                                     "services_table": ("service", "country", "processor_role", "transfer_abroad")}
    assert set(pagefacts.NEEDS) == {"domain", "contact_email", "rights", "automated_decisions"}
    assert ("cookie_table", "category") in pageargs.ARGUMENTS
    assert ("cookie_table", "columns") not in pageargs.ARGUMENTS  # checked by the macro, with its own words
    assert macros.COLUMNS == TABLE_COLUMNS


def test_a_new_argument_in_the_table_is_one_the_page_guard_accepts():
    assert check_source('{{ cookie_table(group_by="provider", level=2) }}', "docs/index.md") == []
    [problem] = check_source('{{ cookie_table(grouping="provider") }}', "docs/index.md")
    assert "`cookie_table` has no argument `grouping`" in problem.message
    assert "storage, category, columns, attributes, name_header" in problem.message


def test_the_reference_page_names_every_macro_and_its_allowed_values():
    from cookiepolicy.adapters.reference import macros_page

    page = macros_page()
    for name, macro in MACROS.items():
        assert f"## `{name}`" in page
        assert macro.doc in page
    assert "| `group_by` | <code>str | None</code> | `None` | `provider`, `category` |".replace(
        "str | None", "str &#124; None") in page
    assert "| `cid` | <code>str</code> | (required) | the data's categories |" in page
