#!/bin/sh
# Installs Debian's E prover (eprover) when it is missing: `gl crosscheck --solver e` runs it,
# and its tests (test/crosscheck-eprover.test.ts) and the crosscheck benchmark use it. Where it
# cannot be installed (no apt-get, no root), says why and carries on: those tests then skip
# with a printed reason.
set -eu
if command -v eprover >/dev/null 2>&1; then
  echo "ensure-eprover: $(eprover --version 2>/dev/null | head -n 1) at $(command -v eprover)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-eprover: skipped: eprover is missing and there is no apt-get to install it"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "ensure-eprover: skipped: eprover is missing and installing it needs root (apt-get install eprover)"
  exit 0
fi
if $SUDO apt-get update && $SUDO apt-get install -y eprover; then
  echo "ensure-eprover: installed $(eprover --version 2>/dev/null | head -n 1)"
else
  echo "ensure-eprover: skipped: apt-get install eprover failed (see above)"
fi
