#include "visits/Visit.h"

#include "common/Identifiers.h"
#include "store/ExportOrder.h"
#include "store/RecordType.h"
#include "store/RowValues.h"

namespace cb {

using namespace rowval;

const QList<Choice>& visitTypes() {
    static const QList<Choice> list = {
        {"routine_monitoring", "Routine monitoring"}, {"contract_compliance", "Contract compliance"}, {"support", "Support"}};
    return list;
}

const QList<Choice>& visitStatuses() {
    static const QList<Choice> list = {{"planned", "Planned"}, {"done", "Done"}, {"report_sent", "Report sent"}};
    return list;
}

const QList<Choice>& findingRatings() {
    static const QList<Choice> list = {{"met", "Met"}, {"partly_met", "Partly met"}, {"not_met", "Not met"}};
    return list;
}

QStringList defaultChecklist(const QString& group) {
    QStringList areas{"Premises and equipment", "Infection prevention and control", "Staffing and training",
                      "Governance and policies", "Complaints handling", "Patient access and opening hours"};
    if (group == QLatin1String("general_practice")) areas << "Registration and list management" << "Medicines management";
    else if (group == QLatin1String("dental")) areas << "Decontamination" << "Radiography" << "Record keeping";
    else if (group == QLatin1String("pharmacy") || group == QLatin1String("appliance"))
        areas << "Controlled drugs" << "Dispensing procedures" << "Advanced services";
    else if (group == QLatin1String("eye_health")) areas << "Sight test records" << "GOS claims";
    return areas;
}

namespace {
QString visitLabel(const QString& type, const QDate& date) {
    return QStringLiteral("%1 visit on %2").arg(labelFor(visitTypes(), type), fmt::date(date));
}
// Findings and actions belong to their visit's practice file and are named by the visit.
std::optional<Row> visitOf(Database& db, const Row& r) {
    return db.queryOne(QStringLiteral("SELECT contractor_id, visit_type, visit_date FROM visit WHERE id = ?"),
                       {r.value("visit_id")});
}
QString ownerOfVisitPart(Database& db, const Row& r) {
    const auto v = visitOf(db, r);
    return v ? v->value("contractor_id").toString() : QString();
}
QString labelOfVisitPart(Database& db, const Row& r) {
    const auto v = visitOf(db, r);
    return v ? visitLabel(v->value("visit_type").toString(), fmt::parseIsoDate(v->value("visit_date").toString()))
             : QString();
}
} // namespace

const RecordModel<Visit>& visitRecord() {
    static const RecordModel<Visit> model = [] {
        RecordModel<Visit> t("visit", "Visit", &Visit::id);
        t.ref("contractor_id", &Visit::contractorId, "contractor").required()
            .date("visit_date", &Visit::visitDate, "visit date").required()
            .code("visit_type", &Visit::type, visitTypes, "type of visit").required().as("type")
            .flag("announced", &Visit::announced)
            .lines("attendees", &Visit::attendees)
            .code("status", &Visit::status, visitStatuses).required()
            .date("report_sent_date", &Visit::reportSentDate, "report sent on")
            .text("notes", &Visit::notes)
            .version(&Visit::rowVersion);
        t.recordType = QStringLiteral("visits");
        t.orderBy = byPractice();
        t.title = QStringLiteral("Field visits");
        t.validate = [](Database& db, const Row& r, Issues& i) { validate(Visit::fromRow(r), i, db.clock().today()); };
        t.owner = [](Database&, const Row& r) { return r.value("contractor_id").toString(); };
        t.label = [](Database&, const Row& r) {
            return visitLabel(r.value("visit_type").toString(), fmt::parseIsoDate(r.value("visit_date").toString()));
        };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(visitRecord)

const RecordModel<VisitFinding>& visitFindingRecord() {
    static const RecordModel<VisitFinding> model = [] {
        RecordModel<VisitFinding> t("visit_finding", "Visit finding", &VisitFinding::id);
        t.ref("visit_id", &VisitFinding::visitId, "visit").required()
            .text("area", &VisitFinding::area).required()
            .code("rating", &VisitFinding::rating, findingRatings).required()
            .text("note", &VisitFinding::note)
            .ref("concern_id", &VisitFinding::concernId, "concern raised")
            .version(&VisitFinding::rowVersion);
        t.recordType = QStringLiteral("visit-findings");
        t.orderBy = byParentsPractice(t.table, "visit", "visit_id");
        t.title = QStringLiteral("Visit findings");
        t.confidentialWhere = QStringLiteral("concern_id IN (SELECT id FROM concern WHERE confidential = 1)");
        t.validate = [](Database&, const Row& r, Issues& i) { validate(VisitFinding::fromRow(r), i); };
        t.owner = ownerOfVisitPart;
        t.label = labelOfVisitPart;
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(visitFindingRecord)

const RecordModel<VisitAction>& visitActionRecord() {
    static const RecordModel<VisitAction> model = [] {
        RecordModel<VisitAction> t("visit_action", "Visit action", &VisitAction::id);
        t.ref("visit_id", &VisitAction::visitId, "visit").required()
            .text("description", &VisitAction::description).required()
            .text("owner", &VisitAction::owner).required()
            .date("due_date", &VisitAction::dueDate, "due date").required()
            .date("completed_date", &VisitAction::completedDate, "completed on")
            .text("result", &VisitAction::result)
            .version(&VisitAction::rowVersion);
        t.recordType = QStringLiteral("visit-actions");
        t.orderBy = byParentsPractice(t.table, "visit", "visit_id");
        t.title = QStringLiteral("Visit actions");
        t.validate = [](Database&, const Row& r, Issues& i) { validate(VisitAction::fromRow(r), i); };
        t.owner = ownerOfVisitPart;
        t.label = labelOfVisitPart;
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(visitActionRecord)

void validate(const Visit& v, Issues& issues, const QDate& today) {
    if (v.contractorId.isEmpty()) issues.add("contractorId", QStringLiteral("Choose the contractor visited."));
    if (!v.visitDate.isValid()) issues.add("visitDate", QStringLiteral("Enter the date of the visit."));
    if (!hasCode(visitTypes(), v.type))
        issues.add("type", QStringLiteral("Choose the type of visit: %1.").arg(describeChoices(visitTypes())));
    if (!hasCode(visitStatuses(), v.status)) {
        issues.add("status", QStringLiteral("Choose a status: %1.").arg(describeChoices(visitStatuses())));
        return;
    }
    const bool happened = v.status != QLatin1String("planned");
    if (happened && v.visitDate.isValid() && v.visitDate > today)
        issues.add("status", QStringLiteral("A visit dated %1 has not happened yet: keep it planned.").arg(fmt::date(v.visitDate)));
    if (happened && v.attendees.join(QString()).trimmed().isEmpty())
        issues.add("attendees", QStringLiteral("Record who attended the visit."));
    if (v.status == QLatin1String("report_sent")) {
        if (!v.reportSentDate.isValid()) issues.add("reportSentDate", QStringLiteral("Enter the date the report was sent."));
        else if (v.visitDate.isValid() && v.reportSentDate < v.visitDate)
            issues.add("reportSentDate", QStringLiteral("The report cannot be sent before the visit (%1).").arg(fmt::date(v.visitDate)));
        else if (v.reportSentDate > today)
            issues.add("reportSentDate", QStringLiteral("The date the report was sent cannot be in the future."));
    } else if (v.reportSentDate.isValid()) {
        issues.add("reportSentDate", QStringLiteral("Set the status to report sent, or clear the date the report was sent."));
    }
}

void validate(const VisitFinding& f, Issues& issues) {
    if (f.area.trimmed().isEmpty()) issues.add("area", QStringLiteral("Name the area checked, e.g. infection control."));
    if (!hasCode(findingRatings(), f.rating))
        issues.add("rating", QStringLiteral("Choose whether the area was met, partly met or not met."));
    else if (f.rating != QLatin1String("met") && f.note.trimmed().isEmpty())
        issues.add("note", QStringLiteral("Write what was found where the area was %1.").arg(labelFor(findingRatings(), f.rating).toLower()));
}

void validate(const VisitAction& a, Issues& issues) {
    if (a.description.trimmed().isEmpty()) issues.add("description", QStringLiteral("Describe the action."));
    if (a.owner.trimmed().isEmpty()) issues.add("owner", QStringLiteral("Choose who owns the action."));
    if (!a.dueDate.isValid()) issues.add("dueDate", QStringLiteral("Enter the date the action is due."));
    if (a.completedDate.isValid() && a.result.trimmed().isEmpty())
        issues.add("result", QStringLiteral("Record the result of the completed action."));
}

// ---- service ------------------------------------------------------------------------------------

Visit VisitService::requireVisit(const QString& id) {
    const auto v = get(id);
    if (!v) throw ValidationError("visitId", QStringLiteral("This visit no longer exists: someone may have deleted it."));
    return *v;
}

std::optional<Visit> VisitService::get(const QString& id) {
    return Visit::fromRecord(m_db.fetchRecord("visit", id));
}

Visit VisitService::create(Visit v) {
    if (v.id.isEmpty()) v.id = Database::newId();
    Issues issues;
    validate(v, issues, m_db.clock().today());
    if (!v.contractorId.isEmpty() && !m_db.fetchRecord("contractor", v.contractorId))
        issues.add("contractorId", QStringLiteral("The contractor no longer exists: choose it again."));
    issues.throwIfAny();
    m_db.save("visit", v.toRow(), Database::SaveMode::New);
    return v;
}

void VisitService::update(const Visit& v) {
    const Visit before = requireVisit(v.id);
    Issues issues;
    validate(v, issues, m_db.clock().today());
    if (v.contractorId != before.contractorId)
        issues.add("contractorId", QStringLiteral("A visit stays with the contractor visited: record a new visit instead."));
    issues.throwIfAny();
    m_db.save("visit", v.toRow(), Database::SaveMode::Existing);
}

void VisitService::remove(const QString& id) {
    const Visit v = requireVisit(id);
    if (m_db.scalar(QStringLiteral("SELECT count(*) FROM visit_finding WHERE visit_id = ? AND concern_id IS NOT NULL"), {id}).toInt() > 0)
        throw ValidationError(QString(), QStringLiteral("This visit raised a concern, so it is part of that concern's "
                                                        "record and cannot be deleted."));
    m_db.write([&] {
        for (const Row& r : m_db.query(QStringLiteral("SELECT id FROM visit_finding WHERE visit_id = ?"), {id}))
            m_db.remove("visit_finding", r.value("id").toString());
        for (const Row& r : m_db.query(QStringLiteral("SELECT id FROM visit_action WHERE visit_id = ?"), {id}))
            m_db.remove("visit_action", r.value("id").toString());
        m_db.remove("visit", id);
    });
}

QList<Visit> VisitService::list(const VisitFilter& f) {
    QStringList where;
    QVariantList params;
    if (!f.contractorId.isEmpty()) where << "contractor_id = ?", params << f.contractorId;
    if (!f.status.isEmpty()) where << "status = ?", params << f.status;
    if (f.from.isValid()) where << "visit_date >= ?", params << f.from;
    if (f.to.isValid()) where << "visit_date <= ?", params << f.to;
    return Visit::fromRows(m_db.query(QStringLiteral("SELECT * FROM visit") +
                                      (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(" AND ")) +
                                      QStringLiteral(" ORDER BY visit_date DESC, rowid"), params));
}

VisitFinding VisitService::addFinding(VisitFinding f) {
    const Visit v = requireVisit(f.visitId);
    if (f.id.isEmpty()) f.id = Database::newId();
    f.concernId.clear(); // set only by raiseConcernFromFinding
    Issues issues;
    validate(f, issues);
    issues.throwIfAny();
    m_db.save("visit_finding", f.toRow(), Database::SaveMode::New);
    return f;
}

void VisitService::updateFinding(const VisitFinding& edited) {
    const auto row = m_db.fetchRecord("visit_finding", edited.id);
    if (!row) throw ValidationError(QString(), QStringLiteral("This finding no longer exists: someone may have deleted it."));
    VisitFinding f = edited;
    const VisitFinding before = VisitFinding::fromRow(*row);
    f.visitId = before.visitId;
    f.concernId = before.concernId;
    const Visit v = requireVisit(f.visitId);
    Issues issues;
    validate(f, issues);
    issues.throwIfAny();
    m_db.save("visit_finding", f.toRow(), Database::SaveMode::Existing);
}

void VisitService::removeFinding(const QString& id) {
    const auto row = m_db.fetchRecord("visit_finding", id);
    if (!row) return;
    const VisitFinding f = VisitFinding::fromRow(*row);
    if (!f.concernId.isEmpty())
        throw ValidationError(QString(), QStringLiteral("This finding raised a concern, so it is kept as part of that concern's record."));
    const Visit v = requireVisit(f.visitId);
    m_db.remove("visit_finding", id);
}

QList<VisitFinding> VisitService::findings(const QString& visitId) {
    return VisitFinding::fromRows(m_db.query(QStringLiteral("SELECT * FROM visit_finding WHERE visit_id = ? ORDER BY rowid"), {visitId}));
}

QList<VisitFinding> VisitService::addDefaultChecklist(const QString& visitId) {
    const Visit v = requireVisit(visitId);
    const QString group = m_db.scalar(QStringLiteral("SELECT contractor_group FROM contractor WHERE id = ?"), {v.contractorId}).toString();
    QList<VisitFinding> added;
    m_db.write([&] {
        for (const QString& area : defaultChecklist(group))
            added << addFinding(VisitFinding{QString(), visitId, area, QStringLiteral("met"), QString(), QString()});
    });
    return added;
}

VisitAction VisitService::addAction(VisitAction a) {
    const Visit v = requireVisit(a.visitId);
    if (a.id.isEmpty()) a.id = Database::newId();
    Issues issues;
    validate(a, issues);
    issues.throwIfAny();
    m_db.save("visit_action", a.toRow(), Database::SaveMode::New);
    return a;
}

void VisitService::updateAction(const VisitAction& edited) {
    const auto row = m_db.fetchRecord("visit_action", edited.id);
    if (!row) throw ValidationError(QString(), QStringLiteral("This action no longer exists: someone may have deleted it."));
    VisitAction a = edited;
    a.visitId = row->value("visit_id").toString();
    const Visit v = requireVisit(a.visitId);
    Issues issues;
    validate(a, issues);
    issues.throwIfAny();
    m_db.save("visit_action", a.toRow(), Database::SaveMode::Existing);
}

QList<VisitAction> VisitService::actions(const QString& visitId) {
    return VisitAction::fromRows(m_db.query(QStringLiteral("SELECT * FROM visit_action WHERE visit_id = ? ORDER BY due_date, rowid"), {visitId}));
}

Concern VisitService::raiseConcernFromFinding(const QString& findingId, const RaiseConcernOptions& options) {
    const auto row = m_db.fetchRecord("visit_finding", findingId);
    if (!row) throw ValidationError("findingId", QStringLiteral("This finding no longer exists: someone may have deleted it."));
    VisitFinding f = VisitFinding::fromRow(*row);
    const Visit v = requireVisit(f.visitId);
    Issues issues;
    if (f.rating == QLatin1String("met"))
        issues.add("rating", QStringLiteral("The area \"%1\" was met: only a partly met or not met finding raises a concern.").arg(f.area));
    if (!f.concernId.isEmpty())
        issues.add("concernId", QStringLiteral("This finding has already raised a concern."));
    issues.throwIfAny();

    ConcernService concerns(m_db);
    Concern c = concerns.draft(v.contractorId, options.performerId);
    c.source = QStringLiteral("visit");
    c.category = options.category;
    c.receivedDate = v.visitDate;
    if (!options.owner.trimmed().isEmpty()) c.owner = options.owner;
    c.consequence = options.consequence;
    c.likelihood = options.likelihood;
    c.summary = QStringLiteral("%1: %2 at the %3 visit").arg(f.area, labelFor(findingRatings(), f.rating).toLower(),
                                                            labelFor(visitTypes(), v.type).toLower());
    c.details = QStringLiteral("%1\n\nFound at the %2 %3 visit on %4 (%5).")
                    .arg(f.note.trimmed(), v.announced ? QStringLiteral("announced") : QStringLiteral("unannounced"),
                         labelFor(visitTypes(), v.type).toLower(), fmt::date(v.visitDate),
                         labelFor(findingRatings(), f.rating).toLower());
    Concern created;
    m_db.write([&] {
        created = concerns.create(c);
        f.concernId = created.id;
        m_db.save("visit_finding", f.toRow(), Database::SaveMode::Existing);
        concerns.addTimeline(created.id, "visit", v.visitDate,
                             QStringLiteral("Raised from the finding \"%1\" of the visit on %2.").arg(f.area, fmt::date(v.visitDate)),
                             f.id);
    });
    return created;
}

} // namespace cb
