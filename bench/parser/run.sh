#!/usr/bin/env bash
# Build bench/parser and run the issue 5 parser benchmark: Ferry vs JAIN-SIP RI, same JVM settings.
#
#   ./run.sh              full run: 1 fork, 6 x 3 s warm-up, 5 x 2 s measurement per benchmark (~4.5 min)
#   ./run.sh --quick      smoke run: 1 fork, 1 x 1 s warm-up, 2 x 1 s measurement (~30 s; JAIN-SIP is
#                         still cold then, so its throughput is far too low: check that it runs, no more)
#   ./run.sh --no-build   reuse target/benchmarks.jar
#   ./run.sh --breakdown  Ferry only: parse alone, then parse + one proxy field at a time (no ratios)
#   ./run.sh -- ARGS      anything after -- goes to JMH (e.g. -- -p workload=INVITE, -- -f 3)
#
# Always: throughput mode in ops/s, -prof gc (gc.alloc.rate.norm = bytes allocated per message) and
# -prof CpuTimeProfiler (cpu.time.norm = JVM CPU ns per message, robust to other load on the box).
# Writes results/jmh-<UTC time>[-breakdown][-quick].json and prints the Ferry/JAIN-SIP ratios (ratios.py).
set -euo pipefail
cd "$(dirname "$0")"

mode=full
build=yes
include='io\.ferry\.bench\.parser\.SipParserBenchmark\..*'
breakdown=no
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) mode=quick; shift ;;
    --no-build) build=no; shift ;;
    --breakdown) breakdown=yes; include='io\.ferry\.bench\.parser\.FerryBreakdownBenchmark\..*'; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [[ $build == yes ]]; then
  # Offline first (the usual case on a machine that built Ferry); online if something is missing.
  mvn -B -q -o package || mvn -B -q package
fi

case $mode in
  # JAIN-SIP needs >15 s of JIT on a loaded 2-core box before its score settles (see README).
  full)  iters=(-f 1 -wi 6 -w 3s -i 5 -r 2s) ;;
  quick) iters=(-f 1 -wi 1 -w 1s -i 2 -r 1s) ;;
esac

mkdir -p results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
suffix=""
[[ $breakdown == yes ]] && suffix="$suffix-breakdown"
[[ $mode == quick ]] && suffix="$suffix-quick"
out="results/jmh-${stamp}${suffix}.json"

java -jar target/benchmarks.jar "$include" \
  -bm thrpt -tu s -prof gc -prof io.ferry.bench.parser.CpuTimeProfiler "${iters[@]}" -rf json -rff "$out" "${extra[@]}"

echo
echo "JMH results: bench/parser/$out"
if [[ $breakdown == no ]]; then
  python3 ratios.py "$out"
fi
