#!/usr/bin/env bash
# Install (or update) stem-kiosk on Raspberry Pi OS Bookworm or Trixie (Pi 3, 4, 5, Zero 2 W).
#
# Idempotent: every step first looks whether it is already done, so a second run changes
# nothing and says so. On an unsupported OS it stops before changing anything.
#
#   sudo deploy/install.sh [--wheelhouse DIR] [--root DIR]
#
#   --wheelhouse DIR  install the Python packages from wheels made by deploy/build-wheelhouse.sh
#                     (no internet needed; the Debian packages must then already be installed
#                     or come from a local apt mirror)
#   --root DIR        act on DIR as if it were / (for tests): every path is prefixed with DIR,
#                     useradd/usermod/systemctl get DIR as their --root, the running systemd
#                     is left alone; apt-get, dpkg-query and python3 are not root-aware, so
#                     tests put recorders for them first on PATH (tests/deploy/recorder.py)
set -euo pipefail

readonly USER_NAME=stemkiosk
readonly GROUPS_WANTED=(gpio video render input spi i2c audio)
readonly APT_RUNTIME=(
    python3-venv python3-lgpio
    libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 libsdl2-mixer-2.0-0
    espeak-ng
)
# pygame is built against these: PyPI's aarch64 pygame wheel bundles an SDL without the
# kmsdrm video driver the kiosk needs. A wheelhouse holds an already built pygame instead.
readonly APT_BUILD=(
    python3-dev build-essential pkg-config libfreetype-dev libjpeg-dev libpng-dev
    libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libsdl2-mixer-dev
)
readonly SUPPORTED_CODENAMES="bookworm trixie"

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=""
WHEELHOUSE=""
CHANGES=0
UNITS_CHANGED=0
CODE_CHANGED=0

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
changed() { CHANGES=$((CHANGES + 1)); say "+ $*"; }

usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case "$1" in
        --root)
            [ $# -ge 2 ] || die "--root needs a folder"
            ROOT=$(cd "$2" && pwd) || die "no folder $2"
            shift 2 ;;
        --wheelhouse)
            [ $# -ge 2 ] || die "--wheelhouse needs a folder"
            WHEELHOUSE=$(cd "$2" && pwd) || die "no wheelhouse folder $2"
            shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

readonly VENV=/opt/stem-kiosk
readonly ETC=/etc/stem-kiosk
readonly DATA=/var/lib/stem-kiosk
readonly UNIT_DIR=/etc/systemd/system
readonly NM_HOOK_DIR=/etc/NetworkManager/dispatcher.d

# ---- 1. the OS: checked before anything changes ------------------------------------------

check_os() {
    local release="$ROOT/etc/os-release" id="" codename="" pretty=""
    [ -r "$release" ] || die "cannot read $release: not Raspberry Pi OS. Nothing was changed."
    # shellcheck disable=SC1090  # the file is the OS's own, read in a subshell
    read -r id codename pretty < <(. "$release" &&
        printf '%s %s %s\n' "${ID:-?}" "${VERSION_CODENAME:-?}" "${PRETTY_NAME:-?}")
    case "$id" in
        debian|raspbian) ;;
        *) die "unsupported OS '$pretty': stem-kiosk needs Raspberry Pi OS Bookworm or" \
               "Trixie. Nothing was changed." ;;
    esac
    case " $SUPPORTED_CODENAMES " in
        *" $codename "*) ;;
        *) die "unsupported release '$pretty' ($codename): stem-kiosk needs Raspberry Pi OS" \
               "Bookworm or Trixie. Nothing was changed." ;;
    esac
    local model_file="$ROOT/proc/device-tree/model" model=""
    if [ -r "$model_file" ]; then
        model=$(tr -d '\0' < "$model_file")
        case "$model" in
            *"Zero 2"*|*"Pi 3"*|*"Pi 4"*|*"Pi 5"*|*"Compute Module 4"*|*"Compute Module 5"*) ;;
            *"Raspberry Pi"*) die "unsupported board '$model': stem-kiosk needs a Pi 3, 4, 5" \
                                  "or Zero 2 W. Nothing was changed." ;;
            *) say "warning: '$model' is not a Raspberry Pi; the GPIO kit will not work" ;;
        esac
    else
        say "warning: no device-tree model: not a Raspberry Pi? The GPIO kit will not work"
    fi
    say "OS: $pretty${model:+ on $model}"
}

check_os
if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
    die "run as root (sudo $0). Nothing was changed."
fi

# ---- helpers that change only what differs -----------------------------------------------

id_in() {  # id_in passwd|group NAME: the numeric id of NAME under ROOT, empty if none
    awk -F: -v n="$2" '$1 == n { print $3 }' "$ROOT/etc/$1"
}

