#!/bin/sh
# Installs the companion for the current user on macOS (no admin): the host under
# ~/Library/Application Support/MyNumberCardBridge/, its manifest in the
# NativeMessagingHosts folder of Google Chrome, Chromium and Microsoft Edge.
# `--uninstall` removes both. The released host is signed and notarized (docs/companion.md).
#
#   sh install-macos.sh [--extension-id ID]... [--host PATH] [--uninstall]
set -eu

NAME=jp.mynumber_card_bridge.companion
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

SUPPORT="$HOME/Library/Application Support"
DATA="$SUPPORT/MyNumberCardBridge"
DIRS="Google/Chrome Chromium Microsoft_Edge"

if [ "$UNINSTALL" = 1 ]; then
  for d in $DIRS; do rm -f "$SUPPORT/$(echo "$d" | tr _ ' ')/NativeMessagingHosts/$NAME.json"; done
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
  dir="$SUPPORT/$(echo "$d" | tr _ ' ')/NativeMessagingHosts"
  mkdir -p "$dir"
  cat > "$dir/$NAME.json" <<JSON
{
  "name": "$NAME",
  "description": "My Number Card Bridge companion (PC/SC)",
  "path": "$DATA/mynumber-card-bridge-host",
  "type": "stdio",
  "allowed_origins": [$ORIGINS]
}
JSON
done
echo "installed for Chrome, Chromium and Edge / インストールしました"
