#include "common/FileSafety.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMutex>
#include <QStringList>
#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace cb::files {

namespace {

QString display(const QString& path) { return QDir::toNativeSeparators(path); }

QMutex& registryMutex() {
    static QMutex m;
    return m;
}
QStringList& registry() {
    static QStringList list;
    return list;
}

const char* const kCompanions[] = {"-wal", "-shm", "-journal"};

QString megabytes(qint64 bytes) {
    return QLocale(QLocale::English).toString(double(bytes) / (1024.0 * 1024.0), 'f', 0) + QStringLiteral(" MB");
}

} // namespace

bool sameFile(const QString& a, const QString& b) {
    if (a.isEmpty() || b.isEmpty()) return false;
#ifdef Q_OS_UNIX
    struct stat sa {}, sb {};
    const QByteArray ea = QFile::encodeName(a), eb = QFile::encodeName(b);
    if (::stat(ea.constData(), &sa) == 0 && ::stat(eb.constData(), &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
#endif
    const QFileInfo ia(a), ib(b);
    const QString pa = ia.exists() ? ia.canonicalFilePath() : QDir::cleanPath(ia.absoluteFilePath());
    const QString pb = ib.exists() ? ib.canonicalFilePath() : QDir::cleanPath(ib.absoluteFilePath());
#ifdef Q_OS_WIN
    return pa.compare(pb, Qt::CaseInsensitive) == 0;
#else
    return pa == pb;
#endif
}

QByteArray identity(const QString& path) {
    if (path.isEmpty() || path == QLatin1String(":memory:")) return {};
#ifdef Q_OS_UNIX
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) return QByteArray("missing");
    return QByteArray::number(qulonglong(st.st_dev)) + ':' + QByteArray::number(qulonglong(st.st_ino));
#else
    const QFileInfo info(path);
    if (!info.exists()) return QByteArray("missing");
    return info.canonicalFilePath().toLower().toUtf8() + ':' +
           QByteArray::number(info.birthTime().toMSecsSinceEpoch());
#endif
}

Protected::Protected(const QString& path) : m_path(QFileInfo(path).absoluteFilePath()) {
    QMutexLocker lock(&registryMutex());
    registry().append(m_path);
}

Protected::~Protected() {
    QMutexLocker lock(&registryMutex());
    registry().removeOne(m_path);
}

bool isOrdinaryFile(const QString& path) {
    if (path.isEmpty()) return false;
#ifdef Q_OS_UNIX
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISREG(st.st_mode);
#else
    return QFileInfo(path).isFile();
#endif
}

QString whyNotOrdinaryTarget(const QString& target) {
    const QFileInfo info(target);
    if (target.isEmpty() || !info.exists() || info.isDir() || isOrdinaryFile(target)) return {};
    return QStringLiteral("%1 is not an ordinary file (it is a device, a pipe or a socket). Choose a file name in a "
                          "folder: nothing was written.").arg(display(target));
}

QString whyNotWritable(const QString& target) {
    if (target.isEmpty()) return {};
    const QString name = display(target);
    if (const QString why = whyNotOrdinaryTarget(target); !why.isEmpty()) return why;
    {
        QMutexLocker lock(&registryMutex());
        for (const QString& p : registry()) {
            if (sameFile(p, target))
                return QStringLiteral("%1 is the Casebook database in use (or a backup being written). Choose another "
                                      "file name: writing there would destroy it.").arg(name);
            for (const char* suffix : kCompanions)
                if (sameFile(p + QLatin1String(suffix), target))
                    return QStringLiteral("%1 belongs to the Casebook database in use. Choose another file name: "
                                          "writing there would damage the database.").arg(name);
        }
    }
    // Any database (open elsewhere, a backup, another team member's copy) is never an export target.
    QFile f(target);
    if (QFileInfo(target).isFile() && f.open(QIODevice::ReadOnly)) {
        const QByteArray head = f.read(16);
        if (head == QByteArray("SQLite format 3\0", 16))
            return QStringLiteral("%1 is a database. Choose another file name: an export never writes over a "
                                  "database.").arg(name);
    }
    for (const char* suffix : kCompanions) {
        const QString s = QLatin1String(suffix);
        if (target.endsWith(s, Qt::CaseInsensitive) && QFileInfo::exists(target.left(target.size() - s.size())))
            return QStringLiteral("%1 is where a database keeps unsaved changes. Choose another file name.").arg(name);
    }
    return {};
}

void checkWritable(const QString& target) {
    const QString why = whyNotWritable(target);
    if (!why.isEmpty()) throw Error(why);
}

QString whyNotReadable(const QString& path, qint64 maxBytes) {
    const QString name = display(path);
    const QFileInfo info(path);
    if (path.isEmpty()) return QStringLiteral("Choose a file.");
    if (!info.exists()) return QStringLiteral("%1 does not exist. Check the file name.").arg(name);
    if (info.isDir()) return QStringLiteral("%1 is a folder, not a file.").arg(name);
#ifdef Q_OS_UNIX
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return QStringLiteral("%1 could not be read. Check you have permission to open it.").arg(name);
    if (!S_ISREG(st.st_mode))
        return QStringLiteral("%1 is not an ordinary file (it is a device, a pipe or a socket). Save the data to a "
                              "file first and import that.").arg(name);
    const qint64 size = st.st_size;
#else
    if (!info.isFile()) return QStringLiteral("%1 is not an ordinary file. Save the data to a file first.").arg(name);
    const qint64 size = info.size();
#endif
    if (size > maxBytes)
        return QStringLiteral("%1 is %2, larger than any file Casebook imports (at most %3). Check it is the right "
                              "file.").arg(name, megabytes(size), megabytes(maxBytes));
    return {};
}

QByteArray readRegularFile(const QString& path, qint64 maxBytes) {
    const QString why = whyNotReadable(path, maxBytes);
    if (!why.isEmpty()) throw Error(why);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("%1 could not be opened (%2).").arg(display(path), file.errorString()));
    // Read a piece at a time, at most one byte more than allowed: a file growing while it is read is
    // still bounded, and a small file costs a small buffer (QFile::read(n) would allocate and clear
    // n bytes, hundreds of megabytes, for every file).
    QByteArray bytes;
    bytes.reserve(qMin(file.size(), maxBytes) + 1);
    constexpr qint64 kPiece = 1 << 20;
    while (bytes.size() <= maxBytes) {
        const QByteArray piece = file.read(qMin<qint64>(kPiece, maxBytes + 1 - bytes.size()));
        if (piece.isEmpty()) break;
        bytes += piece;
    }
    if (bytes.size() > maxBytes)
        throw Error(QStringLiteral("%1 is larger than any file Casebook imports (at most %2). Check it is the right "
                                   "file.").arg(display(path), megabytes(maxBytes)));
    if (file.error() != QFile::NoError)
        throw Error(QStringLiteral("%1 could not be read (%2).").arg(display(path), file.errorString()));
    return bytes;
}

} // namespace cb::files
