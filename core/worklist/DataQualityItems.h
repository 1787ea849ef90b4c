#pragma once
// The worklist's "Data quality" section (issue 13): open data-quality notes from national files.
#include "worklist/Worklist.h"

namespace cb {

class Database;

// A time-limited contract whose end date a file did not give: one item each, until a person enters
// the end date (the procurement warning cannot work without it). Every other open note is counted
// by what is odd, in one item "for information" per kind.
void dataQualityItems(Database& db, const QDate& today, QList<WorklistItem>& out);

} // namespace cb
