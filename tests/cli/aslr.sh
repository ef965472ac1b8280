# Issue 13, item 13: every address a program can see comes from the run.
# Each scenario of the corpus (and tests/cli/aslr/addresses.py, which shows
# every kind of identity: reprs "at 0x...", hash(), sets of objects) runs in
# two processes whose heaps are laid out differently: the second without
# address randomization (setarch -R, where permitted), with a larger
# environment and without glibc's tcache (so freed memory is reused in
# another order, which moves objects even where ASLR is off). The trace
# hashes, and addresses.py's output, must be the same.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
norand=""
setarch -R true 2>/dev/null && norand="setarch -R"
[ -n "$norand" ] || echo "note: setarch -R not permitted: the heaps differ by tcache only" >&2
pad=$(printf '%04096d' 0)
other() {
  env SL_PAD="$pad" GLIBC_TUNABLES=glibc.malloc.tcache_count=0 $norand "$@"
}
hash_of() { sed -n 's/^trace hash: //p' "$1"; }

files="$SL_SOURCE_DIR/tests/cli/aslr/addresses.py $SL_SOURCE_DIR/tests/scenarios/*.py"
n=0
for f in $files; do
  "$SIMLOOP" replay "$f" --seed 0 --quiet >a.txt 2>&1
  other "$SIMLOOP" replay "$f" --seed 0 --quiet >b.txt 2>&1
  a=$(hash_of a.txt)
  [ -n "$a" ] || { cat a.txt >&2; fail "no trace hash for $f"; }
  [ "$a" = "$(hash_of b.txt)" ] || fail "$f: trace hash $a, then $(hash_of b.txt) in another heap layout"
  n=$((n + 1))
done
[ "$n" -gt 200 ] || fail "only $n programs ran"

# The addresses themselves: the run's, not the process's.
ad="$SL_SOURCE_DIR/tests/cli/aslr/addresses.py"
expect_status 0 "$SIMLOOP" run "$ad"
cp out.txt first.txt
expect_status 0 other "$SIMLOOP" run "$ad"
cmp -s first.txt out.txt || { diff first.txt out.txt >&2; fail "addresses.py printed differently in another heap layout"; }
expect_in out.txt "<function function at 0x7f0000000010>"
expect_in out.txt "<coroutine object coroutine at 0x7f"
expect_in out.txt "<bound method Plain.method of <__main__.Plain object at 0x7f"
exit 0
