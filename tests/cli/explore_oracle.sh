# The bugs are real: for each example, the failing decision log simloop
# finds (profile 3.11.2) makes Debian's CPython 3.11.2 fail too, with a
# trace identical to simloop's replay of the same log (the oracle, with
# the log passed by --decisions). Skipped without /usr/bin/python3 3.11.2.
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
[ -x "$py" ] && "$py" -c 'import sys; sys.exit(sys.version_info[:3] != (3, 11, 2))' ||
  { echo "no CPython 3.11.2 at $py"; exit 77; }
ex="$SL_SOURCE_DIR/examples"
for name in bank lost_wakeup lock_order cancel_lock queue_join swallowed_cancel; do
  expect_status 1 "$SIMLOOP" explore "$ex/$name.py" --python 3.11.2 --runs 50 --no-db -o "$name.log"
  expect_status 1 "$SIMLOOP" replay "$ex/$name.py" --python 3.11.2 --decisions "$name.log" \
    --jsonl "$name.sim.jsonl" --quiet
  PYTHONPATH="$SL_SOURCE_DIR/oracle" "$py" -m simloop_oracle run "$ex/$name.py" \
    --jsonl "$name.cpython.jsonl" --decisions "$name.log" >/dev/null 2>&1 ||
    fail "$name: the oracle did not run"
  grep -q '"ev":"end","outcome":"ok"' "$name.cpython.jsonl" && fail "$name: passes under CPython"
  expect_status 0 "$SIMLOOP" diff "$name.sim.jsonl" "$name.cpython.jsonl"
  expect_in out.txt "identical"
done
# And under default timing CPython runs every example fine.
for name in bank lost_wakeup lock_order cancel_lock queue_join swallowed_cancel; do
  PYTHONPATH="$SL_SOURCE_DIR/oracle" "$py" -m simloop_oracle run "$ex/$name.py" \
    --jsonl "$name.default.jsonl" >/dev/null 2>&1
  expect_in "$name.default.jsonl" '"ev":"end","outcome":"ok"'
done
exit 0
