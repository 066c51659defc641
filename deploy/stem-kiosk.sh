#!/bin/sh
# /usr/local/bin/stem-kiosk on the Pi: the installed command, with the Pi's config by default.
# Installed by deploy/install.sh. Run data commands as the kiosk user, e.g.
#   sudo -u stemkiosk stem-kiosk sessions
: "${STEM_KIOSK_CONFIG:=/etc/stem-kiosk/kiosk.yaml}"
export STEM_KIOSK_CONFIG
exec /opt/stem-kiosk/bin/stem-kiosk "$@"
