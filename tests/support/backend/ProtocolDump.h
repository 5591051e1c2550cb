#pragma once

#include <QString>

namespace hb::test {

// Records every text frame the end-to-end clients receive from the real backend, one per line,
// in the file named by HB_PROTOCOL_DUMP (set per test by tests/CMakeLists.txt). The ctest step
// protocol_contract_e2e validates them against docs/asyncapi.yaml, so the machine-readable
// contract cannot drift from what the server sends. Without the variable nothing is written.
class ProtocolDump
{
public:
    static void record(const QString &frame);
};

} // namespace hb::test
