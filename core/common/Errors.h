#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <stdexcept>

namespace cb {

// A problem with one field of a record, worded for a caseworker.
struct FieldIssue {
    QString field;   // the record's field name, e.g. "odsCode"; empty for the record as a whole
    QString message; // e.g. "A GP practice code is a letter followed by 5 digits, like A81001."
};

// Base of every error Casebook shows to a user: what() is the user-facing message.
class Error : public std::runtime_error {
public:
    explicit Error(const QString& message) : std::runtime_error(message.toStdString()), m_message(message) {}
    QString message() const { return m_message; }

private:
    QString m_message;
};

// Input was rejected by a domain rule. Nothing was written.
class ValidationError : public Error {
public:
    explicit ValidationError(QList<FieldIssue> issues)
        : Error(joined(issues)), m_issues(std::move(issues)) {}
    ValidationError(const QString& field, const QString& message) : ValidationError(QList<FieldIssue>{{field, message}}) {}
    const QList<FieldIssue>& issues() const { return m_issues; }
    QString messageFor(const QString& field) const {
        QStringList out;
        for (const auto& i : m_issues)
            if (i.field == field) out << i.message;
        return out.join(' ');
    }

private:
    static QString joined(const QList<FieldIssue>& issues) {
        QStringList parts;
        for (const auto& i : issues) parts << i.message;
        return parts.join('\n');
    }
    QList<FieldIssue> m_issues;
};

// The database could not do what was asked (locked, disk full, corrupt...).
class DatabaseError : public Error {
public:
    using Error::Error;
};

// A database file could not be opened; the file was not changed.
class OpenError : public Error {
public:
    enum class Kind { NotCasebook, TooNew, ReadOnly, Corrupt, Missing, Io };
    OpenError(Kind kind, const QString& message) : Error(message), m_kind(kind) {}
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

// Collects field issues while a record is validated.
class Issues {
public:
    void add(const QString& field, const QString& message) { m_list.append({field, message}); }
    bool isEmpty() const { return m_list.isEmpty(); }
    const QList<FieldIssue>& list() const { return m_list; }
    void throwIfAny() const {
        if (!m_list.isEmpty()) throw ValidationError(m_list);
    }

private:
    QList<FieldIssue> m_list;
};

} // namespace cb
