# The same seed gives the same trace hash in the default and the asan
# builds (DESIGN section 9). Skipped when only one build exists.
. "$(dirname "$0")/lib.sh"
case "$SIMLOOP" in
*/asan/*) other="$SL_SOURCE_DIR/build/default/simloop" ;;
*) other="$SL_SOURCE_DIR/build/asan/simloop" ;;
esac
[ -x "$other" ] || { echo "no second build at $other"; exit 77; }
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
