# Finds every external dependency once, with a clear message naming the Debian package when one
# is missing (scripts/install-deps.sh installs them all).
set(hb_qt_components Core Network WebSockets)
if(HB_BUILD_TESTS)
  list(APPEND hb_qt_components Test)
endif()
find_package(Qt6 ${HB_QT_MIN_VERSION} COMPONENTS ${hb_qt_components})
if(NOT Qt6_FOUND)
  message(FATAL_ERROR "Qt ${HB_QT_MIN_VERSION} (${hb_qt_components}) not found: "
    "run scripts/install-deps.sh (packages qt6-base-dev qt6-websockets-dev)")
endif()

# The server's own libraries: only the backend needs them (the control center and the tools are
# WebSocket clients), so a desktop-only build on Windows or macOS never looks for them.
if(HB_BUILD_BACKEND)
find_package(PkgConfig REQUIRED)
pkg_check_modules(HIREDIS IMPORTED_TARGET hiredis>=${HB_HIREDIS_MIN_VERSION})
if(NOT HIREDIS_FOUND)
  message(FATAL_ERROR "hiredis >= ${HB_HIREDIS_MIN_VERSION} not found: run scripts/install-deps.sh (package libhiredis-dev)")
endif()
pkg_check_modules(PQXX IMPORTED_TARGET libpqxx>=${HB_PQXX_MIN_VERSION})
if(NOT PQXX_FOUND)
  message(FATAL_ERROR "libpqxx >= ${HB_PQXX_MIN_VERSION} not found: run scripts/install-deps.sh (package libpqxx-dev)")
endif()
pkg_check_modules(SODIUM IMPORTED_TARGET libsodium>=${HB_SODIUM_MIN_VERSION})
if(NOT SODIUM_FOUND)
  message(FATAL_ERROR "libsodium >= ${HB_SODIUM_MIN_VERSION} not found: run scripts/install-deps.sh (package libsodium-dev)")
endif()
endif()

if(HB_BUILD_CONTROLCENTER)
  find_package(Qt6 ${HB_QT_MIN_VERSION} COMPONENTS Gui Widgets Charts Svg LinguistTools)
  if(NOT Qt6Widgets_FOUND OR NOT Qt6Charts_FOUND OR NOT Qt6Svg_FOUND OR NOT Qt6LinguistTools_FOUND)
    message(FATAL_ERROR "Qt Widgets/Charts/Svg/LinguistTools not found: run scripts/install-deps.sh "
      "(packages qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools), "
      "or configure with -DHB_BUILD_CONTROLCENTER=OFF")
  endif()
endif()
