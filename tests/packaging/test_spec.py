"""Cheap checks of the frozen build without building: the spec, build info, the smoke test's parts.

The spec is PyInstaller's Python; its plain definitions (exclude lists, plugin filters, data
files) are executed here on their own, without PyInstaller, and its build objects (EXE,
COLLECT) are read as syntax.
"""

from __future__ import annotations

import ast
import fnmatch
import importlib.util
import json
import sys
import types
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from srek_desk import __version__
from srek_desk.build_info import FROM_SOURCE, load_build_info

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
SPEC = PACKAGING / "srek-desk.spec"


def load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


@pytest.fixture(scope="module")
def spec_defs(spec_tree: ast.Module) -> dict[str, Any]:
    """The spec's constants and helper functions, run without PyInstaller."""
    skipped_functions = {"_load_build_info_module", "version_resource", "strip_debug_info"}

    def plain(node: ast.stmt) -> bool:
        if isinstance(node, ast.FunctionDef):
            return node.name not in skipped_functions
        if not isinstance(node, ast.Assign):
            return False
        constant = all(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets)
        uses_build = any(isinstance(n, ast.Name) and n.id == "BUILD_INFO" for n in ast.walk(node))
        return constant and not uses_build

    wanted = [node for node in spec_tree.body if plain(node)]
    namespace: dict[str, Any] = {
        "SPECPATH": str(PACKAGING),
        "ast": ast,
        "fnmatch": fnmatch,
        "importlib": importlib,
        "sys": sys,
        "Path": Path,
    }
    exec(compile(ast.Module(body=wanted, type_ignores=[]), str(SPEC), "exec"), namespace)
    return namespace


def calls(tree: ast.Module, name: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
    ]


def keyword(call: ast.Call, name: str) -> Any:
    for kw in call.keywords:
        if kw.arg == name:
            return ast.literal_eval(kw.value) if isinstance(kw.value, ast.Constant) else kw.value
    raise AssertionError(f"{name}= missing")


# -- the spec ---------------------------------------------------------------------------------


def test_onedir_without_upx(spec_tree: ast.Module) -> None:
    executables = calls(spec_tree, "EXE")
    assert len(executables) == 2  # srek-desk (console) and, on Windows, srek-desk-gui
    for exe in executables:
        assert keyword(exe, "upx") is False
        assert keyword(exe, "exclude_binaries") is True  # binaries go to COLLECT: onedir
    consoles = sorted(keyword(exe, "console") for exe in executables)
    assert consoles == [False, True]
    (collect,) = calls(spec_tree, "COLLECT")
    assert keyword(collect, "upx") is False
    assert keyword(collect, "name").id == "NAME"
    assert "onefile" not in SPEC.read_text(encoding="utf-8").lower()


def test_unused_qt_and_python_modules_are_excluded(spec_defs: dict[str, Any]) -> None:
    excludes = set(spec_defs["QT_EXCLUDES"]) | set(spec_defs["PYTHON_EXCLUDES"])
    for module in (
        "PySide6.QtWebEngineCore",
        "PySide6.QtWebEngineWidgets",
        "PySide6.QtQml",
        "PySide6.QtQuick",
        "PySide6.Qt3DCore",
        "PySide6.QtMultimedia",
        "tkinter",
        "pytest",
    ):
        assert module in excludes
    used = {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtCharts"}
    assert not {f"PySide6.{m}" for m in used} & excludes


def test_every_qt_module_the_app_imports_is_kept(spec_defs: dict[str, Any]) -> None:
    imported = set()
    for path in (REPO / "srek_desk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                imported.add(node.module)
    assert imported, "no PySide6 imports found"
    assert not imported & set(spec_defs["QT_EXCLUDES"])


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qtbase_fr.qm", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("libQt6Qml.so.6", False),
        # Windows layout: Qt's folder is PySide6/ itself
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6\\plugins\\imageformats\\qico.dll", True),
        ("PySide6\\plugins\\imageformats\\qwebp.dll", False),
        ("PySide6\\translations\\qtbase_de.qm", True),
        ("PySide6\\translations\\qt_help_de.qm", False),
        ("PySide6\\Qt6Quick.dll", False),
        ("PySide6\\opengl32sw.dll", False),
        ("PySide6\\Qt6Pdf.dll", True),
        ("pyphen/dictionaries/hyph_de_DE.dic", True),
        ("pyphen/dictionaries/hyph_fr.dic", False),
        ("resources/fonts/NotoSans-Regular.ttf", True),
        ("numpy.libs/libscipy_openblas64_-32a4b2a6.so", True),
    ],
)
def test_keep_entry(spec_defs: dict[str, Any], dest: str, kept: bool) -> None:
    assert spec_defs["keep_entry"](dest) is kept


