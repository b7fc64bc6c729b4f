"""A published version never changes, vanishes or is half-written: frozen site facts, the tamper
matrix (caught by `policy validate` without history, by `policy verify` with it), SHA256SUMS read as
`sha256sum -c` reads it, the version grammar, the lock, a kill at every write step, file modes."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from .support.helpers import BIN, ROOT, copy_site, mkdocs_build, policy, read_page
from .support.history import edit_yaml
from .support.tree import snapshot
from .test_git_diff import commit, git

RELEASE = ["release", "1.1", "--published", "2026-08-01", "--effective", "2026-08-15"]
SUMS = "data/releases/SHA256SUMS"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A private copy of the TalkOmni site as its 1.0 was first published: a format-1 snapshot whose site
    facts are not recorded yet (the repository has recorded them since, in data/releases/site-facts/)."""
    return _as_first_published(copy_site(ROOT, tmp_path / "site"))


def _as_first_published(copy: Path) -> Path:
    shutil.rmtree(copy / "data" / "releases" / "site-facts")
    sums = copy / "data" / "releases" / "SHA256SUMS"
    sums.write_text("".join(line for line in sums.read_text(encoding="utf-8").splitlines(keepends=True)
                            if "site-facts/" not in line), encoding="utf-8")
    return copy


def _change_draft(site: Path, days: str = "1 day") -> None:
    edit_yaml(site / "data" / "cookies.yml", lambda d: d["items"][0].update(duration=days))


def _release(site: Path, *args: str) -> None:
    result = policy(site, *(args or RELEASE))
    assert result.returncode == 0, result.stderr


def _archive(out: Path, version: str) -> dict[str, bytes]:
    """The archived policy text of each language (the article; the footer and the meta description
    are the site around it, and name the publisher and contact of today)."""
    pages = {lang: (out / prefix / "versions" / version / "index.html").read_bytes()
             for lang, prefix in (("en", "."), ("tr", "tr"))}
    return {lang: page[page.index(b"<article"):page.index(b"</article>")] for lang, page in pages.items()}


def _change_site_facts(site: Path) -> None:
    def change(d: dict) -> None:
        d["company"] = "TalkOmni Ltd"
        d["contact_email"] = "privacy@talkomni.com"
        d["usage_places"]["widget"]["en"] = "the chat widget on customers' sites"
    edit_yaml(site / "data" / "site.yml", change)


# ---------------------------------------------------------------- a release freezes its site facts


def test_site_facts_changed_after_a_release_leave_its_archive_byte_identical(site: Path, tmp_path: Path):
    _change_draft(site)
    _release(site)
    snap = yaml.safe_load((site / "data" / "releases" / "1.1.yml").read_text(encoding="utf-8"))
    assert snap["format"] == 2
    assert snap["site"]["company"] == "TalkOmni" and snap["site"]["languages"] == ["en", "tr"]
    assert snap["site"]["usage_places"]["widget"]["tr"] == "web sitelerine yerleştirilebilen sohbet aracı"
    env = {"POLICY_TODAY": "2026-09-01"}
    assert mkdocs_build(site, tmp_path / "before", env=env).returncode == 0
    _change_site_facts(site)
    result = mkdocs_build(site, tmp_path / "after", env=env)
    assert result.returncode == 0, result.stderr
    assert _archive(tmp_path / "after", "1.1") == _archive(tmp_path / "before", "1.1")
    archived = read_page(tmp_path / "after" / "versions" / "1.1" / "index.html").text
    assert "support@talkomni.com" in archived and "TalkOmni Ltd" not in archived
    assert "the embeddable chat widget" in archived
    # 1.0 predates recorded site facts (no `format`): it is shown with today's site.yml, as it always was
    assert "TalkOmni Ltd" in read_page(tmp_path / "after" / "versions" / "1.0" / "index.html").text
    # the production page shows the release in force with its own facts; the preview shows the draft's
    prod = mkdocs_build(site, tmp_path / "prod", env={**env, "POLICY_PRODUCTION": "1"})
    assert prod.returncode == 0, prod.stderr
    assert "TalkOmni Ltd" not in read_page(tmp_path / "prod" / "index.html").text
    assert "privacy@talkomni.com" in read_page(tmp_path / "after" / "index.html").text


