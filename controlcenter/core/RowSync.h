#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <algorithm>
#include <concepts>
#include <functional>

namespace hb::cc {

// Brings a model's flat list of rows to a new list with the fewest signals: rows whose key
// vanished are removed (contiguous runs in one signal), rows whose content changed are reported
// with dataChanged (runs again), new rows are inserted — at the end, or at their place in
// `less` order when the list is kept sorted. Never a reset, so views keep their selection,
// scroll position and expanded state. The model supplies the begin/end calls as callbacks.
template <class Row, class Key> struct RowSync
{
    std::function<Key(const Row &)> key;
    // Empty: new rows are appended in the order they come. Otherwise the list is kept in this
    // order (existing rows are assumed to be in it already).
    std::function<bool(const Row &, const Row &)> less;
    std::function<void(int first, int last)> beginRemove;
    std::function<void()> endRemove;
    std::function<void(int first, int last)> beginInsert;
    std::function<void()> endInsert;
    std::function<void(int first, int last)> changed;
    // Whether a row's content is unchanged; defaults to operator== where the type has one.
    std::function<bool(const Row &, const Row &)> same;

    bool equal(const Row &a, const Row &b) const
    {
        if (same)
            return same(a, b);
        if constexpr (std::equality_comparable<Row>)
            return a == b;
        else
            return false;
    }

    void apply(QList<Row> &rows, const QList<Row> &incoming) const
    {
        QHash<Key, qsizetype> incomingAt;
        incomingAt.reserve(incoming.size());
        for (qsizetype i = 0; i < incoming.size(); ++i)
            incomingAt.insert(key(incoming[i]), i);

        // Removals, from the end so indexes of runs not yet removed stay valid.
        for (qsizetype i = rows.size() - 1; i >= 0;) {
            if (incomingAt.contains(key(rows[i]))) {
                --i;
                continue;
            }
            const qsizetype last = i;
            while (i >= 0 && !incomingAt.contains(key(rows[i])))
                --i;
            const qsizetype first = i + 1;
            beginRemove(int(first), int(last));
            rows.remove(first, last - first + 1);
            endRemove();
        }

        // Changes, reported in runs of adjacent rows.
        QSet<Key> present;
        present.reserve(rows.size());
        qsizetype runStart = -1;
        for (qsizetype i = 0; i <= rows.size(); ++i) {
            bool differs = false;
            if (i < rows.size()) {
                const Key k = key(rows[i]);
                present.insert(k);
                const Row &next = incoming[incomingAt.value(k)];
                if (!equal(rows[i], next)) {
                    rows[i] = next;
                    differs = true;
                }
            }
            if (differs && runStart < 0)
                runStart = i;
            if (!differs && runStart >= 0) {
                changed(int(runStart), int(i - 1));
                runStart = -1;
            }
        }

        // Insertions: consecutive ones that land next to each other go in one signal.
        QList<Row> batch;
        qsizetype batchAt = -1;
        const auto flush = [&] {
            if (batch.isEmpty())
                return;
            beginInsert(int(batchAt), int(batchAt + batch.size() - 1));
            for (qsizetype j = 0; j < batch.size(); ++j)
                rows.insert(batchAt + j, batch[j]);
            endInsert();
            batch.clear();
        };
        for (const Row &row : incoming) {
            if (present.contains(key(row)))
                continue;
            present.insert(key(row));
            if (!less) {
                if (batch.isEmpty())
                    batchAt = rows.size();
                batch.append(row);
                continue;
            }
            // Position among the rows already in place (the batch is not in `rows` yet).
            const auto position = [&] {
                return std::lower_bound(rows.cbegin(), rows.cend(), row, less) - rows.cbegin();
            };
            qsizetype at = position();
            if (!batch.isEmpty()) {
                if (at == batchAt && !less(row, batch.last())) {
                    batch.append(row); // same gap, after the batch: keeps sorted order
                    continue;
                }
                flush();
                at = position();
            }
            batchAt = at;
            batch.append(row);
        }
        flush();
    }
};

} // namespace hb::cc
