#!/usr/bin/env bash
# Builds what users download, into dist/:
#   spilno-VERSION-windows-amd64-setup.exe  the per-user installer (NSIS)
#   spilno-VERSION-windows-amd64.zip        the bare .exe
#   spilno-VERSION-linux-amd64.tar.xz       the Linux package (fyne package)
# VERSION is `git describe --tags` without the "v". On Debian/Ubuntu it first
# installs the cross-compiler, NSIS and the other tools it needs, when missing.
# Signing: with SPILNO_SIGN_P12 (a PKCS#12 file) and SPILNO_SIGN_PASSWORD set,
# the .exe, the installer and its uninstaller are signed with osslsigncode.
set -euo pipefail
cd "$(dirname "$0")"
say() { echo "dist: $*" >&2; }

need=()
for p in gcc pkg-config libgl1-mesa-dev xorg-dev gcc-mingw-w64-x86-64 nsis osslsigncode zip xz-utils imagemagick git; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  say "installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# v0.2.0 → 0.2.0; three commits later 0.2.0-3-gabc1234; numbers only for
# Windows's file properties: 0.2.0.3.
version=$(git describe --tags --dirty --always)
version=${version#v}
if [[ $version =~ ^([0-9]+\.[0-9]+\.[0-9]+)(-([0-9]+)-g[0-9a-f]+)? ]]; then
  numeric=${BASH_REMATCH[1]} build=${BASH_REMATCH[3]:-0}
else
  say "no tag vX.Y.Z behind this commit: numbering it 0.0.0"
  numeric=0.0.0 build=0
fi
say "version $version"

out=dist work=out/dist
rm -rf "$work" && mkdir -p "$work" "$out"
echo "$version" >"$work/VERSION" # what CI checks the packages against
tools=$PWD/out/tools
GOBIN=$tools go install fyne.io/tools/cmd/fyne@v1.7.4
GOBIN=$tools go install github.com/josephspurrier/goversioninfo/cmd/goversioninfo@v1.7.0
ldflags="-s -w -X main.version=$version"

# fyne package counts its builds in FyneApp.toml: keep the file as committed.
cp FyneApp.toml "$work/FyneApp.toml.kept"
trap 'cp "$work/FyneApp.toml.kept" FyneApp.toml; rm -f resource_windows_amd64.syso' EXIT

sign() { # sign FILE: in place, when a certificate is given
  [[ -z ${SPILNO_SIGN_P12:-} ]] || packaging/windows/sign.sh "$1"
}

say "Linux build (the first takes several minutes)"
mkdir -p "$work/linux"
CGO_ENABLED=1 go build -trimpath -ldflags "$ldflags" -o "$work/linux/spilno" .
"$tools/fyne" package -os linux -release -exe "$work/linux/spilno" -name Spilno -app-version "$numeric" -app-build $((build + 1))
mv Spilno.tar.xz "$out/spilno-$version-linux-amd64.tar.xz"

say "Windows build (cross-compiled with MinGW; the first takes several minutes)"
mkdir -p "$work/windows"
convert assets/icon.png -define icon:auto-resize=256,64,48,32,16 "$work/windows/spilno.ico"
# The icon, version and manifest go into the .exe as a resource the Go
# linker picks up for Windows builds only.
IFS=. read -r major minor patch <<<"$numeric"
"$tools/goversioninfo" -o resource_windows_amd64.syso -64 -icon "$work/windows/spilno.ico" \
  -manifest packaging/windows/Spilno.exe.manifest -ver-major "$major" -ver-minor "$minor" -ver-patch "$patch" \
  -ver-build "$build" -product-ver-major "$major" -product-ver-minor "$minor" -product-ver-patch "$patch" \
  -product-ver-build "$build" -file-version "$version" -product-version "$version" packaging/windows/versioninfo.json
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  go build -trimpath -ldflags "$ldflags -H=windowsgui" -o "$work/windows/Spilno.exe" .
rm resource_windows_amd64.syso
sign "$work/windows/Spilno.exe"
rm -f "$out/spilno-$version-windows-amd64.zip"
(cd "$work/windows" && zip -q -9 "$OLDPWD/$out/spilno-$version-windows-amd64.zip" Spilno.exe)

say "Windows installer"
# The picture of the welcome and finish pages: the icon on white, 164×314.
convert -size 164x314 xc:white \( assets/icon.png -resize 128x128 \) -gravity center -composite BMP3:"$work/windows/welcome.bmp"
defines=(-DVERSION="$version" -DWELCOME_BMP="$PWD/$work/windows/welcome.bmp" -DFILEVERSION="$numeric.$build" -DEXE="$PWD/$work/windows/Spilno.exe"
  -DICON="$PWD/$work/windows/spilno.ico" -DOUTFILE="$PWD/$out/spilno-$version-windows-amd64-setup.exe"
  -DSIZE_KB=$(($(stat -c %s "$work/windows/Spilno.exe") / 1024)))
if [[ -n ${SPILNO_SIGN_P12:-} ]]; then
  defines+=(-DSIGN="$PWD/packaging/windows/sign.sh")
fi
makensis -V2 "${defines[@]}" packaging/windows/spilno.nsi >&2
sign "$out/spilno-$version-windows-amd64-setup.exe"

if [[ -n ${SPILNO_SIGN_P12:-} ]]; then say "signed"; else say "UNSIGNED: set SPILNO_SIGN_P12 and SPILNO_SIGN_PASSWORD to sign"; fi
ls -l "$out"/spilno-"$version"-* >&2
