"""The review workflow's steps, run here as far as they can run without GitHub.

The describe step's shell runs in a throwaway repository whose HEAD is a pull request merged into
its base; the comment script runs under node with a stand-in for GitHub's API. The comment always
arrives (errors first when the data is invalid) and always fits GitHub's limit.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

from cookiepolicy.review.comment import COMMENT_LIMIT, MARKER

from .support.helpers import ROOT, copy_site, policy
from .test_git_diff import commit, edit, git
from .test_workflows import load, pull_request, run_comment_script, steps

RUN_URL = "https://github.com/talkomni/cookie-policy/actions/runs/123"


def run_review_steps(site: Path, tmp_path: Path) -> tuple[str, dict]:
    """The describe step's shell, then the comment script on the artifact it wrote."""
    workflow = load("review.yml")
    names = [s.get("name", s.get("uses", "")) for s in steps(workflow)]
    assert names.index("Describe the policy changes") < names.index("Build the preview"), \
        "the review is written before the preview build can fail"
    describe = next(s for s in steps(workflow) if s.get("name") == "Describe the policy changes")
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", describe["run"]], cwd=site,
                            capture_output=True, text=True, check=False,
                            env={**os.environ, "PR_NUMBER": "42", "RUN_URL": RUN_URL,
                                 "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert describe["env"]["RUN_URL"].startswith("${{ github.server_url }}/")
    body = (site / "review" / "comment.md").read_text(encoding="utf-8")
    out = run_comment_script(tmp_path, site / "review")
    (create,) = [c for c in out["calls"] if c[0] == "create"]
    return body, {"posted": create[2]}


def test_invalid_data_gets_a_comment_with_the_errors_first(tmp_path: Path):
    def typo(site: Path) -> None:
        cookies = site / "data" / "cookies.yml"
        cookies.write_text(cookies.read_text(encoding="utf-8").replace("storage: cookie", "storage cookie", 1),
                           encoding="utf-8")

    site = pull_request(tmp_path, typo)
    _, comment = run_review_steps(site, tmp_path)
    posted = comment["posted"]
    assert posted.startswith(MARKER) and len(posted) < COMMENT_LIMIT
    english = posted.split("<details>")[0]
    sections = [line for line in english.splitlines() if line.startswith("#")]
    assert sections[1] == "### The policy data does not validate", "the errors come first"
    assert "data/cookies.yml:7: error: malformed YAML" in english
    assert "Removed" not in posted and "kaldırıldı (" not in posted
    assert "### Politika verileri doğrulamadan geçmedi" in posted
    # and the preview build of that data does fail, after the comment was prepared
    build = subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "s")],
                           cwd=site, capture_output=True, text=True, check=False,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode != 0
    comment_job = load("review-comment.yml")
    (job,) = comment_job["jobs"].values()
    assert "github.event.workflow_run.conclusion == 'failure'" in job["if"], "a failed preview still comments"


def test_a_300_item_change_becomes_a_summary_under_the_limit(tmp_path: Path):
    def import_300(site: Path) -> None:
        def add(d: dict) -> None:
            for n in range(300):
                d["items"].append({
                    "name": f"imported_cookie_{n:03}", "storage": "cookie", "category": "preferences",
                    "duration": f"{n % 12 + 1} months",
                    "purpose": {"en": f"Remembers imported setting number {n} for the chat widget and the dashboard",
                                "tr": f"Sohbet aracı ve yönetim paneli için {n} numaralı içe aktarılan ayarı hatırlar"},
                })
        edit(site, "cookies.yml", add)

    site = pull_request(tmp_path, import_300)
    body, comment = run_review_steps(site, tmp_path)
    posted = comment["posted"]
    assert len(body) < COMMENT_LIMIT and len(posted) < COMMENT_LIMIT
    english, turkish = posted.split("<details><summary>Türkçe</summary>")
    assert "This change is too large for one comment (300 added);" in english
    assert "Left out of this comment: " in english and " added; the full review lists them." in english
    assert f"The full review: [the review artifact of this run]({RUN_URL})" in english
    assert "İncelemenin tamamı: [bu çalıştırmanın inceleme dosyası](" in turkish
    assert "Bu değişiklik tek bir yoruma sığmayacak kadar büyüktür (300 ekleme)" in turkish
    shown = [line for line in english.splitlines() if line.startswith("- Added cookie")]
    assert 50 < len(shown) < 300
    assert shown[0].startswith("- Added cookie <code>imported&#95;cookie&#95;000</code>")
    # the full review is in the artifact, every item of it
    full = (site / "review" / "full-review.en.md").read_text(encoding="utf-8")
    assert sum(line.startswith("- Added cookie") for line in full.splitlines()) == 300
    assert "300 changes to the cookie policy:" in full
    assert len(full) > COMMENT_LIMIT // 2
    full_tr = (site / "review" / "full-review.tr.md").read_text(encoding="utf-8")
    assert "Çerez politikasında 300 değişiklik:" in full_tr


