"""The layers of docs/ARCHITECTURE.md, enforced: the core computes, the faces present.

A core module (:data:`CORE`) imports no face (:data:`FACES`) and reads no environment
variable; where data come from is resolved in ``flytt.api`` and the edges. The walk is over
the source files (``ast``), so an import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "flytt"
CORE = ("tables", "barometer", "city", "indices", "models", "synth", "engine",
        "decomposition", "disclosure", "flows", "classes", "i18n", "options", "results")
"""Core packages and modules (``flytt.<name>`` or ``flytt/<name>/``)."""
FACES = ("figures", "report", "web", "cli", "render")
"""Faces: what turns results into text, figures and pages."""


def _files(name: str) -> list[Path]:
    package = SRC / name
    if package.is_dir():
        return sorted(package.rglob("*.py"))
    module = SRC / f"{name}.py"
    return [module] if module.is_file() else []


def _imported(path: Path, tree: ast.AST) -> list[tuple[int, str]]:
    """``(line, absolute module)`` of every import in the file."""
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.append((node.lineno, target))
            out += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return out


def _environment_reads(tree: ast.AST) -> list[int]:
    """Lines that read ``os.environ`` or call ``os.getenv``."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os" and any(
                a.name in ("environ", "getenv") for a in node.names):
            lines.append(node.lineno)
    return lines


def _violations(name: str) -> list[str]:
    found = []
    for path in _files(name):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(SRC.parent)
        for line, module in _imported(path, tree):
            face = module.split(".")[1] if module.startswith("flytt.") else None
            if face in FACES:
                found.append(f"{where}:{line} imports {module}")
        found += [f"{where}:{line} reads the environment" for line in _environment_reads(tree)]
    return sorted(set(found))


@pytest.mark.parametrize("name", CORE)
def test_core_imports_no_face_and_reads_no_environment(name):
    assert _files(name), f"no core module '{name}' (update CORE and docs/ARCHITECTURE.md)"
    assert _violations(name) == []


def test_the_checker_sees_a_face_import_and_an_environment_read(tmp_path, monkeypatch):
    """The walk finds a relative import of a face inside a function and ``os.environ``."""
    fake = tmp_path / "flytt"
    (fake / "barometer").mkdir(parents=True)
    (fake / "barometer" / "bad.py").write_text(
        "import os\n\ndef f():\n    from ..render import to_rich\n"
        "    return os.environ.get('X')\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "SRC", fake)
    assert _violations("barometer") == ["flytt/barometer/bad.py:4 imports flytt.render",
                                        "flytt/barometer/bad.py:4 imports flytt.render.to_rich",
                                        "flytt/barometer/bad.py:5 reads the environment"]


def test_architecture_page_names_every_layer():
    """docs/ARCHITECTURE.md shows the layers this test enforces."""
    page = (SRC.parents[1] / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for name in CORE + FACES + ("api",):
        assert f"`{name}" in page, name
