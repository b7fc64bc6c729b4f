"""Reading one data file and checking it against its schema, once per content.

MkDocs' i18n plugin re-runs the build per language and ``mkdocs serve`` rebuilds on every edit, so
results are kept on (path, mtime, size) and only a changed file is parsed again; across processes,
checked files are kept on disk by content (see ``safeio.cache``).
"""

from __future__ import annotations

from pathlib import Path

from cookiepolicy.loading.frozen import read_frozen
from cookiepolicy.loading.validate import check_schema, problem_at
from cookiepolicy.model.problems import Problem
from cookiepolicy.safeio import cache
from cookiepolicy.safeio.memo import Memo, Stamp, stamp
from cookiepolicy.safeio.yamlsafe import Document, read_yaml
from cookiepolicy.text.words import say

_DOC_CACHE: Memo[Path, tuple[Stamp, Document, list[Problem]]] = Memo()


def read_checked(path: Path, name: str, kind: str) -> tuple[Document, list[Problem]]:
    """Read and schema-check one file, reusing the last result while the file is unchanged."""
    signature = stamp(path) or (-1, -1, -1)
    cached = _DOC_CACHE.get(path)
    if cached and cached[0] == signature and signature != (-1, -1, -1) and cached[1].name == name:
        return cached[1], cached[2]
    doc, problems = _checked_on_disk(path, name, kind)
    _DOC_CACHE[path] = (signature, doc, problems)
    return doc, problems


def _checked_on_disk(path: Path, name: str, kind: str) -> tuple[Document, list[Problem]]:
    """``check_file``'s result, from the on-disk cache when these bytes were checked before."""
    doc, problems = cache.cached(path, f"doc\0{kind}\0{name}", lambda: check_file(path, name, kind))
    doc.path = path  # the same bytes may have been read elsewhere (a git snapshot in a temporary folder)
    return doc, problems


def check_file(path: Path, name: str, kind: str, frozen: bool = False) -> tuple[Document, list[Problem]]:
    """Read and schema-check; a ``frozen`` release (checksum recorded and matching) is read part by part."""
    doc = read_frozen(path, name) if frozen else None
    doc, problems = (doc, []) if doc is not None else read_yaml(path, name)
    if not problems:
        if isinstance(doc.data, dict):
            problems = check_schema(doc, kind)
        else:  # a list, a single value, or `null`
            problems = [problem_at(doc, (), say("data.not_a_mapping"))]
    return doc, problems
