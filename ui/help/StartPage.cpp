#include "help/StartPage.h"

#include "common/Workspace.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace cb::ui {

StartPage::StartPage(bool readOnly, QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("startPage"));
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(32, 24, 32, 24);
    auto* title = new QLabel(QStringLiteral("Welcome to Casebook"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    title->setFont(big);
    v->addWidget(title);
    auto* intro = new QLabel(QStringLiteral("This database is empty. Start in one of these ways; "
                                            "the worklist and the dashboard fill in as records arrive."),
                             this);
    intro->setWordWrap(true);
    v->addWidget(intro);
    v->addSpacing(12);

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(10);
    grid->setColumnStretch(1, 1);
    int row = 0;
    QWidget* previous = nullptr;
    auto add = [&](const QString& name, const QString& text, const QString& explain, void (StartPage::*signal)(),
                   bool enabled, const QString& why = {}) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setAccessibleName(QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")));
        b->setAccessibleDescription(explain);
        b->setEnabled(enabled);
        if (!why.isEmpty()) b->setToolTip(why);
        if (signal) connect(b, &QPushButton::clicked, this, signal);
        auto* label = new QLabel(enabled || why.isEmpty() ? explain : explain + QStringLiteral(" ") + why, this);
        label->setWordWrap(true);
        label->setBuddy(b);
        grid->addWidget(b, row, 0, Qt::AlignTop);
        grid->addWidget(label, row, 1);
        ++row;
        if (previous) setTabOrder(previous, b);
        previous = b;
    };
    const QString ro = Workspace::readOnlyReason();
    add(QStringLiteral("startImport"), QStringLiteral("&Import NHS files…"),
        QStringLiteral("Bring in the ODS extracts of practices, dental and eye health contractors and pharmacies "
                       "(epraccur, egdpprac, …) and the Payments to General Practice file. You see a preview first; "
                       "nothing is saved until you commit."),
        &StartPage::importRequested, !readOnly, readOnly ? ro : QString());
    add(QStringLiteral("startNewContractor"), QStringLiteral("&Create a contractor…"),
        QStringLiteral("Type in one contractor: its ODS code, name and address. Contracts, sites and performers are "
                       "added from its practice file."),
        &StartPage::newContractorRequested, !readOnly, readOnly ? ro : QString());
    add(QStringLiteral("startTeamFolder"), QStringLiteral("&Join a team folder…"),
        QStringLiteral("Share work with colleagues through a team folder."), nullptr, false,
        QStringLiteral("Coming in a later version: team exchange is not built yet."));
    add(QStringLiteral("startDemo"), QStringLiteral("Open the &demo"),
        QStringLiteral("Try Casebook on invented practices (400 contractors) without touching real work. "
                       "The demo is a separate file; this database stays as it is."),
        &StartPage::demoRequested, true);
    add(QStringLiteral("startGuide"), QStringLiteral("Read the &user guide"),
        QStringLiteral("How caseworkers use Casebook, step by step (also F1 from anywhere)."), &StartPage::guideRequested, true);
    v->addLayout(grid);
    v->addStretch(1);
    if (QPushButton* first = button(readOnly ? QStringLiteral("startDemo") : QStringLiteral("startImport"))) setFocusProxy(first);
}

QPushButton* StartPage::button(const QString& name) const { return findChild<QPushButton*>(name); }

} // namespace cb::ui
