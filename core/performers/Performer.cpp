#include "performers/Performer.h"

#include "common/Identifiers.h"
#include "contractors/Contractor.h"
#include "store/ExportOrder.h"
#include "store/RecordType.h"
#include "store/RowValues.h"

#include <QRegularExpression>

namespace cb {

using namespace rowval;

const QList<Choice>& professions() {
    static const QList<Choice> list = {{"gp", "GP"},
                                       {"dentist", "Dentist"},
                                       {"optometrist", "Optometrist"},
                                       {"omp", "Ophthalmic medical practitioner"},
                                       {"dispensing_optician", "Dispensing optician"},
                                       {"pharmacist", "Pharmacist"},
                                       {"other", "Other"}};
    return list;
}

const QList<Choice>& performersListStatuses() {
    static const QList<Choice> list = {{"included", "Included"},
                                       {"included_with_conditions", "Included with conditions"},
                                       {"suspended", "Suspended"},
                                       {"removed", "Removed"},
                                       {"deferred", "Application deferred"},
                                       {"refused", "Application refused"},
                                       {"not_applicable", "Not applicable"}};
    return list;
}

const QList<Choice>& performerRoles() {
    static const QList<Choice> list = {{"partner", "Partner"},
                                       {"salaried", "Salaried"},
                                       {"locum", "Locum"},
                                       {"principal", "Principal"},
                                       {"associate", "Associate"},
                                       {"director", "Director"},
                                       {"superintendent", "Superintendent pharmacist"},
                                       {"responsible_pharmacist", "Responsible pharmacist"},
                                       {"employee", "Employee"},
                                       {"other", "Other"}};
    return list;
}

QString registrationBodyFor(const QString& profession) {
    if (profession == QLatin1String("gp") || profession == QLatin1String("omp")) return QStringLiteral("GMC");
    if (profession == QLatin1String("dentist")) return QStringLiteral("GDC");
    if (profession == QLatin1String("optometrist") || profession == QLatin1String("dispensing_optician"))
        return QStringLiteral("GOC");
    if (profession == QLatin1String("pharmacist")) return QStringLiteral("GPhC");
    return {};
}

bool isOnPerformersList(const QString& profession) {
    return profession == QLatin1String("gp") || profession == QLatin1String("dentist") ||
           profession == QLatin1String("optometrist") || profession == QLatin1String("omp");
}

const RecordModel<Performer>& performerRecord() {
    static const RecordModel<Performer> model = [] {
        RecordModel<Performer> t("performer", "Performer", &Performer::id);
        t.text("given_name", &Performer::givenName, "given name").required()
            .text("family_name", &Performer::familyName, "family name").required()
            .code("profession", &Performer::profession, professions).required()
            .text("registration_body", &Performer::registrationBody, "regulator")
            .text("registration_number", &Performer::registrationNumber, "registration number")
            .code("list_status", &Performer::listStatus, performersListStatuses, "performers list status").required()
            .text("email", &Performer::email)
            .text("telephone", &Performer::telephone)
            .text("notes", &Performer::notes)
            .version(&Performer::rowVersion);
        t.recordType = QStringLiteral("performers");
        t.title = QStringLiteral("Performers");
        t.validate = [](Database&, const Row& r, Issues& i) { validate(Performer::fromRow(r), i); };
        t.label = [](Database&, const Row& r) { return Performer::fromRow(r).fullName(); };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(performerRecord)

const RecordModel<PerformerLink>& performerLinkRecord() {
    static const RecordModel<PerformerLink> model = [] {
        RecordModel<PerformerLink> t("performer_link", "Performer link", &PerformerLink::id);
        t.ref("performer_id", &PerformerLink::performerId, "performer").required()
            .ref("contractor_id", &PerformerLink::contractorId, "contractor").required()
            .code("role", &PerformerLink::role, performerRoles).required()
            .date("from_date", &PerformerLink::fromDate, "start date")
            .date("to_date", &PerformerLink::toDate, "end date")
            .version(&PerformerLink::rowVersion);
        t.recordType = QStringLiteral("performer-links");
        t.orderBy = byPractice();
        t.title = QStringLiteral("Where performers work");
        t.validate = [](Database&, const Row& r, Issues& i) { validate(PerformerLink::fromRow(r), i); };
        t.owner = [](Database&, const Row& r) { return r.value("contractor_id").toString(); };
        t.label = [](Database& db, const Row& r) {
            const QString name = db.scalar(QStringLiteral("SELECT trim(given_name || ' ' || family_name) FROM performer "
                                                          "WHERE id = ?"), {r.value("performer_id")}).toString();
            return QStringLiteral("%1 (%2)").arg(name, labelFor(performerRoles(), r.value("role").toString()));
        };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(performerLinkRecord)

void normalise(Performer& p) {
    p.givenName = p.givenName.simplified();
    p.familyName = p.familyName.simplified();
    p.registrationNumber = p.registrationNumber.trimmed().toUpper();
    if (p.registrationBody.isEmpty()) p.registrationBody = registrationBodyFor(p.profession);
    p.email = p.email.trimmed();
    p.telephone = p.telephone.simplified();
}

void validate(const Performer& p, Issues& issues) {
    if (p.givenName.isEmpty()) issues.add("givenName", QStringLiteral("Enter the performer's given name."));
    if (p.familyName.isEmpty()) issues.add("familyName", QStringLiteral("Enter the performer's family name."));
    if (!hasCode(professions(), p.profession)) {
        issues.add("profession", QStringLiteral("Choose a profession: %1.").arg(describeChoices(professions())));
        return;
    }
    const QString body = registrationBodyFor(p.profession);
    if (!body.isEmpty() && !p.registrationBody.isEmpty() && p.registrationBody != body)
        issues.add("registrationBody", QStringLiteral("A %1 is registered with the %2, not the %3.")
                                           .arg(labelFor(professions(), p.profession).toLower(), body, p.registrationBody));
    if (!p.registrationBody.isEmpty() && !QStringList{"GMC", "GDC", "GOC", "GPhC"}.contains(p.registrationBody))
        issues.add("registrationBody", QStringLiteral("Choose the regulator: GMC, GDC, GOC or GPhC."));
    if (const QString m = ident::checkRegistration(p.registrationBody, p.registrationNumber, p.profession); !m.isEmpty())
        issues.add("registrationNumber", m);
    if (!hasCode(performersListStatuses(), p.listStatus))
        issues.add("listStatus",
                   QStringLiteral("Choose a performers list status: %1.").arg(describeChoices(performersListStatuses())));
    else if (isOnPerformersList(p.profession) && p.listStatus == QLatin1String("not_applicable"))
        issues.add("listStatus", QStringLiteral("A %1 must be on the national performers list: choose their list status.")
                                     .arg(labelFor(professions(), p.profession).toLower()));
    else if (!isOnPerformersList(p.profession) && p.listStatus != QLatin1String("not_applicable"))
        issues.add("listStatus", QStringLiteral("%1s are not on the performers lists: their status is \"Not applicable\".")
                                     .arg(labelFor(professions(), p.profession)));
    if (!p.email.isEmpty() && !ident::isValidEmail(p.email))
        issues.add("email", QStringLiteral("\"%1\" is not an email address.").arg(p.email));
    if (!p.telephone.isEmpty() && !ident::isValidTelephone(p.telephone))
        issues.add("telephone", QStringLiteral("\"%1\" is not a UK telephone number.").arg(p.telephone));
}

void validate(const PerformerLink& l, Issues& issues) {
    if (l.contractorId.isEmpty()) issues.add("contractorId", QStringLiteral("Choose the contractor they work at."));
    if (!hasCode(performerRoles(), l.role))
        issues.add("role", QStringLiteral("Choose their role: %1.").arg(describeChoices(performerRoles())));
    if (l.fromDate.isValid() && l.toDate.isValid() && l.toDate < l.fromDate)
        issues.add("toDate", QStringLiteral("The end date (%1) is before the start date (%2).")
                                 .arg(fmt::date(l.toDate), fmt::date(l.fromDate)));
}

void PerformerService::checkUnique(const Performer& p, Issues& issues) {
    if (p.registrationNumber.isEmpty()) return;
    const auto other = m_db.queryOne(QStringLiteral("SELECT given_name || ' ' || family_name AS name FROM performer "
                                                    "WHERE registration_body = ? AND registration_number = ? AND id <> ?"),
                                     {p.registrationBody, p.registrationNumber, p.id});
    if (other)
        issues.add("registrationNumber", QStringLiteral("%1 number %2 is already recorded for %3.")
                                             .arg(p.registrationBody, p.registrationNumber, other->value("name").toString()));
}

Performer PerformerService::create(Performer p) {
    normalise(p);
    if (p.id.isEmpty()) p.id = Database::newId();
    Issues issues;
    validate(p, issues);
    checkUnique(p, issues);
    issues.throwIfAny();
    m_db.save("performer", p.toRow(), Database::SaveMode::New);
    return p;
}

void PerformerService::update(Performer p) {
    normalise(p);
    Issues issues;
    validate(p, issues);
    checkUnique(p, issues);
    issues.throwIfAny();
    m_db.write([&] { m_db.save("performer", p.toRow(), Database::SaveMode::Existing); });
}

void PerformerService::remove(const QString& id) {
    const auto p = get(id);
    if (!p) return;
    const qint64 links = m_db.scalar(QStringLiteral("SELECT count(*) FROM performer_link WHERE performer_id = ?"), {id}).toLongLong();
    if (links > 0)
        throw ValidationError(QString(), QStringLiteral("%1 cannot be deleted while linked to %2 contractor%3. End or "
                                                        "remove those links first.")
                                             .arg(p->fullName()).arg(links).arg(links == 1 ? "" : "s"));
    try {
        m_db.remove("performer", id);
    } catch (const DatabaseError&) {
        throw ValidationError(QString(), QStringLiteral("%1 cannot be deleted because other records (such as concerns or "
                                                        "network memberships) refer to them.").arg(p->fullName()));
    }
}

std::optional<Performer> PerformerService::get(const QString& id) {
    return Performer::fromRecord(m_db.fetchRecord("performer", id));
}

QString PerformerService::whereClause(const PerformerFilter& f, QVariantList& params) {
    QStringList where;
    if (!f.profession.isEmpty()) {
        where << QStringLiteral("p.profession = ?");
        params << f.profession;
    }
    if (!f.listStatus.isEmpty()) {
        where << QStringLiteral("p.list_status = ?");
        params << f.listStatus;
    }
    QStringList terms;
    for (const QString& w : f.search.split(QRegularExpression(QStringLiteral("[^\\w]+")), Qt::SkipEmptyParts))
        terms << QStringLiteral("\"%1\"*").arg(w);
    if (!terms.isEmpty()) {
        where << QStringLiteral("p.rowid IN (SELECT rowid FROM performer_fts WHERE performer_fts MATCH ?)");
        params << terms.join(QLatin1Char(' '));
    }
    return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
}

QList<Performer> PerformerService::list(const PerformerFilter& f, int offset, int limit) {
    QVariantList params;
    const QString sql = QStringLiteral("SELECT p.* FROM performer p") + whereClause(f, params) +
                        QStringLiteral(" ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE LIMIT ? OFFSET ?");
    params << limit << offset;
    return Performer::fromRows(m_db.query(sql, params));
}

int PerformerService::count(const PerformerFilter& f) {
    QVariantList params;
    return m_db.scalar(QStringLiteral("SELECT count(*) FROM performer p") + whereClause(f, params), params).toInt();
}

PerformerLink PerformerService::addLink(PerformerLink l) {
    if (l.id.isEmpty()) l.id = Database::newId();
    Issues issues;
    validate(l, issues);
    if (!get(l.performerId)) issues.add("performerId", QStringLiteral("The performer no longer exists."));
    if (!l.contractorId.isEmpty() &&
        !m_db.queryOne(QStringLiteral("SELECT 1 FROM contractor WHERE id = ?"), {l.contractorId}))
        issues.add("contractorId", QStringLiteral("The contractor no longer exists."));
    issues.throwIfAny();
    m_db.save("performer_link", l.toRow(), Database::SaveMode::New);
    return l;
}

void PerformerService::updateLink(const PerformerLink& l) {
    Issues issues;
    validate(l, issues);
    issues.throwIfAny();
    m_db.write([&] { m_db.save("performer_link", l.toRow(), Database::SaveMode::Existing); });
}

void PerformerService::removeLink(const QString& id) {
    const auto row = m_db.fetchRecord("performer_link", id);
    if (!row) return;
    const PerformerLink l = PerformerLink::fromRow(*row);
    m_db.remove("performer_link", id);
}

QList<PerformerLink> PerformerService::linksOfPerformer(const QString& performerId) {
    return PerformerLink::fromRows(m_db.query(QStringLiteral("SELECT * FROM performer_link WHERE performer_id = ? ORDER BY from_date DESC"),
                                              {performerId}));
}

QList<PerformerLink> PerformerService::linksAtContractor(const QString& contractorId) {
    return PerformerLink::fromRows(m_db.query(QStringLiteral("SELECT * FROM performer_link WHERE contractor_id = ? ORDER BY from_date DESC"),
                                              {contractorId}));
}

} // namespace cb
