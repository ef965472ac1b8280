# CPython mode (--engine cpython, sim/cpyengine.c, docs/cpython.md):
# run/replay/explore through the oracle's fork server, cross-engine replay,
# and determinism. Skipped (77) when no native CPython 3.11 runs the oracle.
sl_cli_test(cpython_run cpython_run.sh)
sl_cli_test(cpython_cross cpython_cross.sh)
sl_cli_test(cpython_determinism cpython_determinism.sh)
set_tests_properties(cli.cpython_run cli.cpython_cross cli.cpython_determinism
  PROPERTIES TIMEOUT 600)
# ~35 s and ~100 s on these machines (a fork per schedule costs ~45 ms here)
set_tests_properties(cli.cpython_cross cli.cpython_determinism PROPERTIES LABELS "cli;slow")
sl_cli_test(cpython_options cpython_options.sh)
set_tests_properties(cli.cpython_options PROPERTIES TIMEOUT 600)
sl_cli_test(cpython_guard cpython_guard.sh)
set_tests_properties(cli.cpython_guard PROPERTIES TIMEOUT 600)
sl_cli_test(cpython_pytest cpython_pytest.sh)
# ~60 s: pytest collects the test again for every schedule (~100 ms each)
set_tests_properties(cli.cpython_pytest PROPERTIES TIMEOUT 600 LABELS "cli;slow")
sl_cli_test(cpython_demo cpython_demo.sh)
# ~40 s: the Pyodide replay starts Node.js and CPython 3.14 (~20 s)
set_tests_properties(cli.cpython_demo PROPERTIES TIMEOUT 600 LABELS "cli;slow")
sl_cli_test(pytest_plugin pytest_plugin.sh)
# ~60 s: pip installs the oracle into a venv; 500 schedules of 5 async tests
set_tests_properties(cli.pytest_plugin PROPERTIES TIMEOUT 900 LABELS "cli;slow")
