"""A site's settings as its ``mkdocs.yml`` states them: the only reader of that file's
policy settings, for the build and the command line alike."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model.problems import PolicyError, Problem, Report
from cookiepolicy.safeio.yamlsafe import Unreadable, child, compose, read_limited
from cookiepolicy.text.words import say

CONFIG_NAME = "mkdocs.yml"


def read_settings(config_file: Path, name: str = CONFIG_NAME) -> dict[str, str]:
    """``docs_dir`` and ``extra.policy.data_dir`` of a site's ``mkdocs.yml``: one reader for the build and the CLI.

    Raises ``PolicyError`` naming the file, line and field when the settings have the wrong shape
    (``extra.policy: "a string"``); a missing file means the defaults.
    """
    try:
        raw = read_limited(config_file)
    except FileNotFoundError:
        return {}
    except Unreadable as exc:
        raise PolicyError(Report([Problem(file=name, message=exc.message, hint=exc.hint)])) from None
    root = _composed(raw, name)
    extra = child(root, "extra")
    policy = child(extra, "policy")
    problems = [_refused(node, name, field, say("settings.not_mapping"), say("settings.not_mapping_hint"))
                for node, field in ((extra, "extra"), (policy, "extra.policy"))
                if node is not None and not isinstance(node, yaml.MappingNode)
                and node.tag != "tag:yaml.org,2002:null"]
    settings: dict[str, str] = {}
    for node, field in ((child(policy, "data_dir"), "extra.policy.data_dir"), (child(root, "docs_dir"), "docs_dir")):
        if node is None:
            continue
        if _is_folder(node):
            settings[field.rpartition(".")[2]] = node.value
        else:
            problems.append(_refused(node, name, field, say("settings.not_folder"), say("settings.not_folder_hint")))
    if problems:
        raise PolicyError(Report(problems))
    return settings


def _composed(raw: bytes, name: str) -> yaml.Node | None:
    """The node graph of mkdocs.yml; malformed YAML is refused with its line."""
    try:
        return compose(raw.decode("utf-8", errors="replace"))
    except (yaml.YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else getattr(exc, "line", None)
        reason = getattr(exc, "problem", None) or getattr(exc, "message", None) or str(exc)
        problem = Problem(file=name, line=line, message=say("read.malformed", reason=reason))
        raise PolicyError(Report([problem])) from None


def _is_folder(node: yaml.Node) -> bool:
    """A plain text naming a folder inside the site: relative, without ``..``, printable."""
    if not isinstance(node, yaml.ScalarNode) or not node.value or node.tag != "tag:yaml.org,2002:str":
        return False
    value = str(node.value)
    return not Path(value).is_absolute() and ".." not in Path(value).parts and value.isprintable()


def _refused(node: yaml.Node, name: str, field: str, message: str, hint: str) -> Problem:
    return Problem(file=name, line=node.start_mark.line + 1, field=field, message=message, hint=hint)


def site_files(root: Path, config_file: Path | None = None, data_dir: str | None = None) -> SiteFiles:
    """Where a site keeps its data, as its ``mkdocs.yml`` says (``data_dir`` given here wins)."""
    config_file = config_file or root / CONFIG_NAME
    settings = read_settings(config_file, SiteFiles(root).name(config_file.resolve()))
    return SiteFiles(root=root, data_dir=data_dir or settings.get("data_dir", "data"),
                     docs_dir=settings.get("docs_dir", "docs"), config=config_file,
                     site_url=site_url(config_file), cookie_settings=banner_enabled(config_file))


def config_file(files: SiteFiles) -> Path:
    """The site's ``mkdocs.yml``: the one the adapter was given, else the one at the site's root."""
    return files.config or files.root / CONFIG_NAME


def site_url(config_file: Path) -> str | None:
    """mkdocs.yml's ``site_url``, as a build would read it (``!ENV [SITE_URL, default]`` included)."""
    try:
        root = compose(read_limited(config_file).decode("utf-8", errors="replace"))
    except (OSError, Unreadable, yaml.YAMLError, ValueError):
        return None
    node = child(root, "site_url")
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "!ENV":
            return os.environ.get(node.value) or None
        return node.value or None
    if isinstance(node, yaml.SequenceNode) and node.tag == "!ENV":
        values = [n.value for n in node.value if isinstance(n, yaml.ScalarNode)]
        for name in values[:-1]:
            if os.environ.get(name):
                return os.environ[name]
        return values[-1] if len(values) > 1 else None
    return None


def banner_enabled(config_file: Path) -> bool:
    """Whether mkdocs.yml turns the banner on (``extra.policy.cookie_settings: true``)."""
    try:
        root = compose(read_limited(config_file).decode("utf-8", errors="replace"))
    except (OSError, Unreadable, yaml.YAMLError, ValueError):
        return False
    node = child(child(child(root, "extra"), "policy"), "cookie_settings")
    return isinstance(node, yaml.ScalarNode) and node.value.lower() in ("true", "yes", "on", "1")
