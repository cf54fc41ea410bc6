"""German translation is complete, compiled and in step with the sources."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import update_translations  # noqa: E402

TS = REPO / "resources" / "translations" / "srek_desk_de.ts"
QM = TS.with_suffix(".qm")


def test_no_unfinished_german_entries() -> None:
    assert update_translations.unfinished(TS) == []


def test_sources_have_no_strings_missing_from_the_ts(tmp_path: Path) -> None:
    """lupdate over today's sources adds nothing that lacks a German translation."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    update_translations.lupdate(copy, "de")
    assert update_translations.unfinished(copy) == []


def test_compiled_qm_matches_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    update_translations.lrelease(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes(), "run scripts/update_translations.py"


def test_no_tr_inside_f_strings() -> None:
    """lupdate cannot see tr() inside f-strings; such texts would stay English."""
    pattern = re.compile(r"""\bf(["']).*\{[^}]*\btr\(""")
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for path in (REPO / "srek_desk").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize("language, expected", [("de", "Datei"), ("en", "File")])
def test_language_setting_switches_the_menu(language: str, expected: str, tmp_path: Path) -> None:
    code = (
        "import os; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "from srek_desk.app import create_application\n"
        f"app = create_application(language={language!r})\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "print(QCoreApplication.translate('MainWindow', '&File'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().replace("&", "") == expected
