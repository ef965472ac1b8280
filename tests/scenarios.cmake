# Conformance by output: every tests/scenarios/*.py under `simloop run
# --python 3.11.2` must print what Debian's CPython 3.11.2 prints (run by
# the oracle on the same virtual clock) and end the same way.
find_program(SL_PYTHON3_ORACLE NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(SL_PYTHON3_ORACLE)
  add_test(NAME scenarios.output
    COMMAND ${SL_PYTHON3_ORACLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_output.py
      --simloop $<TARGET_FILE:simloop_cli> --python ${SL_PYTHON3_ORACLE} --profile 3.11.2)
  set_tests_properties(scenarios.output PROPERTIES TIMEOUT 900)
endif()
