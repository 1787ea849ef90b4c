#pragma once

#include "common/Errors.h"
#include "common/Vocabulary.h"
#include "store/Database.h"

#include <QDate>
#include <optional>

namespace cb {

// A contractor's premises: the main surgery, a branch surgery, a satellite clinic.
struct Site {
    QString id;
    QString contractorId;
    QString code; // e.g. branch surgery code A81004001; optional
    QString name;
    QString address1, address2, address3, address4;
    QString postcode;
    QString status = QStringLiteral("active"); // siteStatuses()
    QDate openDate, closeDate;

    qint64 rowVersion = 0; // row_version as loaded: a save from an older version is refused

    Row toRow() const;
    static Site fromRow(const Row& row);
};

const QList<Choice>& siteStatuses();

// How each record type is stored, shown and checked (store/RecordType.h).
const RecordModel<Site>& siteRecord();

void validate(const Site& s, const QString& contractorGroup, Issues& issues);

class SiteService {
public:
    explicit SiteService(Database& db) : m_db(db) {}
    Site create(Site s);
    void update(Site s);
    void remove(const QString& id);
    std::optional<Site> get(const QString& id);
    QList<Site> forContractor(const QString& contractorId);

private:
    void check(Site& s);
    Database& m_db;
};

} // namespace cb
