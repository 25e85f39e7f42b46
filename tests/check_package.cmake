# Builds the .deb with CPack and checks its file list and dependencies.
# cmake -DBUILD_DIR=... -DOUT_DIR=... -P check_package.cmake
file(REMOVE_RECURSE "${OUT_DIR}")
execute_process(COMMAND "${CMAKE_CPACK_COMMAND}" -G DEB -B "${OUT_DIR}" --config "${BUILD_DIR}/CPackConfig.cmake"
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cpack failed:\n${output}")
endif()
file(GLOB packages "${OUT_DIR}/digitpad_*_amd64.deb")
list(LENGTH packages count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one digitpad_*_amd64.deb in ${OUT_DIR}, found: ${packages}")
endif()

execute_process(COMMAND dpkg-deb --contents "${packages}" OUTPUT_VARIABLE contents RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "dpkg-deb cannot list ${packages}")
endif()
foreach(expected
    ./usr/bin/digitpad
    ./usr/bin/digitpad-cli
    ./usr/share/digitpad/models/default.dpmodel
    ./usr/share/digitpad/mnist/train-images-idx3-ubyte.gz
    ./usr/share/digitpad/mnist/t10k-labels-idx1-ubyte.gz
    ./usr/share/applications/io.github.digitpad.DigitPad.desktop
    ./usr/share/metainfo/io.github.digitpad.DigitPad.metainfo.xml
    ./usr/share/icons/hicolor/scalable/apps/io.github.digitpad.DigitPad.svg
    ./usr/share/icons/hicolor/256x256/apps/io.github.digitpad.DigitPad.png
    ./usr/share/doc/digitpad/copyright
    ./usr/share/doc/digitpad/changelog.Debian.gz
    ./usr/share/man/man1/digitpad.1
    ./usr/share/man/man1/digitpad-cli.1
    ./usr/share/bash-completion/completions/digitpad-cli
    ./usr/share/zsh/vendor-completions/_digitpad-cli
    ./usr/lib/systemd/system/digitpad-serve@.service)
  string(FIND "${contents}" " ${expected}\n" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "${expected} is missing from the package:\n${contents}")
  endif()
endforeach()

execute_process(COMMAND dpkg-deb --field "${packages}" Depends OUTPUT_VARIABLE depends)
foreach(expected libtorch libqt6widgets6 libqt6network6 libqcustomplot libopenblas0-openmp qt6-qpa-plugins libc6)
  string(FIND "${depends}" "${expected}" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "the package does not depend on ${expected}: ${depends}")
  endif()
endforeach()
# A long description under the summary line, as Debian asks of every package.
execute_process(COMMAND dpkg-deb --field "${packages}" Description OUTPUT_VARIABLE description)
string(FIND "${description}" "\n DigitPad reads handwritten digits" found)
if(found EQUAL -1)
  message(FATAL_ERROR "the package has no long description: ${description}")
endif()
message(STATUS "${packages}\nDepends: ${depends}")

# The service's hardening as systemd itself scores it: exposure 0 (locked down) to 10; the
# threshold is in tenths.
find_program(SYSTEMD_ANALYZE systemd-analyze)
if(SYSTEMD_ANALYZE)
  set(unpacked "${OUT_DIR}/unpacked")
  execute_process(COMMAND dpkg-deb -x "${packages}" "${unpacked}")
  configure_file("${unpacked}/usr/lib/systemd/system/digitpad-serve@.service"
                 "${OUT_DIR}/digitpad-serve@8080.service" COPYONLY)
  execute_process(COMMAND "${SYSTEMD_ANALYZE}" security --offline=yes --threshold=20
                          "${OUT_DIR}/digitpad-serve@8080.service"
                  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "digitpad-serve@.service is exposed above 2 of 10:\n${output}")
  endif()
  string(REGEX MATCH "Overall exposure level[^\n]*" exposure "${output}")
  message(STATUS "${exposure}")
endif()