def test_the_hyphenation_dictionaries_the_sheets_use_are_kept(spec_defs: dict[str, Any]) -> None:
    from srek_desk.sheets.texts import TEXTS

    for texts in TEXTS.values():
        if texts.hyphenation:
            assert f"hyph_{texts.hyphenation}.dic" in spec_defs["KEEP_PYPHEN"]


def test_data_files_exist_and_cover_what_the_app_reads(spec_defs: dict[str, Any]) -> None:
    datas = [*spec_defs["resource_datas"](), *spec_defs["migration_datas"]()]
    for source, _target in datas:
        assert Path(source).is_file(), source
    targets = {f"{target.replace(chr(92), '/')}/{Path(source).name}" for source, target in datas}
    for needed in (
        "resources/translations/srek_desk_de.qm",
        "resources/fonts/NotoSans-Regular.ttf",
        "resources/fonts/NotoSans-Bold.ttf",
        "resources/gazetteer/de_postcodes.tsv.gz",
        "resources/occupations/occupations.csv",
        "resources/icons/srek-desk.png",
        "srek_desk/db/migrations/env.py",
    ):
        assert needed in targets
    shipped = {p.name for p in (REPO / "srek_desk/db/migrations/versions").glob("*.py")}
    bundled = {
        Path(s).name for s, t in datas if t.replace("\\", "/").endswith("migrations/versions")
    }
    assert shipped and shipped == bundled
    assert not any(t.endswith(".ts") or "__pycache__" in t for t in targets)


def test_the_frozen_layout_matches_paths_py() -> None:
    """The spec puts resources/ at the top of _internal and migrations under srek_desk/."""
    from srek_desk import paths

    source = (REPO / "srek_desk" / "paths.py").read_text(encoding="utf-8")
    assert '/ "resources"' in source and "_MEIPASS" in source
    assert paths.migrations_dir().relative_to(REPO).as_posix() == "srek_desk/db/migrations"


def test_migration_imports_are_found(spec_defs: dict[str, Any]) -> None:
    imports = spec_defs["migration_imports"]()
    for module in ("alembic.op", "alembic.context", "sqlalchemy", "srek_desk.db.models"):
        assert module in imports
    assert "sqlmodel.SQLModel" not in imports  # a class, not a module


# -- packaging/build_info.py (build time) -----------------------------------------------------


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    return load_module("srek_packaging_build_info", PACKAGING / "build_info.py")


def test_commit_from_the_environment(builder: ModuleType) -> None:
    sha = "a" * 40
    assert builder.commit_id(REPO / "nowhere", {"SREK_BUILD_COMMIT": sha}) == sha
    assert builder.commit_id(REPO / "nowhere", {"SREK_BUILD_COMMIT": "not-a-sha"}) is None


def test_commit_from_git_files(builder: ModuleType, tmp_path: Path) -> None:
    git = tmp_path / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "refs" / "heads" / "main").write_text("b" * 40 + "\n")
    assert builder.commit_id(tmp_path, {}) == "b" * 40
    (git / "refs" / "heads" / "main").unlink()
    (git / "packed-refs").write_text("# pack-refs\n" + "c" * 40 + " refs/heads/main\n")
    assert builder.commit_id(tmp_path, {}) == "c" * 40
    (git / "HEAD").write_text("d" * 40 + "\n")  # detached
    assert builder.commit_id(tmp_path, {}) == "d" * 40
    assert builder.commit_id(tmp_path / "none", {}) is None


