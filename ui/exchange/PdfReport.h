#pragma once

#include "exchange/PracticeFileReport.h"

#include <QString>

namespace cb::ui {

// Renders a practice file (HTML from core) to an A4 PDF, atomically: a failure leaves no file and
// throws ExportError saying why. Needs a QGuiApplication (fonts).
void writePracticeFilePdf(const exchange::PracticeFile& file, const QString& path);

} // namespace cb::ui
