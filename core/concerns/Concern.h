#pragma once

#include "common/Errors.h"
#include "common/Vocabulary.h"
#include "concerns/RiskMatrix.h"
#include "contracts/Contract.h"
#include "store/Database.h"
#include "store/RecordType.h"

#include <QDate>
#include <optional>

namespace cb {

struct Concern;
const RecordModel<Concern>& concernRecord();

// A performance concern about a contractor (practice or provider level) or a named performer
// (individual level), graded on the 5x5 matrix and moved through stages (PRIMER section 4).
struct Concern {
    QString id;
    QString contractorId; // practice / provider level; optional for an individual concern
    QString performerId;  // individual level
    QString contractId;   // optional; set by formal action from the notice's contract when empty
    QString level = QStringLiteral("practice"); // concernLevels(); "individual" whenever performerId is set
    QString source;   // concernSources()
    QString category; // concernCategories()
    QDate receivedDate;
    QString summary;
    QString details;
    QString owner;
    QString stage = QStringLiteral("received"); // concernStages(); changed only by ConcernService::changeStage
    int consequence = 0; // 1..5, 0 = not graded; changed only by ConcernService::grade
    int likelihood = 0;
    // Unset on create: on for a concern about a named performer, off otherwise.
    std::optional<bool> confidential;
    bool serious = false; // a serious breach or concern: formal action may skip support to improve
    QString seriousReason;
    QString noticeEventId; // the remedial, breach or termination notice (contract_event) of formal action
    QDate supportStarted;  // first day of support to improve (set by the stage change)
    QString lrcReason;     // why formal action went ahead before the LRC was informed
    QString lrcCommittee;  // LMC / LDC / LOC / LPC, derived from the contractor group
    QDate lrcInformedDate;
    QString regulator; // regulatorBodies()
    QDate regulatorReferralDate;
    QDate pagReferralDate;
    QString panelOutcome; // panelOutcomes()
    QDate panelDate, suspensionStart, suspensionReview;
    QDate nhsResolutionNotified; // the panel's decision notified to NHS Resolution
    QString outcome; // why it was closed
    QDate closedDate;
    QString createdAt, updatedAt;

    bool isGraded() const { return risk::isLevel(consequence) && risk::isLevel(likelihood); }
    int score() const { return isGraded() ? risk::score(consequence, likelihood) : 0; }
    bool isOpen() const { return stage != QLatin1String("closed"); }

    CB_RECORD_MAPPING(Concern, concernRecord)
};

struct ConcernAction;
const RecordModel<ConcernAction>& concernActionRecord();

struct ConcernAction {
    QString id;
    QString concernId;
    QString description;
    QString owner;
    QDate dueDate;
    QDate completedDate;
    QString result;

    bool isOverdue(const QDate& today) const { return !completedDate.isValid() && dueDate.isValid() && dueDate < today; }
    CB_RECORD_MAPPING(ConcernAction, concernActionRecord)
};

// One line of a concern's timeline.
struct TimelineEntry {
    QString id;
    QString kind; // timelineKinds()
    QDate date;   // when it happened (as entered)
    QString title; // "Stage: Triaged -> Investigating", "Graded: Major x Likely = 16 (extreme)"
    QString text;  // the reason, note, outcome...
    QString who;
    QString recordedAt; // UTC timestamp it was entered
    QString fromStage, toStage;
    int consequence = 0, likelihood = 0;
    QString detail; // regulator body, panel outcome, linked record id
};

const QList<Choice>& concernLevels();
const QList<Choice>& concernSources();
const QList<Choice>& concernCategories();
const QList<Choice>& concernStages();
const QList<Choice>& regulatorBodies();
const QList<Choice>& panelOutcomes();
const QList<Choice>& timelineKinds();
QString lrcForProfession(const QString& profession); // LMC for a GP, LDC for a dentist...
QString listStatusAfterPanel(const QString& panelOutcome); // performersListStatuses(); "" for no change

// Field rules of a concern on its own (vocabularies, dates, grading range, panel dates).
void validate(const Concern& c, Issues& issues, const QDate& today);
void validate(const ConcernAction& a, Issues& issues);

// A move to another stage, with what the rules ask for.
struct StageChange {
    QString stage;  // concernStages()
    QString reason; // always required
    QDate date;     // defaults to today
    // Formal action:
    QString noticeEventId; // remedial, breach or termination notice on the contract (contract_event id)
    // Or the notice to record now, in the same step (its concern is this one; contract defaults to
    // the concern's contract).
    std::optional<ContractEvent> newNotice;
    std::optional<bool> serious; // set to mark (or unmark) the concern serious with this change
    QString seriousReason;
    QString lrcReason; // why formal action goes ahead before the LRC is recorded as informed
    // Closing:
    QString outcome;
    QString cancelOpenActions; // cancels every open action with this reason (else open actions refuse the close)
};

struct ConcernFilter {
    QString contractorId, performerId;
    QString stage; // a stage code, or "open" for every stage but closed
    QString band;  // low | moderate | high | extreme | "ungraded"
    QString owner;
    bool overdueOnly = false;                 // with an action past its due date
    std::optional<bool> confidential;         // unset: both
    QString search;                           // summary, ODS code or contractor name contains
};

// One row of the concerns list, ready to show.
struct ConcernListItem {
    Concern concern;
    QString contractorLabel; // "A81001 Oakfield Surgery"
    QString odsCode;
    QString performerName;
    QString band; // "" when not graded
    int openActions = 0;
    int overdueActions = 0;
    QDate nextDue; // earliest due date of an open action
};

// Concerns, their actions and their timeline. Every call validates first (ValidationError with
// field names, nothing written), then writes in one audited transaction.
class ConcernService {
public:
    explicit ConcernService(Database& db) : m_db(db) {}

