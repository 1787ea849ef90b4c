#include "exchange/AtomicFile.h"

#include "common/FileSafety.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace cb {

void writeFileAtomically(const QString& path, const QByteArray& data) {
    writeFileAtomically(path, [&](const std::function<void(const QByteArray&)>& write) { write(data); });
}

void writeFileAtomically(const QString& path,
                         const std::function<void(const std::function<void(const QByteArray&)>& write)>& produce) {
    const QString name = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (path.isEmpty()) throw ExportError(QStringLiteral("Choose a file name for the export."));
    if (info.isDir()) throw ExportError(QStringLiteral("%1 is a folder: choose a file name.").arg(name));
    if (!QFileInfo(info.absolutePath()).isDir())
        throw ExportError(QStringLiteral("The folder for %1 does not exist. Choose an existing folder.").arg(name));
    // Never over a database, its journal, or a backup being written (issue 16).
    if (const QString why = files::whyNotWritable(path); !why.isEmpty()) throw ExportError(why);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw ExportError(QStringLiteral("%1 could not be written (%2). Check you may write to that folder and the "
                                         "file is not open in another program.").arg(name, file.errorString()));
    produce([&](const QByteArray& data) {
        if (file.write(data) != data.size()) {
            const QString why = file.errorString();
            file.cancelWriting();
            throw ExportError(QStringLiteral("%1 could not be written (%2). Nothing was saved; check there is space "
                                             "on the drive.").arg(name, why));
        }
    });
    if (!file.commit())
        throw ExportError(QStringLiteral("%1 could not be saved (%2). Nothing was saved; check the file is not open "
                                         "in another program.").arg(name, file.errorString()));
}

QByteArray readWholeFile(const QString& path) {
    // Only regular files, and only as much as an import can hold: /dev/zero or a pipe is refused
    // at once rather than read until memory runs out or forever.
    return files::readRegularFile(path);
}

} // namespace cb
