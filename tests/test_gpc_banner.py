"""site.yml's `global_privacy_control`: what the banner's configuration carries for it (the note in
each language, written here by hand), and a value the engine does not know refused with its line."""

from __future__ import annotations

from pathlib import Path

from .support.helpers import policy
from .support.history import edit_yaml
from .test_banner import config_of, enable_banner

NOTES = {
    "en": "Your browser sends a Global Privacy Control signal: TalkOmni treats it as your refusal of all cookies "
          "that need your consent. A choice you make here takes precedence over the signal.",
    "tr": "Tarayıcınız Küresel Gizlilik Denetimi (Global Privacy Control) sinyali göndermektedir: TalkOmni, bu "
          "sinyali açık rızanızı gerektiren tüm çerezleri reddettiğiniz şeklinde değerlendirmektedir. Burada "
          "yapacağınız seçim ise bu sinyale göre önceliklidir.",
}


def test_the_banner_honours_the_signal_only_when_the_site_says_so(site: Path):
    enable_banner(site)
    assert "globalPrivacyControl" not in config_of(site)
    edit_yaml(site / "data" / "site.yml", lambda d: d.update(global_privacy_control="reject"))
    assert config_of(site)["globalPrivacyControl"] == {"mode": "reject", "note": NOTES}


def test_an_unknown_meaning_of_the_signal_is_refused_with_its_line(site: Path):
    edit_yaml(site / "data" / "site.yml", lambda d: d.update(global_privacy_control="ignore"))
    result = policy(site, "validate")
    said = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in said
    assert "data/site.yml:" in said
    assert "global_privacy_control: `ignore` is not an allowed value (use one of: reject)" in said
