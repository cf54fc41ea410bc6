"""The house (docs/architecture.md): layers, Qt only in ui/, capability packages, no import cycle.

import-linter reads its contracts from pyproject.toml and checks the graph grimp builds from
every import, including those inside functions. Each check is also run once against a copy of
the package with a deliberately wrong import, so a contract that cannot fail would show here.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("importlinter")

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "srek_desk"
CYCLES_SCRIPT = ROOT / "scripts" / "dev" / "import_cycles.py"
CAPABILITIES = sorted(
    p.name for p in (PACKAGE / "services").iterdir() if (p / "__init__.py").is_file()
)
MAX_MODULE_LINES = 400


def _lint_imports(project: Path, package_parent: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` with the project's pyproject.toml, importing the package from `package_parent`."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; "
            "sys.exit(lint_imports_command())",
            "--no-cache",
        ],
        cwd=project,
        env={"PYTHONPATH": str(package_parent), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def broken_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project whose code breaks three contracts, one import each."""
    root = tmp_path_factory.mktemp("house")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(PACKAGE, root / "srek_desk", ignore=shutil.ignore_patterns("__pycache__"))
    wrong = {
        # a lower layer reaching up to the window
        "matching/explain.py": "from srek_desk.ui import formatting\n",
        # Qt below ui/
        "services/core/validation.py": "import PySide6.QtCore\n",
        # one capability reaching into another's module instead of its __init__
        "services/offline/state.py": "from srek_desk.services.clients.merge import MergeService\n",
    }
    for relative, line in wrong.items():
        path = root / "srek_desk" / relative
        path.write_text(path.read_text(encoding="utf-8") + "\n" + line, encoding="utf-8")
    return root


def test_the_contracts_hold() -> None:
    result = _lint_imports(ROOT, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_contracts_catch_wrong_imports(broken_copy: Path) -> None:
    result = _lint_imports(broken_copy, broken_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "srek_desk.matching.explain -> srek_desk.ui.formatting" in out
    assert "srek_desk.services.core.validation -> PySide6" in out
    assert "srek_desk.services.offline.state -> srek_desk.services.clients.merge" in out
    assert "Contracts: " in out and "3 broken" in out


def test_no_import_cycle() -> None:
    result = subprocess.run(
        [sys.executable, str(CYCLES_SCRIPT)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_cycle_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    package = tmp_path / "srek_desk"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "low.py").write_text("from srek_desk import high\n")
    (package / "high.py").write_text(
        textwrap.dedent(
            """
            def late():
                from srek_desk import low  # a cycle hidden in a function
                return low
            """
        )
    )
    result = subprocess.run(
        [sys.executable, str(CYCLES_SCRIPT)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "srek_desk.high ↔ srek_desk.low" in result.stdout


def test_no_module_a_newcomer_must_scroll() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


@pytest.mark.parametrize("capability", CAPABILITIES)
def test_each_capability_says_what_it_is_and_exports_it(capability: str) -> None:
    init = PACKAGE / "services" / capability / "__init__.py"
    tree = ast.parse(init.read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree)
    assert docstring, f"services/{capability}/__init__.py has no docstring"
    assert docstring.splitlines()[0].endswith(".")
    if capability != "core":  # the floor: its modules are imported directly
        exported = next(
            node.value
            for node in tree.body
            if isinstance(node, ast.Assign) and node.targets[0].id == "__all__"  # type: ignore[attr-defined]
        )
        assert isinstance(exported, ast.List) and exported.elts
