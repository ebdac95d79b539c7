#!/usr/bin/env bash
# Load benchmark behind `bench/run load`: wrk against the sandbox's GetAccountsDetailAsync 200 (~100 KB) and against
# WireMock standalone serving the same bytes as a static stub, alternately, same wrk settings, same run.
# Arguments: <benchmarks.jar> <seconds per measurement>. Environment: WRK_THREADS (2), WRK_CONNECTIONS (64),
# ROUNDS (2), WARMUP_SECONDS (10), BODY_BYTES (100000).
set -euo pipefail
jar="$1"
seconds="$2"
bench="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(dirname "$bench")"
java="$JAVA_HOME/bin/java"
threads="${WRK_THREADS:-2}"
connections="${WRK_CONNECTIONS:-64}"
rounds="${ROUNDS:-2}"
wiremock_version=3.13.2
out="$bench/target/load"
wiremock_jar="$bench/target/wiremock/wiremock-standalone-$wiremock_version.jar"
command -v wrk >/dev/null || { echo "bench: wrk not found (Debian: apt-get install -y wrk)" >&2; exit 2; }

if [ ! -f "$wiremock_jar" ]; then
  echo "bench: fetching WireMock standalone $wiremock_version ..." >&2
  (cd "$root" && ./mvnw -B -q -ntp -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.wiremock:wiremock-standalone:$wiremock_version" -DoutputDirectory="$bench/target/wiremock" >&2)
fi

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

wait_for() { # file or URL
  for _ in $(seq 1 300); do
    case "$1" in
      http*) curl -fs -o /dev/null "$1" && return 0 ;;
      *) [ -s "$1" ] && return 0 ;;
    esac
    sleep 0.2
  done
  echo "bench: timed out waiting for $1" >&2
  exit 2
}

rm -rf "$out" && mkdir -p "$out/wiremock/mappings" "$out/wiremock/__files"
"$java" -Xmx1g -cp "$jar" io.flinks4j.bench.load.SandboxLoadServer "$out" "${BODY_BYTES:-100000}" \
  >"$out/sandbox.log" 2>&1 &
pids+=($!)
wait_for "$out/detail-body.json"
sandbox_url="$(cat "$out/async-url.txt")"
api_key="$(cat "$out/api-key.txt")"
path="/${sandbox_url#http://*/}"
body_bytes=$(stat -c %s "$out/detail-body.json")

cp "$out/detail-body.json" "$out/wiremock/__files/detail-body.json"
cat >"$out/wiremock/mappings/detail.json" <<JSON
{"request": {"method": "GET", "url": "$path"},
 "response": {"status": 200, "bodyFileName": "detail-body.json",
              "headers": {"Content-Type": "application/json; charset=utf-8"}}}
JSON
wiremock_port=$(free_port)
"$java" -Xmx1g -jar "$wiremock_jar" --port "$wiremock_port" --bind-address 127.0.0.1 --root-dir "$out/wiremock" \
  --disable-banner --disable-request-logging --no-request-journal >"$out/wiremock.log" 2>&1 &
pids+=($!)
wiremock_url="http://127.0.0.1:$wiremock_port$path"
wait_for "$wiremock_url"
[ "$(curl -fs "$wiremock_url" | cmp - "$out/detail-body.json" && echo same)" = same ] \
  || { echo "bench: WireMock does not serve the sandbox's body" >&2; exit 2; }

run_wrk() { # name url duration -> prints requests/s; fails on any answer but 200 (a 202 or error is no result)
  local log="$out/wrk-$1.txt"
  wrk -t"$threads" -c"$connections" -d"$3"s --timeout 10s -H "x-api-key: $api_key" --latency "$2" >"$log"
  if grep -q "Non-2xx" "$log"; then
    echo "bench: $1 answered something else than 200:" >&2; cat "$log" >&2; exit 2
  fi
  if grep -q "Socket errors" "$log"; then
    echo "($1: $(grep "Socket errors" "$log" | sed 's/^ *//'))" >&2
  fi
  awk '/^Requests\/sec:/ {print $2}' "$log"
}

echo "== GetAccountsDetailAsync 200, $body_bytes-byte body, loopback, wrk -t$threads -c$connections -d${seconds}s =="
run_wrk warmup-sandbox "$sandbox_url" "${WARMUP_SECONDS:-10}" >/dev/null 2>&1
run_wrk warmup-wiremock "$wiremock_url" "${WARMUP_SECONDS:-10}" >/dev/null 2>&1
sandbox_all=() wiremock_all=()
for round in $(seq 1 "$rounds"); do
  s=$(run_wrk "sandbox-$round" "$sandbox_url" "$seconds"); sandbox_all+=("$s")
  w=$(run_wrk "wiremock-$round" "$wiremock_url" "$seconds"); wiremock_all+=("$w")
  printf 'round %d: sandbox %10.0f req/s   WireMock %10.0f req/s   ratio %.2fx\n' "$round" "$s" "$w" "$(awk -v a="$s" -v b="$w" 'BEGIN {print a / b}')"
done
s_mean=$(printf '%s\n' "${sandbox_all[@]}" | awk '{t+=$1} END {print t/NR}')
w_mean=$(printf '%s\n' "${wiremock_all[@]}" | awk '{t+=$1} END {print t/NR}')
ratio=$(awk -v a="$s_mean" -v b="$w_mean" 'BEGIN {print a / b}')
printf 'mean:    sandbox %10.0f req/s   WireMock %10.0f req/s   ratio %.2fx\n' "$s_mean" "$w_mean" "$ratio"
printf 'goals: >= 10,000 req/s: %s; >= 2x WireMock: %s\n' \
  "$(awk -v s="$s_mean" 'BEGIN {print (s >= 10000) ? "met" : "NOT met"}')" \
  "$(awk -v r="$ratio" 'BEGIN {print (r >= 2) ? "met" : "NOT met"}')"
echo "(wrk logs with latency percentiles: $out/wrk-*.txt)"