owner_ids() {  # owner_ids USER GROUP -> "uid:gid"
    local uid gid
    uid=$(id_in passwd "$1"); gid=$(id_in group "$2")
    if [ -z "$uid" ] || [ -z "$gid" ]; then
        die "no user $1 or group $2 under ${ROOT:-/}"
    fi
    printf '%s:%s' "$uid" "$gid"
}

ensure_meta() {  # ensure_meta PATH MODE USER GROUP: fix mode and owner if they differ
    local path="$ROOT$1" want_mode=$2 want_owner have
    want_owner=$(owner_ids "$3" "$4")
    have=$(stat -c '%a %u:%g' "$path")
    if [ "$have" != "${want_mode#0} $want_owner" ]; then
        chmod "$want_mode" "$path"
        chown "$want_owner" "$path"
        changed "$1: mode $want_mode, owner $3:$4 (was $have)"
    fi
}

ensure_dir() {  # ensure_dir PATH MODE USER GROUP
    if [ ! -d "$ROOT$1" ]; then
        mkdir -p "$ROOT$1"
        changed "created $1/"
    fi
    ensure_meta "$@"
}

ensure_copy() {  # ensure_copy SRC DEST MODE USER GROUP: DEST gets SRC's content, kept in step
    local src=$1 dest=$2
    shift 2
    if ! cmp -s "$src" "$ROOT$dest"; then
        mkdir -p "$(dirname "$ROOT$dest")"
        cp "$src" "$ROOT$dest.new"
        mv "$ROOT$dest.new" "$ROOT$dest"
        changed "installed $dest"
    fi
    ensure_meta "$dest" "$@"
}

ensure_once() {  # ensure_once SRC DEST MODE USER GROUP: DEST from SRC if absent, never overwritten
    local src=$1 dest=$2
    shift 2
    if [ ! -e "$ROOT$dest" ]; then
        cp "$src" "$ROOT$dest"
        changed "created $dest from $(basename "$src")"
    fi
    ensure_meta "$dest" "$@"
}

# ---- 2. Debian packages -------------------------------------------------------------------

ensure_packages() {
    local missing=() pkg wanted=("${APT_RUNTIME[@]}")
    [ -n "$WHEELHOUSE" ] || wanted+=("${APT_BUILD[@]}")
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' ||
            missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return
    if [ -n "$WHEELHOUSE" ]; then
        say "offline install: trying apt-get without 'update' for ${missing[*]}"
    else
        apt-get update -qq
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
        die "could not install ${missing[*]}; with --wheelhouse, install them from a local mirror"
    changed "apt packages: ${missing[*]}"
}

# ---- 3. the kiosk user ----------------------------------------------------------------------

root_args=()
[ -n "$ROOT" ] && root_args=(--root "$ROOT")

ensure_user() {
    if [ -z "$(id_in passwd "$USER_NAME")" ]; then
        useradd "${root_args[@]}" --system --user-group --home-dir "$DATA" --no-create-home \
            --shell /usr/sbin/nologin --comment "stem-kiosk touchscreen kiosk" "$USER_NAME"
        changed "system user $USER_NAME"
    fi
    local group members
    for group in "${GROUPS_WANTED[@]}"; do
        if [ -z "$(id_in group "$group")" ]; then
            say "warning: no group '$group' here (Raspberry Pi OS has it); skipped"
            continue
        fi
        members=$(awk -F: -v g="$group" '$1 == g { print $4 }' "$ROOT/etc/group")
        case ",$members," in
            *",$USER_NAME,"*) ;;
            *) usermod "${root_args[@]}" --append --groups "$group" "$USER_NAME"
               changed "$USER_NAME joins group $group" ;;
        esac
    done
}

# ---- 4. the virtual environment and the package -----------------------------------------------

source_digest() {  # what would be installed: the wheels, else the source tree
    if [ -n "$WHEELHOUSE" ]; then
        (cd "$WHEELHOUSE" && find . -maxdepth 1 -name '*.whl' -print0 | sort -z |
            xargs -0 -r sha256sum) | sha256sum | cut -d' ' -f1
    else
        (cd "$SRC" && find pyproject.toml kiosk devices workshops listing -type f \
            ! -path '*/__pycache__/*' -print0 2>/dev/null | sort -z | xargs -0 -r sha256sum) |
            sha256sum | cut -d' ' -f1
    fi
}

