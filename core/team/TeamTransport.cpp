#include "team/TeamTransport.h"

#include "common/Errors.h"
#include "common/FileSafety.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cstdio>
#include <unistd.h>

namespace cb::team {

bool FolderTransport::reachable() { return QFileInfo(m_root).isDir(); }

QString FolderTransport::describe() const {
    return QStringLiteral("the team folder %1").arg(QDir::toNativeSeparators(m_root));
}

QStringList FolderTransport::list(const QString& prefix) {
    QStringList out;
    const QDir root(m_root);
    const QString start = root.filePath(prefix);
    if (!QFileInfo(start).isDir()) return out;
    QDirIterator it(start, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString rel = root.relativeFilePath(it.next());
        bool hidden = false;
        for (const QString& part : rel.split(QLatin1Char('/')))
            if (part.startsWith(QLatin1Char('.'))) hidden = true;
        if (!hidden) out << rel;
    }
    return out;
}

void TeamTransport::writeOnceWith(const QString& name, const std::function<bool(QIODevice&)>& fill) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!fill(buffer))
        throw Error(QStringLiteral("Could not write %1 to %2: the next sync tries again.").arg(name, describe()));
    writeOnce(name, buffer.data());
}

std::unique_ptr<QIODevice> TeamTransport::openRead(const QString& name) {
    auto bytes = read(name);
    if (!bytes) return nullptr;
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(*bytes);
    buffer->open(QIODevice::ReadOnly);
    return buffer;
}

namespace {
// A pipe or device put where a team file belongs would hold the sync forever, or fill memory.
void refuseUnordinary(const QString& path, const QString& name) {
    if (QFileInfo::exists(path) && !QFileInfo(path).isDir() && !files::isOrdinaryFile(path))
        throw Error(QStringLiteral("%1 in the team folder is not an ordinary file (it is a device, a pipe or a "
                                   "socket). Ask whoever looks after the team folder to remove it; nothing was "
                                   "changed.").arg(name));
}
} // namespace

std::optional<QByteArray> FolderTransport::read(const QString& name) {
    const auto f = openRead(name);
    if (!f) return std::nullopt;
    return f->readAll();
}

std::unique_ptr<QIODevice> FolderTransport::openRead(const QString& name) {
    const QString path = QDir(m_root).filePath(name);
    refuseUnordinary(path, name);
    auto f = std::make_unique<QFile>(path);
    if (!f->open(QIODevice::ReadOnly)) return nullptr;
    return f;
}

void FolderTransport::writeOnce(const QString& name, const QByteArray& bytes) {
    writeOnceWith(name, [&bytes](QIODevice& out) { return out.write(bytes) == bytes.size(); });
}

void FolderTransport::writeOnceWith(const QString& name, const std::function<bool(QIODevice&)>& fill) {
    const QString target = QDir(m_root).filePath(name);
    const QFileInfo info(target);
    // The folders this write makes (retired/ID/ for a first retirement): taken away again if the file
    // cannot be written, so a failed write leaves nothing behind.
    QStringList made;
    for (QString dir = info.absolutePath(); !QFileInfo::exists(dir) && dir != QFileInfo(dir).absolutePath();
         dir = QFileInfo(dir).absolutePath())
        made << dir;
    const auto unmake = [&made] {
        for (const QString& dir : made) QDir().rmdir(dir); // deepest first; never a folder with something in it
    };
    if (!QDir().mkpath(info.absolutePath())) {
        unmake();
        throw Error(QStringLiteral("Could not create the folder %1 in the team folder: check the drive is connected "
                                   "and you may write there.").arg(QDir::toNativeSeparators(info.absolutePath())));
    }
    if (info.exists())
        throw Error(QStringLiteral("%1 already exists in the team folder and is never rewritten.").arg(name));
    const QString temp = info.absolutePath() + QStringLiteral("/.%1.tmp-%2")
                                                   .arg(info.fileName())
                                                   .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    QFile f(temp);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        unmake();
        throw Error(QStringLiteral("Could not write to the team folder (%1): check the drive is connected and you may "
                                   "write there.").arg(f.errorString()));
    }
    bool written = false;
    try {
        written = fill(f) && f.flush() && ::fsync(f.handle()) == 0;
    } catch (...) {
        f.close();
        QFile::remove(temp);
        unmake();
        throw;
    }
    f.close();
    if (!written) {
        QFile::remove(temp);
        unmake();
        throw Error(QStringLiteral("Could not write %1 to the team folder: check there is space on the drive. Nothing "
                                   "was lost; the next sync tries again.").arg(name));
    }
    // link() never replaces an existing file, unlike rename(): the name is taken once.
    if (::link(QFile::encodeName(temp).constData(), QFile::encodeName(target).constData()) != 0) {
        QFile::remove(temp);
        unmake();
        throw Error(QStringLiteral("Could not put %1 in the team folder (it may already exist): the next sync tries "
                                   "again.").arg(name));
    }
    QFile::remove(temp);
}

void FolderTransport::archive(const QString& name) {
    const QDir root(m_root);
    const QString from = root.filePath(name), to = root.filePath(QStringLiteral("archive/") + name);
    if (!QDir().mkpath(QFileInfo(to).absolutePath()) ||
        ::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        throw Error(QStringLiteral("Could not move %1 to the archive folder of the team folder: check you may write "
                                   "there. Nothing was lost.").arg(name));
}

} // namespace cb::team
