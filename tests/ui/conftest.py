"""GUI test setup: offscreen platform, German translations, a main window on demo data."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(scope="session", autouse=True)
def german_translations(qapp):  # type: ignore[no-untyped-def]
    from srek_desk.ui.i18n import install_translators

    translators = install_translators(qapp, "de")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def main_window(qtbot, demo_database, reference):  # type: ignore[no-untyped-def]
    from srek_desk.config import Config
    from srek_desk.ui.main_window import MainWindow
    from srek_desk.ui.tasks import InlineRunner

    window = MainWindow(Config.defaults(), InlineRunner(), demo_database, reference)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window