ensure_venv() {
    if [ ! -x "$ROOT$VENV/bin/python" ]; then
        python3 -m venv --system-site-packages "$ROOT$VENV"
        changed "virtual environment $VENV (with the system's lgpio)"
    fi
    local stamp="$ROOT$VENV/.stem-kiosk-source" digest
    digest=$(source_digest)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
        if [ -n "$WHEELHOUSE" ]; then
            "$ROOT$VENV/bin/python" -m pip install --quiet --no-index \
                --find-links "$WHEELHOUSE" --upgrade stem-kiosk
        else
            "$ROOT$VENV/bin/python" -m pip install --quiet --no-binary pygame --upgrade "$SRC"
        fi
        printf '%s\n' "$digest" > "$stamp"
        changed "stem-kiosk installed into $VENV"
        CODE_CHANGED=1
    fi
    ensure_copy "$SRC/deploy/stem-kiosk.sh" /usr/local/bin/stem-kiosk 0755 root root
}

# ---- 5. config, token, data ---------------------------------------------------------------------

ensure_files() {
    # Owned by the kiosk user: `sudo stem-kiosk pin|enroll` run as that user (see stem-kiosk.sh)
    # and rewrite these files; the kiosk service itself sees /etc read-only (ProtectSystem=).
    ensure_dir "$ETC" 0700 "$USER_NAME" "$USER_NAME"
    ensure_once "$SRC/deploy/kiosk.yaml" "$ETC/kiosk.yaml" 0600 "$USER_NAME" "$USER_NAME"
    if [ ! -e "$ROOT$ETC/token" ]; then
        (umask 077 && : > "$ROOT$ETC/token")
        changed "created $ETC/token (empty: paste the listing's token into it, then enroll)"
    fi
    ensure_meta "$ETC/token" 0600 "$USER_NAME" "$USER_NAME"
    ensure_dir "$DATA" 0700 "$USER_NAME" "$USER_NAME"
}

# ---- 6. systemd units and the NetworkManager hook -------------------------------------------------

install_unit() {
    local before=$CHANGES
    ensure_copy "$SRC/deploy/systemd/$1" "$UNIT_DIR/$1" 0644 root root
    [ "$CHANGES" -eq "$before" ] || UNITS_CHANGED=1
}

systemctl_root() { systemctl ${ROOT:+--root="$ROOT"} "$@"; }

ensure_enabled() {
    if ! systemctl_root is-enabled --quiet "$1" 2>/dev/null; then
        systemctl_root enable --quiet "$1"
        changed "enabled $1"
    fi
}

ensure_services() {
    install_unit stem-kiosk.service
    local enable=(stem-kiosk.service) name
    # Sync units and the hook come with the sync feature; installed when present.
    for name in stem-kiosk-sync.service stem-kiosk-sync.timer; do
        [ -f "$SRC/deploy/systemd/$name" ] && install_unit "$name"
    done
    [ -f "$SRC/deploy/systemd/stem-kiosk-sync.timer" ] && enable+=(stem-kiosk-sync.timer)
    if [ -f "$SRC/deploy/networkmanager/90-stem-kiosk-sync" ]; then
        ensure_copy "$SRC/deploy/networkmanager/90-stem-kiosk-sync" \
            "$NM_HOOK_DIR/90-stem-kiosk-sync" 0755 root root
    fi
    # The kiosk owns tty1: no login prompt underneath it.
    if systemctl_root is-enabled --quiet getty@tty1.service 2>/dev/null; then
        systemctl_root disable --quiet getty@tty1.service
        changed "disabled getty@tty1.service (the kiosk uses tty1)"
    fi
    for name in "${enable[@]}"; do
        ensure_enabled "$name"
    done
    if [ -n "$ROOT" ]; then
        return  # an offline root has no running systemd to reload or restart
    fi
    if [ "$UNITS_CHANGED" -eq 1 ]; then
        systemctl daemon-reload
    fi
    if [ "$UNITS_CHANGED" -eq 1 ] || [ "$CODE_CHANGED" -eq 1 ]; then
        systemctl restart stem-kiosk.service
        say "restarted stem-kiosk.service"
    fi
}

# ---- 7. the SPI bus (the default kit's MCP3008) -----------------------------------------------

ensure_spi() {
    local boot_config="$ROOT/boot/firmware/config.txt"
    if [ ! -f "$boot_config" ]; then
        say "warning: no /boot/firmware/config.txt: enable SPI yourself for the MCP3008"
        return
    fi
    if ! grep -qx 'dtparam=spi=on' "$boot_config"; then
        printf '\n[all]\n# stem-kiosk: the default kit reads its MCP3008 over SPI\ndtparam=spi=on\n' \
            >> "$boot_config"
        changed "enabled SPI in /boot/firmware/config.txt (active after a reboot)"
    fi
}

ensure_packages
ensure_spi
ensure_user
ensure_files
ensure_venv
ensure_services

if [ "$CHANGES" -eq 0 ]; then
    say "nothing to change: stem-kiosk is installed and up to date"
else
    say "done: $CHANGES change(s). Next: stem-kiosk enroll (see deploy/README.md)"
fi
