# One async pytest test explored under CPython mode: FILE::TEST
# (oracle/simloop_oracle/pytest_plugin.py, docs/pytest.md) on
# examples/pytest/: the racy test is found, replayed and minimized; its
# fixed twin and the correct tests pass every schedule.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || exit 77  # CPython mode needs a python3; a broken engine must fail, not skip
/usr/bin/python3 -c 'import pytest' 2>/dev/null || exit 77
cp "$SL_SOURCE_DIR"/examples/pytest/*.py .
T=test_service.py

# the race: found by explore, with the test's own message and line
expect_status 1 "$SIMLOOP" explore --engine cpython "$T::test_cache_loads_once" --runs 200 --no-db
expect_in out.txt "default schedule: ok"
expect_in out.txt "AssertionError: user:1 loaded 2 times at"
expect_in out.txt "test_service.py:48 in test_cache_loads_once"
expect_in out.txt "simloop replay --engine cpython $T::test_cache_loads_once --decisions"
log=$(ls test_service-test_cache_loads_once-random-*.decisions)
grep -q "replayed log ended differently" out.txt err.txt && fail "the recorded replay differs"
# replay reproduces it, minimize keeps it failing
expect_status 1 "$SIMLOOP" replay --engine cpython "$T::test_cache_loads_once" --decisions "$log"
expect_in out.txt "user:1 loaded 2 times"
expect_status 0 "$SIMLOOP" minimize --engine cpython "$T::test_cache_loads_once" --decisions "$log" \
  -o min.dec
expect_in out.txt "still fails the same way: assertion"
expect_status 1 "$SIMLOOP" replay --engine cpython "$T::test_cache_loads_once" --decisions min.dec
expect_in out.txt "user:1 loaded 2 times"
# the default schedule passes
expect_status 0 "$SIMLOOP" run --engine cpython "$T::test_cache_loads_once"

# the fixed twin and the correct tests (sync and async fixtures,
# pytest-asyncio's marker, a plain test) pass every schedule
for t in test_single_flight_loads_once test_pool_never_exceeds_its_size test_primed_cache_hits \
  test_many_readers_share_loads test_sync_tests_run_as_usual
do
  expect_status 0 "$SIMLOOP" explore --engine cpython "$T::$t" --runs 60 --no-db
  expect_in out.txt "0 failing"
done

# mistakes are named
expect_status 1 "$SIMLOOP" run --engine cpython "$T::test_nope"
expect_in err.txt "no test test_nope in test_service.py"
expect_status 2 "$SIMLOOP" run "$T::test_cache_loads_once"
expect_in err.txt "runs under --engine cpython only"
expect_status 2 "$SIMLOOP" explore --engine cpython "missing.py::test_x"
expect_in err.txt "missing.py: cannot read"
# pytest's own file reads are not the test's: nothing is refused, and
# nothing is written (no .pytest_cache, no __pycache__)
[ -e .pytest_cache ] && fail "pytest wrote its cache"
[ -e __pycache__ ] && fail "bytecode was written"
exit 0
