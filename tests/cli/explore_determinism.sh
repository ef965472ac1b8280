# The same seed gives the same trace hash in two different builds (DESIGN
# section 9): $SIMLOOP against $SIMLOOP_OTHER, the same sources compiled
# at another optimisation level by this build (target simloop_otheropt,
# tests/cli/explore.cmake), so the binary compared with is never stale and
# the test never builds anything itself.
. "$(dirname "$0")/lib.sh"
: "${SIMLOOP_OTHER:?}"
[ -x "$SIMLOOP_OTHER" ] || fail "no $SIMLOOP_OTHER (build the simloop_otheropt target)"
cmp -s "$SIMLOOP" "$SIMLOOP_OTHER" && fail "$SIMLOOP_OTHER is the same binary as $SIMLOOP"
ex="$SL_SOURCE_DIR/examples"
for name in bank lost_wakeup lock_order cancel_lock queue_join swallowed_cancel; do
  for seed in 0 7 31; do
    "$SIMLOOP" replay "$ex/$name.py" --seed $seed --quiet >a.txt 2>&1
    "$SIMLOOP_OTHER" replay "$ex/$name.py" --seed $seed --quiet >b.txt 2>&1
    ha=$(grep "trace hash" a.txt) hb=$(grep "trace hash" b.txt)
    [ -n "$ha" ] && [ "$ha" = "$hb" ] || fail "$name seed $seed: '$ha' vs '$hb'"
  done
done
exit 0