def test_site_facts_changes_are_policy_changes_in_diff_and_changelog(site: Path, tmp_path: Path):
    _change_draft(site)
    _release(site)
    _change_site_facts(site)
    result = policy(site, "diff", "1.1", "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "The company name changed from “TalkOmni” to “TalkOmni Ltd”." in result.stdout
    assert "The contact e-mail address changed from “support@talkomni.com” to “privacy@talkomni.com”." \
        in result.stdout
    assert "The English name of the place of use “the chat widget on customers' sites” changed from “the " \
           "embeddable chat widget” to “the chat widget on customers' sites”." in result.stdout
    markdown = policy(site, "diff", "1.1").stdout  # the review comment
    assert "The company name changed from “TalkOmni” to “TalkOmni Ltd”." in markdown
    tr = policy(site, "diff", "1.1", "--format", "text", "--lang", "tr")
    assert "Şirket adı “TalkOmni” yerine “TalkOmni Ltd” olarak değiştirildi." in tr.stdout
    data = json.loads(policy(site, "diff", "1.1", "--format", "json").stdout)
    assert data["changed"] is True
    assert {"field": "company", "lang": None, "old": "TalkOmni", "new": "TalkOmni Ltd"} in data["site"]
    # a new name of the data controller: a new notice before processing (KVKK Art. 10(1)(a))
    assert policy(site, "diff", "1.1", "--exit-code").returncode == 2
    # a release of only site facts is not "the same as the latest", and the changelog lists it
    _release(site, "release", "1.2", "--published", "2026-09-01", "--effective", "2026-09-15")
    assert mkdocs_build(site, tmp_path / "out", env={"POLICY_TODAY": "2026-09-20"}).returncode == 0
    changelog = read_page(tmp_path / "out" / "changelog" / "index.html")
    assert "The company name changed from “TalkOmni” to “TalkOmni Ltd”." in changelog.list_items


def test_a_language_added_or_a_place_removed_after_a_release_leaves_it_valid(site: Path, tmp_path: Path):
    def only_english(d: dict) -> None:
        d["languages"] = ["en"]
    edit_yaml(site / "data" / "site.yml", only_english)

    def english_item(d: dict) -> None:
        d["items"].append({"name": "chat_open", "storage": "localStorage", "category": "preferences",
                           "duration": "persistent", "used_on": ["widget"],
                           "purpose": {"en": "Remembers whether the chat window is open"}})
    edit_yaml(site / "data" / "cookies.yml", english_item)
    _release(site)
    snap = yaml.safe_load((site / "data" / "releases" / "1.1.yml").read_text(encoding="utf-8"))
    assert snap["site"]["languages"] == ["en"]

    def turkish_and_no_widget(d: dict) -> None:
        d["languages"] = ["en", "tr"]
        del d["usage_places"]["widget"]
    edit_yaml(site / "data" / "site.yml", turkish_and_no_widget)

    def draft(d: dict) -> None:
        for item in d["items"]:
            item.pop("used_on", None)
            if item["name"] == "chat_open":
                item["purpose"]["tr"] = "Sohbet penceresinin açık olup olmadığını hatırlar"
    edit_yaml(site / "data" / "cookies.yml", draft)
    result = policy(site, "validate")
    assert result.returncode == 0, result.stderr
    # neither 1.1 (its own languages: en) nor 1.0 (format 1, which uses `widget`) is judged by today's rules
    assert "data/releases/" not in result.stderr
    assert "widget" in (site / "data" / "releases" / "1.0.yml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the tamper matrix


@pytest.fixture
def published(site: Path) -> Path:
    """A git repository: TalkOmni with 1.0 in the first commit (with the prose 1.0 was archived from, as
    in this repository's history), 1.1 released in the second."""
    added = subprocess.run(["git", "log", "--diff-filter=A", "--format=%H", "--", "docs/versions/1.0/index.md"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()[-1]
    prose = {name: (site / "docs" / name).read_bytes() for name in ("index.md", "index.tr.md")}
    for name in prose:
        (site / "docs" / name).write_bytes(subprocess.run(["git", "show", f"{added}:docs/{name}"], cwd=ROOT,
                                                          capture_output=True, check=True).stdout)
    git(site, "init", "-q", "-b", "main")
    commit(site, "TalkOmni cookie policy 1.0")
    for name, content in prose.items():
        (site / "docs" / name).write_bytes(content)
    _change_draft(site)
    _release(site)
    commit(site, "Release 1.1")
    assert policy(site, "verify").returncode == 0
    return site


def _verify(site: Path) -> str:
    result = policy(site, "verify")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


def _validate(site: Path) -> subprocess.CompletedProcess[str]:
    result = policy(site, "validate")
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_deleted_history_is_caught_by_verify(published: Path):
    for folder in ("data/releases", "docs/versions/1.0", "docs/versions/1.1"):
        subprocess.run(["rm", "-r", str(published / folder)], check=True)
    assert _validate(published).returncode == 0  # nothing left to compare: only the history knows
    out = _verify(published)
    for name in ("data/releases/1.0.yml", "data/releases/1.1.yml", "docs/versions/1.1/index.tr.md"):
        assert f"{name}: error: was published in commit " in out
    commit(published, "Remove the history")
    assert "data/releases/1.0.yml: error: was published in commit " in _verify(published)


def test_one_release_deleted_with_its_checksum_lines_is_caught(published: Path):
    (published / "data" / "releases" / "1.1.yml").unlink()
    sums = published / SUMS
    sums.write_text("".join(line for line in sums.read_text(encoding="utf-8").splitlines(keepends=True)
                            if "1.1.yml" not in line), encoding="utf-8")
    result = _validate(published)
    assert result.returncode == 1
    assert "docs/versions/1.1/: error: archive folder without a release data/releases/1.1.yml" in result.stderr
    out = _verify(published)
    assert "data/releases/1.1.yml: error: was published in commit" in out
    assert f"{SUMS}:5: error: the line for `data/releases/1.1.yml` of commit" in out
    assert mkdocs_build(published, published.parent / "out").returncode == 1


def test_a_release_without_its_version_folder_is_caught(published: Path):
    subprocess.run(["rm", "-r", str(published / "docs" / "versions" / "1.1")], check=True)
    result = _validate(published)
    assert result.returncode == 1
    assert "data/releases/1.1.yml: error: release 1.1 has no archived pages in docs/versions/1.1/" in result.stderr
    assert f"{SUMS}:7: error: published file `docs/versions/1.1/index.md` is missing" in result.stderr


def test_an_extra_page_in_a_version_folder_is_caught(published: Path):
    extra = published / "docs" / "versions" / "1.0" / "extra.md"
    extra.write_text("# Also part of 1.0\n", encoding="utf-8")
    result = _validate(published)
    assert result.returncode == 1
    assert f"docs/versions/1.0/extra.md: error: is in an archive folder but not in {SUMS}" in result.stderr
    built = mkdocs_build(published, published.parent / "out")
    assert built.returncode == 1 and "docs/versions/1.0/extra.md" in built.stderr
    # listed by hand with its right checksum: validate cannot tell, the history can
    with (published / SUMS).open("a", encoding="utf-8") as handle:
        handle.write(f"{hashlib.sha256(extra.read_bytes()).hexdigest()}  docs/versions/1.0/extra.md\n")
    assert _validate(published).returncode == 0
    commit(published, "Add a page to 1.0")
    out = _verify(published)
    assert "docs/versions/1.0/extra.md:1: error: is not a page `policy release` archived from commit" in out


def test_a_hand_made_release_with_matching_sums_is_caught(published: Path):
    releases = published / "data" / "releases"
    text = (releases / "1.1.yml").read_text(encoding="utf-8").replace("version: '1.1'", "version: '1.2'")
    text = text.replace("effective: '2026-08-15'", "effective: '2026-09-01'").replace("1 day", "2 days")
    (releases / "1.2.yml").write_text(text, encoding="utf-8")
    folder = published / "docs" / "versions" / "1.2"
    folder.mkdir()
    lines = []
    for page in ("index.md", "index.tr.md"):
        content = (published / "docs" / "versions" / "1.1" / page).read_text(encoding="utf-8")
        (folder / page).write_text(content.replace('"1.1"', '"1.2"'), encoding="utf-8")
    for path in (releases / "1.2.yml", folder / "index.md", folder / "index.tr.md"):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(published).as_posix()}\n")
    with (published / SUMS).open("a", encoding="utf-8") as handle:
        handle.writelines(lines)
    assert _validate(published).returncode == 0  # the sums match: only the history can tell
    commit(published, "Release 1.2 by hand")
    out = _verify(published)
    assert "data/releases/1.2.yml:1: error: is not the draft of commit" in out
    assert "so it was not written by `policy release`" in out


def test_an_edited_release_with_its_checksum_updated_is_caught(published: Path):
    snapshot_path = published / "data" / "releases" / "1.0.yml"
    lines = snapshot_path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, start=1) if "12 hours" in line)
    lines[number - 1] = lines[number - 1].replace("12 hours", "1 hour")
    snapshot_path.write_text("".join(lines), encoding="utf-8")
    sums = published / SUMS
    text = sums.read_text(encoding="utf-8")
    old = next(line.split()[0] for line in text.splitlines() if line.endswith("data/releases/1.0.yml"))
    sums.write_text(text.replace(old, hashlib.sha256(snapshot_path.read_bytes()).hexdigest()), encoding="utf-8")
    assert _validate(published).returncode == 0
    out = _verify(published)
    assert f"data/releases/1.0.yml:{number}: error: differs from the version published in commit" in out
    assert f"{SUMS}:2: error: the line for `data/releases/1.0.yml` of commit" in out


def test_uppercase_digests_and_binary_markers_are_read_like_sha256sum(published: Path):
    sums = published / SUMS
    lines = []
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines()):
        if line.startswith("#"):
            lines.append(line)
            continue
        digest, name = line.split("  ", 1)
        lines.append(f"{digest.upper()} *{name}" if number % 2 else f"{digest.upper()}  {name}")
    sums.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert subprocess.run(["sha256sum", "-c", "--strict", SUMS], cwd=published, capture_output=True).returncode == 0
    result = _validate(published)
    assert result.returncode == 0, result.stderr
    # and a wrong digest in upper case is still a wrong digest
    sums.write_text(sums.read_text(encoding="utf-8").replace(lines[1][:8], "00000000", 1), encoding="utf-8")
    assert "data/releases/1.0.yml:1: error: this published file was edited after its release (checksum on " \
           f"{SUMS} line 2 differs)" in _validate(published).stderr


