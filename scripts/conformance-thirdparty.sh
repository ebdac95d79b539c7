#!/usr/bin/env bash
# Runs an unmodified third-party Flinks client (node-flinks from npm) through its documented flow against the
# flinks4j sandbox, in two sandbox modes: "current" (authorize tokens and x-api-key required, the default) and
# "old-instance" (both optional, as on Flinks instances older than October 2024, which node-flinks was written for).
# Installs the package into a temporary folder (never into the repository); exits non-zero when a step fails.
# Usage: scripts/conformance-thirdparty.sh   (env NODE_FLINKS_VERSION overrides the pinned version)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${NODE_FLINKS_VERSION:-0.6.0}"
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "conformance-thirdparty: $tool not found; install Node.js >= 18 to run this check" >&2; exit 2; }
done

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "conformance-thirdparty: installing node-flinks@$version into $work" >&2
(cd "$work" && npm init -y >/dev/null && npm install --ignore-scripts --no-audit --no-fund --loglevel=error "node-flinks@$version" >&2)

# Start one sandbox JVM per mode on a free port; the first line of its banner names the URL.
start_sandbox() { # name, extra args...
  local name="$1"; shift
  "$root/flinks4j" sandbox --port 0 --processing-delay 2s "$@" >"$work/$name.out" 2>&1 &
  pids+=("$!")
}
url_of() {
  local name="$1" line
  for _ in $(seq 1 240); do # the first run may build the jar
    line="$(grep -m1 -o 'http://[0-9.:]*' "$work/$name.out" 2>/dev/null || true)"
    [ -n "$line" ] && { echo "$line"; return 0; }
    sleep 0.5
  done
  echo "conformance-thirdparty: sandbox '$name' did not start:" >&2; cat "$work/$name.out" >&2; return 1
}

# One after the other: the first launch may build the jar, and two builds must not race in one target folder.
start_sandbox current
current_url="$(url_of current)"
start_sandbox old-instance --authorize-token optional --api-key optional
old_url="$(url_of old-instance)"

status=0
for mode in current old-instance; do
  if [ "$mode" = current ]; then url="$current_url"; else url="$old_url"; fi
  SANDBOX_URL="$url" SANDBOX_MODE="$mode" NODE_PATH="$work/node_modules" \
    node "$root/scripts/conformance/node-flinks-flow.cjs" || status=1
done
[ "$status" -eq 0 ] && echo "conformance-thirdparty: node-flinks@$version passed in both modes" \
  || echo "conformance-thirdparty: FAILED" >&2
exit "$status"
