#!/bin/sh
# Builds the fuzz targets the way OSS-Fuzz and ClusterFuzzLite expect
# (docs/fuzzing.md): the compiler and flags come from the environment of
# their base-builder image, so a campaign can move to many machines.
#
#   CC                  the compiler (clang; afl-clang-fast for AFL++)
#   CFLAGS              compile flags, sanitizers and coverage included;
#                       the engine sources get the same flags as the harnesses
#   LIB_FUZZING_ENGINE  what the harnesses link with (-fsanitize=fuzzer,
#                       or an engine's archive such as libAFLDriver.a)
#   OUT                 where the binaries, dictionaries and seed corpora go
#   WORK                scratch space for the build (default: a temp dir)
#
# Output: $OUT/fuzz_<name>_fuzzer, $OUT/fuzz_<name>_fuzzer.dict and
# $OUT/fuzz_<name>_fuzzer_seed_corpus.zip for name in parse schedule program.
# Needs cmake and libsqlite3-dev (the engine's trace store links SQLite).
set -eu
: "${CC:=clang}"
: "${CFLAGS:=}"
: "${LIB_FUZZING_ENGINE:=-fsanitize=fuzzer}"
: "${OUT:?set OUT to the output directory}"
SRC=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$(mktemp -d)}
BUILD=$WORK/simloop-fuzz-build
mkdir -p "$OUT" "$BUILD"

# No CMAKE_BUILD_TYPE, so CMake adds no -O or -g of its own: CFLAGS is
# all there is. Warnings stay warnings: the fuzzing toolchain's flags are
# not ours to vet.
cmake -S "$SRC" -B "$BUILD" \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_BUILD_TYPE= \
  -DSL_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" -DSL_BUILD_TESTS=OFF -DSL_WERROR=OFF
JOBS=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
cmake --build "$BUILD" -j "$JOBS" \
  --target fuzz_parse_fuzzer fuzz_schedule_fuzzer fuzz_program_fuzzer

for name in parse schedule program; do
  t=fuzz_${name}_fuzzer
  cp "$BUILD/fuzz/$t" "$OUT/$t"
  cp "$SRC/fuzz/fuzz_$name.dict" "$OUT/$t.dict"
  rm -f "$OUT/${t}_seed_corpus.zip"
  (cd "$SRC/fuzz/corpus/fuzz_$name" && zip -q -r "$OUT/${t}_seed_corpus.zip" .)
done
echo "fuzz/build.sh: built into $OUT:"
ls "$OUT"
