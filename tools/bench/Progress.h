#pragma once

#include <QString>

#include <cstdio>

namespace hb::bench {

// A progress line for the person running the bench, on stderr (stdout carries the report).
inline void progress(const QString &text)
{
    std::fprintf(stderr, "bench: %s\n", qPrintable(text));
    std::fflush(stderr);
}

} // namespace hb::bench
