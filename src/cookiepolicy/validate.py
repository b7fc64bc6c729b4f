"""Schema and semantic checks that turn a mistake into a message naming file, line and field."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .problems import ERROR, WARNING, Problem
from .schemas import SCHEMAS
from .yamlsafe import Document, dotted

_VALIDATORS = {name: Draft202012Validator(schema) for name, schema in SCHEMAS.items()}
_LISTS = ("categories", "services", "items")


def _outer(schema: dict[str, Any]) -> dict[str, Any]:
    """A file's schema with its lists of entities left to validators of their own."""
    properties = {k: ({"type": "array"} if k in _LISTS else v) for k, v in schema.get("properties", {}).items()}
    return {**schema, "properties": properties}


# A file is checked as its outer fields plus each entity on its own, so that an entity seen before
# (20 releases repeat most items of the one before) is not checked again: same content, same errors.
_SPLIT = {name: (Draft202012Validator(_outer(schema)),
                 {k: Draft202012Validator(schema["properties"][k]["items"]) for k in _LISTS
                  if k in schema.get("properties", {})})
          for name, schema in SCHEMAS.items()}
_ENTITY_ERRORS: dict[tuple[str, str, str], list[ValidationError]] = {}
_SHARED: dict[int, tuple[Any, tuple[str, str], list[ValidationError]]] = {}
_ENTITY_LIMIT = 50_000
_PY_TYPES = {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list",
             dict: "a mapping", type(None): "empty"}


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean `{match[0]}`?" if match else None


def check_schema(doc: Document, kind: str, prefix: tuple = ()) -> list[Problem]:
    """Every schema violation of ``doc`` (or of the part at ``prefix``), worded for people."""
    data = doc.data
    for part in prefix:
        data = data[part]
    problems = []
    if prefix or not isinstance(data, dict):
        for error in _VALIDATORS[kind].iter_errors(data):
            problems.extend(_explain(doc, (*prefix, *error.absolute_path), error))
        return problems
    whole, parts = _SPLIT[kind]
    for error in whole.iter_errors(data):
        problems.extend(_explain(doc, tuple(error.absolute_path), error))
    for key, validator in parts.items():
        values = data.get(key)
        if not isinstance(values, list):
            continue
        for index, value in enumerate(values):
            for error in _entity_errors(kind, key, validator, value):
                problems.extend(_explain(doc, (key, index, *error.absolute_path), error))
    return problems


def _entity_errors(kind: str, key: str, validator: Draft202012Validator, value: Any) -> list[ValidationError]:
    """The schema errors of one entity, remembered by its content (bounded)."""
    shared = _SHARED.get(id(value))  # the same object in many releases (see frozen.py): no need to serialize it
    if shared is not None and shared[0] is value and shared[1] == (kind, key):
        return shared[2]
    content = (kind, key, json.dumps(value, sort_keys=True, default=repr))
    errors = _ENTITY_ERRORS.get(content)
    if errors is None:
        if len(_ENTITY_ERRORS) >= _ENTITY_LIMIT:
            _ENTITY_ERRORS.clear()
        errors = _ENTITY_ERRORS[content] = list(validator.iter_errors(value))
    if len(_SHARED) >= _ENTITY_LIMIT:
        _SHARED.clear()
    _SHARED[id(value)] = (value, (kind, key), errors)  # holding the value keeps its id from being reused
    return errors


def _problem(doc: Document, at: tuple, message: str, hint: str | None = None,
             severity: str = ERROR) -> Problem:
    return Problem(file=doc.name, line=doc.line(at), field=dotted(at) or None, message=message, hint=hint,
                   severity=severity)


def _explain(doc: Document, at: tuple, error: ValidationError) -> Iterator[Problem]:
    schema, value, kind = error.schema, error.instance, error.validator
    if kind == "required":
        missing = error.message.split("'")[1]
        yield _problem(doc, (*at, missing), "required field is missing",
                       _required_hint(error.schema["properties"].get(missing, {}), missing))
    elif kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in value:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or ("allowed fields: " + ", ".join(allowed))
                yield _problem(doc, (*at, key), "unknown field", hint)
    elif kind == "enum":
        allowed = [str(v) for v in schema["enum"]]
        hint = did_you_mean(value, allowed) or "use one of: " + ", ".join(allowed)
        yield _problem(doc, at, f"`{value}` is not an allowed value", hint)
    elif kind == "type":
        expected = schema["type"]
        want = {"string": "text", "object": "a mapping of fields", "array": "a list", "boolean": "true or false",
                "integer": "a whole number"}.get(expected, expected)
        got = _PY_TYPES.get(type(value), type(value).__name__)
        yield _problem(doc, at, f"must be {want}, not {got}", _required_hint(schema, at[-1] if at else ""))
    elif kind == "oneOf":
        yield _problem(doc, at, f"cannot read the value `{_short(value)}`", schema.get("description"))
    elif kind == "pattern":
        if schema.get("pattern", "").startswith("^(https?:|mailto:)"):
            yield _problem(doc, at, f"`{_short(value)}` is not an allowed link",
                           "links must start with https:, http: or mailto:")
        else:
            desc = schema.get("description")
            yield _problem(doc, at, f"`{_short(value)}` is not valid here", f"expected {desc}" if desc else None)
    elif kind in ("minLength", "minProperties", "minItems"):
        yield _problem(doc, at, "must not be empty", "write the text, or remove the field")
    elif kind == "propertyNames":
        yield _problem(doc, at, f"`{_short(error.instance)}` is not a valid key here",
                       "language codes are two letters, ids lower-case letters, digits and -")
    elif kind == "uniqueItems":
        yield _problem(doc, at, "lists the same value twice", "remove the repeated value")
    else:  # pragma: no cover - every validator the schemas use is worded above
        yield _problem(doc, at, error.message)


def _required_hint(schema: dict[str, Any], name: object) -> str | None:
    desc = schema.get("description")
    return f"{name}: {desc}" if desc else None


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_localized(doc: Document, at: tuple, text: Any, languages: Iterable[str] | None) -> list[Problem]:
    """A translation per site language; identical texts in two languages are suspicious."""
    if not isinstance(text, dict) or languages is None:
        return []
    languages = list(languages)
    problems = []
    for lang in languages:
        if not str(text.get(lang, "")).strip():
            problems.append(_problem(doc, (*at, lang) if lang in text else at,
                                     f"missing translation for language `{lang}`",
                                     f"add `{lang}:` with the text in that language"))
    for lang in text:
        if lang not in languages:
            problems.append(_problem(doc, (*at, lang), f"`{lang}` is not one of the site's languages",
                                     did_you_mean(lang, languages) or "site languages: " + ", ".join(languages),
                                     severity=WARNING))
    seen: dict[str, str] = {}
    for lang in languages:
        value = str(text.get(lang, "")).strip()
        if value and len(value) > 3 and value in seen:
            problems.append(_problem(doc, (*at, lang), f"the `{lang}` text is identical to `{seen[value]}`",
                                     "translate it, unless the text really reads the same",
                                     severity=WARNING))
        seen.setdefault(value, lang)
    return problems


def problem_at(doc: Document, at: tuple, message: str, hint: str | None = None,
               severity: str = ERROR) -> Problem:
    return _problem(doc, at, message, hint, severity)
