#pragma once

#include "exchange/Csv.h"
#include "exchange/Import.h"

namespace cb::exchange {

// The ODS extract files Casebook understands (PRIMER section 6).
enum class OdsKind { Unknown, Practices, Branches, Dispensaries, PharmacyHeadOffices, Dental, OpticalHeadOffices, OpticalSites };

QString odsKindName(OdsKind kind);        // "epraccur"...
QString odsKindDescription(OdsKind kind); // "GP practices (epraccur)"

// What one row looks like on its own (code pattern, sub-type, parent field): used to detect a
// file's kind from its content, whatever it is called.
OdsKind classifyOdsRow(const QStringList& fields);
// The kind most rows of the document have; Unknown when no kind has at least
// kOdsDetectShare of the rows. share receives that kind's share of the rows.
OdsKind detectOdsKind(const csv::Document& doc, double* share = nullptr);
constexpr double kOdsDetectShare = 0.9;
constexpr int kOdsFieldCount = 27;

// Maps an ODS status (A, C, D, P, ACTIVE, CLOSED, DORMANT, PROPOSED, or empty) to Casebook's
// contractor status; an empty status is active unless the close date has passed. Returns an empty
// string for an unknown status.
QString odsStatus(const QString& raw, const QDate& closeDate, const QDate& today);

// Prescribing settings (epraccur field 26) that are GP practices; other cost centres (out of hours,
// walk-in centres, prisons, hospital services...) are skipped, not registered as practices.
bool isGpPracticeSetting(const QString& setting);

std::unique_ptr<FileImporter> openOdsFile(const QString& path);

} // namespace cb::exchange
