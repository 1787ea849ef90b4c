#pragma once

#include "store/RecordType.h"

#include <QString>

// Data-quality notes (issue 13): national files are the source of truth for what they carry, so an
// importer stores every row it can and turns each oddity (a date that is not a date, a pharmacy
// marked active with a close date, an APMS contract whose end date the file does not give) into a
// note kept with the record. A note says which record and field, the value as read, the file and
// line, and what is odd; it stays open until a person confirms it. The worklist lists open notes in
// its "Data quality" section.
namespace cb {

namespace exchange {
struct FileResult;
}

struct DataQualityNote;
const RecordModel<DataQualityNote>& dataQualityRecord();

struct DataQualityNote {
    QString id;
    QString recordTable;  // "contract", "contractor"...
    QString recordId;
    QString contractorId; // the practice file it is kept with (may be empty)
    QString field;        // field name ("endDate"), as in the record's description
    QString value;        // the value as read from the file ("" when the file has none)
    QString file;         // file name the value came from
    int line = 0;         // physical line in that file (0 when unknown)
    QString problem;      // what is odd, in a caseworker's words
    QString status = QStringLiteral("open"); // dataQualityStatuses()
    QString createdAt, updatedAt;
    CB_RECORD_MAPPING(DataQualityNote, dataQualityRecord)
};

const QList<Choice>& dataQualityStatuses(); // open, confirmed

// Records a note through the write path unless the same record already has an open or confirmed
// note about the same field and problem (a re-import adds nothing). The note also goes into the
// file's preview (result.notes) with its line. Returns true when a note was added.
bool noteDataQuality(Database& db, exchange::FileResult& result, const DataQualityNote& note);

// The open notes of one record, newest first.
QList<DataQualityNote> openNotesFor(Database& db, const QString& table, const QString& recordId);

} // namespace cb
