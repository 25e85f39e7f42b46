# Runs one fuzzer for SECONDS on a working copy of its seeds, then says how many inputs it ran.
#   cmake -DFUZZER=<program> -DSEEDS=<folder> [-DGENERATED_SEEDS=<folder>] -DRUN_DIR=<folder>
#         -DSECONDS=<n> -P run_fuzzer.cmake
# The working corpus (RUN_DIR/corpus) keeps what earlier runs found, so that each run starts
# where the last one stopped; the seeds in the source tree are only ever read. A crash, a leak,
# undefined behaviour or a time-out fails the test and leaves the input in RUN_DIR/artifacts.
foreach(variable FUZZER SEEDS RUN_DIR SECONDS)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "run_fuzzer.cmake needs -D${variable}=...")
  endif()
endforeach()
get_filename_component(name "${FUZZER}" NAME)

file(MAKE_DIRECTORY "${RUN_DIR}/corpus" "${RUN_DIR}/artifacts")
foreach(seeds IN ITEMS "${SEEDS}" "${GENERATED_SEEDS}")
  if(NOT seeds STREQUAL "" AND IS_DIRECTORY "${seeds}")
    file(GLOB seed_files LIST_DIRECTORIES false "${seeds}/*")
    list(FILTER seed_files EXCLUDE REGEX "/\\.done$")
    if(seed_files)
      file(COPY ${seed_files} DESTINATION "${RUN_DIR}/corpus")
    endif()
  endif()
endforeach()

# An input that takes more than 10 s is a hang worth reporting (libFuzzer's default is 20 min).
execute_process(COMMAND "${FUZZER}" -max_total_time=${SECONDS} -print_final_stats=1 -timeout=10
                        "-artifact_prefix=${RUN_DIR}/artifacts/" "${RUN_DIR}/corpus"
                RESULT_VARIABLE result
                OUTPUT_FILE "${RUN_DIR}/output.log"
                ERROR_FILE "${RUN_DIR}/fuzz.log")

file(READ "${RUN_DIR}/fuzz.log" log)
set(summary "${name}:")
foreach(stat number_of_executed_units average_exec_per_sec new_units_added peak_rss_mb)
  if(log MATCHES "stat::${stat}: *([0-9]+)")
    string(APPEND summary " ${stat}=${CMAKE_MATCH_1}")
  endif()
endforeach()
file(GLOB corpus_files "${RUN_DIR}/corpus/*")
list(LENGTH corpus_files corpus_size)
string(APPEND summary " corpus=${corpus_size}")
file(WRITE "${RUN_DIR}/summary.txt" "${summary}\n")

if(NOT result EQUAL 0)
  # The report is at the end of the log: the sanitizer's stack and the input that caused it.
  string(LENGTH "${log}" log_length)
  math(EXPR tail_start "${log_length} - 12000")
  if(tail_start GREATER 0)
    string(SUBSTRING "${log}" ${tail_start} -1 log)
  endif()
  message("${log}")
  message(FATAL_ERROR "${summary}\n${name} failed (exit ${result}); the full log is "
                      "${RUN_DIR}/fuzz.log, the input that failed is in ${RUN_DIR}/artifacts/ "
                      "(replay it with: ${FUZZER} <that file>)")
endif()
message("${summary}")
