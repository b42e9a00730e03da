#!/bin/sh
# Installs Debian's Chromium when it is missing: the HTML export's browser tests
# (test/html-browser.test.ts) and benchmark (bench/html-export.ts) drive it headless.
set -eu
command -v chromium >/dev/null 2>&1 || (apt-get update && apt-get install -y chromium)
