"""Which input context an fcitx desk gets (core.input_method) and that gui.app applies it before Qt starts."""

from __future__ import annotations

import pytest

from core.input_method import apply, choose_input_context, plugin_keys

WHEEL = plugin_keys(["libibusplatforminputcontextplugin.so", "libcomposeplatforminputcontextplugin.so",
                     "libqtvirtualkeyboardplugin.so"])


def test_plugin_keys_from_file_names() -> None:
    assert {"ibus", "compose"} <= WHEEL
    assert {"fcitx", "fcitx5"} <= plugin_keys(["libfcitx5platforminputcontextplugin.so"])


@pytest.mark.parametrize("env", [
    {"QT_IM_MODULE": "fcitx"},
    {"QT_IM_MODULE": "fcitx5", "XMODIFIERS": "@im=fcitx"},
    {"XMODIFIERS": "@im=fcitx"},  # nothing for Qt, but the desk runs fcitx
    {"GTK_IM_MODULE": "fcitx"},
])
def test_fcitx_desk_without_fcitx_plugin_uses_ibus_portal(env: dict[str, str]) -> None:
    choice = choose_input_context(env, WHEEL)
    assert choice.env == {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}
    assert "fcitx" in choice.reason


def test_qt_im_modules_list_keeps_its_other_entries() -> None:
    choice = choose_input_context({"QT_IM_MODULES": "wayland;fcitx;ibus"}, WHEEL)
    assert choice.env["QT_IM_MODULES"] == "wayland;ibus"
    assert choice.env["QT_IM_MODULE"] == "wayland"


@pytest.mark.parametrize(("env", "available", "platform"), [
    ({"QT_IM_MODULE": "ibus"}, WHEEL, "linux"),  # IBus desks: untouched
    ({}, WHEEL, "linux"),  # no input method at all
    ({"QT_IM_MODULE": "fcitx"}, WHEEL | {"fcitx", "fcitx5"}, "linux"),  # a real fcitx plugin is there
    ({"QT_IM_MODULE": "fcitx"}, {"compose"}, "linux"),  # no ibus plugin to switch to
    ({"QT_IM_MODULE": "fcitx"}, WHEEL, "win32"),
])
def test_nothing_changes_when_it_would_not_help(env, available, platform) -> None:
    assert choose_input_context(env, available, platform).env == {}


def test_apply_sets_the_environment() -> None:
    env = {"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}
    assert apply(env, WHEEL)
    assert env["QT_IM_MODULE"] == "ibus" and env["XMODIFIERS"] == "@im=fcitx"


def test_gui_app_sees_the_wheels_ibus_plugin() -> None:
    from gui.app import input_context_plugins

    assert "ibus" in plugin_keys(input_context_plugins())
