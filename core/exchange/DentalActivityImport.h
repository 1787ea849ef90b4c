#pragma once

#include "exchange/Import.h"

#include <memory>

// Dental activity in bulk (issue 13, journey 7): one line per contract and financial year, with the
// UDA/UOA targets, what was delivered and the UDA value. The layout is in docs/formats.md ("Dental
// activity"). Opened with ImportJob::dentalActivity(path); previewed and imported like every other
// file, all or nothing: while any line is rejected, nothing from the file is imported.
namespace cb::exchange {

// The header a dental activity file starts with, in this order (the two "by 30 September" columns
// may be left out).
QStringList dentalActivityHeader();

// Opens and checks the file now; throws ImportError when it is not a dental activity file.
std::unique_ptr<FileImporter> openDentalActivityFile(const QString& path);

} // namespace cb::exchange
