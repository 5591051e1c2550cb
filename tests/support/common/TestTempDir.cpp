#include "TestTempDir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <sys/stat.h>
#include <unistd.h>

namespace hb::test {

QString testTempRoot()
{
    QString root = qEnvironmentVariable("HB_TEST_TMPDIR");
    if (root.isEmpty())
        root = QDir::tempPath() + QStringLiteral("/halobestie-tests-%1").arg(::getuid());
    QDir().mkpath(root);
    QFile::setPermissions(root, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                    QFileDevice::ExeOwner);
    return root;
}

bool isReachableBy(const QString &path, uid_t uid, gid_t gid)
{
    if (uid == 0)
        return QFileInfo(path).isDir(); // root passes every permission check
    QString dir = QFileInfo(path).absoluteFilePath();
    for (;;) {
        struct stat st{};
        if (::stat(QFile::encodeName(dir).constData(), &st) != 0 || !S_ISDIR(st.st_mode))
            return false;
        const mode_t search = st.st_uid == uid ? S_IXUSR : st.st_gid == gid ? S_IXGRP : S_IXOTH;
        if ((st.st_mode & search) == 0)
            return false;
        if (dir == QLatin1String("/"))
            return true;
        const QString parent = QFileInfo(dir).path();
        if (parent == dir)
            return true;
        dir = parent;
    }
}

QString tempRootReachableBy(uid_t uid, gid_t gid, QString *error)
{
    const QStringList candidates{QDir::tempPath(), QStringLiteral("/tmp")};
    for (const QString &candidate : candidates) {
        if (isReachableBy(candidate, uid, gid))
            return candidate;
    }
    *error = QStringLiteral("user %1 cannot reach %2: no place for the server's data (set "
                            "TMPDIR to a directory every user may enter, such as /tmp)")
                 .arg(uid)
                 .arg(candidates.join(QStringLiteral(" or ")));
    return {};
}

} // namespace hb::test
