#pragma once

#include "ErrorCode.h"

#include <QString>

namespace hb {

// What the server tells a client when a message cannot be served: the `code` and `message` of
// an `error` reply (the `ref` travels separately, see ParseResult and withRef()).
struct ProtocolError
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
};

} // namespace hb
