# Runs one libFuzzer harness for SECONDS over a fresh copy of the corpus (ctest, fuzz/CMakeLists.txt).
# Fails when libFuzzer reports anything (non-zero exit) or when it did not run at all.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK} ${ARTIFACTS})
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -timeout=60 -rss_limit_mb=2048 -max_len=65536
          -dict=${DICT} -artifact_prefix=${ARTIFACTS} -print_final_stats=1 ${WORK} ${SEEDS}
  RESULT_VARIABLE status
  ERROR_VARIABLE log)
message("${log}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${FUZZER}: a finding (exit ${status}); the input is in ${ARTIFACTS}")
endif()
if(NOT log MATCHES "stat::number_of_executed_units: ([0-9]+)" OR CMAKE_MATCH_1 LESS 10)
  message(FATAL_ERROR "${FUZZER}: ran fewer than 10 inputs")
endif()
