"""The NSIS script undoes what it does, and the Windows workflow builds what the docs say.

Compiling the script (test_bundle) proves it is valid NSIS; these read it to prove the uninstaller
leaves nothing in the clerk's registry or Start menu.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "packaging" / "windows" / "installer.nsi"
WORKFLOW = ROOT / ".github" / "workflows" / "windows-installer.yml"


def script() -> tuple[str, str]:
    """(install part, uninstall part) with ${DEFINES} expanded and comments removed."""
    text = NSI.read_text(encoding="utf-8")
    defines = dict(re.findall(r'^!define\s+(\w+)\s+"([^"]*)"', text, flags=re.M))
    for _ in range(3):  # defines refer to defines
        text = re.sub(r"\$\{(\w+)\}", lambda m: defines.get(m.group(1), m.group(0)), text)
    text = "\n".join(line.split(";", 1)[0] if not line.lstrip().startswith(("'", '"')) else line
                     for line in text.splitlines())
    install, _, uninstall = text.partition('Section "Uninstall"')
    return install, uninstall


def test_per_user_and_chinese() -> None:
    install, _ = script()
    assert re.search(r"^RequestExecutionLevel user$", install, flags=re.M)
    assert "$LOCALAPPDATA\\Programs\\" in install
    assert 'MUI_LANGUAGE "SimpChinese"' in install
    assert "HKLM" not in install  # nothing machine-wide: no administrator rights needed


def test_every_registry_entry_written_is_removed() -> None:
    install, uninstall = script()
    written = re.findall(r'WriteReg(?:Str|DWORD|ExpandStr)\s+HKCU\s+"([^"]+)"\s+"([^"]*)"', install)
    assert written
    deleted_keys = re.findall(r'DeleteRegKey\s+HKCU\s+"([^"]+)"', uninstall)
    deleted_values = set(re.findall(r'DeleteRegValue\s+HKCU\s+"([^"]+)"\s+"([^"]*)"', uninstall))
    for key, value in written:
        by_key = any(key == k or key.startswith(k + "\\") for k in deleted_keys)
        assert by_key or (key, value) in deleted_values, f"left behind: HKCU\\{key} [{value}]"


def test_json_is_never_taken_over() -> None:
    install, _ = script()
    # only an OpenWithProgids entry under .json: the default handler of .json stays the user's
    json_writes = re.findall(r'WriteRegStr\s+HKCU\s+"Software\\Classes\\\.json([^"]*)"', install)
    assert json_writes == ["\\OpenWithProgids"]


def test_every_shortcut_created_is_deleted() -> None:
    install, uninstall = script()
    created = re.findall(r'CreateShortCut\s+"([^"]+)"', install)
    assert created
    for link in created:
        assert f'Delete "{link}"' in uninstall


def test_windows_workflow_builds_installs_and_uploads() -> None:
    yaml = pytest.importorskip("yaml")
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = next(iter(flow["jobs"].values()))
    assert job["runs-on"] == "windows-latest"
    steps = job["steps"]
    text = WORKFLOW.read_text(encoding="utf-8")
    assert any(s.get("with", {}).get("python-version") == "3.11" for s in steps)
    assert "packaging/gov-report.spec" in text
    assert "makensis" in text and "installer.nsi" in text
    assert any(str(s.get("uses", "")).startswith("actions/upload-artifact") for s in steps)


def test_windows_workflow_uses_the_pinned_qt_stack() -> None:
    """The Windows bundle ships what pyproject.toml pins, like the Linux one: no versions of its own."""
    text = WORKFLOW.read_text(encoding="utf-8")
    assert 'pip install -e ".[dev,packaging]"' in text  # the pins come from pyproject.toml
    installs = [line for line in text.splitlines() if "pip install" in line]
    assert not [line for line in installs if "PySide6" in line or "pyside6" in line], installs
    assert "PySide6-Pdf" in text and 'Write-Error "PySide6-Pdf is installed"' in text
