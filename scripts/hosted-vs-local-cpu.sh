#!/usr/bin/env bash
# CPU per session of the hosted-avatar path (Inworld TTS -> Anam engine -> republished) against the
# local sprite head (Inworld TTS -> drawn here), at the given session counts, with the fake vendors in
# their own process (their CPU is the vendor's, printed apart). Needs the jars of
# `mvn -o -q package -DskipTests -pl facecast-server,facecast-loadtest,facecast-fakevendors -am`.
#   scripts/hosted-vs-local-cpu.sh [SESSIONS...]     (default: 1 8)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
counts=("$@"); [[ $# -eq 0 ]] && counts=(1 8)
vendor_port=18090 server_port=18081
export MALLOC_ARENA_MAX=2 INWORLD_API_KEY=fake ANAM_API_KEY=fake

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

"$java" --enable-native-access=ALL-UNNAMED -jar "$root/facecast-fakevendors/target/facecast-fakevendors.jar" \
  --port "$vendor_port" >/tmp/facecast-fakevendors.log 2>&1 &
vendors=$!
server=""
trap 'kill $vendors ${server:-} 2>/dev/null || true' EXIT
sleep 3

for avatar in sprite anam; do
  for n in "${counts[@]}"; do
    "$java" --enable-native-access=ALL-UNNAMED -XX:+UseZGC -Xmx512m -jar "$root/facecast-server/target/facecast-server.jar" \
      serve --port "$server_port" --no-listen --audio-rate 24000 --max-sessions 16 --cpu-budget 1 \
      --tts inworld --inworld-url "http://127.0.0.1:$vendor_port" --anam-url "http://127.0.0.1:$vendor_port" \
      --avatar "$avatar" >/tmp/facecast-server-$avatar.log 2>&1 &
    server=$!
    sleep 4
    before=$(cpu_ticks "$vendors")
    result=$("$java" --enable-native-access=ALL-UNNAMED -jar "$root/facecast-loadtest/target/facecast-loadtest.jar" \
      --target "http://127.0.0.1:$server_port" --sessions "$n" --duration 20 --fps 15 --talk-ratio 0.5 --json 2>/dev/null | grep "^{" | tail -1 || true)
    after=$(cpu_ticks "$vendors")
    vendor_cores=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", t / hz / 23 }')
    echo "avatar=$avatar sessions=$n vendorProcessCores=$vendor_cores $(echo "$result" | grep -o '"serverCpuCores[^,]*,"serverCpuCoresPerSession[^,]*,"receivedFpsMin[^,]*,"receivedFpsP50[^,]*,"latenessP50Ms[^,]*,"latenessP99Ms[^,]*')"
    kill "$server"; wait "$server" 2>/dev/null || true
    server=""
  done
done
