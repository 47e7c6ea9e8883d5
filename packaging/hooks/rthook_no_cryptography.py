"""PyInstaller runtime hook: the bundle ships without ``cryptography`` (11 MB of Rust for one use).

pdfminer imports it at module level, but only decrypting an AES-encrypted PDF calls it. The importer
refuses encrypted PDFs anyway (docs/import.md), so the bundle puts small stand-ins in ``sys.modules``
before anything imports pdfminer; using them raises, and the importer turns that into its Chinese
refusal. RC4-encrypted and plain PDFs never reach them. docs/packaging.md has the measured saving.
"""

import sys
import types


class _NoCryptography(RuntimeError):
    pass


def _refuse(*_args: object, **_kwargs: object) -> object:
    raise _NoCryptography("本安装包不含 AES 解密组件：加密的 PDF 无法读取，请先另存为未加密的 PDF")


def _install() -> None:
    names = ("cryptography", "cryptography.hazmat", "cryptography.hazmat.backends",
             "cryptography.hazmat.primitives", "cryptography.hazmat.primitives.ciphers")
    for name in names:
        if name in sys.modules:
            return
    mods = {name: types.ModuleType(name) for name in names}
    mods["cryptography.hazmat.backends"].default_backend = _refuse  # type: ignore[attr-defined]
    ciphers = mods["cryptography.hazmat.primitives.ciphers"]
    ciphers.Cipher = _refuse  # type: ignore[attr-defined]
    ciphers.algorithms = types.SimpleNamespace(AES=_refuse, ARC4=_refuse)  # type: ignore[attr-defined]
    ciphers.modes = types.SimpleNamespace(CBC=_refuse, ECB=_refuse)  # type: ignore[attr-defined]
    for name, mod in mods.items():
        mod.__path__ = []  # type: ignore[attr-defined]  # a package, so submodule imports resolve here
        sys.modules[name] = mod


_install()
