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
sandbox_pid=$!
pids+=($sandbox_pid)
wait_for "$out/detail-body.json"
sandbox_url="$(cat "$out/async-url.txt")"
api_key="$(cat "$out/api-key.txt")"
path="/${sandbox_url#http://*/}"
body_bytes=$(stat -c %s "$out/detail-body.json")

# The body inline (base64, exact bytes) rather than a __files reference: WireMock then serves it from memory,
# its fastest static stub.
cat >"$out/wiremock/mappings/detail.json" <<JSON
{"request": {"method": "GET", "url": "$path"},
 "response": {"status": 200, "base64Body": "$(base64 -w0 "$out/detail-body.json")",
              "headers": {"Content-Type": "application/json; charset=utf-8"}}}
JSON
wiremock_port=$(free_port)
"$java" -Xmx1g -jar "$wiremock_jar" --port "$wiremock_port" --bind-address 127.0.0.1 --root-dir "$out/wiremock" \
  --disable-banner --disable-request-logging --no-request-journal >"$out/wiremock.log" 2>&1 &
wiremock_pid=$!
pids+=($wiremock_pid)
wiremock_url="http://127.0.0.1:$wiremock_port$path"
wait_for "$wiremock_url"
[ "$(curl -fs "$wiremock_url" | cmp - "$out/detail-body.json" && echo same)" = same ] \
  || { echo "bench: WireMock does not serve the sandbox's body" >&2; exit 2; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ticks_per_second=$(getconf CLK_TCK)

# run_wrk name url seconds server-pid -> prints "requests/s requests-per-server-CPU-second"; fails on any answer
# but 200 (a 202 or an error body is no result). The CPU figure varies far less with the machine's other load.
run_wrk() {
  local log="$out/wrk-$1.txt" before after
  before=$(cpu_ticks "$4")
  wrk -t"$threads" -c"$connections" -d"$3"s --timeout 10s -H "x-api-key: $api_key" --latency "$2" >"$log"
  after=$(cpu_ticks "$4")
  if grep -q "Non-2xx" "$log"; then
    echo "bench: $1 answered something else than 200:" >&2; cat "$log" >&2; exit 2
  fi
  if grep -q "Socket errors" "$log"; then
    echo "($1: $(grep "Socket errors" "$log" | sed 's/^ *//'))" >&2
  fi
  awk -v cpu="$(( after - before ))" -v hz="$ticks_per_second" '
    /requests in/ {n = $1}
    /^Requests\/sec:/ {rps = $2}
    END {printf "%s %s\n", rps, (cpu > 0 ? n / (cpu / hz) : 0)}' "$log"
}

echo "== GetAccountsDetailAsync 200, $body_bytes-byte body, loopback, wrk -t$threads -c$connections -d${seconds}s =="
run_wrk warmup-sandbox "$sandbox_url" "${WARMUP_SECONDS:-10}" "$sandbox_pid" >/dev/null 2>&1
run_wrk warmup-wiremock "$wiremock_url" "${WARMUP_SECONDS:-10}" "$wiremock_pid" >/dev/null 2>&1
results=""
for round in $(seq 1 "$rounds"); do
  read -r s s_cpu <<<"$(run_wrk "sandbox-$round" "$sandbox_url" "$seconds" "$sandbox_pid")"
  read -r w w_cpu <<<"$(run_wrk "wiremock-$round" "$wiremock_url" "$seconds" "$wiremock_pid")"
  results+="$s $s_cpu $w $w_cpu"$'\n'
  awk -v r="$round" -v s="$s" -v sc="$s_cpu" -v w="$w" -v wc="$w_cpu" 'BEGIN {
    printf "round %d: sandbox %7.0f req/s (%6.0f per server CPU-s)   WireMock %7.0f req/s (%6.0f per CPU-s)   ratio %.2fx (%.2fx per CPU-s)\n",
      r, s, sc, w, wc, s / w, sc / wc}'
done
printf '%s' "$results" | awk '
  {s += $1; sc += $2; w += $3; wc += $4; n++}
  END {
    s /= n; sc /= n; w /= n; wc /= n
    printf "mean:    sandbox %7.0f req/s (%6.0f per server CPU-s)   WireMock %7.0f req/s (%6.0f per CPU-s)   ratio %.2fx (%.2fx per CPU-s)\n",
      s, sc, w, wc, s / w, sc / wc
    printf "goals: >= 10,000 req/s: %s; >= 2.5x WireMock: %s\n", (s >= 10000 ? "met" : "NOT met"), (s / w >= 2.5 ? "met" : "NOT met")
  }'
echo "(wrk logs with latency percentiles: $out/wrk-*.txt; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
