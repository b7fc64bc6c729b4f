"""The package's shape as rules: layers import downward only, the core knows no site generator, no
module reaches into another's private names, modules stay small, and the manual's layout is the tree."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import cookiepolicy
from cookiepolicy import LAYERS

PACKAGE = Path(cookiepolicy.__file__).parent
ROOT = PACKAGE.parents[1]
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "scaffold_templates" not in p.parts)
GENERATORS = ("mkdocs", "material", "mkdocs_macros", "mkdocs_static_i18n", "properdocs", "zensical")
ENTRY_POINTS = {"__init__", "__main__", "mkdocs_macros", "slugs", "serve"}  # names older sites' files use
MAX_LINES = 500


def _name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else ""


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """Every import of the package's own modules: (line, module, names imported from it)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "." * node.level + (node.module or ""), [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name, []) for a in node.names]
    return found


def test_the_layers_are_the_folders():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert folders == set(LAYERS)
    loose = {p.stem for p in PACKAGE.glob("*.py")}
    assert loose == ENTRY_POINTS, "a module belongs in a layer's folder"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_go_downward_only(path: Path):
    """A module imports its own layer and lower ones (even inside a function), never upward and never relatively."""
    here = _layer(_name(path))
    rank = LAYERS.index(here) if here else len(LAYERS)
    wrong = []
    for line, module, names in _imports(path):
        if module.startswith("."):
            wrong.append(f"{line}: relative import {module}: write cookiepolicy.LAYER.MODULE")
            continue
        if not module.startswith("cookiepolicy."):
            continue
        # `from cookiepolicy.render import site` names a module of a layer
        targets = [module] + [f"{module}.{n}" for n in names if module.count(".") == 1]
        for target in targets:
            layer = _layer(target)
            if layer and LAYERS.index(layer) > rank:
                wrong.append(f"{line}: {here or 'the package root'} imports {target} ({layer} is above it)")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", [p for p in MODULES if "adapters" not in p.parts],
                         ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_core_imports_no_site_generator(path: Path):
    """Only ``adapters`` imports MkDocs, its plugins, ProperDocs or Zensical; the entry points only re-export."""
    wrong = [f"{line}: imports {module}" for line, module, _ in _imports(path) if module.split(".")[0] in GENERATORS]
    assert not wrong, "\n".join(wrong)


def test_the_core_reads_no_generator_configuration():
    """``mkdocs.yml`` is read in ``adapters/mkdocs`` only: outside it, the name appears in prose, never in code."""
    wrong = []
    for path in MODULES:
        if "adapters" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "mkdocs.yml" in node.value \
                    and "\n" not in node.value and len(node.value) < 40:
                wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_imports_another_modules_private_names(path: Path):
    wrong = [f"{line}: {', '.join(n for n in names if n.startswith('_'))} from {module}"
             for line, module, names in _imports(path)
             if module.startswith("cookiepolicy") and any(n.startswith("_") and not n.startswith("__") for n in names)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_stay_small(path: Path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{lines} lines: split it by what its parts do"


def test_the_entry_points_only_re_export():
    for name in ENTRY_POINTS - {"__init__"}:
        for _, module, _ in _imports(PACKAGE / f"{name}.py"):
            assert module in ("sys", "cookiepolicy.text.slugs") or module.startswith("cookiepolicy.adapters"), \
                (name, module)


def test_the_manual_describes_the_tree():
    """The layout page lists every layer with its ``__init__`` docstring and, below it, every module in it."""
    page = (ROOT / "manual" / "docs" / "explanation" / "layout.md").read_text(encoding="utf-8")
    section = page.split("## The engine", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^- `src/cookiepolicy/([a-z]+)/`: (.+)\n((?:  .+\n)+)", section, re.M)
    assert [layer for layer, _, _ in listed] == list(LAYERS)
    for layer, said, modules in listed:
        doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert said.strip() == " ".join(doc.split()), layer
        tree = {p.relative_to(PACKAGE / layer).with_suffix("").as_posix() for p in (PACKAGE / layer).rglob("*.py")
                if p.name != "__init__.py" and "scaffold_templates" not in p.parts}
        assert set(re.findall(r"`([a-z_/]+)`", modules)) == tree, layer
