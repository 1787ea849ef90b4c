#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
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
    void archive(const QString& name) override;
    QString describe() const override;

private:
    QString m_root;
};

} // namespace cb::team
