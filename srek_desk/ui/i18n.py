"""Translations: English source strings, German .qm by default, plus Qt's own qtbase translations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from srek_desk import paths

SUPPORTED = ("de", "en")


def install_translators(app: QCoreApplication, language: str = "de") -> list[QTranslator]:
    """Load our translation and Qt's; returns the translators (keep them alive)."""
    language = language if language in SUPPORTED else "de"
    QLocale.setDefault(
        QLocale(
            QLocale.Language.German if language == "de" else QLocale.Language.English,
            QLocale.Country.Germany,
        )
    )
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    own = QTranslator(app)
    if own.load(str(paths.resource("translations", f"srek_desk_{language}.qm"))):
        app.installTranslator(own)
        installed.append(own)
    return installed


def ui_language() -> str:
    """The language the window speaks ("de" or "en"), as `install_translators` set it: texts
    made outside Qt (match reasons) are rendered in the same language."""
    return "en" if QLocale().language() == QLocale.Language.English else "de"
