#!/usr/bin/env bash
# Install the package, its test extras and (where apt-get works) the browser and CJK font
# used by the HTML fact-sheet test. Safe to run more than once.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
# pyenv only creates the shim for a new console script on a rehash
if command -v pyenv >/dev/null 2>&1; then pyenv rehash || true; fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'wqy\|noto.*cjk'; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null) \
      || echo "setup: could not install chromium/fonts; the browser test will be skipped" >&2
  fi
fi
