#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test of `ikb serve`
# (tests/serve.rs), where it is missing. Needs root or sudo.
set -euo pipefail
if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then
    exit 0
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium >/dev/null
