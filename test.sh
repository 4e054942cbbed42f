#!/usr/bin/env bash
# Run Spilno's tests. On Debian/Ubuntu it first installs poppler-utils
# (pdftotext, which the report tests read PDFs back with) when missing.
# No display and no C compiler are needed. Arguments go to `go test`:
#   ./test.sh                 every test
#   ./test.sh -race -count=1  what CI runs
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v pdftotext >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "Installing poppler-utils for the report tests…" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq poppler-utils >/dev/null
fi
exec go test -tags ci "$@" ./...
