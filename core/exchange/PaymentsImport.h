#pragma once

#include "exchange/Csv.h"
#include "exchange/Import.h"

namespace cb::exchange {

// Header wording of the NHS Payments to General Practice file changes between years, so columns are
// found by keywords in the normalised header ("Practice Code", "PRACTICE_CODE" and "practice code"
// all match). -1 when absent.
struct PaymentsColumns {
    int code = -1, name = -1, contractType = -1, registeredPatients = -1, openDate = -1, closeDate = -1;
    int dispensing = -1; // "Dispensing Practice": Yes / No
    int year = -1;       // a financial year column, when the file has one
    int headerIndex = -1; // which record is the header
    bool complete() const { return code >= 0 && contractType >= 0 && registeredPatients >= 0; }
};
QString normaliseHeader(const QString& header); // lower case, punctuation to spaces, simplified
PaymentsColumns findPaymentsColumns(const csv::Document& doc);

// The financial year a payments file covers (2022 means 2022/23), from a year column, a title line
// above the header, or the file name ("...-2022-23.csv"); 0 when none says.
int paymentsFileYear(const csv::Document& doc, const PaymentsColumns& cols, const QString& path);
// "2022-23" or "2022/23" (or "2022-2023") in text: the first year; 0 when absent.
int financialYearIn(const QString& text);

std::unique_ptr<FileImporter> openPaymentsFile(const QString& path);

} // namespace cb::exchange
