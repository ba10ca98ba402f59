#!/usr/bin/env bash
# First throughput figure of issue 6: WebSocket in -> SipInbound -> transaction layer -> a trivial
# transaction user (200 to REGISTER) -> response out, measured with bench/loadgen `register`.
# It is a baseline for later issues, not a target. Loopback only; every run is bounded in count
# and time (the load generator's --count and --duration).
#
#   bench/transport/run.sh [--count 20000] [--concurrency 50] [--repeat 3] [--quick] [-- loadgen options]
#
# Needs: JDK 17, Maven, Node 20, and a Liberty runtime under target/liberty (any `mvn verify` or
# `mvn liberty:create` leaves one). Writes bench/transport/results/register-<UTC>.jsonl.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

count=20000; concurrency=50; repeat=3; extra=()
while (($#)); do
  case "$1" in
    --) shift; extra=("$@"); break ;;
    --count) count="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --quick) count=2000; concurrency=10; repeat=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

wlp="$root/target/liberty/wlp"
server=ferry-bench
app=ferry-bench
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sip_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

echo "bench: building the WAR and the test transaction user"
mvn -o -q -B -DskipTests -Dferry.skipITs=true package test-compile
[ -x "$wlp/bin/server" ] || mvn -o -q -B liberty:create liberty:install-feature
(cd bench/loadgen && [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null)

# The server: Ferry's server.xml, no application of its own, the benchmark WAR in dropins.
"$wlp/bin/server" stop "$server" >/dev/null 2>&1 || true
rm -rf "$wlp/usr/servers/$server"
"$wlp/bin/server" create "$server" >/dev/null
cp src/main/liberty/config/server.xml src/main/liberty/config/server.env "$wlp/usr/servers/$server/"
sed -i 's#<webApplication id="ferry" location="ferry.war"#<webApplication id="ferry" location="ferry-none.war"#' "$wlp/usr/servers/$server/server.xml"
cat >> "$wlp/usr/servers/$server/jvm.options" <<JVM
-Dferry.http.port=$port
-Dferry.https.port=$((port + 1))
-Dferry.admin.password=bench-admin-password
-Dferry.keystore.password=bench-keystore-password
JVM
stage="$(mktemp -d)"
mkdir -p "$stage/WEB-INF/classes/META-INF" "$stage/WEB-INF/classes/io/ferry"
cp -r target/test-classes/io/ferry/testapp "$stage/WEB-INF/classes/io/ferry/"
cat > "$stage/WEB-INF/classes/META-INF/microprofile-config.properties" <<CFG
config_ordinal=500
mp.metrics.appName=$app
ferry.ws.allowed-origins=*
ferry.ws.max-connections-per-address=0
ferry.ws.handshakes-per-second=0
ferry.sip.port=$sip_port
CFG
cp target/ferry.war "$stage/$app.war"
(cd "$stage" && jar uf "$app.war" WEB-INF)
mkdir -p "$wlp/usr/servers/$server/dropins"
cp "$stage/$app.war" "$wlp/usr/servers/$server/dropins/"
rm -rf "$stage"

cleanup() { "$wlp/bin/server" stop "$server" >/dev/null 2>&1 || true; }
trap cleanup EXIT
"$wlp/bin/server" start "$server" >/dev/null
for i in $(seq 1 120); do
  grep -q "CWWKZ0001I.*$app" "$wlp/usr/servers/$server/logs/messages.log" 2>/dev/null && break
  sleep 1
done
grep -q "CWWKZ0001I.*$app" "$wlp/usr/servers/$server/logs/messages.log" || { echo "bench: $app did not start" >&2; exit 1; }
pid=$(cat "$wlp/usr/servers/.pid/$server.pid")

mkdir -p bench/transport/results
out="bench/transport/results/register-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
echo "bench: register, $count REGISTERs over $concurrency WebSockets, $repeat runs, server pid $pid"
node bench/loadgen/loadgen.js register --url "ws://127.0.0.1:$port/$app/sip" --domain 127.0.0.1 \
  --count "$count" --concurrency "$concurrency" --repeat "$repeat" --duration 60 \
  --server-pid "$pid" --out "$out" --label ferry-transport "${extra[@]}"
node bench/loadgen/summarize.js "$out"
