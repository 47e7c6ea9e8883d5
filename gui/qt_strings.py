"""Qt's own strings that its zh_CN translation leaves in English or without an accelerator.

Installed after Qt's translation: it answers only for these and lets every other string through.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

# Strings of Qt's file dialog that qtbase_zh_CN.qm leaves in English.
MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&I)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "File &name:"): "文件名(&N)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QFileSystemModel", "Folder"): "文件夹",
    # Message box buttons: 保存/丢弃/取消 had no accelerator, so a keyboard user had to Tab to them.
    ("QPlatformTheme", "Save"): "保存(&S)",
    ("QPlatformTheme", "Discard"): "不保存(&D)",
    ("QPlatformTheme", "Cancel"): "取消(&C)",
    ("QPlatformTheme", "Don't Save"): "不保存(&D)",
    ("QPlatformTheme", "OK"): "确定(&O)",
    ("QPlatformTheme", "Close"): "关闭(&L)",
}



class ChineseQtStrings(QTranslator):
    # The 6.9 stubs say str; Qt itself takes None as "no translation".
    def translate(self, context: str, source: str,  # type: ignore[override,unused-ignore]
                  disambiguation: str | None = None, n: int = -1) -> str | None:
        # None, not "": an empty string would count as a translation and blank every other label.
        return MISSING.get((context, source))

    def isEmpty(self) -> bool:
        return False
