# The oracle's self-test (oracle/tests/check.py), one CTest test per
# interpreter: oracle.selftest.<version>. Skipped (exit 77), never passed,
# when that interpreter is not installed here. The limit is for a hang: on
# a loaded 2-core machine (a niced chroot `make test` beside six builds)
# the Pyodide ones took 470-490 s and 3.13 passed 600.
foreach(v 3.11 3.11.7 3.12 3.13 3.14)
  add_test(NAME oracle.selftest.${v}
    COMMAND sh ${PROJECT_SOURCE_DIR}/oracle/tests/run_tests.sh ${v})
  set_tests_properties(oracle.selftest.${v} PROPERTIES
    SKIP_RETURN_CODE 77 TIMEOUT 1500 LABELS oracle)
endforeach()
