#!/bin/sh
# Installs the My Number Card Bridge companion for the current user (no root): copies
# the host to ~/.local/share/mynumber-card-bridge/ and writes its native-messaging
# manifest into the user directory of Google Chrome, Chromium and Brave (each looks
# only in its own: facts fallback-routes §2.5, complaint 1). `--uninstall` removes both.
# Snap and Flatpak browsers cannot start native hosts at all; the script says so.
#
#   sh install-linux.sh [--extension-id ID]... [--host PATH] [--uninstall]
set -eu

NAME=jp.mynumber_card_bridge.companion
# The shipped build's id, fixed by the manifest `key` (docs/companion.md, "Extension id").
EXTENSION_IDS=${MYNUMBER_EXTENSION_IDS:-}
HOST_SRC="$(dirname "$0")/mynumber-card-bridge-host"
UNINSTALL=0
while [ $# -gt 0 ]; do
  case "$1" in
    --extension-id) EXTENSION_IDS="$EXTENSION_IDS $2"; shift 2 ;;
    --host) HOST_SRC=$2; shift 2 ;;
    --uninstall) UNINSTALL=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

CONFIG=${XDG_CONFIG_HOME:-$HOME/.config}
DATA=${XDG_DATA_HOME:-$HOME/.local/share}/mynumber-card-bridge
DIRS="$CONFIG/google-chrome $CONFIG/chromium $CONFIG/BraveSoftware/Brave-Browser"

if [ "$UNINSTALL" = 1 ]; then
  for d in $DIRS; do rm -f "$d/NativeMessagingHosts/$NAME.json"; done
  rm -rf "$DATA"
  echo "removed the companion / コンパニオンを削除しました"
  exit 0
fi

[ -n "$EXTENSION_IDS" ] || { echo "no extension id: pass --extension-id" >&2; exit 2; }
[ -f "$HOST_SRC" ] || { echo "host not found: $HOST_SRC" >&2; exit 2; }
mkdir -p "$DATA"
cp "$HOST_SRC" "$DATA/mynumber-card-bridge-host"
chmod 755 "$DATA/mynumber-card-bridge-host"

ORIGINS=""
for id in $EXTENSION_IDS; do ORIGINS="$ORIGINS${ORIGINS:+, }\"chrome-extension://$id/\""; done
for d in $DIRS; do
  mkdir -p "$d/NativeMessagingHosts"
  cat > "$d/NativeMessagingHosts/$NAME.json" <<JSON
{
  "name": "$NAME",
  "description": "My Number Card Bridge companion (PC/SC)",
  "path": "$DATA/mynumber-card-bridge-host",
  "type": "stdio",
  "allowed_origins": [$ORIGINS]
}
JSON
done

command -v pcscd >/dev/null 2>&1 || [ -x /usr/sbin/pcscd ] || echo "pcscd is not installed: sudo apt-get install pcscd (or your distribution's pcsc-lite) / pcscd をインストールしてください"
if command -v snap >/dev/null 2>&1 && snap list chromium >/dev/null 2>&1; then
  echo "note: Snap Chromium cannot start companions; use Google Chrome or a .deb Chromium / Snap 版 Chromium では使えません"
fi
echo "installed for Chrome, Chromium and Brave / インストールしました ($DATA)"
