#!/usr/bin/env bash
# Installs what the tests need from Debian: headless Chromium and its driver for the
# end-to-end tests, and libflite1 for the flite voice (the server runs without it, on FreeTTS).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
    && ldconfig -p | grep -q libflite_cmu_us_slt.so.1; then
  exit 0
fi
sudo_cmd=""
[[ "$(id -u)" -ne 0 ]] && sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq chromium chromium-driver libflite1 >/dev/null
chromium --version
