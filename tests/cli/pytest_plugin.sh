# The pytest plugin (oracle/simloop_oracle/pytest_sim.py, docs/pytest.md),
# installed as a user installs it: `pip install ./oracle` into a venv that
# sees Debian's pytest (offline: --no-index --no-build-isolation, with
# Debian's setuptools and wheel). On examples/pytest/: `pytest
# --simloop-runs 500` finds the race (the seed simloop's own explore finds,
# the same decision log), the replay command reproduces it in pytest and
# in `simloop replay --engine cpython`, the correct tests (sync and async
# fixtures, pytest-asyncio's marker) pass every schedule, and --junitxml
# carries it all.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || exit 77  # CPython mode needs a python3; a broken engine must fail, not skip
PY=/usr/bin/python3
$PY -c 'import pytest, setuptools, wheel, ensurepip' 2>/dev/null || exit 77

# the package, copied so that pip's build files stay out of the tree
mkdir pkg
cp -r "$SL_SOURCE_DIR/oracle/simloop_oracle" "$SL_SOURCE_DIR/oracle/pyproject.toml" \
  "$SL_SOURCE_DIR/oracle/README.md" pkg/
rm -rf pkg/simloop_oracle/__pycache__
expect_status 0 $PY -m venv --system-site-packages venv
expect_status 0 venv/bin/pip install --no-index --no-build-isolation ./pkg
cp "$SL_SOURCE_DIR"/examples/pytest/*.py .
T=test_service.py
pytest() { venv/bin/python -m pytest -p no:cacheprovider "$@"; }

# without options the async tests run once, on the default schedule
expect_status 0 pytest $T
expect_in out.txt "plugins: simloop-oracle-0.1.0"
expect_in out.txt "6 passed"

# the exploration: the race found at seed 5, as `simloop explore` finds it
expect_status 1 pytest $T --simloop-runs 500 --junitxml junit.xml -rA
expect_in out.txt "1 failed, 5 passed"
expect_in out.txt "FAILED test_service.py::test_cache_loads_once"
expect_in out.txt "AssertionError: user:1 loaded 2 times"
log=simloop-logs/test_service.py_test_cache_loads_once.log
expect_in out.txt "simloop: seed 5 (strategy random, run 6 of 500) fails: assertion: AssertionError: user:1 loaded 2 times at"
expect_in out.txt "decision log: $log (5 non-default decisions)"
expect_in out.txt "replay: pytest $T::test_cache_loads_once --simloop-replay $log"
expect_in out.txt "async tests explored with 500 random schedules each (and the default one); 1 failing"
for t in test_single_flight_loads_once test_pool_never_exceeds_its_size test_primed_cache_hits \
  test_many_readers_share_loads test_sync_tests_run_as_usual; do
  expect_in out.txt "PASSED $T::$t"
done
# --junitxml: the failure with its seed and log, the passing tests
expect_in junit.xml 'tests="6"'
expect_in junit.xml 'failures="1"'
expect_in junit.xml '<testcase classname="test_service" name="test_cache_loads_once"'
expect_in junit.xml '<property name="simloop_seed" value="5" />'
expect_in junit.xml "<property name=\"simloop_log\" value=\"$log\" />"
expect_in junit.xml "decision log: $log"
expect_in junit.xml '<property name="simloop_runs" value="500" />'
cp "$log" found.log

# simloop's own explore finds the same schedule: the same log
expect_status 1 "$SIMLOOP" explore --engine cpython "$T::test_cache_loads_once" --runs 50 --no-db \
  -o simloop.log
expect_in out.txt "FAILED at run 5 (seed 5)"
grep -v '^#' found.log >a.dec
grep -v '^#' simloop.log >b.dec
cmp -s a.dec b.dec || fail "the plugin's log differs from simloop explore's"

# the replay command reproduces it, in pytest and in simloop
expect_status 1 pytest "$T::test_cache_loads_once" --simloop-replay found.log --junitxml r.xml
expect_in out.txt "1 failed"
expect_in out.txt "AssertionError: user:1 loaded 2 times"
expect_in r.xml "<property name=\"simloop_replay\" value=\"found.log\" />"
expect_status 1 "$SIMLOOP" replay --engine cpython "$T::test_cache_loads_once" --decisions found.log
expect_in out.txt "user:1 loaded 2 times"
# the correct twin under the same log passes
expect_status 0 pytest "$T::test_single_flight_loads_once" --simloop-replay found.log

# the other strategies explore too; the correct tests pass all
expect_status 1 pytest $T --simloop-runs 200 --simloop-strategy pct
expect_in out.txt "1 failed, 5 passed"
expect_in out.txt "(strategy pct, run"
expect_status 0 pytest $T --simloop-runs 300 --simloop-strategy bounded -k "not loads_once"
expect_in out.txt "4 passed"

# what cannot be made deterministic is refused inside a test too
cat >test_guard.py <<'PY'
import asyncio
async def test_reads_a_file():
    await asyncio.sleep(1)
    open("data.txt").read()
PY
echo x >data.txt
expect_status 1 pytest test_guard.py --simloop-runs 3
expect_in out.txt "not simulated: a real file opened for reading: 'data.txt' at test_guard.py:4"

# pytest-asyncio's event_loop fixture is the test's virtual loop
cat >test_loop.py <<'PY'
import asyncio
async def test_event_loop_fixture(event_loop):
    assert asyncio.get_running_loop() is event_loop
    fut = event_loop.create_future()
    event_loop.call_later(3600, fut.set_result, "an hour later")
    assert await fut == "an hour later"
    assert 3600.0 <= event_loop.time() < 3601.0  # the virtual clock, from 0.0
    assert type(event_loop).__name__ == "_UnixSelectorEventLoop"  # as CPython's on Linux
PY
expect_status 0 pytest test_loop.py --simloop-runs 5
expect_in out.txt "1 passed"

# bad options are pytest's usage errors
expect_status 4 pytest $T --simloop-replay nope.log
expect_in err.txt "--simloop-replay: cannot read decision log nope.log"
expect_status 4 pytest $T --simloop-runs 5 --simloop-replay found.log
expect_status 4 pytest $T --simloop-strategy nope
exit 0
