# cli.conform_seeded: perturbed schedules still conform. For several seeds
# and strategies, simloop takes the schedule's decisions, the oracle replays
# the same decision log under CPython, and every trace must be identical --
# including the runs where the perturbation makes the example fail.
. "$(dirname "$0")/lib.sh"
[ -x /usr/bin/python3 ] || { echo "no native CPython 3.11"; exit 77; }
cd "$SL_SOURCE_DIR" || exit 2
files="examples/*.py tests/scenarios/lock_fifo.py tests/scenarios/queue_join_wait.py tests/scenarios/tg_child_fails.py"
# Issue 10: what the simulated environment gives a program (time, datetime,
# random seeded and unseeded, time tuples, the older loop API) under
# perturbed schedules, the oracle taking the same seed decisions.
env="tests/scenarios/env_time.py tests/scenarios/env_datetime.py tests/scenarios/env_random.py
  tests/scenarios/env_random_unseeded.py tests/scenarios/env_old_loop_api.py
  tests/scenarios/env_time_tuples.py"
files="$files $env"
: > "$SL_WORK/all.txt"
for strategy in random pct; do
  for seed in 1 2 3 4 5 6; do
    # shellcheck disable=SC2086
    "$SIMLOOP" conform $files --python 3.11 --seed $seed --strategy $strategy >"$SL_WORK/out.txt" 2>&1
    st=$?
    cat "$SL_WORK/out.txt" >> "$SL_WORK/all.txt"
    [ $st = 0 ] || { cat "$SL_WORK/out.txt" >&2; fail "seed $seed ($strategy) diverged (exit $st)"; }
  done
done
# The perturbation must really change outcomes, or this test proves nothing.
grep -q "identical .*(.* steps, \(exception\|deadlock\))" "$SL_WORK/all.txt" ||
  fail "no seeded run failed: the schedules were not perturbed"
if command -v node >/dev/null && [ -f oracle/pyodide/node_modules/pyodide-314/pyodide.mjs ]; then
  # shellcheck disable=SC2086
  "$SIMLOOP" conform examples/bank.py examples/lost_wakeup.py $env --python 3.14 --seed 4 >"$SL_WORK/out314.txt" 2>&1 ||
    { cat "$SL_WORK/out314.txt" >&2; fail "seed 4 diverged from CPython 3.14"; }
fi
echo "ok: $(grep -c identical "$SL_WORK/all.txt") seeded runs identical"
