#!/usr/bin/env bash
# Installs what the tests need from Debian: headless Chromium and its driver for the
# end-to-end tests, libflite1 for the flite voice (the server runs without it, on FreeTTS),
# libvpx7 and libopus0 for the VP8 and Opus codecs (facecast-codec), and redis-server for the
# fleet's tests (each starts its own on a free port; the system service is not used).
set -euo pipefail
libraries="libflite_cmu_us_slt.so.1 libvpx.so.7 libopus.so.0"
all_present() {
  command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || return 1
  command -v redis-server >/dev/null 2>&1 || return 1
  local cache library
  cache="$(ldconfig -p)"
  for library in $libraries; do
    grep -q "$library" <<<"$cache" || return 1
  done
}
if all_present; then
  exit 0
fi
sudo_cmd=""
[[ "$(id -u)" -ne 0 ]] && sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq chromium chromium-driver libflite1 libvpx7 libopus0 redis-server >/dev/null
chromium --version
