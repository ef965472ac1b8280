# The same seed gives the same trace hash in two different builds (DESIGN
# section 9): against the asan build when it exists, else against a -O0
# build (the debug preset), built here if needed, so CI always checks it.
. "$(dirname "$0")/lib.sh"
case "$SIMLOOP" in
*/asan/*) other="$SL_SOURCE_DIR/build/default/simloop" ;;
*) other="$SL_SOURCE_DIR/build/asan/simloop" ;;
esac
if [ ! -x "$other" ]; then
  other="$SL_SOURCE_DIR/build/debug/simloop"
  case "$SIMLOOP" in */debug/*) other="$SL_SOURCE_DIR/build/default/simloop" ;; esac
  if [ ! -x "$other" ]; then
    (cd "$SL_SOURCE_DIR" && cmake --preset debug >/dev/null && cmake --build build/debug --target simloop_cli >/dev/null) ||
      fail "could not build the -O0 (debug preset) simloop to compare with"
  fi
fi
ex="$SL_SOURCE_DIR/examples"
for name in bank lost_wakeup lock_order cancel_lock queue_join swallowed_cancel; do
  for seed in 0 7 31; do
    "$SIMLOOP" replay "$ex/$name.py" --seed $seed --quiet >a.txt 2>&1
    "$other" replay "$ex/$name.py" --seed $seed --quiet >b.txt 2>&1
    ha=$(grep "trace hash" a.txt) hb=$(grep "trace hash" b.txt)
    [ -n "$ha" ] && [ "$ha" = "$hb" ] || fail "$name seed $seed: '$ha' vs '$hb'"
  done
done
exit 0
