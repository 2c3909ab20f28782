#!/usr/bin/env bash
# The knowledge base against the sqlite3 shell on the real record, each
# question as a whole process (see benches/compare.rs). Installs the shell
# where it is missing (Debian or Ubuntu, as root or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v sqlite3 >/dev/null; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq sqlite3
fi
sqlite3 --version
keep="${COMPARE_KEEP:-$(mktemp -d)}"
COMPARE_RECORDS=corpus COMPARE_PROCESSES=1 COMPARE_KEEP="$keep" cargo bench --bench compare
