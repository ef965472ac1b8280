add_test(NAME oracle.selftest COMMAND ${CMAKE_SOURCE_DIR}/oracle/tests/run_tests.sh)
