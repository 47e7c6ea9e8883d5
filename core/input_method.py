"""Which Qt input context a Linux desk gets: fcitx users type through fcitx5's IBus frontend.

The PySide6 wheels carry only the ``ibus`` and ``compose`` input-context plugins. A
desk set up for fcitx (``QT_IM_MODULE=fcitx``, or only ``XMODIFIERS=@im=fcitx``)
asks Qt for a plugin it does not have, and Qt silently falls back to plain keys:
the clerk cannot type Chinese at all. fcitx5 also answers the IBus protocol (its
``ibusfrontend`` addon, on by default, owns ``org.freedesktop.portal.IBus`` on
the session bus), so the bundled ``ibus`` plugin reaches it. ``IBUS_USE_PORTAL``
makes Qt talk to that portal name instead of reading IBus's socket file, which
may be stale or belong to another daemon.

fcitx 4 has no IBus frontend: there this choice changes nothing for the worse,
and only an fcitx plugin built for the bundled Qt would help (docs/input-methods.md).
This module decides; ``gui.app`` applies it before Qt starts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field

FCITX_KEYS = frozenset({"fcitx", "fcitx5"})


@dataclass(frozen=True, slots=True)
class InputContextChoice:
    env: dict[str, str] = field(default_factory=dict)  # variables to set before QApplication
    reason: str = ""  # one English line for the log; empty when nothing changes


def plugin_keys(file_names: Iterable[str]) -> set[str]:
    """Input-context keys from plugin file names (libibusplatforminputcontextplugin.so → ibus)."""
    keys: set[str] = set()
    for name in file_names:
        stem = name.rsplit("/", 1)[-1].split(".", 1)[0].lower()
        stem = stem.removeprefix("lib").removesuffix("platforminputcontextplugin")
        if stem.startswith("fcitx"):
            keys |= FCITX_KEYS  # fcitx5-qt's plugin answers to both keys
        elif stem:
            keys.add(stem)
    return keys


def _requested(environ: Mapping[str, str]) -> list[str]:
    """The input contexts Qt would try, as Qt 6 reads them (QT_IM_MODULES wins over QT_IM_MODULE)."""
    many = environ.get("QT_IM_MODULES", "").strip()
    if many:
        return [m.strip().lower() for m in many.split(";") if m.strip()]
    one = environ.get("QT_IM_MODULE", "").strip().lower()
    if one:
        return [one]
    # Nothing asked for Qt, but the desk's input method is fcitx (XIM or GTK settings say so).
    xmod = environ.get("XMODIFIERS", "").replace(" ", "").lower()
    gtk = environ.get("GTK_IM_MODULE", "").strip().lower()
    if xmod.startswith("@im=fcitx") or gtk in FCITX_KEYS:
        return ["fcitx"]
    return []


def choose_input_context(environ: Mapping[str, str], available: Iterable[str],
                         platform: str = "linux") -> InputContextChoice:
    """What to change so that an fcitx desk gets Chinese input with the plugins at hand."""
    if not platform.startswith("linux"):
        return InputContextChoice()
    keys = set(available)
    wanted = _requested(environ)
    if not any(w in FCITX_KEYS for w in wanted) or keys & FCITX_KEYS or "ibus" not in keys:
        return InputContextChoice()
    chosen: list[str] = []
    for w in wanted:
        w = "ibus" if w in FCITX_KEYS else w
        if w not in chosen:
            chosen.append(w)
    env = {"QT_IM_MODULE": chosen[0], "IBUS_USE_PORTAL": "1"}
    if environ.get("QT_IM_MODULES", "").strip():
        env["QT_IM_MODULES"] = ";".join(chosen)
    return InputContextChoice(env, f"input method: fcitx requested, no fcitx plugin; using {';'.join(chosen)} "
                                   "(fcitx5's IBus frontend)")


def apply(environ: MutableMapping[str, str], available: Iterable[str], platform: str = "linux") -> str:
    """Apply ``choose_input_context`` to ``environ``; returns the reason (empty if unchanged)."""
    choice = choose_input_context(environ, available, platform)
    environ.update(choice.env)
    return choice.reason
