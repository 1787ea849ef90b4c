#pragma once

#include "store/Database.h"

#include <QDateTime>
#include <optional>

namespace cb {

// One changed field of an audited record, with values already formatted for a caseworker
// (dates dd/MM/yyyy, money in pounds, codes as their labels).
struct AuditChange {
    QString column; // e.g. "postcode"
    QString label;  // e.g. "postcode", "ODS code"
    QString before; // empty when the field was empty
    QString after;
};

// One row of the audit trail, read back for people.
struct AuditEntry {
    qint64 seq = 0;
    QDateTime at; // UTC
    QString who;
    QString entity;   // table name
    QString recordId;
    QString label;    // the record's name when it changed (for an insert: as it was created)
    QString action;   // insert | update | delete
    QString source;   // e.g. "import epraccur.csv"; empty when typed
    QList<AuditChange> changes;

    // "22/11/2026 14:03 — jsmith changed Contractor A81001 The Surgery: postcode from TS18 1HU to TS18 2AA"
    QString text() const;
    QString recordName() const; // "Contractor A81001 The Surgery"
};

// Reads the audit table: everything that happened to one practice file, newest first.
class AuditTrail {
public:
    explicit AuditTrail(Database& db) : m_db(db) {}

    QList<AuditEntry> forContractor(const QString& contractorId, int limit = 500);
    QList<AuditEntry> forRecord(const QString& recordId, int limit = 500);

    // The values a record was created with (column -> stored value), even after later edits or its
    // deletion: an insert's audit row stores no values (the record holds them), so they are the
    // record as it is now (or as its delete row kept it) with every later update's old values put
    // back. Empty if the trail has no insert for it. Columns added by a later schema version show
    // their current value.
    // `practice` (an audit_practice number, V017) and `entity` (its table), when known, say where
    // its creation is looked for first.
    std::optional<Row> createdWith(const QString& recordId, qint64 practice = 0, const QString& entity = {});

    // Reads a row of the `audit` view or of audit_log (V007: times in seconds, ids as blobs, names
    // and actions as numbers resolved by the caller's query).
    static AuditEntry fromRow(const Row& row);
    // How audit_log stores a record id: a UUID as its 16 bytes, anything else as text.
    static QVariant storedId(const QString& id);
    static QString idText(const QVariant& stored);
    // Human names for a table and its columns ("contract_event" -> "Contract event", "ods_code" -> "ODS code").
    static QString entityName(const QString& table);
    static QString fieldLabel(const QString& table, const QString& column);
    static QString fieldLabel(const QString& column); // the first record type with that column
    static QString formatValue(const QString& table, const QString& column, const QVariant& value);

private:
    AuditEntry named(AuditEntry e, qint64 practice); // gives an insert row without a label (V016) its record's name
    // audit_log rows of one record, newest first: its changes through the record index, its
    // creation through its practice file (V017); `practices` are numbers to look in first.
    QList<Row> rowsOf(const QString& recordId, int limit, QList<qint64> practices, QString entity);
    QList<qint64> practiceNumbers(const QString& contractorId); // its audit_practice numbers (0 or 1 in practice)
    Database& m_db;
};

} // namespace cb
