"""Schema and semantic checks that turn a mistake into a message naming file, line and field."""

from __future__ import annotations

import difflib
import functools
import ipaddress
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from cookiepolicy.loading.schemas import SCHEMAS
from cookiepolicy.model.problems import ERROR, WARNING, Problem
from cookiepolicy.model.said import Said
from cookiepolicy.safeio.memo import Memo
from cookiepolicy.safeio.yamlsafe import Document, dotted
from cookiepolicy.text.words import say

# ---------------------------------------------------------------- links, addresses and names

# characters that draw nothing or reorder what is drawn: a name or link holding one does not
# read as what it is (C0/C1 controls, bidi overrides and isolates, zero-width, fillers, BOM)
_INVISIBLE_EXTRA = set("\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0")


def invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return (category[0] == "C" or category in ("Zl", "Zp") or char in _INVISIBLE_EXTRA
            or 0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF)


_CONTROL_NAMES = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x07": "BELL",
                  "\x00": "NULL", "\x7f": "DELETE"}


def _describe(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, _CONTROL_NAMES.get(char, 'control character'))}"


def _no_hidden(value: str, what: str) -> None:
    for char in value:
        if char.isspace():
            raise ValueError(say("data.has_space", what=what, char=_describe(char)))
        if invisible(char):
            raise ValueError(say("data.has_invisible", what=what, char=_describe(char)))


_EMAIL_LOCAL = re.compile(r"^[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*$")
_HOST_LABEL = re.compile(r"^(?!-)[^\W_]([^\W_]|-)*(?<!-)$")
_URL_ASCII = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")


def _host(host: str, what: str) -> None:
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host.strip("[]"))
        except ValueError:
            raise ValueError(say("data.no_valid_host", what=what)) from None
        return
    labels = host.rstrip(".").split(".")
    if not host or not all(_HOST_LABEL.match(label) for label in labels):
        raise ValueError(say("data.no_valid_host_name", what=what))


