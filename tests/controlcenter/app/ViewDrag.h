#pragma once

// Drags a row of an item view onto another row the way the view receives a real drag: the mime
// data its own startDrag() would build (the model's mimeData() for the row), then enter, move
// and drop events on the viewport over the target row. (QDrag::exec() itself runs the window
// system's drag loop, which the offscreen platform cannot drive.)
#include <QAbstractItemView>
#include <QCoreApplication>
#include <QDropEvent>
#include <QMimeData>
#include <memory>

namespace hb::ui::test {

inline Qt::DropAction dragOnto(QAbstractItemView *view, const QModelIndex &from,
                               const QModelIndex &to)
{
    view->setCurrentIndex(from);
    view->scrollTo(to);
    std::unique_ptr<QMimeData> mime(view->model()->mimeData({from}));
    if (!mime)
        return Qt::IgnoreAction;
    const QPoint at = view->visualRect(to).center();
    QWidget *viewport = view->viewport();
    QDragEnterEvent enter(at, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enter);
    if (!enter.isAccepted())
        return Qt::IgnoreAction;
    QDragMoveEvent move(at, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    if (!move.isAccepted())
        return Qt::IgnoreAction;
    QDropEvent drop(at, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &drop);
    return drop.isAccepted() ? drop.dropAction() : Qt::IgnoreAction;
}

} // namespace hb::ui::test
