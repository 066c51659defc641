#!/usr/bin/env bash
# Prepare a wheelhouse for installs without internet: stem-kiosk's wheel and a wheel of every
# Python package it needs, pygame built here against Raspberry Pi OS's SDL (PyPI's aarch64
# pygame has no kmsdrm video driver). So run it on a Pi already set up by install.sh (it has
# the compilers and SDL headers), with internet, on the same OS release and architecture as
# the kiosks (e.g. the first of ten). Then, on each other Pi:
#   sudo deploy/install.sh --wheelhouse DIR
#
#   deploy/build-wheelhouse.sh DIR
#
# lgpio is not in the wheelhouse: it comes from apt (python3-lgpio), which install.sh installs
# and the venv sees through --system-site-packages.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${STEM_KIOSK_PYTHON:-/opt/stem-kiosk/bin/python}

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

case "${1:-}" in
    -h|--help) usage; exit 0 ;;
    ""|-*) usage >&2; exit 2 ;;
esac
[ $# -eq 1 ] || { usage >&2; exit 2; }
DIR=$1

if [ ! -x "$PYTHON" ]; then
    printf 'build-wheelhouse.sh: no %s: run deploy/install.sh on this Pi first\n' "$PYTHON" >&2
    exit 1
fi

mkdir -p "$DIR"
# `pip wheel` builds (or fetches) a wheel for stem-kiosk and every requirement, installed or
# not, at the versions of constraints.txt (the ones make test and CI ran); --no-binary pygame
# compiles pygame here instead of taking PyPI's wheel.
"$PYTHON" -m pip wheel --quiet --disable-pip-version-check --no-binary pygame \
    --constraint "$SRC/constraints.txt" --wheel-dir "$DIR" "$SRC"

count=$(find "$DIR" -maxdepth 1 -name '*.whl' | wc -l)
printf 'build-wheelhouse.sh: %s wheel(s) for %s in %s\n' "$count" "$(uname -m)" "$DIR"
