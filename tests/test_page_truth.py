"""What the pages show, read once for validate, lint and the build; and the messages that say what to do."""

from __future__ import annotations

from pathlib import Path

from .support.helpers import copy_test_site, policy


def test_a_comma_in_a_flow_mapping_says_to_quote_the_text(tmp_path: Path):
    site = copy_test_site("atlaspay", tmp_path)
    cookies = site / "data" / "cookies.yml"
    text = cookies.read_text(encoding="utf-8")
    wrong = "purpose: {en: Keeps you signed in, safely, tr: Oturumunuzun açık kalmasını sağlar}"
    cookies.write_text(text.replace("purpose: {en: Keeps you signed in, tr: Oturumunuzun açık kalmasını sağlar}",
                                    wrong), encoding="utf-8")
    line = 1 + cookies.read_text(encoding="utf-8").splitlines().index("    " + wrong)
    result = policy(site, "validate", "--strict")
    assert result.returncode == 1
    assert f"data/cookies.yml:{line}: warning: items[0].purpose.safely: `safely` is not one of the site's " \
           'languages (the comma ended the text: quote the text: `en: "Keeps you signed in, safely"`)' \
           in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def _table() -> str:
    return (Path(__file__).resolve().parents[1] / "manual" / "docs" / "how-to" / "troubleshooting.md").read_text(
        encoding="utf-8")


def test_the_troubleshooting_table_quotes_the_comma_hint():
    assert "is not one of the site's languages (the comma ended the text: quote the text:" in _table()
