#pragma once

#include "contractors/Contractor.h"

#include <QStringList>

class QWidget;

namespace cb::ui {

class MainWindow;
class Workspace;

// File > Import… (Ctrl+I; disabled with the reason on a read-only database), File > Export… and
// File > Practice file as PDF… (Ctrl+P, enabled while a practice file is shown).
void installExchange(MainWindow& window);

// Asks where to save (ExchangeFiles) and writes the contractor's practice-file report as an A4 PDF.
// Returns the file written, empty when cancelled or refused (the reason told through Ask).
QString savePracticeFilePdf(Workspace& ws, const Contractor& contractor, QWidget* parent);

// `casebook --screenshot`: the import preview (of a small extract with a bad row), the export
// dialog, and the practice-file PDF beside them.
QStringList renderExchangeScreenshots(MainWindow& window, const QString& dir);

} // namespace cb::ui
