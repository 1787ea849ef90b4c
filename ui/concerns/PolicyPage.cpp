#include "concerns/PolicyPage.h"

#include "common/Policy.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cb::ui {

PolicyPage::PolicyPage(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("policyPage"));
    setWindowTitle(QStringLiteral("Policy figures"));
    auto* intro = new QLabel(QStringLiteral("The figures Casebook checks when you save, and where each comes from. They "
                                            "are read-only here: ask whoever maintains Casebook to change one when "
                                            "policy changes."));
    intro->setWordWrap(true);
    const QList<policy::Figure> figures = policy::figures();
    auto* table = new QTableWidget(int(figures.size()), 4);
    table->setObjectName(QStringLiteral("policyTable"));
    table->setAccessibleName(QStringLiteral("Policy figures"));
    table->setHorizontalHeaderLabels({QStringLiteral("Area"), QStringLiteral("Figure"), QStringLiteral("Value"),
                                      QStringLiteral("Source")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    for (int i = 0; i < figures.size(); ++i) {
        const policy::Figure& f = figures.at(i);
        int column = 0;
        for (const QString& text : {f.area, f.name, f.value, f.source}) {
            auto* item = new QTableWidgetItem(text);
            item->setToolTip(text);
            table->setItem(i, column++, item);
        }
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(table, 1);
    layout->addWidget(buttons);
    resize(980, 560);
}

} // namespace cb::ui
