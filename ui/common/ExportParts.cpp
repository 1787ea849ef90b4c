#include "common/ExportParts.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

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

QPushButton* addExportButtons(QVBoxLayout* layout, QDialog* dialog, bool readOnly, std::function<bool()> exportNow) {
    if (readOnly) {
        auto* note = new QLabel(QStringLiteral("The database is open read-only; exporting writes only the file you choose."),
                                dialog);
        note->setWordWrap(true);
        layout->addWidget(note);
    }
    auto* buttons = new QDialogButtonBox(dialog);
    QPushButton* exportButton = buttons->addButton(QStringLiteral("&Export"), QDialogButtonBox::AcceptRole);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    exportButton->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    QObject::connect(exportButton, &QPushButton::clicked, dialog, [dialog, exportNow = std::move(exportNow)] {
        if (exportNow()) dialog->accept();
    });
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return exportButton;
}

} // namespace cb::ui
