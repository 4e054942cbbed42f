; The Windows installer of Spilno, built by dist.sh with Debian's makensis:
;   makensis -DVERSION=0.2.0 -DFILEVERSION=0.2.0.0 -DEXE=Spilno.exe -DOUTFILE=setup.exe spilno.nsi
; It installs for the current user only (no administrator rights): the
; program under %LOCALAPPDATA%\Programs\Spilno, a Start-menu shortcut and an
; entry in the user's list of apps. Uninstalling keeps the databases and
; backups, which live apart in %LOCALAPPDATA%\Spilno. /S installs and
; uninstalls silently, for IT departments.

; 64-bit like Spilno itself (and Wine without its 32-bit part can run it).
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!include "MUI2.nsh"

!define APP "Spilno"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${FILEVERSION}"
VIFileVersion "${FILEVERSION}"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} ${VERSION} setup"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Spilno authors"

!ifdef SIGN
  ; The uninstaller is written at build time, so it is signed as the installer is.
  !uninstfinalize '${SIGN} "%1"' = 0
!endif

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP}.exe"
!define MUI_WELCOMEFINISHPAGE_BITMAP "${WELCOME_BMP}"
!define MUI_UNWELCOMEFINISHPAGE_BITMAP "${WELCOME_BMP}"
!define MUI_DIRECTORYPAGE_TEXT_TOP "$(FolderText)"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(RemoveText)"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The system's language where Spilno speaks it, English otherwise.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Ukrainian"
!insertmacro MUI_LANGUAGE "Czech"
!insertmacro MUI_LANGUAGE "Polish"

LangString DataKept ${LANG_ENGLISH} "Spilno has been removed. Your databases and backups are kept in $LOCALAPPDATA\${APP}: installing Spilno again opens them, and they can be copied to another computer."
LangString DataKept ${LANG_UKRAINIAN} "Spilno видалено. Ваші бази даних і резервні копії залишилися в $LOCALAPPDATA\${APP}: повторно встановлений Spilno відкриє їх, їх також можна перенести на інший комп’ютер."
LangString DataKept ${LANG_CZECH} "Spilno bylo odinstalováno. Vaše databáze a zálohy zůstaly ve složce $LOCALAPPDATA\${APP}: znovu nainstalované Spilno je otevře a lze je také přenést do jiného počítače."
LangString DataKept ${LANG_POLISH} "Spilno zostało odinstalowane. Twoje bazy danych i kopie zapasowe pozostały w $LOCALAPPDATA\${APP}: ponownie zainstalowane Spilno je otworzy; można je też przenieść na inny komputer."
LangString FolderText ${LANG_ENGLISH} "Spilno will be installed for you alone into this folder; no administrator rights are needed. Click Install to begin."
LangString FolderText ${LANG_UKRAINIAN} "Spilno буде встановлено лише для вас у цю теку; права адміністратора не потрібні. Натисніть «Встановити», щоб почати."
LangString FolderText ${LANG_CZECH} "Spilno bude nainstalováno jen pro vás do této složky; práva správce nejsou potřeba. Instalaci zahájíte tlačítkem Instalovat."
LangString FolderText ${LANG_POLISH} "Spilno zostanie zainstalowane tylko dla Ciebie w tym folderze; uprawnienia administratora nie są potrzebne. Kliknij Zainstaluj, aby rozpocząć."
LangString RemoveText ${LANG_ENGLISH} "Spilno will be removed from this folder. Your databases and backups stay where they are."
LangString RemoveText ${LANG_UKRAINIAN} "Spilno буде видалено з цієї теки. Ваші бази даних і резервні копії залишаться на місці."
LangString RemoveText ${LANG_CZECH} "Spilno bude odebráno z této složky. Vaše databáze a zálohy zůstanou na svém místě."
LangString RemoveText ${LANG_POLISH} "Spilno zostanie usunięte z tego folderu. Twoje bazy danych i kopie zapasowe pozostaną na miejscu."
LangString Running ${LANG_ENGLISH} "Spilno is open. Close it and press Retry."
LangString Running ${LANG_UKRAINIAN} "Spilno відкрито. Закрийте його й натисніть «Повторити»."
LangString Running ${LANG_CZECH} "Spilno je otevřené. Zavřete ho a stiskněte Opakovat."
LangString Running ${LANG_POLISH} "Spilno jest otwarte. Zamknij je i naciśnij Ponów."

; A running Spilno holds its .exe, which Windows will neither replace nor
; delete: remove it first, asking to close Spilno until that works (a
; silent run stops instead), so that nothing is half done.
!macro RemoveProgram
  IfFileExists "$INSTDIR\${APP}.exe" 0 removed
  retry:
  ClearErrors
  Delete "$INSTDIR\${APP}.exe"
  IfErrors 0 removed
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(Running)" /SD IDCANCEL IDRETRY retry
    Abort
  removed:
!macroend

Section
  SetOutPath "$INSTDIR"
  !insertmacro RemoveProgram
  File "/oname=${APP}.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${APP}.exe" "" "$INSTDIR\${APP}.exe" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP}.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Spilno"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" ${SIZE_KB}
SectionEnd

Section "Uninstall"
  !insertmacro RemoveProgram
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; The data folder is never touched; say where it is.
  MessageBox MB_OK|MB_ICONINFORMATION "$(DataKept)" /SD IDOK
SectionEnd
