# Conformance by output: every tests/scenarios/*.py under `simloop run
# --python 3.11.2` must print what Debian's CPython 3.11.2 prints (run by
# the oracle on the same virtual clock) and end the same way. Four shards,
# so that ctest runs them in parallel and none nears its timeout on a
# loaded machine (the whole corpus in one test once took over 900 s).
find_program(SL_PYTHON3_ORACLE NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(SL_PYTHON3_ORACLE)
  foreach(shard 1 2 3 4)
    add_test(NAME scenarios.output.${shard}
      COMMAND ${SL_PYTHON3_ORACLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_output.py
        --simloop $<TARGET_FILE:simloop_cli> --python ${SL_PYTHON3_ORACLE} --profile 3.11.2
        --shard ${shard}/4)
    set_tests_properties(scenarios.output.${shard} PROPERTIES TIMEOUT 900)
  endforeach()
endif()
