#pragma once

#include "store/Database.h"

#include <QDate>
#include <QJsonObject>

namespace cb {

// How far ahead each part of the worklist looks. Defaults are the policy numbers; users may change
// them in settings.
struct WorklistThresholds {
    int actionsDueDays = 7;       // concern actions due within
    int noticeDays = 14;          // notice deadlines and termination dates within
    int procurementMonths = 18;   // time-limited contracts ending within
    int listClosureDays = 30;     // list closures ending within
    int lpnTermDays = 90;         // LPN terms ending within
    int visitDays = 7;            // visits planned within
};

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

    QJsonObject toJson() const;
};

struct WorklistCategory {
    QString code;
    QString label;
};
const QList<WorklistCategory>& worklistCategories();

// Builds today's worklist from every feature's records, ordered by category then due date.
// A part whose tables are absent (older file) is simply empty.
QList<WorklistItem> buildWorklist(Database& db, const QDate& today, const WorklistThresholds& thresholds = {});

// Text for "in 4 days" / "today" / "3 days ago".
QString relativeDays(const QDate& today, const QDate& when);

} // namespace cb
