# A decision log found by one engine replays in the other (the program fits
# simloop's subset): the same verdict, and `simloop diff` finds the two
# traces identical step for step. Both directions, on every example.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || exit 77  # CPython mode needs a python3; a broken engine must fail, not skip
ex="$SL_SOURCE_DIR/examples"
for name in bank lost_wakeup lock_order cancel_lock queue_join swallowed_cancel jitter_election; do
  for engine in simloop cpython; do
    other=cpython
    [ $engine = cpython ] && other=simloop
    rm -f ./*.decisions
    # --python 3.11: the profile of the native CPython the other engine runs
    expect_status 1 "$SIMLOOP" explore --engine $engine --python 3.11 "$ex/$name.py" \
      --strategy pct --runs 300 --no-db
    log=$(ls ./*.decisions)
    verdict=$(sed -n 's/^FAILED at run [0-9]* (seed [0-9]*): \([a-z-]*\):.*/\1/p' out.txt)
    [ -n "$verdict" ] || fail "$name/$engine: no verdict in explore's output"
    expect_status 1 "$SIMLOOP" replay --engine $engine --python 3.11 "$ex/$name.py" \
      --decisions "$log" --jsonl a.jsonl
    expect_status 1 "$SIMLOOP" replay --engine $other --python 3.11 "$ex/$name.py" \
      --decisions "$log" --jsonl b.jsonl
    expect_status 1 "$SIMLOOP" replay --engine $other --python 3.11 "$ex/$name.py" \
      --decisions "$log" --quiet
    head -1 out.txt | grep -q "^$verdict" || fail "$name: $engine found $verdict, $other says $(head -1 out.txt)"
    expect_status 0 "$SIMLOOP" diff a.jsonl b.jsonl
    expect_in out.txt identical
  done
done
exit 0
