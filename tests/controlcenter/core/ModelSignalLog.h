#pragma once

// Counts what a model reports, to check updates are in place (no resets, few signals).
#include <QAbstractItemModel>
#include <QObject>

namespace hb::cc::test {

struct ModelSignalLog
{
    int resets = 0;
    int inserts = 0;
    int removes = 0;
    int moves = 0;
    int changes = 0;
    int layoutChanges = 0;
    int rowsInserted = 0; // summed over insert signals
    int rowsRemoved = 0;

    explicit ModelSignalLog(QAbstractItemModel *model)
    {
        QObject::connect(model, &QAbstractItemModel::modelReset, [this] { ++resets; });
        QObject::connect(model, &QAbstractItemModel::layoutChanged, [this] { ++layoutChanges; });
        QObject::connect(model, &QAbstractItemModel::rowsInserted,
                         [this](const QModelIndex &, int first, int last) {
                             ++inserts;
                             rowsInserted += last - first + 1;
                         });
        QObject::connect(model, &QAbstractItemModel::rowsRemoved,
                         [this](const QModelIndex &, int first, int last) {
                             ++removes;
                             rowsRemoved += last - first + 1;
                         });
        QObject::connect(model, &QAbstractItemModel::rowsMoved, [this] { ++moves; });
        QObject::connect(model, &QAbstractItemModel::dataChanged, [this] { ++changes; });
    }

    void clear()
    {
        resets = inserts = removes = moves = changes = layoutChanges = 0;
        rowsInserted = rowsRemoved = 0;
    }
    int structural() const { return resets + inserts + removes + moves + layoutChanges; }
};

} // namespace hb::cc::test
