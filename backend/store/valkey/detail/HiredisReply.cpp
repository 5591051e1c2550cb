#include "HiredisReply.h"

#include <hiredis/hiredis.h>

namespace hb::detail {

ValkeyReply toValkeyReply(const redisReply *reply)
{
    if (!reply)
        return ValkeyReply::nil();
    const auto bytes = [reply] { return QByteArray(reply->str, qsizetype(reply->len)); };
    switch (reply->type) {
    case REDIS_REPLY_STRING:
        return ValkeyReply::string(bytes());
    case REDIS_REPLY_STATUS:
        return ValkeyReply::status(bytes());
    case REDIS_REPLY_ERROR:
        return ValkeyReply::error(bytes());
    case REDIS_REPLY_INTEGER:
        return ValkeyReply::integer(reply->integer);
    case REDIS_REPLY_ARRAY: {
        QList<ValkeyReply> elements;
        elements.reserve(qsizetype(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i)
            elements.append(toValkeyReply(reply->element[i]));
        return ValkeyReply::array(std::move(elements));
    }
    case REDIS_REPLY_NIL:
    default:
        return ValkeyReply::nil();
    }
}

} // namespace hb::detail
