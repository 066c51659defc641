#!/bin/sh
# /usr/local/bin/stem-kiosk on the Pi: the installed command with the Pi's config, always run
# as the kiosk user, so `sudo stem-kiosk pin|enroll|sessions|sync` keep every file the kiosk's
# own (config, token, journal). Installed by deploy/install.sh.
: "${STEM_KIOSK_CONFIG:=/etc/stem-kiosk/kiosk.yaml}"
export STEM_KIOSK_CONFIG
if [ "$(id -u)" -eq 0 ]; then
    exec runuser -u stemkiosk -- /opt/stem-kiosk/bin/stem-kiosk "$@"
fi
exec /opt/stem-kiosk/bin/stem-kiosk "$@"