def test_an_oversized_artifact_is_replaced_by_a_link(tmp_path: Path):
    folder = tmp_path / "artifact"
    folder.mkdir()
    (folder / "pr-number").write_text("7", encoding="utf-8")
    (folder / "comment.md").write_text(MARKER + "\n" + "- a line\n" * 9000, encoding="utf-8")
    out = run_comment_script(tmp_path, folder)
    (create,) = [c for c in out["calls"] if c[0] == "create"]
    assert len(create[2]) < COMMENT_LIMIT and create[2].startswith(MARKER)
    assert "The review is too long for a comment" in create[2]


def test_text_from_data_cannot_close_the_fence(tmp_path: Path):
    site = copy_site(ROOT, tmp_path / "repo")
    git(site, "init", "-q", "-b", "main")
    commit(site, "1.0")
    path = site / "data" / "cookies.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["items"][0]["category"] = "x````` [click](https://evil.example) ````"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = policy(site, "diff").stdout
    errors = out.split("### The policy data does not validate", 1)[1]
    fence = errors.strip().splitlines()[0]
    assert fence == "``````text", "one backtick longer than the longest run in the errors"
    inside = errors.split(fence, 1)[1].split("\n``````\n", 1)[0]
    assert "x`````" in inside, "the text stays inside its block"


def test_the_poster_has_one_queue_per_pull_request():
    comment = load("review-comment.yml")
    group = comment["concurrency"]["group"]
    assert "github.event.workflow_run.head_repository.full_name" in group
    assert "github.event.workflow_run.head_branch" in group
    assert comment["concurrency"]["cancel-in-progress"] is False


def readme_sample() -> str:
    """The sample comment of the manual's "How a policy change flows" page."""
    readme = (ROOT / "manual" / "docs" / "how-to" / "policy-change-flow.md").read_text(encoding="utf-8")
    section = readme.split("### 3. Open a pull request: the review comment", 1)[1]
    return section.split("```markdown\n", 1)[1].split("\n```\n", 1)[0] + "\n"


def test_the_readme_sample_comment_is_real_output(tmp_path: Path):
    """The README shows the comment of a branch that adds Intercom's chat and keeps refresh tokens longer."""
    from .test_git_diff import INTERCOM, item

    def support_chat(site: Path) -> None:
        edit(site, "services.yml", lambda d: d["services"].append(INTERCOM))
        edit(site, "cookies.yml", lambda d: item(d, "refresh_token").update(duration="60 days"))
        edit(site, "cookies.yml", lambda d: d["items"].append({
            "name": "intercom-session-*", "match": "wildcard", "storage": "cookie",
            "provider": "intercom", "category": "preferences",
            "duration": "1 week", "purpose": {"en": "Keeps the support chat open", "tr": "Destek sohbetini açık tutar"},
        }))

    site = pull_request(tmp_path, support_chat)
    _, comment = run_review_steps(site, tmp_path)
    base, head = git(site, "rev-parse", "--short", "HEAD^1"), git(site, "rev-parse", "--short", "HEAD")
    assert comment["posted"].replace(base, "1a2b3c4").replace(head, "5d6e7f8") == readme_sample()
