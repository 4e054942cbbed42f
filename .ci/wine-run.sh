#!/usr/bin/env bash
# A copy of the workplace's shared/tools/wine-run.sh, so that CI on a clean clone has it.
# Run a Windows build of the program under Wine, as a first check that it works on Windows.
#   wine-run.sh PROGRAM.exe [ARGS...]
# Installs wine64 and the mingw cross-compiler when missing (Debian, as root or with sudo).
# Wine 8 (Debian 12) lacks bcryptprimitives.dll, which Go >= 1.24 programs load at start;
# a tiny stand-in built from wine/bcryptprimitives.c is put into the Wine prefix once.
# WINEPREFIX defaults to ~/.cache/wine-check; a GUI program needs DISPLAY (e.g. Xvfb).
# Windows paths: the prefix's C: drive is $WINEPREFIX/drive_c, e.g. 'C:\users\Public\x.db'.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export WINEPREFIX=${WINEPREFIX:-$HOME/.cache/wine-check} WINEDEBUG=${WINEDEBUG:--all}
wine=/usr/lib/wine/wine64
sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
if [[ ! -x $wine ]] || ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wine64 gcc-mingw-w64-x86-64 >/dev/null
fi
dll=$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll
if [[ ! -s $dll ]]; then
  "$wine" cmd /c exit >/dev/null 2>&1 || true   # creates the prefix
  tmp=$(mktemp -d)
  x86_64-w64-mingw32-gcc -shared -o "$tmp/bcryptprimitives.dll" "$here/wine/bcryptprimitives.c" "$here/wine/bcryptprimitives.def" -ladvapi32
  mkdir -p "$(dirname "$dll")"; cp "$tmp/bcryptprimitives.dll" "$dll"; rm -rf "$tmp"
fi
exec "$wine" "$@"
