#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

// How replicas reach each other: a folder today (a shared drive, a cloud-sync folder, a USB stick),
// a server hub later. Names are relative paths with '/' ("packages/<replica>/0000000001.cbpkg").
namespace cb::team {

class TeamTransport {
public:
    virtual ~TeamTransport() = default;
    virtual bool reachable() = 0;
    // Every name under prefix, unordered; names of files being written or left by a crash (a
    // component starting with '.') are left out.
    virtual QStringList list(const QString& prefix) = 0;
    virtual std::optional<QByteArray> read(const QString& name) = 0; // nullopt: gone or unreadable now
    // Writes a new file whole (a temporary name renamed into place). Throws Error if a file of that
    // name already exists or it cannot be written; a file once written is never rewritten.
    virtual void writeOnce(const QString& name, const QByteArray& bytes) = 0;
    // The same for a file too large to hold in memory (a snapshot): fill writes it to the device
    // it is given, a part at a time, and returns false if it could not (the device's error says
    // why); an Error it throws is passed on. Nothing is left behind either way. This default holds
    // the whole file in memory: a transport that can stream overrides it.
    virtual void writeOnceWith(const QString& name, const std::function<bool(QIODevice&)>& fill);
    // The file opened for reading a part at a time; nullptr when gone or unreadable now. This
    // default reads it whole.
    virtual std::unique_ptr<QIODevice> openRead(const QString& name);
    // Moves one of this replica's own files to archive/<name> (compaction): its bytes are never
    // changed, and readers still find it there. Throws Error if it cannot.
    virtual void archive(const QString& name) = 0;
    virtual QString describe() const = 0; // "the team folder /mnt/team" for messages
};

class FolderTransport : public TeamTransport {
public:
    explicit FolderTransport(QString root) : m_root(std::move(root)) {}
    bool reachable() override;
    QStringList list(const QString& prefix) override;
    std::optional<QByteArray> read(const QString& name) override;
    void writeOnce(const QString& name, const QByteArray& bytes) override;
    void writeOnceWith(const QString& name, const std::function<bool(QIODevice&)>& fill) override;
    std::unique_ptr<QIODevice> openRead(const QString& name) override;
    void archive(const QString& name) override;
    QString describe() const override;

private:
    QString m_root;
};

} // namespace cb::team
