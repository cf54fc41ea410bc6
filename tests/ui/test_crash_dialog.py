"""A bug that reaches the event loop is logged and shown with the path of the log file."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox


def test_crash_dialog_names_the_log_file(qapp, monkeypatch, isolated_dirs) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.app import install_crash_dialog
    from srek_desk.errors import UserError

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text))
    )
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, title, text: shown.append((title, text))
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_crash_dialog()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert shown and "srek-desk.log" in shown[-1][1] and str(isolated_dirs) in shown[-1][1]
    try:
        raise UserError("Die Datei fehlt.")
    except UserError:
        sys.excepthook(*sys.exc_info())
    assert shown[-1][1] == "Die Datei fehlt."
