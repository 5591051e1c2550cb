#include "TestTempDir.h"

#include <QDir>
#include <QFile>

namespace hb::test {

QString testTempRoot()
{
    QString root = qEnvironmentVariable("HB_TEST_TMPDIR");
    if (root.isEmpty())
        root = QDir::tempPath() + QStringLiteral("/halobestie-tests");
    QDir().mkpath(root);
    QFile::setPermissions(root, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                    QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                    QFileDevice::WriteOther | QFileDevice::ExeOther |
                                    QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                    QFileDevice::ExeGroup);
    return root;
}

} // namespace hb::test