def test_build_info_file(
    builder: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1760000000")
    monkeypatch.setenv("SREK_BUILD_COMMIT", "e" * 40)
    target = tmp_path / "build-info.json"
    info = builder.write(target)
    assert json.loads(target.read_text()) == info
    assert info["version"] == __version__
    assert info["built_at"] == "2025-10-09T08:53:20Z"
    assert info["commit"] == "e" * 40


def test_windows_version_numbers(builder: ModuleType) -> None:
    assert builder.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert builder.version_tuple("1.2rc1") == (1, 2, 0, 0)
    assert builder.version_tuple("2026.10.1.5.6") == (2026, 10, 1, 5)


def test_windows_version_resource(builder: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """PyInstaller's version-resource classes import Windows-only modules: stub those."""
    compat = pytest.importorskip("PyInstaller.compat")
    monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    monkeypatch.setattr(compat, "win32api", None, raising=False)
    monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
    info = builder.windows_version_info("0.1.0", "srek-desk.exe", "SREK Desk")
    assert info.ffi.fileVersionMS == 1 and info.ffi.fileVersionLS == 0
    assert "srek-desk.exe" in str(info) and info.toRaw()


# -- srek_desk/build_info.py (run time) -------------------------------------------------------


def test_source_run_says_quellcode(tmp_path: Path) -> None:
    info = load_build_info(tmp_path / "absent.json")
    assert info.from_source and info.summary() == FROM_SOURCE
    assert info.version_lines()[0] == f"srek-desk {__version__}"


def test_build_info_from_file(tmp_path: Path) -> None:
    target = tmp_path / "build-info.json"
    target.write_text(
        json.dumps(
            {
                "version": "9.9.9",  # the running package's version wins
                "commit": "0123456789abcdef0123456789abcdef01234567",
                "built_at": "2026-10-20T12:00:00Z",
                "platform": "win32-amd64",
                "qt": "6.12.0",
            }
        )
    )
    info = load_build_info(target)
    lines = info.version_lines()
    assert lines[0] == f"srek-desk {__version__}"
    assert lines[1] == "Build: 0123456789ab vom 2026-10-20 (win32-amd64)"
    assert lines[2].endswith(", Qt 6.12.0")


def test_broken_build_info_is_ignored(tmp_path: Path) -> None:
    target = tmp_path / "build-info.json"
    target.write_text("{not json")
    assert load_build_info(target).summary() == FROM_SOURCE
    target.write_text("[1, 2]")
    assert load_build_info(target).summary() == FROM_SOURCE


# -- packaging/smoke_test.py (its parts, without a bundle) ------------------------------------


@pytest.fixture(scope="module")
def smoke() -> ModuleType:
    return load_module("srek_packaging_smoke_test", PACKAGING / "smoke_test.py")


def test_smoke_test_without_a_bundle_exits_2(smoke: ModuleType, tmp_path: Path) -> None:
    printed: list[str] = []
    assert smoke.main([str(tmp_path)], out=printed.append) == 2
    assert json.loads(printed[0])["ok"] is False


def test_smoke_test_stderr_filter(smoke: ModuleType, tmp_path: Path) -> None:
    import re

    test = smoke.SmokeTest(tmp_path, tmp_path / "x", [re.compile(r"^harmless")])
    run = smoke.Run([], 0, "", "\nharmless note\nTraceback (most recent call last):\n", 0.1)
    assert test.unexpected_stderr(run) == ["Traceback (most recent call last):"]
    assert not test.check_run("run", run)
    clean = smoke.Run([], 0, "", "harmless note\n", 0.1)
    assert test.check_run("run", clean)


def test_smoke_test_required_steps_match_the_self_test(smoke: ModuleType) -> None:
    source = (REPO / "srek_desk" / "self_test.py").read_text(encoding="utf-8")
    for step in smoke.REQUIRED_STEPS:
        assert f'step("{step}"' in source
