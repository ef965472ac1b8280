# One scenario per outcome: each is classified as documented
# (docs/explore.md "Outcomes"), with its detail.
. "$(dirname "$0")/lib.sh"
d="$SL_SOURCE_DIR/tests/cli/explore"
: >none.decisions
check() { # check STATUS FILE TEXT...
  st=$1 f=$2
  shift 2
  expect_status "$st" "$SIMLOOP" replay "$d/$f" --decisions none.decisions --quiet --max-steps 1000
  for t in "$@"; do expect_in out.txt "$t"; done
}
check 0 det_ok.py "ok"
check 0 det_retrieved.py "ok"
check 0 det_cancelled_ok.py "ok"
check 1 det_assertion.py "assertion: AssertionError: x is 1 escaped asyncio.run" 'det_assertion.py", line 6, in main'
check 1 det_exception.py "exception: ValueError: bad value escaped asyncio.run"
check 1 det_handler.py "exception: the loop's exception handler was called 1 time" "RuntimeError: callback failed"
check 1 det_deadlock.py "deadlock at t=0.0 (step 2)" "T1 (Task-1) at $d/det_deadlock.py:5 in main" "waits for Event#1.wait() (never set)"
check 1 det_never_retrieved.py "never-retrieved: 1 task finished with an exception nobody retrieved" "T2 KeyError: 'lost' at $d/det_never_retrieved.py:4 in fail"
check 1 det_pending_at_exit.py "pending-at-exit: main returned while 1 task still ran" "T2 (Task-2) at $d/det_pending_at_exit.py:5 in heartbeat"
check 1 det_budget.py "budget: stopped after 1000 steps"
# --max-time is a budget too.
expect_status 1 "$SIMLOOP" replay "$d/det_pending_at_exit.py" --decisions none.decisions --quiet --max-time 0.015
expect_in out.txt "budget: stopped"
# explore reports a failure under the default schedule as such.
expect_status 1 "$SIMLOOP" explore "$d/det_deadlock.py" --runs 3 --no-db -o dl.log
expect_in out.txt "default schedule: deadlock"
exit 0
