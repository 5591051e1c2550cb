#pragma once

// Private to halobestie_valkey.

#include "store/valkey/ValkeyReply.h"

struct redisReply;

namespace hb::detail {

// Deep-copies a hiredis reply (which hiredis frees as soon as the callback returns).
ValkeyReply toValkeyReply(const redisReply *reply);

} // namespace hb::detail
