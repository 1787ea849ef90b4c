#pragma once

#include "common/Errors.h"
#include "common/Vocabulary.h"
#include "store/Database.h"
#include "store/RecordType.h"

#include <QDate>
#include <optional>

namespace cb {

struct Performer;
const RecordModel<Performer>& performerRecord();

// A named professional: GP, dentist, optometrist, pharmacist...
struct Performer {
    QString id;
    QString givenName, familyName;
    QString profession;         // professions()
    QString registrationBody;   // GMC, GDC, GOC, GPhC; empty for "other"
    QString registrationNumber;
    QString listStatus = QStringLiteral("not_applicable"); // performersListStatuses()
    QString email, telephone;
    QString notes;

    CB_RECORD_MAPPING(Performer, performerRecord)
    QString fullName() const { return QStringLiteral("%1 %2").arg(givenName, familyName).trimmed(); }
};

struct PerformerLink;
const RecordModel<PerformerLink>& performerLinkRecord();

// Where a performer works: a contractor, a role, and dates.
struct PerformerLink {
    QString id;
    QString performerId;
    QString contractorId;
    QString role; // performerRoles()
    QDate fromDate, toDate;

    CB_RECORD_MAPPING(PerformerLink, performerLinkRecord)
};

const QList<Choice>& professions();
const QList<Choice>& performersListStatuses();
const QList<Choice>& performerRoles();
QString registrationBodyFor(const QString& profession); // "" when none applies
bool isOnPerformersList(const QString& profession);     // GPs, dentists, optometrists, OMPs

void normalise(Performer& p);
void validate(const Performer& p, Issues& issues);
void validate(const PerformerLink& l, Issues& issues);

struct PerformerFilter {
    QString profession, listStatus;
    QString search; // FTS5 on name and registration number
};

class PerformerService {
public:
    explicit PerformerService(Database& db) : m_db(db) {}

    Performer create(Performer p);
    void update(Performer p);
    void remove(const QString& id); // refused while links or other records depend on it
    std::optional<Performer> get(const QString& id);
    QList<Performer> list(const PerformerFilter& filter, int offset = 0, int limit = -1);
    int count(const PerformerFilter& filter);

    PerformerLink addLink(PerformerLink l);
    void updateLink(const PerformerLink& l);
    void removeLink(const QString& id);
    QList<PerformerLink> linksOfPerformer(const QString& performerId);
    QList<PerformerLink> linksAtContractor(const QString& contractorId);

    static QString whereClause(const PerformerFilter& f, QVariantList& params);

private:
    void checkUnique(const Performer& p, Issues& issues);
    Database& m_db;
};

} // namespace cb
