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


def load_level3_fonts() -> list[str]:
    """Make the GB 18030 level-3 faces (core.gb18030) Qt's first fallback for every UI family.

    fontconfig would find system-wide files by itself, but not the Windows installer's optional
    component, and Windows' own fallback list has no SimSun-ExtG: the faces are added to the
    application when Qt does not know them yet, then inserted as substitutes of the families the
    widgets use, so an Extension B–F name in a field or a cell shows as itself. Returns the families.
    """
    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

    from core.gb18030 import find_level3_faces

    known = set(QFontDatabase.families())
    families: list[str] = []
    for face, path in find_level3_faces():
        got = [face.family] if face.family in known else []
        if not got:
            font_id = QFontDatabase.addApplicationFont(str(path))
            got = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        families += [f for f in got if f not in families]
    if families:
        ui = QGuiApplication.font().families() or [QGuiApplication.font().family()]
        for family in dict.fromkeys([*ui, "Sans Serif", "Serif", "Monospace"]):
            QFont.insertSubstitutions(family, families)
    return families


def install_translations(app: QCoreApplication) -> None:
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", path):
        app.installTranslator(translator)


def input_context_plugins() -> list[str]:
    """File names of the platform input-context plugins the bundled Qt can load."""
    import os

    from PySide6.QtCore import QLibraryInfo

    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)]
    folders += [p for p in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    names: list[str] = []
    for folder in folders:
        sub = Path(folder) / "platforminputcontexts"
        if sub.is_dir():
            names += [p.name for p in sub.iterdir()]
    return names


def choose_input_method() -> str:
    """fcitx desks get the bundled ibus plugin, which fcitx5 answers (core.input_method)."""
    import os

    from core.input_method import apply, plugin_keys

    return apply(os.environ, plugin_keys(input_context_plugins()), sys.platform)


def make_app(argv: list[str]) -> QCoreApplication:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing
    reason = choose_input_method()  # before QApplication: Qt reads QT_IM_MODULE once
    if reason and sys.stderr is not None:
        print(reason, file=sys.stderr)
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
    load_level3_fonts()
    from core.about import APP_ID
    from gui.about import app_icon

    app.setWindowIcon(app_icon())
    # lets the task bar match the installed .desktop entry (entries/applications/<appid>.desktop)
    QGuiApplication.setDesktopFileName(APP_ID)
    return app


SAMPLE_FLAG = "--sample"


def run(argv: list[str]) -> int:
    app = make_app(argv)
    from gui import error_hook
    from gui.main_window import MainWindow

    hook = error_hook.install()
    window = MainWindow(start_page=True)  # builds the start page only; the wizard when a report opens
    hook.rescue = window.files.write_autosave
    paths = [a for a in argv if not a.startswith("-")]
    window.show_fitted()
    if paths:
        if not window.open_path(Path(paths[0])):
            window.show_start()
    elif window.offer_restore():
        pass  # the work of a session that died comes first
    elif SAMPLE_FLAG in argv:  # scripts/run.sh: the built-in sample, marked as such by its banner
        window.open_sample(ask=False)
    else:
        window.show_start()
    return int(app.exec())