@pytest.mark.parametrize(("name", "why"), [
    ("../../etc/hostname", "is not a plain path inside the site"),
    ("/dev/zero", "is not a plain path inside the site"),
    ("data/site.yml", "is outside data/releases/, docs/versions/"),
    ("docs/versions/1.0/link.md", "leads outside the site"),
    ("docs/versions/1.0/inner.md", "goes through a symbolic link"),
    ("docs/versions/1.0/fifo", "is not a regular file"),
])
def test_paths_outside_the_published_folders_are_refused_with_their_line(published: Path, name: str, why: str):
    (published / "docs" / "versions" / "1.0" / "link.md").symlink_to("/etc/hostname")
    (published / "docs" / "versions" / "1.0" / "inner.md").symlink_to("../../index.md")
    os.mkfifo(published / "docs" / "versions" / "1.0" / "fifo")
    line = len((published / SUMS).read_text(encoding="utf-8").splitlines()) + 1  # the line appended
    with (published / SUMS).open("a", encoding="utf-8") as handle:
        handle.write(f"{'0' * 64}  {name}\n")
    result = _validate(published)
    assert result.returncode == 1
    assert f"{SUMS}:{line}: error: `{name}` {why}" in result.stderr


def test_sums_only_grow(published: Path):
    sums = published / SUMS
    sums.write_text(sums.read_text(encoding="utf-8").replace("#", "# note:", 1), encoding="utf-8")
    commit(published, "Edit a comment")
    assert policy(published, "verify").returncode == 0  # comments are not checksums


