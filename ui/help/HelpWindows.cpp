#include "help/HelpWindows.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

// The resources live in the static casebook_ui library: referencing their initialiser keeps the
// linker from dropping them from the program.
static void initHelpResources() { Q_INIT_RESOURCE(casebook); }

namespace cb::ui {

namespace {

QDialog* existing(QWidget* parent, const QString& name) {
    QWidget* top = parent ? parent->window() : nullptr;
    return top ? top->findChild<QDialog*>(name, Qt::FindDirectChildrenOnly) : nullptr;
}

void bringForward(QDialog* d) {
    d->show();
    d->raise();
    d->activateWindow();
}

} // namespace

QWidget* HelpWindows::showGuide(QWidget* parent) {
    if (QDialog* d = existing(parent, QStringLiteral("userGuide"))) {
        bringForward(d);
        return d;
    }
    initHelpResources();
    auto* d = new QDialog(parent ? parent->window() : nullptr, Qt::Window);
    d->setObjectName(QStringLiteral("userGuide"));
    d->setWindowTitle(QStringLiteral("Casebook user guide"));
    d->setAttribute(Qt::WA_DeleteOnClose);
    auto* v = new QVBoxLayout(d);
    auto* browser = new QTextBrowser(d);
    browser->setObjectName(QStringLiteral("userGuideText"));
    browser->setAccessibleName(QStringLiteral("User guide"));
    browser->setOpenExternalLinks(true);
    if (QFile::exists(QStringLiteral(":/casebook/help/user-guide.md"))) {
        browser->setSource(QUrl(QString::fromLatin1(kGuideUrl)), QTextDocument::MarkdownResource);
    } else {
        browser->setPlainText(QStringLiteral("The user guide is missing from this copy of Casebook. It is the file "
                                             "docs/user-guide.md of the source; reinstall Casebook to get it back."));
    }
    v->addWidget(browser, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, d);
    QObject::connect(buttons, &QDialogButtonBox::rejected, d, &QDialog::close);
    v->addWidget(buttons);
    d->resize(900, 700);
    browser->setFocus();
    bringForward(d);
    return d;
}

QWidget* HelpWindows::showShortcuts(QWidget* parent, const QList<QStringList>& rows) {
    if (QDialog* d = existing(parent, QStringLiteral("keyboardShortcuts"))) d->close();
    auto* d = new QDialog(parent ? parent->window() : nullptr, Qt::Window);
    d->setObjectName(QStringLiteral("keyboardShortcuts"));
    d->setWindowTitle(QStringLiteral("Keyboard shortcuts"));
    d->setAttribute(Qt::WA_DeleteOnClose);
    auto* v = new QVBoxLayout(d);
    auto* filter = new QLineEdit(d);
    filter->setObjectName(QStringLiteral("shortcutFilter"));
    filter->setPlaceholderText(QStringLiteral("Type to find a shortcut"));
    filter->setAccessibleName(QStringLiteral("Find a shortcut"));
    filter->setClearButtonEnabled(true);
    v->addWidget(filter);
    auto* table = new QTableWidget(int(rows.size()), 3, d);
    table->setObjectName(QStringLiteral("shortcutTable"));
    table->setAccessibleName(QStringLiteral("Keyboard shortcuts"));
    table->setHorizontalHeaderLabels({QStringLiteral("Where"), QStringLiteral("What"), QStringLiteral("Keys")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setTabKeyNavigation(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < 3; ++c) table->setItem(r, c, new QTableWidgetItem(rows.at(r).value(c)));
    table->resizeColumnToContents(0);
    table->resizeColumnToContents(2);
    v->addWidget(table, 1);
    QObject::connect(filter, &QLineEdit::textChanged, table, [table](const QString& text) {
        for (int r = 0; r < table->rowCount(); ++r) {
            bool match = text.isEmpty();
            for (int c = 0; c < 3 && !match; ++c) match = table->item(r, c)->text().contains(text, Qt::CaseInsensitive);
            table->setRowHidden(r, !match);
        }
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, d);
    QObject::connect(buttons, &QDialogButtonBox::rejected, d, &QDialog::close);
    v->addWidget(buttons);
    d->resize(620, 600);
    filter->setFocus();
    bringForward(d);
    return d;
}

} // namespace cb::ui
