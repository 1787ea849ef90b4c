#pragma once

#include "common/Policy.h"
#include "lpn/Network.h"
#include "reports/ReportTable.h"
#include "store/Database.h"

#include <QDate>
#include <QJsonObject>
#include <QMap>

namespace cb {

// How far ahead each part of the worklist looks. Defaults are the policy numbers; users may change
// them in settings.
struct WorklistThresholds {
    int actionsDueDays = 7;       // concern actions due within
    int noticeDays = 14;          // notice deadlines and termination dates within
    int procurementMonths = policy::kProcurementLeadMonths; // time-limited contracts ending within
    int listClosureDays = 30;     // list closures ending within
    int lpnTermDays = lpn::kTermEndingWarningDays;          // LPN terms ending within
    int declarationReviewMonths = lpn::kDeclarationReviewMonths; // declarations reviewed at least every
    int visitDays = 7;            // visits planned within

    bool operator==(const WorklistThresholds&) const = default;
};

class Settings;

// One adjustable threshold: its setting key, what it means to a caseworker and its allowed range.
// The settings dialog and the loader both walk this list, so a new threshold is added in one place.
struct WorklistSetting {
    QString key;   // "worklist.actions_due_days"
    QString label; // "Concern actions due within"
    QString unit;  // "days" | "months"
    int WorklistThresholds::*member;
    int minimum, maximum;
};
const QList<WorklistSetting>& worklistSettings();

// The thresholds in force: each setting, or its default when unset or not a number.
WorklistThresholds loadWorklistThresholds(Settings& settings);
// Validates every threshold (ValidationError naming each field out of range; nothing saved), then
// stores them all in one transaction. A value equal to its default is stored too, so it stays put
// if a later version changes the default.
void saveWorklistThresholds(Settings& settings, const WorklistThresholds& thresholds);

// One thing that needs a caseworker's attention, and the record that opens it.
struct WorklistItem {
    QString category;    // worklistCategories() code
    QString title;       // "Remedial notice period ends: A81001 The Surgery"
    QString detail;      // "GMS contract GMS-A81001-1 · deadline 26/11/2026 (in 4 days)"
    QDate due;           // the date that matters (deadline, end date, due date)
    bool overdue = false;
    QString contractorId; // the practice file, if any
    QString table;        // the record to open: table and id
    QString recordId;
    // About a confidential concern: title and detail are kept neutral (no individual's name, no
    // summary), so a printed or exported worklist never tells which person the concern is about.
    // The practice is still named: only the individual is confidential.
    bool confidential = false;
    // For information (e.g. a dental shortfall carried into next year): nothing to do by a date,
    // so listed last, in a group shown collapsed.
    bool informational = false;
    QString practice; // "A81001 The Surgery"; empty when the item is not about a practice (LPN members)
    // The form that does what the item asks, opened straight from the worklist (Enter): "application"
    // (the procedure of a list closure or pharmacy application), "mid_year_review". Empty: the
    // record is shown, selected, with the keyboard on it.
    QString form;

    QJsonObject toJson() const;
};

struct WorklistCategory {
    QString code;
    QString label;
};
const QList<WorklistCategory>& worklistCategories();

// Where an item sits in the worklist, in this order: overdue; due within the next 7 days; the rest
// (later, or no deadline); for information.
enum class WorklistBand { Overdue, ThisWeek, Later, Information };
struct WorklistBandInfo {
    WorklistBand band;
    QString code;   // "overdue", "this_week", "later", "information"
    QString label;  // "Overdue", "Due this week"...
    bool collapsed; // shown folded until opened (information)
};
const QList<WorklistBandInfo>& worklistBands();
const WorklistBandInfo& bandInfo(WorklistBand band);
constexpr int kWorklistWeekDays = 7;
WorklistBand worklistBand(const WorklistItem& item, const QDate& today);

// Builds today's worklist from every feature's records, ordered by band (overdue, due this week,
// the rest, for information), then due date, then category.
// A part whose tables are absent (older file) is simply empty.
QList<WorklistItem> buildWorklist(Database& db, const QDate& today, const WorklistThresholds& thresholds = {});

// The worklist the caseworker sees: today by the database's clock, thresholds from the settings.
// The home screen and `casebook-cli report worklist` both call this, so they list the same items.
QList<WorklistItem> todaysWorklist(Database& db);

// The worklist as a report (category, due, overdue, title, detail, record). Confidential items
// carry only their neutral title and detail, so the report can be shared.
ReportTable worklistReport(const QList<WorklistItem>& items);

// Text for "in 4 days" / "today" / "3 days ago"; past two months "in 5 months" / "19 years ago".
QString relativeDays(const QDate& today, const QDate& when);

// Counts per category code (only categories with items), for headers and the navigation badge.
QMap<QString, int> countByCategory(const QList<WorklistItem>& items);

} // namespace cb
