#!/usr/bin/env bash
# Prepare a wheelhouse for an offline install: every Python package the kiosk needs, as wheels
# for the Pi's platform, plus stem-kiosk's own wheel. Run it where there is internet (a laptop,
# CI or a Pi), copy DIR to a USB stick, then on the Pi: sudo deploy/install.sh --wheelhouse DIR
#
#   deploy/build-wheelhouse.sh [--arch aarch64|armv7l] [--python 3.11|3.13] DIR
#
#   --arch    aarch64 for 64-bit Raspberry Pi OS (the default; Pi 3, 4, 5, Zero 2 W),
#             armv7l for 32-bit (wheels from piwheels.org)
#   --python  3.11 for Bookworm (the default), 3.13 for Trixie
#
# lgpio is not in the wheelhouse: it comes from apt (python3-lgpio), which install.sh installs
# and the venv sees through --system-site-packages.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ARCH=aarch64
PYVER=3.11
DIR=""

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { printf 'build-wheelhouse.sh: %s\n' "$*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case "$1" in
        --arch) ARCH=${2:-}; shift 2 ;;
        --python) PYVER=${2:-}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; exit 2 ;;
        *) [ -z "$DIR" ] || die "one DIR only"; DIR=$1; shift ;;
    esac
done
[ -n "$DIR" ] || { usage >&2; exit 2; }

case "$PYVER" in
    3.11|3.13) ;;
    *) die "--python must be 3.11 (Bookworm) or 3.13 (Trixie), not '$PYVER'" ;;
esac
abi="cp${PYVER/./}"

platforms=()
index=()
case "$ARCH" in
    aarch64)
        for tag in manylinux2014_aarch64 manylinux_2_28_aarch64 manylinux_2_34_aarch64 \
                   linux_aarch64; do
            platforms+=(--platform "$tag")
        done ;;
    armv7l)
        platforms=(--platform linux_armv7l --platform manylinux2014_armv7l)
        index=(--extra-index-url https://www.piwheels.org/simple) ;;
    *) die "--arch must be aarch64 or armv7l, not '$ARCH'" ;;
esac

mkdir -p "$DIR"
pip=(python3 -m pip --disable-pip-version-check)

# stem-kiosk itself: pure Python, one wheel for every platform.
"${pip[@]}" wheel --quiet --no-deps --wheel-dir "$DIR" "$SRC"
kiosk_wheel=$(find "$DIR" -maxdepth 1 -name 'stem_kiosk-*.whl' | sort | tail -n 1)

# Its dependencies, resolved for the Pi (not for this machine).
"${pip[@]}" download --quiet --dest "$DIR" --only-binary=:all: "${index[@]}" \
    "${platforms[@]}" --python-version "$PYVER" --implementation cp --abi "$abi" \
    "$kiosk_wheel"

count=$(find "$DIR" -maxdepth 1 -name '*.whl' | wc -l)
printf 'build-wheelhouse.sh: %s wheel(s) for %s / Python %s in %s\n' "$count" "$ARCH" "$PYVER" "$DIR"
