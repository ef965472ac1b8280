#!/bin/sh
# Compares simloop with CPython on the same scenarios (same program, same
# virtual clock, CPython without any tracing) and prints the speed ratios.
# usage: sh bench/run.sh [path/to/simloop] [python3]
# PAIRS=N sh bench/run.sh ...: the ratio of each benchmark is instead the
# median of N ratios taken pair by pair (CPython and simloop run in turn),
# steadier where the machine's speed drifts between runs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
simloop=${1:-$here/../build/default/simloop}
python=${2:-/usr/bin/python3}
wall() { # wall seconds of one run of "$@"
  s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
best() { # best wall time of 3 runs of "$@", in seconds
  b=""
  for _ in 1 2 3; do
    t=$(wall "$@")
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}
paired() { # median over $PAIRS pairs of (CPython time / simloop time) for file $1
  for _ in $(seq "$PAIRS"); do
    tc=$(wall "$python" "$here/cpython_vrun.py" "$1")
    ts=$(wall "$simloop" run "$1" $budget)
    echo "$tc / $ts" | bc -l
  done | sort -g | sed -n "$(( (PAIRS + 1) / 2 ))p"
}
PAIRS=${PAIRS:-0}
printf "%-12s %10s %10s %8s\n" scenario cpython simloop ratio
# Benchmarks are long runs: lift the default step budget (docs/cli.md).
budget="--max-steps 1000000000 --max-wall 600"
for f in "$here"/callsoon.py "$here"/switches.py "$here"/timers.py "$here"/queue.py \
         "$here"/locks.py "$here"/broadcast.py "$here"/methods.py; do
  name=$(basename "$f" .py)
  a=$("$python" "$here/cpython_vrun.py" "$f"); b=$("$simloop" run "$f" $budget)
  if [ "$a" != "$b" ]; then echo "$name: outputs differ: cpython '$a' simloop '$b'" >&2; exit 1; fi
  if [ "$PAIRS" -gt 0 ]; then
    printf "%-12s %10s %10s %7.1fx (median of %d pairs)\n" "$name" "" "" "$(paired "$f")" "$PAIRS"
    continue
  fi
  tc=$(best "$python" "$here/cpython_vrun.py" "$f")
  ts=$(best "$simloop" run "$f" $budget)
  printf "%-12s %9.3fs %9.3fs %7.1fx\n" "$name" "$tc" "$ts" "$(echo "$tc / $ts" | bc -l)"
done
# Recording: a run of switches.py recorded with --jsonl and with --db, as a
# multiple of the same run unrecorded (issue targets: 2x and 3x).
sw="$here/switches.py"
tmp=$(mktemp -d)
tp=$(best "$simloop" run "$sw" $budget)
tj=$(best "$simloop" run "$sw" $budget --jsonl "$tmp/r.jsonl")
td=$(best sh -c 'rm -f "$1"*; exec "$2" run "$3" --max-steps 1000000000 --max-wall 600 --db "$1" 2>/dev/null' \
  sh "$tmp/r.db" "$simloop" "$sw")
rm -rf "$tmp"
printf "%-12s %10s %9.3fs %7.1fx\n" "--jsonl" "" "$tj" "$(echo "$tj / $tp" | bc -l)"
printf "%-12s %10s %9.3fs %7.1fx\n" "--db" "" "$td" "$(echo "$td / $tp" | bc -l)"
# Explore throughput: schedules per second on examples/bank.py (best of 3).
# Runs in a scratch directory: explore stores its failing runs in ./simloop.db.
bank="$here/../examples/bank.py"
case $simloop in /*) ;; *) simloop=$(pwd)/$simloop ;; esac
if [ -f "$bank" ]; then
  rps=0
  for _ in 1 2 3; do
    r=$(cd "${TMPDIR:-/tmp}" && "$simloop" explore "$bank" --runs 20000 --keep-going --json 2>/dev/null |
        sed -n 's/.*"runs_per_s":\([0-9]*\).*/\1/p')
    if [ -n "$r" ] && [ "$r" -gt "$rps" ]; then rps=$r; fi
  done
  printf "%-12s %10s %10s %8s\n" explore "" "$rps/s" "runs"
fi

