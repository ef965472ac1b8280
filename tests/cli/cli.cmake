# Command-line tests of the trace commands and conformance (sl_cli_test:
# tests/CMakeLists.txt).

# The trace store's commands (traces/, sim/cmd_{show,diff,import}.c).
sl_cli_test(diff_altered diff_altered.sh)
sl_cli_test(traces traces_cmds.sh)
sl_cli_test(conform_altered conform_altered.sh)
sl_cli_test(run_record run_record.sh)
sl_cli_test(output_files output_files.sh)
sl_cli_test(options options.sh)
sl_cli_test(hardening hardening.sh)

# Conformance: tests/scenarios against real CPython, one test per version
# (docs/conformance.md), also 3.11.7 where such an interpreter exists (these
# machines have it; a fresh Debian 12 does not). 3.12-3.14 need Pyodide (oracle/pyodide: npm ci)
# and are skipped, never passed, without it.
foreach(v 3.11 3.11.7 3.12 3.13 3.14)
  add_test(NAME scenarios.conform.${v}
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/conform_scenarios.sh ${v})
  set_tests_properties(scenarios.conform.${v} PROPERTIES
    SKIP_RETURN_CODE 77 TIMEOUT 900
    ENVIRONMENT "SIMLOOP=$<TARGET_FILE:simloop_cli>;SL_SOURCE_DIR=${PROJECT_SOURCE_DIR};SL_WORK=${CMAKE_CURRENT_BINARY_DIR}/cli-work/conform-${v}")
endforeach()
sl_cli_test(budgets budgets.sh)
