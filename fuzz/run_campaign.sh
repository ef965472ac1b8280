#!/bin/sh
# sh fuzz/run_campaign.sh <target> <seconds> [libfuzzer|afl]
#
# Runs one fuzzing campaign on this machine (docs/fuzzing.md). <target> is
# parse, schedule or program (fuzz_parse, fuzz_parse_fuzzer also work).
# Builds what it needs first:
#   libfuzzer (default)  build/fuzz, CMake with -DSL_BUILD_FUZZERS=ON and clang
#   afl                  build/afl, fuzz/build.sh with afl-clang-fast
# The corpus grows in build/campaign/<engine>/<target>/corpus (seeded from
# fuzz/corpus/fuzz_<target>); crashes land in .../crashes (libFuzzer) or
# .../afl/default/crashes (AFL++). At the end it prints the exec/s.
# fuzz_schedule aborts on the scenario's bugs by design: export
# SIMLOOP_FUZZ_NOABORT=1 to hunt only for the engine's own failures, and
# SIMLOOP_SCENARIO=FILE to fuzz another scenario than examples/bank.py.
set -eu
usage() {
  echo "usage: sh fuzz/run_campaign.sh <parse|schedule|program> <seconds> [libfuzzer|afl]" >&2
  exit 2
}
[ $# -ge 2 ] || usage
name=${1#fuzz_}
name=${name%_fuzzer}
secs=$2
engine=${3:-libfuzzer}
case $name in parse|schedule|program) ;; *) usage ;; esac
case $secs in ''|*[!0-9]*) usage ;; esac
SRC=$(cd "$(dirname "$0")/.." && pwd)
t=fuzz_${name}_fuzzer
dict=$SRC/fuzz/fuzz_$name.dict
seeds=$SRC/fuzz/corpus/fuzz_$name
dir=$SRC/build/campaign/$engine/$name
mkdir -p "$dir/corpus" "$dir/crashes"

case $engine in
libfuzzer)
  bin=$SRC/build/fuzz/fuzz/$t
  if [ ! -x "$bin" ]; then
    CC=clang cmake -S "$SRC" -B "$SRC/build/fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" -DSL_BUILD_FUZZERS=ON >/dev/null
  fi
  cmake --build "$SRC/build/fuzz" --target "$t" >/dev/null
  # Each worker gets a fresh corpus dir first, then the seeds: new inputs
  # go to the first directory only.
  "$bin" -max_total_time="$secs" -dict="$dict" -artifact_prefix="$dir/crashes/" \
    -print_final_stats=1 "$dir/corpus" "$seeds" 2>"$dir/libfuzzer.log" || true
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec)' "$dir/libfuzzer.log" || true
  if grep -q 'ERROR\|Test unit written' "$dir/libfuzzer.log"; then
    grep -E 'ERROR|SUMMARY|Test unit written|fuzz_(schedule|program):' "$dir/libfuzzer.log" | head -20
    echo "crash: see $dir/libfuzzer.log; replay with $bin FILE (or simloop replay SCENARIO --bytes FILE)"
    exit 1
  fi
  ;;
afl)
  out=$SRC/build/afl/out
  if [ ! -x "$out/$t" ]; then
    command -v afl-clang-fast >/dev/null || {
      echo "afl-clang-fast not found: apt-get install -y afl++" >&2
      exit 2
    }
    CC=afl-clang-fast CFLAGS="-O2 -g" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
      OUT="$out" WORK="$SRC/build/afl" sh "$SRC/fuzz/build.sh" >/dev/null
  fi
  # AFL++ wants non-empty seeds.
  in=$dir/seeds
  rm -rf "$in" && mkdir -p "$in"
  for f in "$seeds"/*; do [ -s "$f" ] && cp "$f" "$in/"; done
  AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    AFL_NO_AFFINITY=1 afl-fuzz -V "$secs" -i "$in" -o "$dir/afl" -x "$dict" \
    -- "$out/$t" >"$dir/afl.log" 2>&1 || true
  stats=$dir/afl/default/fuzzer_stats
  [ -f "$stats" ] || { tail -20 "$dir/afl.log"; exit 2; }
  grep -E '^(execs_done|execs_per_sec|saved_crashes|target_mode)' "$stats"
  n=$(ls "$dir/afl/default/crashes" 2>/dev/null | grep -vc README || true)
  if [ "$n" -gt 0 ]; then
    echo "crash: $n in $dir/afl/default/crashes"
    exit 1
  fi
  ;;
*) usage ;;
esac
