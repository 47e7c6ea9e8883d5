"""core.about (version, bundled parts, licences) and the About dialog that shows it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from core import about
from core.resources import resources_dir

ROOT = Path(__file__).resolve().parents[2]


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def test_version_comes_from_pyproject() -> None:
    assert about.version() == pyproject_version()


def test_every_component_ships_its_licence_text() -> None:
    components = about.components()
    names = {c.name for c in components}
    assert {"Python", "ReportLab", "openpyxl", "XlsxWriter", "defusedxml", "Pillow"} <= names
    assert any("PySide6" in n for n in names)
    for c in components:
        assert c.licence_files, c
        for name in c.licence_files:
            text = about.licence_text(name)
            assert text and len(text) > 500, (c.name, name)
    qt = next(c for c in components if "PySide6" in c.name)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (about.licence_text(qt.licence_files[0]) or "")


def test_fonts_listed_are_the_fonts_shipped() -> None:
    font_files = sorted(p.name for p in (resources_dir() / "fonts").iterdir() if p.suffix.lower() in (".ttf", ".otf"))
    fonts = about.fonts()
    assert font_files
    assert len(fonts) == len(font_files)
    for font, file_name in zip(fonts, font_files, strict=True):
        assert font.file == file_name
        assert font.licence == "OFL-1.1"
        assert "SIL OPEN FONT LICENSE" in (about.licence_text(font.licence_files[0]) or "")
    if (resources_dir() / "fonts" / "README.md").is_file():  # names and versions from the font build's table
        assert all(f.version for f in fonts), fonts
        assert any(f.name.startswith("Noto Serif CJK SC") for f in fonts)


def test_licence_text_refuses_paths() -> None:
    assert about.licence_text("../pyproject.toml") is None
    assert about.licence_text("no-such-licence.txt") is None
    assert about.licence_text("fonts/../../pyproject.toml") is None


def test_summary_names_the_program_and_every_component() -> None:
    text = about.summary()
    assert text.startswith(f"{about.APP_NAME} {pyproject_version()}")
    for c in about.components():
        assert c.name in text


def test_about_dialog_shows_version_and_licences(qtbot) -> None:
    from PySide6.QtGui import QGuiApplication

    from gui.about import AboutDialog, app_icon

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert about.APP_NAME in dialog.windowTitle()
    assert pyproject_version() in dialog.version_label.text()
    assert dialog.table.rowCount() == len(about.components())
    qt_row = next(i for i, c in enumerate(dialog.components) if "PySide6" in c.name)
    dialog.table.setCurrentCell(qt_row, 0)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence_view.toPlainText()
    font_row = next(i for i, c in enumerate(dialog.components) if c.licence == "OFL-1.1")
    dialog.table.setCurrentCell(font_row, 0)
    assert "SIL OPEN FONT LICENSE" in dialog.licence_view.toPlainText()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == about.summary()
    assert not app_icon().isNull()
    assert len(app_icon().availableSizes()) >= 6
