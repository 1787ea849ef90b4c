#pragma once

#include <functional>

class QDialog;
class QFormLayout;
class QLineEdit;
class QPushButton;
class QVBoxLayout;
class QWidget;

namespace cb::ui {

// Pieces every export dialog shares. The "File: [path] [Choose…]" row, with its accessible names and the
// object names tests find it by ("exportPath", "chooseExportFile").
struct FileRow {
    QLineEdit* path = nullptr;
    QPushButton* choose = nullptr;
};

FileRow addFileRow(QFormLayout* form, QWidget* owner);

// The foot of an export dialog: on a read-only database a note that only the chosen file is
// written, then Export (default; closes the dialog when exportNow succeeds) and Cancel.
QPushButton* addExportButtons(QVBoxLayout* layout, QDialog* dialog, bool readOnly, std::function<bool()> exportNow);

} // namespace cb::ui