def test_verify_needs_the_full_history(published: Path, tmp_path: Path):
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", published.as_uri(), str(shallow))
    result = policy(shallow, "verify")
    assert result.returncode == 1
    assert "this is a shallow clone: the published history cannot be checked" in result.stderr
    assert "fetch-depth: 0" in result.stderr


def test_format_1_release_flags_a_site_fact_changed_since_it(published: Path):
    _change_site_facts(published)
    out = _verify(published)
    assert "data/site.yml:1: error: company: changed since release 1.0 (commit" in out  # edit_yaml drops comments
    assert "whose snapshot does not record the site facts" in out
    assert "data/site.yml:4: error: contact_email: changed since release 1.0" in out
    assert "data/site.yml:17: error: usage_place:widget: changed since release 1.0" in out
    assert "release 1.1" not in out  # 1.1 froze its own facts


# ---------------------------------------------------------------- all or nothing


def test_a_version_with_a_trailing_newline_is_refused(site: Path):
    _change_draft(site)
    before = snapshot(site)
    result = policy(site, "release", "1.1\n", "--effective", "2026-12-01")
    assert result.returncode == 1
    assert "`'1.1\\n'` is not a version number" in result.stderr
    assert snapshot(site) == before
    for bad in ("1.１", "v1.1", "1..1", "1.1.", "٣.1"):
        assert policy(site, "release", bad, "--effective", "2026-12-01").returncode == 1
    assert snapshot(site) == before


