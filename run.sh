#!/usr/bin/env bash
# Build and start Spilno. On Debian/Ubuntu it first installs what the Fyne
# (cgo + OpenGL) build needs, when missing. Arguments go to spilno:
#   ./run.sh                 the window on your database
#   ./run.sh --demo          the window on the demo community
#   ./run.sh demo --db F     write the demo into a new file F, no window
set -euo pipefail
cd "$(dirname "$0")"
if command -v dpkg >/dev/null 2>&1; then
  need=()
  for p in gcc pkg-config libgl1-mesa-dev xorg-dev; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
  done
  if ((${#need[@]})); then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    echo "Installing ${need[*]} for the GUI build…" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi
mkdir -p out
CGO_ENABLED=1 go build -o out/spilno .
exec ./out/spilno "$@"
