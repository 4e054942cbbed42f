#!/usr/bin/env bash
# sign.sh FILE: signs a Windows executable in place (Authenticode, SHA-256)
# with the PKCS#12 certificate SPILNO_SIGN_P12 and its password
# SPILNO_SIGN_PASSWORD. dist.sh signs the .exe and the installer with it, and
# makensis the uninstaller it writes into the installer.
set -euo pipefail
osslsigncode sign -pkcs12 "$SPILNO_SIGN_P12" -readpass <(printf %s "${SPILNO_SIGN_PASSWORD:-}") \
  -n Spilno -h sha256 -in "$1" -out "$1.signed" >/dev/null
mv "$1.signed" "$1"
