#!/usr/bin/env bash
# Install Debian's Chromium for the browser test if it is missing (never a
# downloaded browser build). Needs root, as on CI; elsewhere it says what to do.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "Chromium is missing: install it with 'sudo apt-get install chromium' for the browser test" >&2
    exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
