# One INTERFACE target carries the language standard, Qt's strictness macros and warnings for
# every target of the project, so no target can drift from the others.
add_library(halobestie_options INTERFACE)
add_library(HaloBestie::options ALIAS halobestie_options)

target_compile_features(halobestie_options INTERFACE cxx_std_20)
target_compile_definitions(halobestie_options INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_FOREACH
  QT_USE_QSTRINGBUILDER
  QT_DISABLE_DEPRECATED_BEFORE=0x060400)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(halobestie_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    -Wimplicit-fallthrough -Wformat=2)
  if(HB_WARNINGS_AS_ERRORS)
    target_compile_options(halobestie_options INTERFACE -Werror)
  endif()
elseif(MSVC)
  target_compile_options(halobestie_options INTERFACE /W4 /permissive- /utf-8)
endif()

option(HB_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
option(HB_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(HB_SANITIZE)
  target_compile_options(halobestie_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(halobestie_options INTERFACE -fsanitize=address,undefined)
endif()
