"""Transfers abroad after Law 7499 (KVKK Art. 9): the mechanism per third party, shown, diffed and linted.

Every expected sentence and finding was written by hand from the data of each test."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from cookiepolicy.history.diff import diff_inventories
from cookiepolicy.model.inventory import Inventory, Service
from cookiepolicy.render.sentences import sentences
from cookiepolicy.review.comment import _plain

from .support.helpers import policy
from .test_atlaspay import copy_atlas
from .test_lint import _missing, _replace
from .test_model_cases import html, item, load, renderer

CHAT = Service("chat", "Chatty", {"en": "support chat", "tr": "destek sohbeti"}, {}, None, country="US",
               processor_role="processor", transfer_abroad=True)


def _services(**facts: object) -> list[dict]:
    return [{"id": "chat", "name": "Chatty", "sets_cookies": {"en": "sets a cookie", "tr": "çerez kullanır"},
             "country": "US", "processor_role": "processor", "transfer_abroad": True, **facts}]


def test_the_mechanism_is_stated_in_each_language(tmp_path: Path):
    policy_ = load(tmp_path, [item("chat_id", provider="chat")], services=_services(
        transfer_mechanism="standard-contract"))
    tr, en = renderer(policy_, "tr"), renderer(policy_, "en")
    assert "veriler, Kuruma bildirilen standart sözleşme güvencesiyle yurt dışına aktarılır" in \
        html(tr.services_list(details=True)).text
    assert "data is transferred abroad under a standard contract notified to the Authority" in \
        html(en.services_list(details=True)).text
    assert "veriler yurt dışına aktarılır" not in html(tr.services_list(details=True)).text  # said once, with how
    table = html(tr.services_table()).text
    assert "Aktarım yöntemi" in table and "Kuruma bildirilen standart sözleşme" in table
    assert "Transfer mechanism" in html(en.services_table()).text


def test_every_mechanism_has_its_own_sentence(tmp_path: Path):
    expected = {
        "adequacy": "veriler, yeterlilik kararı bulunan bir ülkeye aktarılır",
        "bcr": "veriler, Kurulca onaylanan bağlayıcı şirket kuralları güvencesiyle yurt dışına aktarılır",
        "undertaking": "veriler, yazılı taahhütname güvencesiyle ve Kurulun izniyle yurt dışına aktarılır",
        "occasional-consent": "veriler, açık rızanıza dayanılarak arızi olarak yurt dışına aktarılır",
        "occasional-other": "veriler, KVKK m. 9/6’da sayılan hâllerden birine dayanılarak arızi olarak yurt dışına "
                            "aktarılır",
    }
    for mechanism, sentence in expected.items():
        root = tmp_path / mechanism
        policy_ = load(root, [item("chat_id", provider="chat")], services=_services(transfer_mechanism=mechanism))
        assert sentence in html(renderer(policy_, "tr").services_list(details=True)).text


def test_the_facts_of_a_service_without_a_description_follow_its_name(tmp_path: Path):
    services = [{"id": "chat", "name": "Chatty", "country": "US", "processor_role": "processor",
                 "transfer_abroad": True, "transfer_mechanism": "adequacy"}]
    policy_ = load(tmp_path, [item("chat_id", provider="chat")], services=services)
    assert html(renderer(policy_, "tr").services_list(details=True)).text == (
        "Chatty (ülke: Amerika Birleşik Devletleri; veri sorumlusu adına veri işleyen sıfatıyla hareket eder; "
        "veriler, yeterlilik kararı bulunan bir ülkeye aktarılır)")


def test_no_mechanism_column_when_no_service_states_one(tmp_path: Path):
    policy_ = load(tmp_path, [item("chat_id", provider="chat")], services=_services())
    table = html(renderer(policy_, "tr").services_table()).text
    assert "Aktarım yöntemi" not in table
    assert "Yurt dışına aktarım" in table


def test_a_mechanism_without_a_transfer_is_an_error_naming_file_line_and_field(tmp_path: Path):
    site = copy_atlas(tmp_path)
    services = site / "data" / "services.yml"
    _replace(services, "    processor_role: controller\n    transfer_abroad: true\n",
             "    processor_role: controller\n    transfer_abroad: false\n")
    result = policy(site, "validate")
    assert result.returncode == 1
    assert "data/services.yml:13: error: services[0].transfer_mechanism: `transfer_mechanism: standard-contract` " \
           "names how data goes abroad, but `transfer_abroad` says data does not go abroad (set " \
           "`transfer_abroad: true`, or remove `transfer_mechanism`)" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_mechanism_is_refused(tmp_path: Path):
    site = copy_atlas(tmp_path)
    services = site / "data" / "services.yml"
    services.write_text(services.read_text(encoding="utf-8").replace("transfer_mechanism: standard-contract",
                                                                     "transfer_mechanism: scc", 1), encoding="utf-8")
    result = policy(site, "validate")
    assert result.returncode == 1
    assert "data/services.yml:13: error: services[0].transfer_mechanism:" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_changelog_states_a_new_or_changed_mechanism():
    def one(old: Inventory, new: Inventory, lang: str) -> str:
        (sentence,) = sentences(diff_inventories(old, new), lang, "Acme", old, new)
        return _plain(sentence)

    bare, scc = Inventory(services=(CHAT,)), Inventory(services=(dataclasses.replace(
        CHAT, transfer_mechanism="standard-contract"),))
    adequacy = Inventory(services=(dataclasses.replace(CHAT, transfer_mechanism="adequacy"),))
    assert one(bare, scc, "tr") == ("Chatty üçüncü taraf hizmetinin yurt dışına aktarım yöntemi “Kuruma bildirilen "
                                    "standart sözleşme” olarak belirlendi.")
    assert one(scc, adequacy, "tr") == ("Chatty üçüncü taraf hizmetinin yurt dışına aktarım yöntemi “Kuruma "
                                        "bildirilen standart sözleşme” yerine “yeterlilik kararı” olarak değiştirildi.")
    assert one(bare, scc, "en") == ("Third-party service Chatty: transfer mechanism set to “standard contract "
                                    "notified to the Authority”.")


def test_lint_asks_for_the_mechanism_and_for_unlisted_services_abroad(tmp_path: Path):
    """Atlas Pay: four services transfer data abroad with no mechanism; Cloudflare (US, `listed: false`) sets
    `__cf_bm` but no page can show its country or transfer."""
    site = copy_atlas(tmp_path)
    services = site / "data" / "services.yml"
    complete = services.read_text(encoding="utf-8")
    services.write_text(complete.replace("    transfer_mechanism: standard-contract  # KVKK Art. 9: notified to the "
                                         "Authority\n", "").replace("    name: Cloudflare\n",
                                                                   "    name: Cloudflare\n    listed: false\n"),
                        encoding="utf-8")
    result = policy(site, "lint", "--law", "kvkk")
    assert result.returncode == 1
    how = ("transfers data abroad, but the data does not state what the transfer rests on (add `transfer_mechanism`: "
           "adequacy, standard-contract, bcr, undertaking, occasional-consent, occasional-other)")
    # Atlas Pay's two strictly necessary categories name no ground (review H4): those are the only other findings
    ground = [f"missing KVKK Art. 10(1)(ç), Art. 5: data/categories.yml:{line}: category `{name}` is strictly "
              "necessary, which exempts it from consent but is no legal ground of KVKK Art. 5(2) (add `ground: "
              "contract`, `legal-obligation` or `legitimate-interest`)" for line, name in ((3, "necessary"),
                                                                                         (15, "payments"))]
    assert _missing(result) == [
        *ground,
        f"missing KVKK Art. 9: data/services.yml:3: third party `stripe` (Stripe) {how}",
        f"missing KVKK Art. 9: data/services.yml:13: third party `google-analytics` (Google Analytics) {how}",
        f"missing KVKK Art. 9: data/services.yml:24: third party `sentry` (Sentry) {how}",
        f"missing KVKK Art. 9: data/services.yml:30: third party `cloudflare` (Cloudflare) {how}",
        "missing KVKK Art. 10(1)(c), Art. 9: data/services.yml:30: third party `cloudflare` (Cloudflare) processes "
        "data abroad (US), but it is not listed (`listed: false`), so no page shows its country and transfer (set "
        "`listed: true` and call {{ services_table() }} or {{ services_list(details=True) }})",
    ]
    services.write_text(complete, encoding="utf-8")  # as shipped: each mechanism stated, Cloudflare listed
    result = policy(site, "lint", "--law", "kvkk")
    assert _missing(result) == ground, result.stdout


def test_a_joint_controller_is_named_as_such(tmp_path: Path):
    """A pixel or social plug-in decides with the site what it collects (GDPR Art. 26, CJEU Fashion ID)."""
    policy_ = load(tmp_path, [item("_fbp", provider="chat")], services=_services(
        processor_role="joint-controller", transfer_mechanism="standard-contract"))
    tr, en = renderer(policy_, "tr"), renderer(policy_, "en")
    assert ("toplanan veriler bakımından veri sorumlusuyla birlikte müşterek veri sorumlusu sıfatıyla hareket eder"
            in html(tr.services_list(details=True)).text)
    assert "acts as a joint controller with the data controller for the data it collects" in \
        html(en.services_list(details=True)).text
    assert "Müşterek veri sorumlusu" in html(tr.services_table()).text
    old = Inventory(services=(dataclasses.replace(CHAT, processor_role="controller"),))
    new = Inventory(services=(dataclasses.replace(CHAT, processor_role="joint-controller"),))
    (sentence,) = sentences(diff_inventories(old, new), "tr", "Acme", old, new)
    assert _plain(sentence) == ("Chatty üçüncü taraf hizmetinin hukuki sıfatı “bağımsız veri sorumlusu” yerine "
                                "“müşterek veri sorumlusu” olarak değiştirildi.")
