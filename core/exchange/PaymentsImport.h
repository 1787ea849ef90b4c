#pragma once

#include "exchange/Csv.h"
#include "exchange/Import.h"

namespace cb::exchange {

// Header wording of the NHS Payments to General Practice file changes between years, so columns are
// found by keywords in the normalised header ("Practice Code", "PRACTICE_CODE" and "practice code"
// all match). -1 when absent.
struct PaymentsColumns {
    int code = -1, name = -1, contractType = -1, registeredPatients = -1, openDate = -1, closeDate = -1;
    int headerIndex = -1; // which record is the header
    bool complete() const { return code >= 0 && contractType >= 0 && registeredPatients >= 0; }
};
QString normaliseHeader(const QString& header); // lower case, punctuation to spaces, simplified
PaymentsColumns findPaymentsColumns(const csv::Document& doc);

std::unique_ptr<FileImporter> openPaymentsFile(const QString& path);

} // namespace cb::exchange
