#!/usr/bin/env bash
# Bad input at a running server for a while, its resident memory sampled as it goes: the RSS
# envelope under a storm (README, "Access and lifetimes"). Traffic goes only to the given server.
#   scripts/bad-input-storm.sh [BASE_URL] [SECONDS] [CLIENTS]
set -euo pipefail
base="${1:-http://127.0.0.1:8080}"
seconds="${2:-60}"
clients="${3:-4}"
session="$(curl -sf -X POST -H 'Content-Type: application/json' -d '{}' "$base/v1/sessions" | sed 's/.*"id":"\([^"]*\)".*/\1/')"
bodies="$(mktemp -d)"
trap 'rm -rf "$bodies"' EXIT
head -c 200000 /dev/zero | tr '\0' 'a' > "$bodies/big.sdp"
{ printf '{"text":"'; head -c 200000 /dev/zero | tr '\0' 'a'; printf '"}'; } > "$bodies/big.json"
storm() {
  local end=$((SECONDS + seconds))
  while (( SECONDS < end )); do
    curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"fps":' "$base/v1/sessions"
    curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"fps":1e309,"width":-1}' "$base/v1/sessions"
    curl -s -o /dev/null -X POST -H 'Content-Type: application/sdp' -d 'v=0\r\nm=video 0 UDP/TLS/RTP/SAVPF 96' "$base/v1/sessions/$session/whep"
    curl -s -o /dev/null -X POST -H 'Content-Type: application/sdp' --data-binary "@$bodies/big.sdp" "$base/v1/sessions/$session/whep"
    curl -s -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary "@$bodies/big.json" "$base/v1/sessions/$session/messages"
    curl -s -o /dev/null "$base/v1/sessions/does-not-exist/transcript"
    curl -s -o /dev/null -X PATCH -H 'Content-Type: application/json' -d '{"fps":100000}' "$base/v1/sessions/$session"
    curl -s -o /dev/null -H "Host: evil.example" "$base/v1/runtime"
  done
}
rss_mb() { curl -sf "$base/v1/runtime" | sed 's/.*"rssBytes":\([0-9]*\).*/\1/' | awk '{printf "%.0f", $1 / 1048576}'; }
echo "RSS before: $(rss_mb) MB; $clients clients for $seconds s"
for _ in $(seq "$clients"); do storm & done
for _ in $(seq $((seconds / 5))); do sleep 5; echo "  RSS $(rss_mb) MB"; done
wait
sleep 5
echo "RSS after: $(rss_mb) MB; the server still answers: $(curl -s -o /dev/null -w '%{http_code}' "$base/healthz")"
curl -s -o /dev/null -X DELETE "$base/v1/sessions/$session"
