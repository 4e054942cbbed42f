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
if [[ ! -x out/spilno ]]; then
  echo "Building Spilno. The first build compiles the GUI toolkit and SQLite and takes several minutes; later ones take seconds." >&2
fi
# -v names each package as it is compiled: progress rather than silence.
version=$(git describe --tags --dirty --always 2>/dev/null || true)
CGO_ENABLED=1 go build -v -ldflags "-X main.version=${version#v}" -o out/spilno . 2>&1 | sed -u -E 's/^([^ :]+)$/  compiling \1/' >&2
exec ./out/spilno "$@"
