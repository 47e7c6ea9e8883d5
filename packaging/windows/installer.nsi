; 政府信息公开年报助手 — per-user Windows installer (NSIS 3, Unicode).
;
; Build on Windows after PyInstaller (see docs/packaging.md):
;   makensis /DVERSION=0.1.0 packaging\windows\installer.nsi
; Defines (all optional):
;   VERSION      program version, from pyproject.toml (build scripts pass it)
;   BUNDLE_DIR   the PyInstaller folder bundle       (default ..\..\dist\gov-report)
;   OUTFILE      the installer to write              (default ..\..\dist\gov-report-setup-VERSION.exe)
;   COMPRESSOR   lzma (release) | zlib | none (no compression: the fast validity check on Linux)
;
; No administrator rights: everything goes under the user's profile and HKCU.
;
; File association. Project files are "NAME.gkbg" (JSON inside). Files from earlier versions are
; "NAME.gkbg.json", which Windows, deciding the type by the LAST extension only, sees as ".json".
; Taking over ".json" would hijack every JSON file on the clerk's PC, so this installer:
;   * registers ".gkbg" as ours (icon, double-click opens the program);
;   * adds the program to ".json" → "打开方式" (OpenWithProgids), without touching the default.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..\..\dist\gov-report"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\gov-report-setup-${VERSION}.exe"
!endif
!ifndef COMPRESSOR
  !define COMPRESSOR "lzma"
!endif

!define APPNAME "政府信息公开年报助手"
!define APPKEY "GovDisclosureReport"           ; registry and folder name: ASCII on purpose
!define EXE "gov-report.exe"
!define CLI_EXE "gov-report-cli.exe"
!define PROGID "GovDisclosureReport.Project"
!define OWN_EXT ".gkbg"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"
!define CLASSES "Software\Classes"

!if "${COMPRESSOR}" == "none"
  SetCompress off
!else
  SetCompressor /SOLID ${COMPRESSOR}
!endif
Name "${APPNAME}"
Caption "${APPNAME} ${VERSION} 安装程序"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPKEY}"
InstallDirRegKey HKCU "Software\${APPKEY}" "InstallDir"
BrandingText "${APPNAME} ${VERSION}"

; VIProductVersion needs four numbers: "0.1.0" -> "0.1.0.0"
!searchparse /noerrors "${VERSION}.0.0.0" "" V1 "." V2 "." V3 "."
VIProductVersion "${V1}.${V2}.${V3}.0"
VIFileVersion "${V1}.${V2}.${V3}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT License"

!define MUI_ICON "..\..\resources\icons\app.ico"
!define MUI_UNICON "..\..\resources\icons\app.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "运行${APPNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APPNAME}需要 64 位 Windows 10 或更新版本。"
    Abort
  ${EndIf}
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_ICONSTOP "${APPNAME}需要 Windows 10 或更新版本。"
    Abort
  ${EndIf}
  SetShellVarContext current
FunctionEnd

Section "!${APPNAME}" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; an upgrade must not keep the previous version's libraries next to the new ones
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "Software\${APPKEY}" "Version" "${VERSION}"

  CreateShortCut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  ; the project file type
  WriteRegStr HKCU "${CLASSES}\${PROGID}" "" "政府信息公开年报项目"
  WriteRegStr HKCU "${CLASSES}\${PROGID}" "FriendlyTypeName" "政府信息公开年报项目"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "${CLASSES}\${OWN_EXT}" "" "${PROGID}"
  WriteRegStr HKCU "${CLASSES}\${OWN_EXT}\OpenWithProgids" "${PROGID}" ""
  ; ".gkbg.json" is ".json" to Windows: offer the program in 打开方式, keep the user's default
  WriteRegStr HKCU "${CLASSES}\.json\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}" "FriendlyAppName" "${APPNAME}"
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}\SupportedTypes" ".json" ""
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}\SupportedTypes" "${OWN_EXT}" ""

  ; 设置 → 应用 (Programs and Features), per user
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APPNAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"

  ; tell Explorer the associations changed (SHCNE_ASSOCCHANGED)
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "桌面快捷方式" SecDesktop
  SetShellVarContext current
  CreateShortCut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
SectionEnd

LangString DESC_SecMain ${LANG_SIMPCHINESE} "程序文件、开始菜单快捷方式和年报项目文件的关联。"
LangString DESC_SecDesktop ${LANG_SIMPCHINESE} "在桌面上放一个快捷方式。"
!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} $(DESC_SecMain)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} $(DESC_SecDesktop)
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"

  DeleteRegKey HKCU "${CLASSES}\${PROGID}"
  DeleteRegValue HKCU "${CLASSES}\.json\OpenWithProgids" "${PROGID}"
  DeleteRegValue HKCU "${CLASSES}\${OWN_EXT}\OpenWithProgids" "${PROGID}"
  ; ".gkbg" is removed only while it still points at us
  ReadRegStr $0 HKCU "${CLASSES}\${OWN_EXT}" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey HKCU "${CLASSES}\${OWN_EXT}"
  ${EndIf}
  DeleteRegKey HKCU "${CLASSES}\Applications\${EXE}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\${APPKEY}"

  ; only what the installer put there: the clerk's reports live elsewhere and stay
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
