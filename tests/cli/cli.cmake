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
sl_cli_test(program_env program_env.sh)

# Conformance: tests/scenarios against real CPython, one batch test per
# version (docs/conformance.md), also 3.11.7 where such an interpreter
# exists (these machines have it; a fresh Debian 12 does not). 3.12-3.14
# need Pyodide (oracle/pyodide: npm ci) and are skipped, never passed,
# without it. Then one test per scenario and version,
# scenarios.conform.<V>.<scenario>, reading the batch's report, so a
# failure names its scenario at the cost of one small shell per test
# (tests/cli/conform_scenarios.sh). Scenarios are the .py files of
# tests/scenarios that are not tools (a tool starts with "#!").
file(GLOB _sl_scenarios CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/scenarios/*.py)
set(_sl_scenario_names "")
foreach(f ${_sl_scenarios})
  file(READ ${f} head LIMIT 2)
  if(NOT head STREQUAL "#!")
    get_filename_component(n ${f} NAME)
    list(APPEND _sl_scenario_names ${n})
  endif()
endforeach()
foreach(v 3.11 3.11.7 3.12 3.13 3.14)
  set(batch_work ${CMAKE_CURRENT_BINARY_DIR}/cli-work/conform-${v})
  add_test(NAME scenarios.conform.${v}
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/conform_scenarios.sh ${v})
  set_tests_properties(scenarios.conform.${v} PROPERTIES
    SKIP_RETURN_CODE 77 TIMEOUT 900 LABELS "scenarios;slow"
    ENVIRONMENT "SIMLOOP=$<TARGET_FILE:simloop_cli>;SL_SOURCE_DIR=${PROJECT_SOURCE_DIR};SL_WORK=${batch_work}")
  foreach(n ${_sl_scenario_names})
    string(REGEX REPLACE "\\.py$" "" stem ${n})
    set(t scenarios.conform.${v}.${stem})
    add_test(NAME ${t} COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/conform_scenarios.sh ${v} ${n})
    set_tests_properties(${t} PROPERTIES
      SKIP_RETURN_CODE 77 TIMEOUT 120 LABELS scenarios DEPENDS scenarios.conform.${v}
      ENVIRONMENT "SIMLOOP=$<TARGET_FILE:simloop_cli>;SL_SOURCE_DIR=${PROJECT_SOURCE_DIR};SL_WORK=${CMAKE_CURRENT_BINARY_DIR}/cli-work/conform-${v}-one/${stem};SL_BATCH=${batch_work}")
  endforeach()
endforeach()
sl_cli_test(budgets budgets.sh)
sl_cli_test(aslr aslr.sh)
sl_cli_test(limits limits.sh)
sl_cli_test(scale scale.sh)
