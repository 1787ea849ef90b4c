#pragma once

#include "common/Errors.h"
#include "common/Vocabulary.h"
#include "store/Database.h"
#include "store/RecordType.h"

#include <QDate>
#include <optional>

namespace cb {

struct Site;
const RecordModel<Site>& siteRecord();

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

    CB_RECORD_MAPPING(Site, siteRecord)
};

const QList<Choice>& siteStatuses();

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
