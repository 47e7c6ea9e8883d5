"""关于 dialog: name, version, and the bundled libraries and fonts with their licences (from core.about)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import about
from core.resources import resources_dir
from gui.screen_fit import fitted_size

COLUMNS = ("组件", "版本", "用途", "许可证")


def app_icon() -> QIcon:
    """The program's icon for windows and the task bar: every rendered PNG size, so no SVG plugin is needed."""
    icon = QIcon()
    for path in sorted((resources_dir() / "icons").glob("app-*.png")):
        icon.addFile(str(path))
    return icon


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"关于{about.APP_NAME}")
        self.setWindowIcon(app_icon())
        self.components = about.components()

        logo = QLabel()
        pixmap = QPixmap(str(resources_dir() / "icons" / "app-64.png"))
        if not pixmap.isNull():
            logo.setPixmap(pixmap)
        self.title = QLabel(f"<b style='font-size:16pt'>{about.APP_NAME}</b>")
        self.version_label = QLabel(f"版本 {about.version()}")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(f"{about.HOMEPAGE_NOTE}<br>本程序随附以下软件和字体，各按其许可证分发；选中一行可查看许可证全文。")
        note.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.version_label)
        top = QHBoxLayout()
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.table = QTableWidget(len(self.components), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for row, c in enumerate(self.components):
            for col, text in enumerate((c.name, c.version or "", c.purpose, c.licence)):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{text}\n文件：{c.file}" if c.file else text)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        self.licence_view = QPlainTextEdit()
        self.licence_view.setReadOnly(True)
        self.licence_view.setPlaceholderText("选中上表中的一行，在此查看其许可证全文。")
        self.table.currentCellChanged.connect(self._show_licence)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("复制版本信息")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_summary)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.licence_view, 2)
        layout.addWidget(buttons)
        self.resize(*fitted_size(parent, 820, 620))
        if self.components:
            self.table.setCurrentCell(0, 0)

    def _show_licence(self, row: int, *_: int) -> None:
        if not 0 <= row < len(self.components):
            self.licence_view.clear()
            return
        component = self.components[row]
        texts = [about.licence_text(name) for name in component.licence_files]
        found = [t for t in texts if t]
        if found:
            self.licence_view.setPlainText("\n\n".join(found))
        else:
            self.licence_view.setPlainText(f"{component.name} 按 {component.licence} 许可证分发；许可证全文未随附。")

    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(about.summary())
