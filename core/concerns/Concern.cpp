#include "concerns/Concern.h"

#include "common/Identifiers.h"
#include "concerns/Proportionality.h"
#include "concerns/Reason.h"
#include "store/ExportOrder.h"
#include "store/RecordType.h"
#include "store/RowValues.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "performers/Performer.h"
#include "store/Settings.h"

namespace cb {

using namespace rowval;

// ---- vocabularies -------------------------------------------------------------------------------

const QList<Choice>& concernLevels() {
    static const QList<Choice> list = {
        {"practice", "Practice"}, {"provider", "Provider"}, {"individual", "Individual performer"}};
    return list;
}

const QList<Choice>& concernSources() {
    static const QList<Choice> list = {{"complaint", "Complaint"},
                                       {"whistleblowing", "Whistleblowing"},
                                       {"regulator", "CQC or other regulator"},
                                       {"data", "Data or indicator"},
                                       {"visit", "Visit"},
                                       {"incident", "Incident"},
                                       {"self_reported", "Self-reported"},
                                       {"other_commissioner", "Other commissioner"}};
    return list;
}

const QList<Choice>& concernCategories() {
    static const QList<Choice> list = {{"clinical_care", "Clinical care"},
                                       {"patient_safety", "Patient safety"},
                                       {"access", "Access and opening hours"},
                                       {"governance", "Governance and leadership"},
                                       {"premises", "Premises and equipment"},
                                       {"workforce", "Workforce"},
                                       {"contract_compliance", "Contract compliance"},
                                       {"prescribing", "Prescribing and medicines"},
                                       {"conduct", "Professional conduct"},
                                       {"finance", "Claims and finance"},
                                       {"other", "Other"}};
    return list;
}

const QList<Choice>& concernStages() {
    static const QList<Choice> list = {{"received", "Received"},
                                       {"triaged", "Triaged"},
                                       {"investigating", "Investigating"},
                                       {"support_to_improve", "Support to improve"},
                                       {"formal_action", "Formal action"},
                                       {"monitoring", "Monitoring"},
                                       {"closed", "Closed"}};
    return list;
}

const QList<Choice>& regulatorBodies() {
    static const QList<Choice> list = {{"CQC", "CQC"}, {"GMC", "GMC"}, {"GDC", "GDC"}, {"GOC", "GOC"}, {"GPhC", "GPhC"}};
    return list;
}

const QList<Choice>& panelOutcomes() {
    // NHS (Performers Lists) (England) Regulations 2013: refusal (reg 7), deferment (reg 8),
    // conditional inclusion (reg 10), removal and contingent removal (regs 11 and 12), suspension (reg 12).
    static const QList<Choice> list = {{"no_action", "No action"},
                                       {"refusal", "Refusal of inclusion"},
                                       {"deferment", "Deferment of the decision on inclusion"},
                                       {"conditions", "Conditional inclusion"},
                                       {"contingent_removal", "Contingent removal"},
                                       {"suspension", "Suspension"},
                                       {"removal", "Removal"}};
    return list;
}

const QList<Choice>& timelineKinds() {
    static const QList<Choice> list = {{"received", "Received"},
                                       {"stage", "Stage change"},
                                       {"grading", "Grading"},
                                       {"note", "Note"},
                                       {"serious", "Marked serious"},
                                       {"action_added", "Action added"},
                                       {"action_changed", "Action changed"},
                                       {"action_completed", "Action completed"},
                                       {"action_cancelled", "Action cancelled"},
                                       {"lrc_informed", "LRC informed"},
                                       {"regulator_referral", "Regulator referral"},
                                       {"pag_referral", "PAG referral"},
                                       {"panel_decision", "Decision panel"},
                                       {"nhs_resolution", "NHS Resolution notified"},
                                       {"visit", "Raised from a visit"}};
    return list;
}

QString lrcForProfession(const QString& profession) {
    if (profession == QLatin1String("gp")) return lrcForGroup(QStringLiteral("general_practice"));
    if (profession == QLatin1String("dentist")) return lrcForGroup(QStringLiteral("dental"));
    if (profession == QLatin1String("optometrist") || profession == QLatin1String("omp") ||
        profession == QLatin1String("dispensing_optician"))
        return lrcForGroup(QStringLiteral("eye_health"));
    if (profession == QLatin1String("pharmacist")) return lrcForGroup(QStringLiteral("pharmacy"));
    return {};
}

// ---- rows ---------------------------------------------------------------------------------------

namespace {
QString contractorOfConcern(Database& db, const Row& r) {
    return db.scalar(QStringLiteral("SELECT contractor_id FROM concern WHERE id = ?"), {r.value("concern_id")}).toString();
}
QString summaryOfConcern(Database& db, const Row& r) {
    return db.scalar(QStringLiteral("SELECT substr(summary, 1, 60) FROM concern WHERE id = ?"), {r.value("concern_id")})
        .toString();
}
} // namespace

// Concerns about named individuals are confidential, and so is everything hanging off them.
const char* const kOfConfidentialConcern = "concern_id IN (SELECT id FROM concern WHERE confidential = 1)";

const RecordModel<Concern>& concernRecord() {
    static const RecordModel<Concern> model = [] {
        RecordModel<Concern> t("concern", "Concern", &Concern::id);
        t.ref("contractor_id", &Concern::contractorId, "contractor")
            .ref("performer_id", &Concern::performerId, "performer")
            .ref("contract_id", &Concern::contractId, "contract")
            .code("level", &Concern::level, concernLevels).required()
            .code("source", &Concern::source, concernSources).required()
            .code("category", &Concern::category, concernCategories).required()
            .date("received_date", &Concern::receivedDate, "date received").required()
            .text("summary", &Concern::summary).required()
            .text("details", &Concern::details)
            .text("owner", &Concern::owner).required()
            .code("stage", &Concern::stage, concernStages).required()
            .level("consequence", &Concern::consequence).choices(risk::consequences)
            .level("likelihood", &Concern::likelihood).choices(risk::likelihoods)
            .flag("confidential", &Concern::confidential)
            .flag("serious", &Concern::serious)
            .text("serious_reason", &Concern::seriousReason, "reason it is serious")
            .ref("notice_event_id", &Concern::noticeEventId, "notice")
            .date("support_started", &Concern::supportStarted, "support to improve began on")
            .text("lrc_reason", &Concern::lrcReason, "reason formal action went ahead before the LRC was informed")
            .text("lrc_committee", &Concern::lrcCommittee, "LRC committee")
            .date("lrc_informed_date", &Concern::lrcInformedDate, "LRC informed on")
            .code("regulator", &Concern::regulator, regulatorBodies)
            .date("regulator_referral_date", &Concern::regulatorReferralDate, "referred to the regulator on")
            .date("pag_referral_date", &Concern::pagReferralDate, "referred to the PAG on")
            .code("panel_outcome", &Concern::panelOutcome, panelOutcomes, "panel outcome")
            .date("panel_date", &Concern::panelDate, "panel date")
            .date("suspension_start", &Concern::suspensionStart, "suspension start")
            .date("suspension_review", &Concern::suspensionReview, "suspension review")
            .date("nhs_resolution_notified", &Concern::nhsResolutionNotified, "NHS Resolution notified on")
            .text("outcome", &Concern::outcome)
            .date("closed_date", &Concern::closedDate, "closed on")
            .stamps(&Concern::createdAt, &Concern::updatedAt)
            .version(&Concern::rowVersion);
        t.recordType = QStringLiteral("concerns");
        t.orderBy = byPractice();
        t.title = QStringLiteral("Concerns");
        t.confidentialWhere = QStringLiteral("confidential = 1");
        t.validate = [](Database& db, const Row& r, Issues& i) { validate(Concern::fromRow(r), i, db.clock().today()); };
        t.fileRules = [](Database& db, const Row& r, Issues& i) { checkConcernProcess(db, Concern::fromRow(r), i); };
        // A caseworker may switch it off deliberately in the editor; a file cannot.
        t.confidentialRule = [](Database& db, const Row& r, Issues& i) {
            if (RecordType::fromFile(db) && !r.value("performer_id").toString().isEmpty() &&
                r.value("confidential").toLongLong() != 1)
                i.add("confidential", QStringLiteral("A concern about a named performer is confidential: it must be "
                                                     "marked confidential (confidential = 1)."));
        };
        t.owner = [](Database&, const Row& r) { return r.value("contractor_id").toString(); };
        t.label = [](Database&, const Row& r) { return r.value("summary").toString().left(60); };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(concernRecord)

const RecordModel<ConcernAction>& concernActionRecord() {
    static const RecordModel<ConcernAction> model = [] {
        RecordModel<ConcernAction> t("concern_action", "Concern action", &ConcernAction::id);
        t.ref("concern_id", &ConcernAction::concernId, "concern").required()
            .text("description", &ConcernAction::description).required()
            .text("owner", &ConcernAction::owner).required()
            .date("due_date", &ConcernAction::dueDate, "due date").required()
            .date("completed_date", &ConcernAction::completedDate, "completed on")
            .text("result", &ConcernAction::result)
            .version(&ConcernAction::rowVersion);
        t.recordType = QStringLiteral("concern-actions");
        t.orderBy = byParentsPractice(t.table, "concern", "concern_id");
        t.title = QStringLiteral("Concern actions");
        t.confidentialWhere = QString::fromLatin1(kOfConfidentialConcern);
        t.validate = [](Database&, const Row& r, Issues& i) { validate(ConcernAction::fromRow(r), i); };
        t.fileRules = checkActionOfClosedConcern;
        t.owner = contractorOfConcern;
        t.label = [](Database&, const Row& r) { return r.value("description").toString().left(60); };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(concernActionRecord)

const RecordType& concernEventRecord() {
    static const RecordTable table = [] {
        RecordTable t("concern_event", "Concern timeline entry");
        t.column("concern_id", FieldKind::Reference, "concern").required()
            .code("kind", timelineKinds).required()
            .column("event_date", FieldKind::Date, "date").required()
            .code("from_stage", concernStages, "from stage")
            .code("to_stage", concernStages, "to stage")
            .column("consequence", FieldKind::Level).choices(risk::consequences)
            .column("likelihood", FieldKind::Level).choices(risk::likelihoods)
            .column("text", FieldKind::Text)
            .column("detail", FieldKind::Text)
            .column("who", FieldKind::Text).required()
            .column("recorded_at", FieldKind::Stamp, "recorded").required();
        t.recordType = QStringLiteral("concern-timeline");
        t.orderBy = byParentsPractice(t.table, "concern", "concern_id");
        t.title = QStringLiteral("Concern timelines");
        t.confidentialWhere = QString::fromLatin1(kOfConfidentialConcern);
        t.owner = contractorOfConcern;
        t.label = [](Database& db, const Row& r) {
            return labelFor(timelineKinds(), r.value("kind").toString()) + QStringLiteral(" on concern: ") +
                   summaryOfConcern(db, r);
        };
        return t;
    }();
    return table;
}
CB_RECORD_TYPE(concernEventRecord)

// ---- field rules --------------------------------------------------------------------------------

void validate(const Concern& c, Issues& issues, const QDate& today) {
    if (c.contractorId.isEmpty() && c.performerId.isEmpty())
        issues.add("contractorId", QStringLiteral("Choose the contractor or the performer the concern is about."));
    if (!hasCode(concernLevels(), c.level))
        issues.add("level", QStringLiteral("Choose the level: %1.").arg(describeChoices(concernLevels())));
    else if (!c.performerId.isEmpty() && c.level != QLatin1String("individual"))
        issues.add("level", QStringLiteral("A concern about a named performer is at the individual level."));
    else if (c.performerId.isEmpty() && c.level == QLatin1String("individual"))
        issues.add("performerId", QStringLiteral("Choose the performer this individual concern is about."));
    if (!hasCode(concernSources(), c.source))
        issues.add("source", QStringLiteral("Choose where the concern came from: %1.").arg(describeChoices(concernSources())));
    if (!hasCode(concernCategories(), c.category))
        issues.add("category", QStringLiteral("Choose a category: %1.").arg(describeChoices(concernCategories())));
    if (!c.receivedDate.isValid())
        issues.add("receivedDate", QStringLiteral("Enter the date the concern was received."));
    else if (c.receivedDate > today)
        issues.add("receivedDate", QStringLiteral("The date received cannot be in the future."));
    if (c.summary.trimmed().isEmpty()) issues.add("summary", QStringLiteral("Write a one-line summary of the concern."));
    if (c.owner.trimmed().isEmpty()) issues.add("owner", QStringLiteral("Choose who owns the concern."));
    if (!hasCode(concernStages(), c.stage))
        issues.add("stage", QStringLiteral("Choose a stage: %1.").arg(describeChoices(concernStages())));
    const bool noGrade = c.consequence == 0 && c.likelihood == 0;
    if (!noGrade && !risk::isLevel(c.consequence))
        issues.add("consequence", QStringLiteral("Choose a consequence from 1 (negligible) to 5 (catastrophic)."));
    if (!noGrade && !risk::isLevel(c.likelihood))
        issues.add("likelihood", QStringLiteral("Choose a likelihood from 1 (rare) to 5 (almost certain)."));
    if (c.serious && c.seriousReason.trimmed().isEmpty())
        issues.add("seriousReason", QStringLiteral("Write why the concern is serious."));

    const auto notBeforeReceived = [&](const QString& field, const QDate& d, const QString& what) {
        if (!d.isValid()) return;
        if (d > today) issues.add(field, QStringLiteral("The date %1 cannot be in the future.").arg(what));
        else if (c.receivedDate.isValid() && d < c.receivedDate)
            issues.add(field, QStringLiteral("The date %1 is before the concern was received (%2).")
                                  .arg(what, fmt::date(c.receivedDate)));
    };
    notBeforeReceived("lrcInformedDate", c.lrcInformedDate, QStringLiteral("the %1 was informed").arg(c.lrcCommittee.isEmpty() ? QStringLiteral("LRC") : c.lrcCommittee));
    if (!c.regulator.isEmpty() && !hasCode(regulatorBodies(), c.regulator))
        issues.add("regulator", QStringLiteral("Choose the regulator: %1.").arg(describeChoices(regulatorBodies())));
    if (!c.regulator.isEmpty() && !c.regulatorReferralDate.isValid())
        issues.add("regulatorReferralDate", QStringLiteral("Enter the date of the referral to the %1.").arg(c.regulator));
    if (c.regulator.isEmpty() && c.regulatorReferralDate.isValid())
        issues.add("regulator", QStringLiteral("Choose the regulator the concern was referred to."));
    notBeforeReceived("regulatorReferralDate", c.regulatorReferralDate, QStringLiteral("of the referral"));
    if (c.pagReferralDate.isValid() && c.performerId.isEmpty())
        issues.add("pagReferralDate", QStringLiteral("Only concerns about a named performer go to the Performance Advisory Group."));
    notBeforeReceived("pagReferralDate", c.pagReferralDate, QStringLiteral("of the PAG referral"));
    if (!c.panelOutcome.isEmpty()) {
        if (!hasCode(panelOutcomes(), c.panelOutcome))
            issues.add("panelOutcome", QStringLiteral("Choose the decision panel's outcome: %1.").arg(describeChoices(panelOutcomes())));
        if (!c.pagReferralDate.isValid())
            issues.add("panelOutcome", QStringLiteral("Record the PAG referral before the decision panel's outcome."));
        if (!c.panelDate.isValid()) issues.add("panelDate", QStringLiteral("Enter the date of the panel's decision."));
        else if (c.pagReferralDate.isValid() && c.panelDate < c.pagReferralDate)
            issues.add("panelDate", QStringLiteral("The panel's decision is dated before the PAG referral (%1).")
                                        .arg(fmt::date(c.pagReferralDate)));
        else if (c.panelDate > today)
            issues.add("panelDate", QStringLiteral("The date of the panel's decision cannot be in the future."));
    } else if (c.panelDate.isValid()) {
        issues.add("panelOutcome", QStringLiteral("Choose the decision panel's outcome for the decision dated %1.")
                                       .arg(fmt::date(c.panelDate)));
    }
    if (c.panelOutcome == QLatin1String("suspension")) {
        if (!c.suspensionStart.isValid())
            issues.add("suspensionStart", QStringLiteral("Enter the date the suspension starts."));
        if (!c.suspensionReview.isValid())
            issues.add("suspensionReview", QStringLiteral("Enter the date the suspension will be reviewed."));
        else if (c.suspensionStart.isValid() && c.suspensionReview <= c.suspensionStart)
            issues.add("suspensionReview", QStringLiteral("The review date must be after the suspension starts (%1).")
                                               .arg(fmt::date(c.suspensionStart)));
    } else if (c.suspensionStart.isValid() || c.suspensionReview.isValid()) {
        issues.add("suspensionStart", QStringLiteral("Suspension dates apply only when the panel's outcome is suspension."));
    }
    if (c.stage == QLatin1String("closed")) {
        if (c.outcome.trimmed().isEmpty())
            issues.add("outcome", QStringLiteral("Record the outcome before closing the concern."));
        if (!c.closedDate.isValid()) issues.add("closedDate", QStringLiteral("Enter the date the concern was closed."));
    } else if (c.closedDate.isValid()) {
        issues.add("closedDate", QStringLiteral("Only a closed concern has a closing date."));
    }
    notBeforeReceived("closedDate", c.closedDate, QStringLiteral("it was closed"));
}

void validate(const ConcernAction& a, Issues& issues) {
    if (a.description.trimmed().isEmpty()) issues.add("description", QStringLiteral("Describe the action."));
    if (a.owner.trimmed().isEmpty()) issues.add("owner", QStringLiteral("Choose who owns the action."));
    if (!a.dueDate.isValid()) issues.add("dueDate", QStringLiteral("Enter the date the action is due."));
    if (a.completedDate.isValid() && a.result.trimmed().isEmpty())
        issues.add("result", QStringLiteral("Record the result of the completed action."));
    if (!a.completedDate.isValid() && !a.result.trimmed().isEmpty())
        issues.add("completedDate", QStringLiteral("Enter the date the action was completed, or clear its result."));
}

// ---- service ------------------------------------------------------------------------------------

namespace {
const QString kSelectConcern = QStringLiteral("SELECT * FROM concern WHERE id = ?");

QString stageName(const QString& code) { return labelFor(concernStages(), code); }
} // namespace

risk::Bands ConcernService::bands() {
    Settings settings(m_db);
    return risk::loadBands(settings);
}

Concern ConcernService::require(const QString& id) {
    const auto row = m_db.queryOne(kSelectConcern, {id});
    if (!row)
        throw ValidationError(QString(), QStringLiteral("This concern no longer exists: someone may have deleted it. "
                                                        "Close the form and look it up again."));
    return Concern::fromRow(*row);
}

std::optional<Concern> ConcernService::get(const QString& id) {
    return Concern::fromRecord(m_db.queryOne(kSelectConcern, {id}));
}

Concern ConcernService::draft(const QString& contractorId, const QString& performerId) {
    Concern c;
    c.contractorId = contractorId;
    c.performerId = performerId;
    c.level = performerId.isEmpty() ? QStringLiteral("practice") : QStringLiteral("individual");
    c.receivedDate = m_db.clock().today();
    c.owner = m_db.actor();
    c.confidential = !performerId.isEmpty();
    Issues ignored;
    checkSubject(c, ignored); // fills the LRC committee when the subject exists
    return c;
}

// The subject must exist; the contract must be the contractor's; the LRC comes from the group.
void ConcernService::checkSubject(Concern& c, Issues& issues) {
    QString group;
    if (!c.contractorId.isEmpty()) {
        const auto k = m_db.queryOne(QStringLiteral("SELECT contractor_group FROM contractor WHERE id = ?"), {c.contractorId});
        if (!k) issues.add("contractorId", QStringLiteral("The contractor no longer exists: choose it again."));
        else group = k->value("contractor_group").toString();
    }
    QString profession;
    if (!c.performerId.isEmpty()) {
        const auto p = m_db.queryOne(QStringLiteral("SELECT profession FROM performer WHERE id = ?"), {c.performerId});
        if (!p) issues.add("performerId", QStringLiteral("The performer no longer exists: choose them again."));
        else profession = p->value("profession").toString();
    }
    if (!c.contractId.isEmpty()) {
        const auto k = m_db.queryOne(QStringLiteral("SELECT contractor_id FROM contract WHERE id = ?"), {c.contractId});
        if (!k) issues.add("contractId", QStringLiteral("The contract no longer exists: choose it again."));
        else if (k->value("contractor_id").toString() != c.contractorId)
            issues.add("contractId", QStringLiteral("Choose one of this contractor's own contracts."));
    }
    c.lrcCommittee = !group.isEmpty() ? lrcForGroup(group) : lrcForProfession(profession);
}

void ConcernService::addTimeline(const QString& concernId, const QString& kind, const QDate& date, const QString& text,
                                 const QString& detail, const QString& fromStage, const QString& toStage,
                                 int consequence, int likelihood) {
    require(concernId);
    m_db.save("concern_event", Row{{"id", Database::newId()},
                          {"concern_id", concernId},
                          {"kind", kind},
                          {"event_date", day(date)},
                          {"from_stage", rowval::text(fromStage)},
                          {"to_stage", rowval::text(toStage)},
                          {"consequence", rowval::level(consequence)},
                          {"likelihood", rowval::level(likelihood)},
                          {"text", rowval::text(text)},
                          {"detail", rowval::text(detail)},
                          {"who", m_db.actor()},
                          {"recorded_at", m_db.nowStamp()}}, Database::SaveMode::New);
}

void ConcernService::checkEventDate(const Concern& c, const QString& field, const QDate& d, Issues& issues,
                                    const QString& what) {
    if (!d.isValid()) issues.add(field, QStringLiteral("Enter the date %1.").arg(what));
    else if (d > m_db.clock().today()) issues.add(field, QStringLiteral("The date %1 cannot be in the future.").arg(what));
    else if (c.receivedDate.isValid() && d < c.receivedDate)
        issues.add(field, QStringLiteral("The date %1 is before the concern was received (%2).").arg(what, fmt::date(c.receivedDate)));
}

void ConcernService::save(Concern& c) {
    m_db.save(concernRecord(), c.toRow(), Database::SaveMode::Existing);
}

Concern ConcernService::create(Concern c) {
    if (c.id.isEmpty()) c.id = Database::newId();
    if (!c.performerId.isEmpty()) c.level = QStringLiteral("individual");
    if (!c.confidential) c.confidential = !c.performerId.isEmpty();
    Issues issues;
    if (c.stage != QLatin1String("received"))
        issues.add("stage", QStringLiteral("A new concern starts at the received stage; move it on once it is saved."));
    validate(c, issues, m_db.clock().today());
    checkSubject(c, issues);
    issues.throwIfAny();
    m_db.write([&] {
        m_db.save(concernRecord(), c.toRow(), Database::SaveMode::New);
        addTimeline(c.id, "received", c.receivedDate, c.summary.trimmed(), c.source);
        if (c.isGraded()) addTimeline(c.id, "grading", c.receivedDate, QString(), QString(), {}, {}, c.consequence, c.likelihood);
        if (c.serious) addTimeline(c.id, "serious", c.receivedDate, c.seriousReason.trimmed());
    });
    return *get(c.id);
}

void ConcernService::update(const Concern& edited) {
    Concern c = require(edited.id);
    const bool wasSerious = c.serious;
    // Only the descriptive fields: stage, grading, referrals and closing have their own steps.
    c.contractorId = edited.contractorId;
    c.performerId = edited.performerId;
    c.contractId = edited.contractId;
    c.level = edited.performerId.isEmpty() ? edited.level : QStringLiteral("individual");
    c.source = edited.source;
    c.category = edited.category;
    c.receivedDate = edited.receivedDate;
    c.summary = edited.summary;
    c.details = edited.details;
    c.owner = edited.owner;
    if (edited.confidential) c.confidential = edited.confidential;
    c.serious = edited.serious;
    c.seriousReason = edited.serious ? edited.seriousReason : QString();
    if (c.stage == QLatin1String("closed")) c.outcome = edited.outcome;
    Issues issues;
    validate(c, issues, m_db.clock().today());
    if (c.serious && !c.seriousReason.trimmed().isEmpty())
        requireReason(issues, "seriousReason", c.seriousReason, QStringLiteral("why the concern is serious"));
    checkSubject(c, issues);
    if (issues.isEmpty()) checkConcernProcess(m_db, c, issues);
    issues.throwIfAny();
    m_db.write([&] {
        save(c);
        if (c.serious && !wasSerious) addTimeline(c.id, "serious", m_db.clock().today(), c.seriousReason.trimmed());
        if (!c.serious && wasSerious) addTimeline(c.id, "note", m_db.clock().today(), QStringLiteral("No longer marked serious."));
    });
}

void ConcernService::grade(const QString& concernId, int consequence, int likelihood, const QString& note, QDate date) {
    Concern c = require(concernId);
    date = dateOrToday(date);
    Issues issues;
    if (!risk::isLevel(consequence))
        issues.add("consequence", QStringLiteral("Choose a consequence from 1 (negligible) to 5 (catastrophic)."));
    if (!risk::isLevel(likelihood))
        issues.add("likelihood", QStringLiteral("Choose a likelihood from 1 (rare) to 5 (almost certain)."));
    if (issues.isEmpty() && c.consequence == consequence && c.likelihood == likelihood)
        issues.add("consequence", QStringLiteral("The concern is already graded %1.")
                                      .arg(risk::describeGrading(consequence, likelihood, bands())));
    if (!c.isOpen()) issues.add("stage", QStringLiteral("The concern is closed: reopen it before grading it again."));
    checkEventDate(c, "date", date, issues, QStringLiteral("of the grading"));
    issues.throwIfAny();
    const QString previous = c.isGraded() ? QStringLiteral("%1x%2").arg(c.consequence).arg(c.likelihood) : QString();
    c.consequence = consequence;
    c.likelihood = likelihood;
    m_db.write([&] {
        save(c);
        addTimeline(c.id, "grading", date, note.trimmed(), previous, {}, {}, consequence, likelihood);
    });
}

void ConcernService::changeStage(const QString& concernId, const StageChange& change) {
    Concern c = require(concernId);
    const QDate today = m_db.clock().today();
    const QDate date = dateOrToday(change.date);
    Issues issues;
    if (!hasCode(concernStages(), change.stage)) {
        issues.add("stage", QStringLiteral("Choose a stage: %1.").arg(describeChoices(concernStages())));
        issues.throwIfAny();
    }
    const QString to = stageName(change.stage).toLower();
    if (change.stage == c.stage)
        issues.add("stage", QStringLiteral("The concern is already at the %1 stage.").arg(to));
    else if (change.stage == QLatin1String("received"))
        issues.add("stage", QStringLiteral("A concern cannot go back to received: choose triaged or a later stage."));
    if (change.reason.trimmed().isEmpty())
        issues.add("reason", QStringLiteral("Give the reason for moving the concern to %1.").arg(to));
    checkEventDate(c, "date", date, issues, QStringLiteral("of the stage change"));
    const QVariant lastChange = m_db.scalar(
        QStringLiteral("SELECT max(event_date) FROM concern_event WHERE concern_id = ? AND kind = 'stage'"), {c.id});
    if (!lastChange.isNull() && date.isValid() && date < fmt::parseIsoDate(lastChange.toString()))
        issues.add("date", QStringLiteral("The date is before the last stage change (%1).")
                               .arg(fmt::date(fmt::parseIsoDate(lastChange.toString()))));

    Concern next = c;
    next.stage = change.stage;
    if (change.stage == QLatin1String("support_to_improve") && !next.supportStarted.isValid()) next.supportStarted = date;
    QString noticeContract;
    std::optional<ContractEvent> newNotice;
    bool newlySerious = false;
    if (change.stage == QLatin1String("formal_action")) {
        if (change.serious) {
            newlySerious = *change.serious && !c.serious;
            next.serious = *change.serious;
            next.seriousReason = *change.serious ? change.seriousReason.trimmed() : QString();
        }
        if (!(c.lrcInformedDate.isValid() && date.isValid() && c.lrcInformedDate <= date))
            next.lrcReason = change.lrcReason.trimmed();
        checkSupportBefore(next, date, QStringLiteral("serious"), QStringLiteral("formal action"), issues);
        checkLrcBefore(next, date, QStringLiteral("formal action"), issues);
        if (!c.contractorId.isEmpty()) {
            if (change.newNotice) {
                ContractEvent e = *change.newNotice;
                if (e.id.isEmpty()) e.id = Database::newId();
                if (e.contractId.isEmpty()) e.contractId = c.contractId;
                e.concernId = c.id;
                e.description = e.description.trimmed();
                const auto k = m_db.queryOne(QStringLiteral("SELECT k.contractor_id, c.contractor_group FROM contract k "
                                                            "JOIN contractor c ON c.id = k.contractor_id WHERE k.id = ?"),
                                             {e.contractId});
                // The notice's own fields are reported as noticeKind, noticeEventDate... beside the stage's.
                const auto noticeField = [](const QString& f) { return QStringLiteral("notice") + f.left(1).toUpper() + f.mid(1); };
                if (e.contractId.isEmpty()) {
                    issues.add("noticeContractId", QStringLiteral("Choose the contract the notice is issued on."));
                } else if (!k) {
                    issues.add("noticeContractId", QStringLiteral("The contract no longer exists: choose it again."));
                } else if (!isNoticeKind(e.kind)) {
                    issues.add("noticeKind", QStringLiteral("Formal action records a remedial, breach or termination notice."));
                } else {
                    Issues noticeIssues;
                    validate(e, k->value("contractor_group").toString(), noticeIssues);
                    checkNoticeAgainstConcern(next, e, k->value("contractor_id").toString(), noticeIssues);
                    checkEventLinks(m_db, e, noticeIssues);
                    if (!c.contractId.isEmpty() && e.contractId != c.contractId)
                        noticeIssues.add("contractId", QStringLiteral("The notice must be on the contract this concern is "
                                                                      "about."));
                    for (const FieldIssue& i : noticeIssues.list())
                        if (i.field != QLatin1String("lrcReason") && i.field != QLatin1String("seriousReason"))
                            issues.add(noticeField(i.field), i.message); // those two are already reported for the stage
                    noticeContract = e.contractId;
                    newNotice = e;
                }
            } else if (change.noticeEventId.isEmpty()) {
                issues.add("noticeEventId", QStringLiteral("Record the remedial, breach or termination notice issued on "
                                                           "the contract for this formal action, or link one already "
                                                           "recorded for this concern."));
            } else {
                const auto e = m_db.queryOne(
                    QStringLiteral("SELECT e.*, k.contractor_id AS k_contractor, k.reference AS k_reference "
                                   "FROM contract_event e JOIN contract k ON k.id = e.contract_id WHERE e.id = ?"),
                    {change.noticeEventId});
                if (!e) {
                    issues.add("noticeEventId", QStringLiteral("The linked notice no longer exists: choose it again."));
                } else if (!isNoticeKind(e->value("kind").toString())) {
                    issues.add("noticeEventId", QStringLiteral("Formal action links to a remedial, breach or termination "
                                                               "notice, not a %1.")
                                                    .arg(labelFor(contractEventKinds(), e->value("kind").toString()).toLower()));
                } else if (e->value("k_contractor").toString() != c.contractorId) {
                    issues.add("noticeEventId", QStringLiteral("That notice is on another contractor's contract: choose "
                                                               "a notice issued to this contractor."));
                } else if (!c.contractId.isEmpty() && e->value("contract_id").toString() != c.contractId) {
                    issues.add("noticeEventId", QStringLiteral("That notice is on another contract (%1), not the one "
                                                               "this concern is about.")
                                                    .arg(e->value("k_reference").toString()));
                } else if (!e->value("concern_id").toString().isEmpty() && e->value("concern_id").toString() != c.id) {
                    issues.add("noticeEventId", QStringLiteral("That notice arises from another concern: record this "
                                                               "concern's own notice."));
                } else {
                    Issues noticeIssues;
                    checkNoticeAgainstConcern(next, ContractEvent::fromRow(*e), c.contractorId, noticeIssues);
                    for (const FieldIssue& i : noticeIssues.list())
                        if (i.field != QLatin1String("lrcReason") && i.field != QLatin1String("seriousReason"))
                            issues.add(QStringLiteral("noticeEventId"), i.message);
                    noticeContract = e->value("contract_id").toString();
                }
            }
        } else if (!c.pagReferralDate.isValid()) {
            issues.add("pagReferralDate", QStringLiteral("Formal action about a performer goes through the Performance "
                                                         "Advisory Group: record the PAG referral first."));
        }
    }
    QList<ConcernAction> toCancel;
    if (change.stage == QLatin1String("closed")) {
        next.outcome = change.outcome.trimmed();
        next.closedDate = date;
        requireReason(issues, "outcome", next.outcome, QStringLiteral("the outcome the concern closes with"));
        for (const ConcernAction& a : actions(c.id))
            if (!a.completedDate.isValid()) toCancel << a;
        if (!toCancel.isEmpty()) {
            if (change.cancelOpenActions.trimmed().isEmpty())
                issues.add("actions", QStringLiteral("%1 of the concern's actions %2 still open (%3): complete each, or "
                                                     "cancel %4 with a reason, before closing the concern.")
                                          .arg(toCancel.size())
                                          .arg(toCancel.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"))
                                          .arg(toCancel.first().description.left(60))
                                          .arg(toCancel.size() == 1 ? QStringLiteral("it") : QStringLiteral("them")));
            else
                requireReason(issues, "cancelOpenActions", change.cancelOpenActions,
                              QStringLiteral("why the open actions are no longer needed"));
        }
    } else {
        next.closedDate = QDate(); // reopening
    }
    issues.throwIfAny();
    validate(next, issues, today);
    issues.throwIfAny();

    QStringList text{change.reason.trimmed()};
    if (change.stage == QLatin1String("formal_action")) {
        if (!noticeContract.isEmpty()) {
            next.noticeEventId = newNotice ? newNotice->id : change.noticeEventId;
            if (next.contractId.isEmpty()) next.contractId = noticeContract;
        }
        if (!next.lrcReason.isEmpty() && next.lrcReason != c.lrcReason)
            text << QStringLiteral("Before the %1 was informed: %2").arg(c.lrcCommittee, next.lrcReason);
        if (newNotice)
            text << QStringLiteral("%1 issued: %2").arg(labelFor(contractEventKinds(), newNotice->kind), newNotice->description);
    }
    if (change.stage == QLatin1String("closed")) text << QStringLiteral("Outcome: ") + next.outcome;
    m_db.write([&] {
        if (newNotice) {
            m_db.save(contractEventRecord(), newNotice->toRow(), Database::SaveMode::New);
        } else if (!next.noticeEventId.isEmpty() && next.noticeEventId != c.noticeEventId) {
            const auto notice = m_db.fetchRecord(QStringLiteral("contract_event"), next.noticeEventId);
            if (notice && notice->value("concern_id").isNull())
                m_db.save(contractEventRecord(), Row{{"id", next.noticeEventId}, {"concern_id", c.id}},
                          Database::SaveMode::Existing);
        }
        for (const ConcernAction& a : toCancel) cancelOpen(a, change.cancelOpenActions.trimmed(), date);
        save(next);
        if (newlySerious) addTimeline(c.id, "serious", date, next.seriousReason.trimmed());
        addTimeline(c.id, "stage", date, text.join('\n'), next.noticeEventId, c.stage, change.stage);
    });
}

void ConcernService::cancelOpen(const ConcernAction& open, const QString& reason, const QDate& date) {
    ConcernAction a = open;
    a.completedDate = date;
    a.result = QStringLiteral("Cancelled: ") + reason;
    m_db.save(concernActionRecord(), a.toRow(), Database::SaveMode::Existing);
    addTimeline(a.concernId, "action_cancelled", date, QStringLiteral("%1: %2").arg(a.description.trimmed(), reason), a.id);
}

void ConcernService::cancelAction(const QString& actionId, const QString& reason, QDate date) {
    const auto row = m_db.fetchRecord("concern_action", actionId);
    if (!row) throw ValidationError(QString(), QStringLiteral("This action no longer exists: someone may have deleted it."));
    const ConcernAction a = ConcernAction::fromRow(*row);
    const Concern c = require(a.concernId);
    date = dateOrToday(date);
    Issues issues;
    if (a.completedDate.isValid())
        issues.add("completedDate", QStringLiteral("The action was already closed on %1.").arg(fmt::date(a.completedDate)));
    requireReason(issues, "result", reason, QStringLiteral("why the action is no longer needed"));
    checkEventDate(c, "completedDate", date, issues, QStringLiteral("the action was cancelled"));
    issues.throwIfAny();
    m_db.write([&] { cancelOpen(a, reason.trimmed(), date); });
}

void ConcernService::addNote(const QString& concernId, const QString& note, QDate date) {
    const Concern c = require(concernId);
    date = dateOrToday(date);
    Issues issues;
    if (note.trimmed().isEmpty()) issues.add("note", QStringLiteral("Write the note."));
    checkEventDate(c, "date", date, issues, QStringLiteral("of the note"));
    issues.throwIfAny();
    m_db.write([&] { addTimeline(c.id, "note", date, note.trimmed()); });
}

void ConcernService::recordLrcInformed(const QString& concernId, const QDate& date, const QString& note) {
    Concern c = require(concernId);
    Issues issues;
    checkEventDate(c, "lrcInformedDate", date, issues, QStringLiteral("the %1 was informed").arg(c.lrcCommittee));
    issues.throwIfAny();
    c.lrcInformedDate = date;
    m_db.write([&] {
        save(c);
        addTimeline(c.id, "lrc_informed", date, note.trimmed(), c.lrcCommittee);
    });
}

void ConcernService::recordRegulatorReferral(const QString& concernId, const QString& body, const QDate& date,
                                             const QString& note) {
    Concern c = require(concernId);
    Issues issues;
    if (!hasCode(regulatorBodies(), body))
        issues.add("regulator", QStringLiteral("Choose the regulator: %1.").arg(describeChoices(regulatorBodies())));
    else if (!c.performerId.isEmpty() && body != QLatin1String("CQC")) {
        const auto p = m_db.queryOne(QStringLiteral("SELECT given_name, family_name, profession FROM performer WHERE id = ?"),
                                     {c.performerId});
        const QString registeredWith = p ? registrationBodyFor(p->value("profession").toString()) : QString();
        if (!registeredWith.isEmpty() && registeredWith != body)
            issues.add("regulator", QStringLiteral("%1 %2 is registered with the %3, not the %4.")
                                        .arg(p->value("given_name").toString(), p->value("family_name").toString(),
                                             registeredWith, body));
    }
    checkEventDate(c, "regulatorReferralDate", date, issues, QStringLiteral("of the referral"));
    issues.throwIfAny();
    c.regulator = body;
    c.regulatorReferralDate = date;
    m_db.write([&] {
        save(c);
        addTimeline(c.id, "regulator_referral", date, note.trimmed(), body);
    });
}

void ConcernService::recordPagReferral(const QString& concernId, const QDate& date, const QString& note) {
    Concern c = require(concernId);
    Issues issues;
    if (c.performerId.isEmpty()) {
        issues.add("pagReferralDate", QStringLiteral("Only concerns about a named performer go to the Performance Advisory Group."));
    } else {
        const auto p = m_db.queryOne(QStringLiteral("SELECT profession FROM performer WHERE id = ?"), {c.performerId});
        if (p && !isOnPerformersList(p->value("profession").toString()))
            issues.add("pagReferralDate", QStringLiteral("%1s are not on the performers lists, so the PAG does not "
                                                         "consider them: refer to their regulator instead.")
                                              .arg(labelFor(professions(), p->value("profession").toString())));
    }
    checkEventDate(c, "pagReferralDate", date, issues, QStringLiteral("of the PAG referral"));
    issues.throwIfAny();
    c.pagReferralDate = date;
    m_db.write([&] {
        save(c);
        addTimeline(c.id, "pag_referral", date, note.trimmed());
    });
}

QString listStatusAfterPanel(const QString& outcome) {
    if (outcome == QLatin1String("suspension")) return QStringLiteral("suspended");
    if (outcome == QLatin1String("removal")) return QStringLiteral("removed");
    if (outcome == QLatin1String("conditions") || outcome == QLatin1String("contingent_removal"))
        return QStringLiteral("included_with_conditions");
    if (outcome == QLatin1String("refusal")) return QStringLiteral("refused");
    if (outcome == QLatin1String("deferment")) return QStringLiteral("deferred");
    return {};
}

void ConcernService::recordNhsResolutionNotified(const QString& concernId, const QDate& date, const QString& note) {
    Concern c = require(concernId);
    Issues issues;
    if (c.panelOutcome.isEmpty())
        issues.add("nhsResolutionNotified", QStringLiteral("Record the decision panel's outcome first: NHS Resolution is "
                                                           "told of the panel's decision."));
    checkEventDate(c, "nhsResolutionNotified", date, issues, QStringLiteral("NHS Resolution was notified"));
    if (date.isValid() && c.panelDate.isValid() && date < c.panelDate)
        issues.add("nhsResolutionNotified", QStringLiteral("NHS Resolution is notified of the decision, so on or after "
                                                           "the panel's date (%1).").arg(fmt::date(c.panelDate)));
    issues.throwIfAny();
    c.nhsResolutionNotified = date;
    m_db.write([&] {
        save(c);
        addTimeline(c.id, "nhs_resolution", date, note.trimmed(), c.panelOutcome);
    });
}

void ConcernService::recordPanelDecision(const QString& concernId, const QString& outcome, const QDate& date,
                                         const QDate& suspensionStart, const QDate& suspensionReview, const QString& note) {
    Concern c = require(concernId);
    Concern next = c;
    next.panelOutcome = outcome;
    next.panelDate = date;
    next.suspensionStart = suspensionStart;
    next.suspensionReview = suspensionReview;
    Issues issues;
    if (outcome.isEmpty())
        issues.add("panelOutcome", QStringLiteral("Choose the decision panel's outcome: %1.").arg(describeChoices(panelOutcomes())));
    // The panel decides on what the PAG referred after formal action began (regs 7 to 12).
    if (!outcome.isEmpty() && outcome != QLatin1String("no_action") && c.stage != QLatin1String("formal_action") &&
        c.stage != QLatin1String("monitoring"))
        issues.add("panelOutcome", QStringLiteral("The concern is at %1: a decision panel's %2 follows formal action. "
                                                  "Record the PAG referral and move the concern to formal action first.")
                                       .arg(stageName(c.stage).toLower(), labelFor(panelOutcomes(), outcome).toLower()));
    validate(next, issues, m_db.clock().today());
    issues.throwIfAny();
    QString text = note.trimmed();
    if (outcome == QLatin1String("suspension"))
        text = QStringLiteral("Suspended from %1, review on %2. %3")
                   .arg(fmt::date(suspensionStart), fmt::date(suspensionReview), text).trimmed();
    const QString status = listStatusAfterPanel(outcome);
    const auto performer = m_db.fetchRecord("performer", c.performerId);
    m_db.write([&] {
        save(next);
        addTimeline(c.id, "panel_decision", date, text, outcome);
        // The performers list follows the panel: the performer's status changes in the same step.
        if (performer && !status.isEmpty() && performer->value("list_status").toString() != status) {
            const Performer p = Performer::fromRow(*performer);
            m_db.save(performerRecord(), Row{{"id", p.id}, {"list_status", status}}, Database::SaveMode::Existing);
            addTimeline(c.id, "note", date,
                        QStringLiteral("Performers list status of %1: %2 -> %3")
                            .arg(p.fullName(), labelFor(performersListStatuses(), p.listStatus),
                                 labelFor(performersListStatuses(), status)));
        }
    });
}

ConcernAction ConcernService::addAction(ConcernAction a) {
    const Concern c = require(a.concernId);
    if (a.id.isEmpty()) a.id = Database::newId();
    Issues issues;
    if (!c.isOpen()) issues.add("concernId", QStringLiteral("The concern is closed: reopen it before adding actions."));
    validate(a, issues);
    issues.throwIfAny();
    m_db.write([&] {
        m_db.save("concern_action", a.toRow(), Database::SaveMode::New);
        addTimeline(c.id, "action_added", m_db.clock().today(),
                    QStringLiteral("%1 (owner %2, due %3)").arg(a.description.trimmed(), a.owner.trimmed(), fmt::date(a.dueDate)),
                    a.id);
        if (a.completedDate.isValid())
            addTimeline(c.id, "action_completed", a.completedDate,
                        QStringLiteral("%1: %2").arg(a.description.trimmed(), a.result.trimmed()), a.id);
    });
    return a;
}

void ConcernService::updateAction(const ConcernAction& a) {
    const auto row = m_db.fetchRecord("concern_action", a.id);
    if (!row) throw ValidationError(QString(), QStringLiteral("This action no longer exists: someone may have deleted it."));
    const ConcernAction before = ConcernAction::fromRow(*row);
    const Concern c = require(before.concernId);
    ConcernAction next = a;
    next.concernId = before.concernId;
    Issues issues;
    validate(next, issues);
    if (next.completedDate.isValid() && next.completedDate > m_db.clock().today())
        issues.add("completedDate", QStringLiteral("The completion date cannot be in the future."));
    issues.throwIfAny();
    m_db.write([&] {
        if (!m_db.save("concern_action", next.toRow(), Database::SaveMode::Existing).changed)
            return;
        if (next.completedDate.isValid() && !before.completedDate.isValid())
            addTimeline(c.id, "action_completed", next.completedDate,
                        QStringLiteral("%1: %2").arg(next.description.trimmed(), next.result.trimmed()), next.id);
        else
            addTimeline(c.id, "action_changed", m_db.clock().today(),
                        QStringLiteral("%1 (owner %2, due %3%4)")
                            .arg(next.description.trimmed(), next.owner.trimmed(), fmt::date(next.dueDate),
                                 next.completedDate.isValid() ? QStringLiteral(", completed ") + fmt::date(next.completedDate)
                                                              : QString()),
                        next.id);
    });
}

void ConcernService::completeAction(const QString& actionId, const QDate& completed, const QString& result) {
    const auto row = m_db.fetchRecord("concern_action", actionId);
    if (!row) throw ValidationError(QString(), QStringLiteral("This action no longer exists: someone may have deleted it."));
    ConcernAction a = ConcernAction::fromRow(*row);
    if (a.completedDate.isValid())
        throw ValidationError("completedDate", QStringLiteral("The action was already completed on %1.").arg(fmt::date(a.completedDate)));
    a.completedDate = completed;
    a.result = result;
    if (!completed.isValid()) throw ValidationError("completedDate", QStringLiteral("Enter the date the action was completed."));
    updateAction(a);
}

QList<ConcernAction> ConcernService::actions(const QString& concernId) {
    return ConcernAction::fromRows(m_db.query(QStringLiteral("SELECT * FROM concern_action WHERE concern_id = ? ORDER BY due_date, rowid"),
                                              {concernId}));
}

QList<TimelineEntry> ConcernService::timeline(const QString& concernId) {
    const risk::Bands b = bands();
    QList<TimelineEntry> out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM concern_event WHERE concern_id = ? "
                                                  "ORDER BY event_date, recorded_at, rowid"), {concernId})) {
        TimelineEntry e;
        e.id = str(r, "id");
        e.kind = str(r, "kind");
        e.date = dateOf(r, "event_date");
        e.text = str(r, "text");
        e.who = str(r, "who");
        e.recordedAt = str(r, "recorded_at");
        e.fromStage = str(r, "from_stage");
        e.toStage = str(r, "to_stage");
        e.consequence = integer(r, "consequence");
        e.likelihood = integer(r, "likelihood");
        e.detail = str(r, "detail");
        if (e.kind == QLatin1String("received"))
            e.title = QStringLiteral("Received (%1)").arg(labelFor(concernSources(), e.detail));
        else if (e.kind == QLatin1String("stage"))
            e.title = QStringLiteral("Stage: %1 -> %2").arg(stageName(e.fromStage), stageName(e.toStage));
        else if (e.kind == QLatin1String("grading")) {
            e.title = QStringLiteral("%1: %2").arg(e.detail.isEmpty() ? QStringLiteral("Graded") : QStringLiteral("Re-graded"),
                                                   risk::describeGrading(e.consequence, e.likelihood, b));
            if (!e.detail.isEmpty()) {
                const QStringList was = e.detail.split('x');
                const QString previous = risk::describeGrading(was.value(0).toInt(), was.value(1).toInt(), b);
                e.text = (QStringLiteral("Was ") + previous + (e.text.isEmpty() ? QString() : QStringLiteral(". ") + e.text));
            }
        } else if (e.kind == QLatin1String("lrc_informed"))
            e.title = QStringLiteral("%1 informed").arg(e.detail);
        else if (e.kind == QLatin1String("regulator_referral"))
            e.title = QStringLiteral("Referred to the %1").arg(e.detail);
        else if (e.kind == QLatin1String("pag_referral"))
            e.title = QStringLiteral("Referred to the Performance Advisory Group");
        else if (e.kind == QLatin1String("panel_decision"))
            e.title = QStringLiteral("Decision panel: %1").arg(labelFor(panelOutcomes(), e.detail));
        else if (e.kind == QLatin1String("nhs_resolution"))
            e.title = QStringLiteral("NHS Resolution notified of the %1").arg(labelFor(panelOutcomes(), e.detail).toLower());
        else
            e.title = labelFor(timelineKinds(), e.kind);
        out << e;
    }
    return out;
}

// ---- lists --------------------------------------------------------------------------------------

QString ConcernService::whereClause(const ConcernFilter& f, QVariantList& params) {
    QStringList where;
    if (!f.contractorId.isEmpty()) {
        where << QStringLiteral("c.contractor_id = ?");
        params << f.contractorId;
    }
    if (!f.performerId.isEmpty()) {
        where << QStringLiteral("c.performer_id = ?");
        params << f.performerId;
    }
    if (f.stage == QLatin1String("open")) {
        where << QStringLiteral("c.stage <> 'closed'");
    } else if (!f.stage.isEmpty()) {
        where << QStringLiteral("c.stage = ?");
        params << f.stage;
    }
    if (f.band == QLatin1String("ungraded")) {
        where << QStringLiteral("c.consequence IS NULL");
    } else if (!f.band.isEmpty()) {
        const auto [lo, hi] = bands().range(f.band);
        where << QStringLiteral("c.consequence * c.likelihood BETWEEN ? AND ?");
        params << lo << hi;
    }
    if (!f.owner.isEmpty()) {
        where << QStringLiteral("c.owner = ?");
        params << f.owner;
    }
    if (f.overdueOnly) {
        where << QStringLiteral("EXISTS (SELECT 1 FROM concern_action a WHERE a.concern_id = c.id AND "
                                "a.completed_date IS NULL AND a.due_date < ?)");
        params << m_db.clock().today();
    }
    if (f.confidential) {
        where << QStringLiteral("c.confidential = ?");
        params << qint64(*f.confidential ? 1 : 0);
    }
    if (!f.search.trimmed().isEmpty()) {
        const QString like = QLatin1Char('%') + f.search.trimmed() + QLatin1Char('%');
        where << QStringLiteral("(c.summary LIKE ? OR k.ods_code LIKE ? OR k.name LIKE ?)");
        params << like << like << like;
    }
    return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
}

QList<ConcernListItem> ConcernService::list(const ConcernFilter& filter, int offset, int limit) {
    const QDate today = m_db.clock().today();
    QVariantList params{today};
    const QString where = whereClause(filter, params);
    params << limit << offset;
    const risk::Bands b = bands();
    QList<ConcernListItem> out;
    const auto rows = m_db.query(
        QStringLiteral("SELECT c.*, k.ods_code AS k_ods, k.name AS k_name, p.given_name AS p_given, p.family_name AS p_family, "
                       "a.open_actions, a.overdue_actions, a.next_due "
                       "FROM concern c LEFT JOIN contractor k ON k.id = c.contractor_id "
                       "LEFT JOIN performer p ON p.id = c.performer_id "
                       "LEFT JOIN (SELECT concern_id, count(*) AS open_actions, sum(due_date < ?1) AS overdue_actions, "
                       "min(due_date) AS next_due FROM concern_action WHERE completed_date IS NULL GROUP BY concern_id) a "
                       "ON a.concern_id = c.id") +
            where +
            QStringLiteral(" ORDER BY c.received_date DESC, c.id LIMIT ? OFFSET ?"),
        params);
    for (const Row& r : rows) {
        ConcernListItem item;
        item.concern = Concern::fromRow(r);
        item.odsCode = str(r, "k_ods");
        item.contractorLabel = item.odsCode.isEmpty() ? QString() : QStringLiteral("%1 %2").arg(item.odsCode, str(r, "k_name"));
        item.performerName = QStringLiteral("%1 %2").arg(str(r, "p_given"), str(r, "p_family")).trimmed();
        item.band = b.bandFor(item.concern.score());
        item.openActions = integer(r, "open_actions");
        item.overdueActions = integer(r, "overdue_actions");
        item.nextDue = dateOf(r, "next_due");
        out << item;
    }
    return out;
}

int ConcernService::count(const ConcernFilter& filter) {
    QVariantList params;
    const QString where = whereClause(filter, params);
    return m_db.scalar(QStringLiteral("SELECT count(*) FROM concern c LEFT JOIN contractor k ON k.id = c.contractor_id") + where,
                       params).toInt();
}

QStringList ConcernService::owners() {
    QStringList out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT DISTINCT owner FROM concern ORDER BY owner COLLATE NOCASE")))
        out << r.value("owner").toString();
    return out;
}

} // namespace cb
