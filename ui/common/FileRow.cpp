#include "common/FileRow.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace cb::ui {

FileRow addFileRow(QFormLayout* form, QWidget* owner) {
    FileRow row;
    auto* layout = new QHBoxLayout;
    row.path = new QLineEdit(owner);
    row.path->setObjectName(QStringLiteral("exportPath"));
    row.path->setAccessibleName(QStringLiteral("File to write"));
    row.choose = new QPushButton(QStringLiteral("&Choose…"), owner);
    row.choose->setObjectName(QStringLiteral("chooseExportFile"));
    row.choose->setAccessibleName(QStringLiteral("Choose the file to write"));
    layout->addWidget(row.path, 1);
    layout->addWidget(row.choose);
    auto* label = new QLabel(QStringLiteral("F&ile:"), owner);
    label->setBuddy(row.path);
    form->addRow(label, layout);
    return row;
}

} // namespace cb::ui
