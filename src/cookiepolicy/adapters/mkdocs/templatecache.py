"""The theme's templates compiled once per process, not on every rebuild of ``mkdocs serve``.

MkDocs makes a new template environment for each build, so each rebuild compiles the theme's
templates again (about a hundred for Material). The compiled code is kept in memory for the
life of the process, keyed by Jinja on the template's name and file and checked against a
checksum of its source: an edited template (a site's ``overrides/``) is compiled again. Only
the compiling is skipped; every page is rendered by the templates as before.
"""

from __future__ import annotations

from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from cookiepolicy.adapters.mkdocs.events import add_once


class _Compiled(BytecodeCache):
    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.kept.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # Jinja drops it if the source's checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()


def _keep_compiled(env: Any, /, **_: Any) -> Any:
    """The ``env`` handler: the theme's environment reads and keeps compiled templates."""
    if getattr(env, "bytecode_cache", None) is None:
        env.bytecode_cache = _COMPILED
    return env


def register(config: Any) -> None:
    """Add the handler to this build's plugins."""
    add_once(config, "env", _keep_compiled)
