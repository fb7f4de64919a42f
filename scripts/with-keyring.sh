#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so keytar reaches a
# real Secret Service (Linux CI and headless machines). Usage: scripts/with-keyring.sh npm test
set -euo pipefail
if [ -z "${STILLWATER_IN_KEYRING:-}" ]; then
  exec env STILLWATER_IN_KEYRING=1 dbus-run-session -- "$0" "$@"
fi
export XDG_DATA_HOME="${XDG_DATA_HOME:-$(mktemp -d)}"
printf '%s' "${KEYRING_PASSWORD:-stillwater-test-keyring}" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
exec "$@"
