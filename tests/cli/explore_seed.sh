# The `seed` decision: explore varies the seed random gets and finds a bug
# that needs particular draws (examples/jitter_election.py), replay
# reproduces it, minimize keeps the seed because the failure needs it, and
# drops it from a failure that is about timing only; the oracle replays
# the same seed under CPython.
. "$(dirname "$0")/lib.sh"
ex="$SL_SOURCE_DIR/examples"
expect_status 0 "$SIMLOOP" run "$ex/jitter_election.py"
expect_in out.txt "leader: c"
expect_status 1 "$SIMLOOP" explore "$ex/jitter_election.py" --strategy random --runs 200 --no-db -o el.log
expect_in out.txt "AssertionError: split brain"
grep -q '"kind":"seed"' el.log || fail "the failing log has no seed decision"
expect_status 1 "$SIMLOOP" replay "$ex/jitter_election.py" --decisions el.log --quiet
expect_in out.txt "split brain"
expect_status 0 "$SIMLOOP" minimize "$ex/jitter_election.py" --decisions el.log -o el.min
expect_in out.txt "random is seeded with"
expect_in out.txt "still fails the same way: assertion"
grep -q '"kind":"seed"' el.min || fail "minimize dropped the seed the failure needs"
expect_status 1 "$SIMLOOP" replay "$ex/jitter_election.py" --decisions el.min --quiet
expect_in out.txt "split brain"
# A timing bug in a program that also uses random: the seed is varied by
# explore, and minimize drops it (the deadlock does not need it).
{ echo "import random"; cat "$ex/lock_order.py"; echo "print(random.random())"; } >lock_random.py
expect_status 1 "$SIMLOOP" explore lock_random.py --strategy random --runs 200 --no-db -o lr.log
grep -q '"kind":"seed"' lr.log || fail "explore did not vary the seed"
expect_status 0 "$SIMLOOP" minimize lock_random.py --decisions lr.log -o lr.min
expect_in out.txt "still fails the same way: deadlock"
grep -q '"kind":"seed"' lr.min && fail "minimize kept a seed the deadlock does not need"
# The oracle applies the same seed decision (native CPython 3.11).
if [ -x /usr/bin/python3 ]; then
  expect_status 0 "$SIMLOOP" conform "$ex/jitter_election.py" --python 3.11 --seed 100
  expect_in out.txt "identical"
fi
exit 0
