#pragma once

class QFormLayout;
class QLineEdit;
class QPushButton;
class QWidget;

namespace cb::ui {

// The "File: [path] [Choose…]" row every export dialog has, with its accessible names and the
// object names tests find it by ("exportPath", "chooseExportFile").
struct FileRow {
    QLineEdit* path = nullptr;
    QPushButton* choose = nullptr;
};

FileRow addFileRow(QFormLayout* form, QWidget* owner);

} // namespace cb::ui