def test_a_second_release_waits_for_the_first(site: Path):
    _change_draft(site)
    fd = os.open(site / "data", os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        proc = subprocess.Popen([str(BIN / "policy"), *RELEASE], cwd=site, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert proc.poll() is None, "the second release must wait for the lock"
        assert not (site / "data" / "releases" / "1.1.yml").exists()
    finally:
        os.close(fd)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "waiting for another `policy release` of this site to finish" in err


def test_two_concurrent_releases_lose_nothing(site: Path):
    _change_draft(site)
    procs = [subprocess.Popen([str(BIN / "policy"), "release", version, "--published", "2026-08-01",
                               "--effective", effective, "--summary", f"en=Release {version}",
                               "--summary", f"tr=Sürüm {version}"],
                              cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for version, effective in (("1.1", "2026-08-15"), ("1.2", "2026-08-20"))]
    results = [p.communicate(timeout=120) for p in procs]
    codes = [p.returncode for p in procs]
    assert sorted(codes) in ([0, 0], [0, 1]), results
    sums = (site / SUMS).read_text(encoding="utf-8")
    for version, code, (_, err) in zip(("1.1", "1.2"), codes, results, strict=True):
        if code == 0:
            assert f"data/releases/{version}.yml" in sums and f"docs/versions/{version}/index.tr.md" in sums
        else:  # 1.2 went first, so 1.1 no longer increases the version: refused whole, with the reason
            assert version == "1.1" and "version 1.1 is not after the latest release 1.2" in err
            assert not (site / "docs" / "versions" / "1.1").exists()
    assert subprocess.run(["sha256sum", "-c", SUMS], cwd=site, capture_output=True).returncode == 0
    assert policy(site, "validate").returncode == 0


STEPS = ["stage-1", "stage-2", "stage-3", "stage-4", "journal", "rename-1", "rename-2", "rename-3", "rename-4",
         "cleanup"]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The tree after an uninterrupted release, to compare every recovered one with."""
    site = _as_first_published(copy_site(ROOT, tmp_path_factory.mktemp("reference") / "site"))
    _change_draft(site)
    _release(site)
    return snapshot(site)


@pytest.mark.parametrize("step", STEPS)
def test_a_release_killed_at_any_step_leaves_no_release_or_all_of_it_and_recovers(site: Path, step: str,
                                                                                   reference: dict[str, str]):
    _change_draft(site)
    before = snapshot(site)
    killed = policy(site, *RELEASE, env={"POLICY_FAULT_AT": step})
    assert killed.returncode == -signal.SIGKILL
    now = snapshot(site)
    leftovers = [name for name in now if name.endswith((".policy-tmp", ".policy-journal"))
                 or name.startswith(".policy/")]
    after = {name: digest for name, digest in now.items() if name not in leftovers}
    if leftovers:  # until the next run, the check says what happened and what to do
        assert "interrupted `policy release` left files behind (run `policy release` again" \
            in policy(site, "validate").stderr
    else:
        assert after in (before, reference)
    if step.startswith("rename-") and step != "rename-1":  # between renames: only the journal can finish it
        assert (site / ".policy" / "journal").exists() and after not in (before, reference)
    again = policy(site, *RELEASE)
    assert again.returncode == 0, again.stderr
    assert snapshot(site) == reference
    assert policy(site, "validate").returncode == 0


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_written_files_follow_the_umask(site: Path, mask: int):
    _change_draft(site)
    result = subprocess.run([str(BIN / "policy"), *RELEASE], cwd=site, capture_output=True, text=True,
                            preexec_fn=lambda: os.umask(mask), check=False)
    assert result.returncode == 0, result.stderr
    for name in ("data/releases/1.1.yml", SUMS, "docs/versions/1.1/index.md"):
        assert (site / name).stat().st_mode & 0o777 == 0o666 & ~mask, name


def test_a_journal_naming_files_elsewhere_is_refused(site: Path, tmp_path: Path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    staged = tmp_path / f".victim.txt.x{'.policy-tmp'}"
    staged.write_text("evil", encoding="utf-8")
    journal = {"label": "1.1", "files": [{"tmp": str(staged), "target": str(victim),
                                          "sha256": hashlib.sha256(b"evil").hexdigest()}]}
    (site / ".policy").mkdir()
    (site / ".policy" / "journal").write_text(json.dumps(journal), encoding="utf-8")
    _change_draft(site)
    result = policy(site, *RELEASE)
    assert result.returncode == 1 and "which this command never writes" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep"
    assert not (site / "data" / "releases" / "1.1.yml").exists()


def test_recorded_site_facts_freeze_a_format_1_release(published: Path, tmp_path: Path):
    env = {"POLICY_TODAY": "2026-07-10"}
    assert mkdocs_build(published, tmp_path / "before", env=env).returncode == 0
    result = policy(published, "record-site-facts")
    assert result.returncode == 0, result.stderr
    assert "wrote data/releases/site-facts/1.0.yml" in result.stdout  # 1.1 has its own: nothing to record
    assert "site-facts/1.1.yml" not in result.stdout
    recorded = yaml.safe_load((published / "data/releases/site-facts/1.0.yml").read_text(encoding="utf-8"))
    assert recorded["site"]["company"] == "TalkOmni"
    assert subprocess.run(["sha256sum", "-c", SUMS], cwd=published, capture_output=True).returncode == 0
    commit(published, "Record the site facts of 1.0")
    _change_site_facts(published)
    assert policy(published, "verify").returncode == 0
    assert mkdocs_build(published, tmp_path / "after", env=env).returncode == 0
    assert _archive(tmp_path / "after", "1.0") == _archive(tmp_path / "before", "1.0")
    assert "The company name changed from “TalkOmni” to “TalkOmni Ltd”." in policy(published, "diff", "1.0").stdout
    # recorded facts are published files: an edit is caught, with or without history
    facts = published / "data/releases/site-facts/1.0.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("support@", "help@"), encoding="utf-8")
    assert "data/releases/site-facts/1.0.yml:1: error: this published file was edited" in _validate(published).stderr
    assert "data/releases/site-facts/1.0.yml:9: error: differs from the version published in commit" \
        in _verify(published)


def test_recording_site_facts_needs_git(site: Path):
    result = policy(site, "record-site-facts")
    assert result.returncode == 1 and "not a git repository" in result.stderr
    assert not (site / "data/releases/site-facts").exists()


def test_site_facts_recorded_by_hand_are_caught(published: Path):
    folder = published / "data/releases/site-facts"
    folder.mkdir()
    facts = {"version": "1.0", "site": {"company": "Someone Else", "domain": "talkomni.com",
                                        "url": "https://talkomni.com", "contact_email": "support@talkomni.com",
                                        "languages": ["en", "tr"], "default_language": "en"}}
    (folder / "1.0.yml").write_text(yaml.safe_dump(facts), encoding="utf-8")
    result = _validate(published)
    assert "data/releases/site-facts/1.0.yml: error: is not recorded in data/releases/SHA256SUMS" in result.stderr
    with (published / SUMS).open("a", encoding="utf-8") as handle:
        handle.write(f"{hashlib.sha256((folder / '1.0.yml').read_bytes()).hexdigest()}  "
                     "data/releases/site-facts/1.0.yml\n")
    assert _validate(published).returncode == 0
    assert "data/releases/site-facts/1.0.yml:1: error: differs from the site facts of commit" in _verify(published)


@pytest.mark.parametrize("where", [".", "examples/pommy"], ids=["talkomni", "pommy"])
def test_the_repository_sites_have_their_1_0_site_facts_recorded(where: str, tmp_path: Path):
    """TalkOmni's and Pommy's 1.0 were published before site facts were recorded; they are recorded
    now, so a later change to site.yml leaves their archived pages as they were."""
    listed = (ROOT / where / SUMS).read_text(encoding="utf-8")
    assert "  data/releases/site-facts/1.0.yml\n" in listed
    copy = copy_site(ROOT / where, tmp_path / where)
    if where != ".":  # the theme it shares, at the same relative place
        shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    env = {"POLICY_TODAY": "2026-11-22"}
    assert mkdocs_build(copy, tmp_path / "before", env=env).returncode == 0
    edit_yaml(copy / "data" / "site.yml", lambda d: d.update(company=d["company"] + " Ltd"))
    assert policy(copy, "validate").returncode == 0
    assert mkdocs_build(copy, tmp_path / "after", env=env).returncode == 0
    assert _archive(tmp_path / "after", "1.0") == _archive(tmp_path / "before", "1.0")
    assert b" Ltd" in (tmp_path / "after" / "index.html").read_bytes()


def test_changed_wording_that_an_archive_without_frozen_wording_shows_is_caught_by_verify(published: Path):
    # 1.0 was published before wording was frozen with a release: today's table_headers render in its
    # archive, so changing them rewrites a published document; 1.1 keeps its own
    assert (published / "data" / "releases" / "wording" / "1.1.yml").is_file()
    assert not (published / "data" / "releases" / "wording" / "1.0.yml").exists()
    path = published / "data" / "site.yml"
    path.write_text(path.read_text(encoding="utf-8") + "table_headers:\n  purpose: {en: Typical Content, "
                    "tr: Tipik İçerik}\n", encoding="utf-8")
    out = _verify(published)
    assert "data/site.yml:" in out and "`table_headers` changed since release 1.0 (commit " in out
    assert "release 1.1" not in out


def test_an_edited_wording_file_is_caught_by_verify_even_with_its_checksum(published: Path):
    import hashlib

    frozen = published / "data" / "releases" / "wording" / "1.1.yml"
    text = frozen.read_text(encoding="utf-8").replace("Purpose", "Aim", 1)
    frozen.write_text(text, encoding="utf-8")
    sums = published / "data" / "releases" / "SHA256SUMS"
    lines = [line if not line.endswith("  data/releases/wording/1.1.yml") else
             f"{hashlib.sha256(text.encode()).hexdigest()}  data/releases/wording/1.1.yml"
             for line in sums.read_text(encoding="utf-8").splitlines()]
    sums.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _verify(published)
    assert "data/releases/wording/1.1.yml:" in out and "differs from the version published in commit" in out


@pytest.mark.parametrize("folder", ["wording", "rendered"])
def test_release_records_added_or_unlisted_by_hand_are_caught(published: Path, folder: str):
    records = published / "data/releases" / folder
    assert (records / "1.1.yml").is_file()  # `policy release` wrote it and listed it
    shutil.copy(records / "1.1.yml", records / "9.9.yml")
    sums = published / SUMS
    sums.write_text("".join(line for line in sums.read_text(encoding="utf-8").splitlines(keepends=True)
                            if f"{folder}/1.1.yml" not in line), encoding="utf-8")
    result = _validate(published)
    assert result.returncode == 1
    for version in ("1.1", "9.9"):
        assert f"data/releases/{folder}/{version}.yml: error: is not recorded in data/releases/SHA256SUMS" \
            in result.stderr
    assert f"data/releases/{folder}/9.9.yml: error: is kept for a release 9.9 that does not exist" in result.stderr
    assert f"data/releases/{folder}/1.1.yml: error: is kept" not in result.stderr
    assert "only `policy release` writes" in result.stderr
