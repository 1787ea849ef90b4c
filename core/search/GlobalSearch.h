#pragma once

#include "store/Database.h"

namespace cb {

// One thing the global search (Ctrl+K) found.
struct SearchHit {
    enum class Kind { Contractor, Performer };
    Kind kind = Kind::Contractor;
    QString id;
    QString title;  // "A81001 The Surgery" / "Dr Jane Smith"
    QString detail; // "General practice · TS18 1HU · Active" / "GP · GMC 1234567"
};

// Finds contractors by ODS code, name, postcode (with or without its space) or address, and
// performers by name or registration number, with SQLite FTS5. Contractors first.
QList<SearchHit> globalSearch(Database& db, const QString& text, int limitPerKind = 20);

// Lists of contracts across all contractors, paged in SQL, for the Contracts screen.
struct ContractListFilter {
    QString route, status;
    QString search;                                      // contractor ODS code / name (FTS5) or reference
    QString sortColumn = QStringLiteral("end_date");     // a column of the result
    bool descending = false;
};

class ContractList {
public:
    explicit ContractList(Database& db) : m_db(db) {}
    // Rows carry the contract's columns plus contractor_name, ods_code, contractor_group.
    QList<Row> list(const ContractListFilter& f, int offset, int limit);
    int count(const ContractListFilter& f);

private:
    static QString where(const ContractListFilter& f, QVariantList& params);
    Database& m_db;
};

} // namespace cb
