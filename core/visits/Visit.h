#pragma once

#include "common/Errors.h"
#include "common/Vocabulary.h"
#include "concerns/Concern.h"
#include "store/Database.h"
#include "store/RecordType.h"

#include <QDate>
#include <optional>

namespace cb {

struct Visit;
const RecordModel<Visit>& visitRecord();

// A field visit to a contractor: monitoring, compliance or support (PRIMER section 4).
struct Visit {
    QString id;
    QString contractorId;
    QDate visitDate;
    QString type = QStringLiteral("routine_monitoring"); // visitTypes()
    bool announced = true;
    QStringList attendees;
    QString status = QStringLiteral("planned"); // visitStatuses()
    QDate reportSentDate;                        // required when status is report_sent
    QString notes;

    CB_RECORD_MAPPING(Visit, visitRecord)
};

struct VisitFinding;
const RecordModel<VisitFinding>& visitFindingRecord();

// One line of the visit's checklist.
struct VisitFinding {
    QString id;
    QString visitId;
    QString area;   // e.g. "Infection control"
    QString rating; // findingRatings(): met | partly_met | not_met
    QString note;   // required unless met
    QString concernId; // the concern raised from this finding, if any

    CB_RECORD_MAPPING(VisitFinding, visitFindingRecord)
};

struct VisitAction;
const RecordModel<VisitAction>& visitActionRecord();

struct VisitAction {
    QString id;
    QString visitId;
    QString description;
    QString owner;
    QDate dueDate;
    QDate completedDate;
    QString result;

    bool isOverdue(const QDate& today) const { return !completedDate.isValid() && dueDate.isValid() && dueDate < today; }
    CB_RECORD_MAPPING(VisitAction, visitActionRecord)
};

const QList<Choice>& visitTypes();
const QList<Choice>& visitStatuses();
const QList<Choice>& findingRatings();
// The areas a visit checklist starts with for a contractor group, so the form is quick to fill.
QStringList defaultChecklist(const QString& contractorGroup);

void validate(const Visit& v, Issues& issues, const QDate& today);
void validate(const VisitFinding& f, Issues& issues);
void validate(const VisitAction& a, Issues& issues);

// What a caseworker chooses when a finding becomes a concern; the rest comes from the finding.
struct RaiseConcernOptions {
    QString category = QStringLiteral("contract_compliance"); // concernCategories()
    QString owner;    // defaults to the current user
    int consequence = 0, likelihood = 0; // optional grading
    QString performerId; // when the finding is about a named performer
};

struct VisitFilter {
    QString contractorId;
    QString status;   // visitStatuses()
    QDate from, to;   // visit date range, inclusive
};

class VisitService {
public:
    explicit VisitService(Database& db) : m_db(db) {}

    Visit create(Visit v);
    void update(const Visit& v);
    void remove(const QString& id); // refused once a finding has raised a concern
    std::optional<Visit> get(const QString& id);
    QList<Visit> list(const VisitFilter& filter);

    VisitFinding addFinding(VisitFinding f);
    void updateFinding(const VisitFinding& f);
    void removeFinding(const QString& id);
    QList<VisitFinding> findings(const QString& visitId);
    // Adds one finding per area of the default checklist, rated "met", for the caseworker to amend.
    QList<VisitFinding> addDefaultChecklist(const QString& visitId);

    VisitAction addAction(VisitAction a);
    void updateAction(const VisitAction& a);
    QList<VisitAction> actions(const QString& visitId);

    // One transaction: a concern with source "visit" carrying the finding's area, rating, note and
    // the visit's date and type, received on the visit date; the finding links to it and the
    // concern's timeline says where it came from. Refused for a met finding or one already raised.
    Concern raiseConcernFromFinding(const QString& findingId, const RaiseConcernOptions& options = {});

private:
    Visit requireVisit(const QString& id);
    Database& m_db;
};

} // namespace cb
