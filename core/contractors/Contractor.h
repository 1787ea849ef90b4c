#pragma once

#include "common/Errors.h"
#include "common/Vocabulary.h"
#include "store/Database.h"
#include "store/RecordType.h"

#include <QDate>
#include <QString>
#include <optional>

namespace cb {

struct Contractor;
const RecordModel<Contractor>& contractorRecord();

// A contractor: the organisation holding primary care contracts (a practice, a pharmacy...).
struct Contractor {
    QString id;
    QString odsCode;
    QString group; // contractorGroups()
    QString name;
    QString address1, address2, address3, address4, address5;
    QString postcode;
    QString telephone;
    QString email;
    QString status = QStringLiteral("active"); // contractorStatuses()
    QDate openDate;
    QDate closeDate;
    QString commissionerCode;
    QString parentCode;
    QString cqcLocationId;
    QString cqcRating; // cqcRatings(), empty if not rated
    QDate cqcRatingDate;
    QString assuranceTier; // assuranceTiers(), empty if not yet assessed
    QString notes;
    QString createdAt, updatedAt;

    CB_RECORD_MAPPING(Contractor, contractorRecord)
    QString addressText() const; // one line, for lists
    QString label() const { return QStringLiteral("%1 %2").arg(odsCode, name); }
};

const QList<Choice>& contractorGroups();
const QList<Choice>& contractorStatuses();
const QList<Choice>& cqcRatings();
const QList<Choice>& assuranceTiers();
QString lrcForGroup(const QString& group); // LMC, LDC, LOC, LPC

// Field rules for a contractor on its own (formats, dates, vocabularies). Normalises codes and
// postcode in place first.
void normalise(Contractor& c);
// The group of a contractor ("" when there is none), for the rules of records that hang off it.
QString contractorGroupOf(Database& db, const QString& contractorId);

void validate(const Contractor& c, Issues& issues, const QDate& today);

struct ContractorFilter {
    QString group, status, tier, commissioner;
    QString search;             // free text: ODS code, name, postcode, town (FTS5 prefix search)
    QString sortColumn = QStringLiteral("name"); // a column of the contractor table
    bool descending = false;
};

class ContractorService {
public:
    explicit ContractorService(Database& db) : m_db(db) {}

    // Validate, then save in one transaction with its audit row. Throw ValidationError.
    Contractor create(Contractor c);
    void update(Contractor c);
    // Refused (ValidationError) while contracts, sites or performer links depend on it: close it instead.
    void remove(const QString& id);
    void close(const QString& id, const QDate& closeDate);

    std::optional<Contractor> get(const QString& id);
    std::optional<Contractor> findByOdsCode(const QString& code);
    QList<Contractor> list(const ContractorFilter& filter, int offset = 0, int limit = -1);
    int count(const ContractorFilter& filter);
    QStringList commissionerCodes(); // distinct, for filters

    // The WHERE clause (with params) for a filter; shared with list models that page in SQL.
    static QString whereClause(const ContractorFilter& filter, QVariantList& params);
    static QString ftsQuery(const QString& search); // user text -> FTS5 MATCH expression

private:
    void checkUnique(const Contractor& c, Issues& issues);
    Database& m_db;
};

} // namespace cb
