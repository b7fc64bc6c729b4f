"""Wildcard items are stated by ``match: wildcard``, never guessed from a ``*`` in the name; a release
frozen before the field existed still reads its bare ``*`` as a pattern."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.loading.policy import load_policy

from .support.helpers import policy
from .test_export import read_config

CHAT = ("  - name: intercom-session-*\n{match}    storage: cookie\n    category: preferences\n"
        "    purpose:\n      en: Keeps the support chat open\n      tr: Destek sohbetini açık tutar\n"
        "    duration: 1 week\n")


def _add_item(site: Path, match: str, name: str = "intercom-session-*") -> int:
    """Adds a preferences cookie before `theme`; returns the line of its name."""
    cookies = site / "data" / "cookies.yml"
    text = cookies.read_text(encoding="utf-8")
    entry = CHAT.format(match=f"    match: {match}\n" if match else "").replace("intercom-session-*", name)
    at = text.index("  - name: theme")
    cookies.write_text(text[:at] + entry + text[at:], encoding="utf-8")
    return text[:at].count("\n") + 1


def test_a_star_without_match_is_an_error_that_says_what_to_write(site: Path):
    line = _add_item(site, "")
    result = policy(site, "validate")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(rf"data/cookies\.yml:{line}: error: items\[\d+\]\.name: `intercom-session-\*` contains `\*`, "
                     r"but the item does not say it is a pattern \(add `match: wildcard` to the item", result.stderr), \
        result.stderr


def test_match_wildcard_without_a_star_is_an_error(site: Path):
    line = _add_item(site, "wildcard", name="intercom-session")
    result = policy(site, "validate")
    assert result.returncode == 1
    assert re.search(rf"data/cookies\.yml:{line + 1}: error: items\[\d+\]\.match: `match: wildcard`, but the name "
                     r"`intercom-session` has no `\*`", result.stderr), result.stderr


def test_an_unknown_match_is_refused_by_the_schema(site: Path):
    _add_item(site, "prefix")
    result = policy(site, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"items\[\d+\]\.match: .*prefix", result.stderr), result.stderr


def test_the_banner_clears_a_stated_wildcard_and_keeps_an_exact_star_literal(site: Path, tmp_path: Path):
    _add_item(site, "wildcard")
    assert policy(site, "validate").returncode == 0
    config, matches = read_config(site, tmp_path, names=("intercom-session-42", "intercom-session-*"))
    assert {n for found in matches.values() for n in found} == {"intercom-session-42", "intercom-session-*"}
    assert any(isinstance(c["name"], dict) for c in config["categories"]["preferences"]["autoClear"]["cookies"])

    literal = tmp_path / "literal"
    literal.mkdir()
    cookies = site / "data" / "cookies.yml"
    cookies.write_text(cookies.read_text(encoding="utf-8").replace("match: wildcard", "match: exact"),
                       encoding="utf-8")
    assert policy(site, "validate").returncode == 0
    config, matches = read_config(site, literal, names=("intercom-session-42", "intercom-session-*"))
    assert matches == {}  # no regular expression: the name is cleared as it is written
    assert {"name": "intercom-session-*"} in config["categories"]["preferences"]["autoClear"]["cookies"]


def test_a_release_frozen_with_a_bare_star_still_reads_as_a_wildcard(site: Path):
    _add_item(site, "wildcard")
    released = policy(site, "release", "1.1", "--effective", "2026-12-01", "--published", "2026-12-01")
    assert released.returncode == 0, released.stderr
    # the form a release had before `match` existed: the same file without the field, its checksum recorded
    frozen = site / "data" / "releases" / "1.1.yml"
    old, text = frozen.read_text(encoding="utf-8"), frozen.read_text(encoding="utf-8").replace("  match: wildcard\n",
                                                                                                 "")
    assert text != old
    frozen.write_text(text, encoding="utf-8")
    sums = site / "data" / "releases" / "SHA256SUMS"
    sums.write_text(sums.read_text(encoding="utf-8").replace(hashlib.sha256(old.encode()).hexdigest(),
                                                             hashlib.sha256(text.encode()).hexdigest()),
                    encoding="utf-8")
    result = policy(site, "validate")
    assert result.returncode == 0, result.stderr
    loaded, report = load_policy(SiteFiles(site))
    assert loaded is not None, report.problems
    release = loaded.releases[-1]
    assert release.version == "1.1"
    [chat] = [i for i in release.inventory.items if i.name == "intercom-session-*"]
    assert chat.wildcard
    assert release.inventory.items == loaded.draft.items  # the draft, stated, equals what was frozen


def test_an_audit_entry_for_a_wildcard_of_the_database_states_match(tmp_path: Path):
    import yaml

    from cookiepolicy.evidence.audit import Seen, Suggestions
    from cookiepolicy.loading.cookiedb import database_path
    from cookiepolicy.model.inventory import Inventory

    suggest = Suggestions(Inventory(), ("en", "tr"), database_path())
    text, platform = suggest.entry(Seen("cookie", "_ga_ABC123", "before", "scan"))
    [entry] = yaml.safe_load(text)
    assert platform == "Google Analytics"
    assert (entry["name"], entry["match"]) == ("_ga_*", "wildcard")
    assert list(entry)[:2] == ["name", "match"]
