"""Start-up: Qt application, Chinese translations, a CJK font if the system has none, the window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

PREFERRED_FONT = "NotoSansSC-Regular-GB2312.ttf"


def font_candidates(folder: Path) -> list[Path]:
    """The bundled UI font first, then any font file (sans before serif), so a partial bundle still works."""
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf", ".ttc"))
    files.sort(key=lambda p: (p.name != PREFERRED_FONT, "Sans" not in p.name, "Bold" in p.name, p.name))
    return files


def load_cjk_font() -> str | None:
    """Load a bundled font when no system font covers Simplified Chinese; returns its family."""
    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return None
    from core.resources import resources_dir

    for path in font_candidates(resources_dir() / "fonts"):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            font = QFont(families[0])
            font.setPointSizeF(QGuiApplication.font().pointSizeF())
            QGuiApplication.setFont(font)
            return families[0]
    return None


def install_translations(app: QCoreApplication) -> None:
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", path):
        app.installTranslator(translator)


def make_app(argv: list[str]) -> QCoreApplication:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication([sys.argv[0] if sys.argv else "gkbg", *argv])
    app.setOrganizationName("gkbg")
    app.setApplicationName("政府信息公开年报助手")
    app.setApplicationDisplayName("政府信息公开年报助手")
    install_translations(app)
    from gui import file_dialogs

    file_dialogs.install(app)
    if sys.platform.startswith("linux"):
        # One dialog on every desktop, the one made Chinese above (a portal's may be neither).
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    load_cjk_font()
    from core.about import APP_ID
    from gui.about import app_icon

    app.setWindowIcon(app_icon())
    # lets the task bar match the installed .desktop entry (entries/applications/<appid>.desktop)
    QGuiApplication.setDesktopFileName(APP_ID)
    return app


def run(argv: list[str]) -> int:
    app = make_app(argv)
    from gui import error_hook
    from gui.main_window import MainWindow

    hook = error_hook.install()
    window = MainWindow()
    hook.rescue = window.files.write_autosave
    paths = [a for a in argv if not a.startswith("-")]
    window.show_fitted()
    if paths:
        if not window.open_path(Path(paths[0])):
            window.show_start()
    elif not window.offer_restore():
        window.show_start()
    return int(app.exec())
