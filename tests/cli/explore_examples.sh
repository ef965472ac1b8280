# Every example's bug is found by every strategy within a stated number of
# runs (coverage 50, random 50, pct 50, bounded 200), and replaying the failing run
# (by --decisions and by --seed) gives the trace hash explore printed.
. "$(dirname "$0")/lib.sh"
ex="$SL_SOURCE_DIR/examples"
for name in bank lost_wakeup lock_order cancel_lock queue_join swallowed_cancel; do
  for spec in "coverage 50" "random 50" "pct 50" "bounded 200"; do
    set -- $spec
    strategy=$1 runs=$2
    expect_status 1 "$SIMLOOP" explore "$ex/$name.py" --strategy "$strategy" --runs "$runs" \
      --db t.db -o "$name-$strategy.log"
    expect_in out.txt "default schedule: ok"
    expect_in out.txt "FAILED at run"
    hash=$(sed -n 's/^trace: .* hash \([0-9a-f]*\)$/\1/p' out.txt)
    [ -n "$hash" ] || fail "$name/$strategy: no trace hash in the output"
    seedcmd=$(sed -n 's/^replay: *\(simloop replay .* --seed .*\)$/\1/p' out.txt)
    expect_status 1 "$SIMLOOP" replay "$ex/$name.py" --decisions "$name-$strategy.log" --quiet
    expect_in out.txt "trace hash: $hash"
    # The --seed form explore printed, with this binary (a coverage run
    # has none: its replay line is the --decisions one).
    if [ "$strategy" = coverage ]; then
      [ -z "$seedcmd" ] || fail "$name: a coverage run printed a --seed replay"
      continue
    fi
    expect_status 1 "$SIMLOOP" ${seedcmd#simloop } --quiet
    expect_in out.txt "trace hash: $hash"
  done
done
# The failing runs are in the database, with a summary row per run.
expect_status 0 "$SIMLOOP" show --db t.db --list
expect_in out.txt "swallowed_cancel.py"
if command -v sqlite3 >/dev/null; then
  n=$(sqlite3 t.db "select count(*) from explore_runs where outcome != 'ok'")
  [ "$n" = 24 ] || fail "expected 24 failing summary rows, got $n"
fi
exit 0