def check_email(value: str) -> None:
    """An address people can write to: ``local@domain.tld``, ASCII, nothing a link could be built from."""
    _no_hidden(value, say("data.the_address"))
    local, at, domain = value.rpartition("@")
    if not at:
        raise ValueError(say("data.email_no_at"))
    if not _EMAIL_LOCAL.match(local) or len(value) > 254:
        raise ValueError(say("data.email_local"))
    labels = domain.split(".")
    if len(labels) < 2 or not all(re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?", x) for x in labels) \
            or not re.fullmatch(r"[A-Za-z]{2,}", labels[-1]):
        raise ValueError(say("data.email_domain"))


def check_link(value: str) -> None:
    """A link a reader can follow: https or http with a host, or mailto with an address; nothing else."""
    _no_hidden(value, say("data.the_link"))
    bad = sorted({c for c in value if c.isascii() and c not in _URL_ASCII})
    if bad:
        raise ValueError(say("data.link_chars", chars=" ".join(f"`{c}`" for c in bad)))
    scheme = value.partition(":")[0].lower()
    if scheme == "mailto":
        address = value[len("mailto:"):].partition("?")[0]
        check_email(address)
        return
    if scheme not in ("https", "http"):
        raise ValueError(say("data.link_scheme"))
    parts = urlsplit(value)
    if not value[len(scheme) + 1:].startswith("//") or not parts.netloc:
        raise ValueError(say("data.link_no_host"))
    if "@" in parts.netloc:
        raise ValueError(say("data.link_user"))
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ValueError(say("data.link_port")) from None
    host = parts.netloc.rsplit(":", 1)[0] if not parts.netloc.endswith("]") else parts.netloc
    _host(host, say("data.the_link"))


def check_name(value: str) -> None:
    """A cookie or storage name that shows what it is: no invisible, control or reordering characters."""
    for char in value:
        if invisible(char):
            raise ValueError(say("data.name_invisible", char=_describe(char)))
    if "*" in value and len(value.replace("*", "").strip()) < 2:
        raise ValueError(say("data.name_wildcard"))


def _format(check: Callable[[str], None]) -> Callable[[object], bool]:
    """A format for jsonschema from a check that raises: its ValueError's message is the reason shown."""
    def passes(value: object) -> bool:
        if isinstance(value, str):
            check(value)
        return True
    return passes


FORMATS = FormatChecker(formats=())
FORMATS.checks("policy-link", raises=ValueError)(_format(check_link))
FORMATS.checks("policy-email", raises=ValueError)(_format(check_email))
FORMATS.checks("policy-name", raises=ValueError)(_format(check_name))

# Latin look-alikes from other scripts (after NFKC, which already folds fullwidth and
# mathematical letters): a name written with them reads as the Latin name but is another key.
_LOOKALIKES = str.maketrans(
    "АВЕЅІЈКМНОРСТХУаеһіјӏорсѕуԁԛԝхүӀꓲΑΒΕΖΗΙΚΜΝΟΡΤΥΧοινρυϲϳɑᴀօսոհıɡ",
    "ABESIJKMHOPCTXYaehijlopcsydqwxyIIABEZHIKMNOPTYXoivpucjaAounhig",
)


def skeleton(name: str) -> str:
    """What a name looks like: NFKC, then look-alike letters replaced by the Latin letter they imitate.

    Letter case is kept: ``u`` and ``U`` are different cookies and look different.
    """
    return unicodedata.normalize("NFKC", name).translate(_LOOKALIKES)


def nfc(name: str) -> str:
    """Names compare as they look: a precomposed letter and its decomposed twin are one name."""
    return unicodedata.normalize("NFC", name)


def lookalike(doc: Document, at: tuple[str | int, ...], name: str,
              seen: dict[str, tuple[str, int | None]]) -> list[Problem]:
    """A warning when ``name`` looks like an earlier name but is another one (``seen`` keeps the first)."""
    shape, line = skeleton(name), doc.line(at)
    first = seen.setdefault(shape, (nfc(name), line))
    if first[0] == nfc(name):
        return []
    return [_problem(doc, at, say("data.lookalike", name=_short(name), first=_short(first[0]), first_line=first[1],
                                  chars=_scripts(name, first[0]), line=line),
                     say("data.lookalike_hint"), WARNING)]


def _scripts(name: str, other: str) -> str:
    """The first characters that differ, named, so that the reader sees the difference."""
    for a, b in zip(unicodedata.normalize("NFKC", name), unicodedata.normalize("NFKC", other), strict=False):
        if a != b:
            return say("data.lookalike_chars", this=_describe(a), that=_describe(b))
    return say("data.lookalike_compatibility")


_LISTS = ("categories", "services", "items")


def _lists(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The lists of entities in a file's schema, by field: their schema per entry."""
    return {k: v["items"] for k, v in schema.get("properties", {}).items()
            if k in _LISTS and isinstance(v, dict) and v.get("type") == "array" and isinstance(v.get("items"), dict)}


def _outer(schema: dict[str, Any]) -> dict[str, Any]:
    """A file's schema with its lists of entities left to validators of their own."""
    lists = _lists(schema)
    properties = {k: ({kk: vv for kk, vv in v.items() if kk != "items"} if k in lists else v)
                  for k, v in schema.get("properties", {}).items()}
    return {**schema, "properties": properties}


@functools.lru_cache(maxsize=256)
def _whole(pattern: str) -> re.Pattern[str]:
    """A schema pattern as JSON Schema means it: a final ``$`` ends the text, where Python's ``$``
    would also match before a final newline (``"example.com\\n"`` would pass)."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern_keyword(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _whole(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Whole = validators.extend(Draft202012Validator, {"pattern": _pattern_keyword})


# A file is checked as its outer fields plus each entity on its own, so that an entity seen before
# (20 releases repeat most items of the one before) is not checked again: same content, same errors.
_SPLIT = {name: (_Whole(_outer(schema), format_checker=FORMATS),
                 {k: _Whole(entry, format_checker=FORMATS) for k, entry in _lists(schema).items()})
          for name, schema in SCHEMAS.items()}
_ENTITY_ERRORS: Memo[tuple[str, str, str], list[ValidationError]] = Memo()
_SHARED: Memo[int, tuple[Any, tuple[str, str], list[ValidationError]]] = Memo()
_ENTITY_LIMIT = 50_000
_PY_TYPES = {str: "text", int: "number", float: "number", bool: "boolean", list: "list",
             dict: "mapping", type(None): "empty"}  # worded in the catalog: cli.schema.got


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return say("schema.did_you_mean", value=match[0]) if match else None


def check_schema(doc: Document, kind: str) -> list[Problem]:
    """Every schema violation of ``doc``, worded for people."""
    data = doc.data
    problems: list[Problem] = []
    whole, parts = _SPLIT[kind]
    for error in whole.iter_errors(data):
        problems.extend(_explain(doc, tuple(error.absolute_path), error))
    if not isinstance(data, dict):  # the outer schema has said so
        return problems
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


def _problem(doc: Document, at: tuple[str | int, ...], message: str, hint: str | None = None,
             severity: str = ERROR) -> Problem:
    return Problem(file=doc.name, line=doc.line(at), field=dotted(at) or None, message=message, hint=hint,
                   severity=severity)


def _explain(doc: Document, at: tuple[str | int, ...], error: ValidationError) -> Iterator[Problem]:
    # a keyword's error: its schema is a mapping (a boolean schema has no keywords), its instance is set
    schema, value = cast("dict[str, Any]", error.schema), cast(Any, error.instance)
    explain = _EXPLAINERS.get(str(error.validator))
    if explain is None:  # pragma: no cover - every validator the schemas use is worded below
        yield _problem(doc, at, error.message)
        return
    yield from explain(_Failed(doc, at, schema, value, error))


@dataclass(frozen=True)
class _Failed:
    """One keyword of a schema that a value fails, where it fails."""

    doc: Document
    at: tuple[str | int, ...]
    schema: dict[str, Any]
    value: Any
    error: ValidationError

    def problem(self, message: str, hint: str | None = None, at: tuple[str | int, ...] | None = None) -> Problem:
        return _problem(self.doc, self.at if at is None else at, message, hint)


def _explain_required(f: _Failed) -> Iterator[Problem]:
    missing = f.error.message.split("'")[1]
    yield f.problem(say("schema.required"), _required_hint(f.schema["properties"].get(missing, {}), missing),
                    at=(*f.at, missing))


def _explain_additional(f: _Failed) -> Iterator[Problem]:
    allowed = list(f.schema.get("properties", {}))
    for key in f.value:
        if key not in allowed:
            hint = did_you_mean(key, allowed) or say("schema.allowed_fields", fields=", ".join(allowed))
            yield f.problem(say("schema.unknown_field"), hint, at=(*f.at, key))


def _explain_enum(f: _Failed) -> Iterator[Problem]:
    allowed = [str(v) for v in f.schema["enum"]]
    hint = did_you_mean(f.value, allowed) or say("schema.use_one_of", values=", ".join(allowed))
    yield f.problem(say("schema.not_allowed", value=f.value), hint)


def _explain_type(f: _Failed) -> Iterator[Problem]:
    expected, kind = f.schema["type"], type(f.value)
    want = say(f"schema.type.{expected}") if expected in _TYPE_WORDS else expected
    got = say(f"schema.got.{_PY_TYPES[kind]}") if kind in _PY_TYPES else kind.__name__
    yield f.problem(say("schema.wrong_type", want=want, got=got), _required_hint(f.schema, f.at[-1] if f.at else ""))


def _explain_one_of(f: _Failed) -> Iterator[Problem]:
    yield f.problem(say("schema.unreadable", value=_short(f.value)), _description(f.schema))


def _explain_format(f: _Failed) -> Iterator[Problem]:
    what, hint = _FORMAT_WORDS.get(f.schema["format"], ("value", None))
    cause = f.error.cause.args[0] if f.error.cause and f.error.cause.args else None
    reason = cause if isinstance(cause, Said) else str(f.error.cause) if f.error.cause \
        else say("data.format.unreadable")
    yield f.problem(say("schema.bad_format", value=_short(f.value), what=say(f"data.format.{what}"), reason=reason),
                    say(f"data.format.{hint}_hint") if hint else None)


def _explain_pattern(f: _Failed) -> Iterator[Problem]:
    if f.schema.get("format") in ("policy-link", "policy-email"):
        return  # the format check says precisely what is wrong
    desc = _description(f.schema)
    yield f.problem(say("schema.not_valid", value=_short(f.value)),
                    say("schema.expected", description=desc) if desc else None)


def _explain_empty(f: _Failed) -> Iterator[Problem]:
    yield f.problem(say("schema.empty"), say("schema.empty_hint"))


def _explain_bad_key(f: _Failed) -> Iterator[Problem]:
    yield f.problem(say("schema.bad_key", value=_short(f.error.instance)), say("schema.bad_key_hint"))


def _explain_twice(f: _Failed) -> Iterator[Problem]:
    yield f.problem(say("schema.twice"), say("schema.twice_hint"))


def _explain_limit(f: _Failed) -> Iterator[Problem]:
    keyword = str(f.error.validator)
    yield f.problem(say(f"data.{keyword}", value=repr(f.value), limit=repr(f.schema[keyword])))


# How each JSON Schema keyword the schemas use is explained to the author.
_EXPLAINERS: dict[str, Callable[[_Failed], Iterator[Problem]]] = {
    "required": _explain_required, "additionalProperties": _explain_additional, "enum": _explain_enum,
    "type": _explain_type, "oneOf": _explain_one_of, "format": _explain_format, "pattern": _explain_pattern,
    "minLength": _explain_empty, "minProperties": _explain_empty, "minItems": _explain_empty,
    "propertyNames": _explain_bad_key, "uniqueItems": _explain_twice,
    "maximum": _explain_limit, "minimum": _explain_limit,
}


_TYPE_WORDS = ("string", "object", "array", "boolean", "integer")  # worded in the catalog: cli.schema.type
# a format's word and hint: cli.data.format.<word> and cli.data.format.<word>_hint
_FORMAT_WORDS: dict[str, tuple[str, str | None]] = {
    "policy-link": ("link", "link"), "policy-email": ("email", "email"), "policy-name": ("name", "name"),
}


def _required_hint(schema: dict[str, Any], name: object) -> str | None:
    desc = _description(schema)
    return say("data.field_described", name=name, description=desc) if desc else None


# Schema descriptions the catalogs word in every language (cli.data.describe.<key>; the values keep
# the YAML forms, braces and all, out of the templates): a description not here is shown as written.
_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "duration": {"until": "{until: YYYY-MM-DD}", "until_text": "{until: {en: ..., tr: ...}}",
                 "conditional": "{if: ..., duration: ..., otherwise: ...}", "by_region": "{by_region: [...]}",
                 "text": "{text: {...}}"},
    "company": {},
    "cookie_domain": {},
}


@functools.cache
def _described() -> dict[str, Said]:
    return {str(s): s for s in (say(f"data.describe.{key}", **values) for key, values in _DESCRIPTIONS.items())}


def _description(schema: dict[str, Any]) -> str | None:
    """A schema's description, as a catalog message when the catalogs word it."""
    desc = schema.get("description")
    return _described().get(desc, desc) if isinstance(desc, str) else None


def _short(value: object) -> str:
    text = str(value)
    text = text if len(text) <= 60 else text[:57] + "..."
    return "".join(f"\\u{ord(c):04x}" if invisible(c) else c for c in text)


def check_localized(doc: Document, at: tuple[str | int, ...], text: Any,
                    languages: Iterable[str] | None) -> list[Problem]:
    """A translation per site language; identical texts in two languages are suspicious."""
    if not isinstance(text, dict) or languages is None:
        return []
    languages = list(languages)
    problems = []
    for lang in languages:
        if not str(text.get(lang, "")).strip():
            problems.append(_problem(doc, (*at, lang) if lang in text else at,
                                     say("translation.missing", lang=lang), say("translation.missing_hint", lang=lang)))
    for lang in text:
        if lang not in languages:
            problems.append(_problem(doc, (*at, lang), say("translation.not_site_language", lang=lang),
                                     _comma_hint(text, lang) or did_you_mean(lang, languages)
                                     or say("translation.site_languages", languages=", ".join(languages)),
                                     severity=WARNING))
    seen: dict[str, str] = {}
    for lang in languages:
        value = str(text.get(lang, "")).strip()
        if value and len(value) > 3 and value in seen:
            problems.append(_problem(doc, (*at, lang), say("translation.identical", lang=lang, other=seen[value]),
                                     say("translation.identical_hint"),
                                     severity=WARNING))
        seen.setdefault(value, lang)
    return problems


def _comma_hint(text: dict[Any, Any], key: object) -> str | None:
    """A key with no value right after a text in a flow mapping (``{en: a, b, tr: c}``) is the rest of
    that text, cut at its comma: say how to keep it whole."""
    if text.get(key) is not None:
        return None
    keys = list(text)
    before = keys[keys.index(key) - 1] if keys.index(key) > 0 else None
    if before is None or not isinstance(text.get(before), str):
        return None
    return f'the comma ended the text: quote the text: `{before}: "{text[before]}, {key}"`'


def problem_at(doc: Document, at: tuple[str | int, ...], message: str, hint: str | None = None,
               severity: str = ERROR) -> Problem:
    return _problem(doc, at, message, hint, severity)