    // A new concern with the defaults filled in (today, stage received, owner = current user,
    // confidential on for a performer, LRC from the group), for an editor to start from.
    Concern draft(const QString& contractorId, const QString& performerId = {});

    Concern create(Concern c); // stage must be "received"; grading optional
    // Saves the descriptive fields (subject, source, category, dates, summary, details, owner,
    // confidential, serious, referrals). Stage and grading go through changeStage and grade.
    void update(const Concern& c);
    std::optional<Concern> get(const QString& id);

    void grade(const QString& concernId, int consequence, int likelihood, const QString& note = {}, QDate date = {});
    void changeStage(const QString& concernId, const StageChange& change);
    void addNote(const QString& concernId, const QString& text, QDate date = {});
    void recordLrcInformed(const QString& concernId, const QDate& date, const QString& note = {});
    void recordRegulatorReferral(const QString& concernId, const QString& body, const QDate& date, const QString& note = {});
    void recordPagReferral(const QString& concernId, const QDate& date, const QString& note = {});
    void recordPanelDecision(const QString& concernId, const QString& outcome, const QDate& date,
                             const QDate& suspensionStart = {}, const QDate& suspensionReview = {},
                             const QString& note = {});

    // The panel's decision told to NHS Resolution (always for a suspension).
    void recordNhsResolutionNotified(const QString& concernId, const QDate& date, const QString& note = {});

    ConcernAction addAction(ConcernAction a);
    void updateAction(const ConcernAction& a);
    void completeAction(const QString& actionId, const QDate& completed, const QString& result);
    // An action no longer needed: closed with a reason of substance, on the timeline.
    void cancelAction(const QString& actionId, const QString& reason, QDate date = {});
    QList<ConcernAction> actions(const QString& concernId);

    QList<TimelineEntry> timeline(const QString& concernId);

    QList<ConcernListItem> list(const ConcernFilter& filter, int offset = 0, int limit = -1);
    int count(const ConcernFilter& filter);
    QStringList owners(); // distinct, for the owner filter
    risk::Bands bands();

    // The WHERE clause for a filter over `concern c` joined to `contractor k` (for paging models).
    QString whereClause(const ConcernFilter& filter, QVariantList& params);

    // Writes a timeline entry (inside the caller's transaction); for features that add to a
    // concern's story, e.g. a visit raising it.
    void addTimeline(const QString& concernId, const QString& kind, const QDate& date, const QString& text,
                     const QString& detail = {}, const QString& fromStage = {}, const QString& toStage = {},
                     int consequence = 0, int likelihood = 0);

private:
    Concern require(const QString& id);
    void checkSubject(Concern& c, Issues& issues); // also derives c.lrcCommittee
    QDate dateOrToday(const QDate& d) const { return d.isValid() ? d : m_db.clock().today(); }
    void checkEventDate(const Concern& c, const QString& field, const QDate& d, Issues& issues, const QString& what);
    void save(Concern& c);
    void cancelOpen(const ConcernAction& a, const QString& reason, const QDate& date); // inside a write
    Database& m_db;
};

} // namespace cb
