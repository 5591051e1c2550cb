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

# Unity builds for the libraries and programs: one translation unit per dozen sources. Most of a
# source's compile time here is parsing Qt's headers (about 4 MiB per file), so this roughly
# halves a full build, which CI does twice on two cores. Off for per-file work (clangd, IWYU).
# Tests stay one file each (nothing to merge). Sources in one target must therefore not define
# the same name at file scope, even in an anonymous namespace.
option(HB_UNITY_BUILD "Compile each library and program in batches of sources" ON)
function(hb_unity_build target)
  if(HB_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 12)
  endif()
endfunction()
