#include "performers/PerformerViews.h"
#include "common/FlowLayout.h"

#include "common/Ask.h"
#include "common/RecordListPanel.h"
#include "common/Workspace.h"
#include "performers/PerformerEditors.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>

namespace cb::ui {

namespace {

class PerformersTab : public PracticeTab {
public:
    explicit PerformersTab(Workspace& ws) : PracticeTab(ws) {
        auto* v = new QVBoxLayout(this);
        m_panel = new RecordListPanel(ws, QStringLiteral("links"), QStringLiteral("Performers working here"),
                                      QStringLiteral("performer"),
                                      {textColumn("Name", "performer_name"),
                                       choiceColumn("Profession", "profession", professions()),
                                       textColumn("Registration", "registration"),
                                       choiceColumn("Role", "role", performerRoles()), dateColumn("From", "from_date"),
                                       dateColumn("To", "to_date")},
                                      this);
        QPushButton* person = m_panel->addExtraButton(QStringLiteral("Edit &performer…"),
                                                      QStringLiteral("Edit the performer's own record"), false);
        QPushButton* newPerson = m_panel->addExtraButton(QStringLiteral("New performer…"),
                                                         QStringLiteral("Add a new performer to the register"), true);
        v->addWidget(m_panel);
        connect(m_panel, &RecordListPanel::addRequested, this, [this] {
            PerformerLink l;
            l.contractorId = m_contractor.id;
            l.fromDate = m_ws.db().clock().today();
            PerformerLinkEditor(m_ws, l, this).run();
        });
        connect(m_panel, &RecordListPanel::editRequested, this, [this](const QString& id) {
            for (const PerformerLink& l : PerformerService(m_ws.db()).linksAtContractor(m_contractor.id))
                if (l.id == id) PerformerLinkEditor(m_ws, l, this).run();
        });
        connect(m_panel, &RecordListPanel::deleteRequested, this, [this](const QString& id) {
            if (!Ask::confirm(this, QStringLiteral("Remove performer"),
                              QStringLiteral("Remove this performer from %1? Their own record is kept.").arg(m_contractor.name),
                              QStringLiteral("Remove")))
                return;
            try {
                PerformerService(m_ws.db()).removeLink(id);
                m_ws.notifyChanged(m_contractor.id);
            } catch (const Error& e) {
                Ask::error(this, QStringLiteral("Not removed"), e.message());
            }
        });
        connect(person, &QPushButton::clicked, this, [this] {
            const QString performerId = m_panel->currentRow().value("performer_id").toString();
            if (const auto p = PerformerService(m_ws.db()).get(performerId)) PerformerEditor(m_ws, *p, this).run();
        });
        connect(newPerson, &QPushButton::clicked, this, [this] {
            PerformerEditor editor(m_ws, Performer{}, this);
            if (editor.run() != QDialog::Accepted) return;
            PerformerLink l;
            l.contractorId = m_contractor.id;
            l.performerId = editor.performerId();
            l.fromDate = m_ws.db().clock().today();
            PerformerLinkEditor(m_ws, l, this).run();
        });
    }

    void load(const Contractor& c) override {
        m_contractor = c;
        PerformerService service(m_ws.db());
        QList<Row> rows;
        for (const PerformerLink& l : service.linksAtContractor(c.id)) {
            Row r = l.toRow();
            if (const auto p = service.get(l.performerId)) {
                r.insert("performer_name", p->fullName());
                r.insert("profession", p->profession);
                r.insert("registration", QStringLiteral("%1 %2").arg(p->registrationBody, p->registrationNumber).trimmed());
            }
            rows << r;
        }
        m_panel->setRows(rows);
    }

private:
    RecordListPanel* m_panel;
    Contractor m_contractor;
};

} // namespace

PracticeTab* makePerformersTab(Workspace& ws) { return new PerformersTab(ws); }

PerformersPage::PerformersPage(Workspace& ws, QWidget* parent) : QWidget(parent), m_ws(ws) {
    setObjectName(QStringLiteral("performersPage"));
    auto* v = new QVBoxLayout(this);
    auto* filters = new FlowLayout; // wraps on a narrow screen rather than widening the window
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("performerSearch"));
    m_search->setPlaceholderText(QStringLiteral("Filter by name or registration number"));
    m_search->setAccessibleName(QStringLiteral("Filter performers"));
    m_search->setClearButtonEnabled(true);
    m_profession = filterCombo(QStringLiteral("professionFilter"), QStringLiteral("Profession"),
                               QStringLiteral("All professions"), professions(), this);
    m_count = new QLabel(this);
    auto* add = new QPushButton(QStringLiteral("New performer…"), this);
    add->setAccessibleName(QStringLiteral("New performer"));
    ws.guard(add);
    filters->addStretchWidget(m_search);
    filters->addWidget(m_profession);
    filters->addWidget(m_count);
    filters->addWidget(add);
    v->addLayout(filters);
    m_model = new PagedTableModel(ws.db(),
                                  {textColumn("Family name", "family_name", false), textColumn("Given name", "given_name", false),
                                   choiceColumn("Profession", "profession", professions(), false),
                                   textColumn("Regulator", "registration_body", false),
                                   textColumn("Registration number", "registration_number", false),
                                   choiceColumn("Performers list", "list_status", performersListStatuses(), false)},
                                  this);
    m_view = new QTableView(this);
    setUpRecordTable(m_view, QStringLiteral("performersTable"), QStringLiteral("Performers"), m_model, 150);
    v->addWidget(m_view, 1);
    connect(m_model, &PagedTableModel::totalCountChanged, this, [this](int n) {
        m_count->setText(n < 0 ? QString() : QStringLiteral("%L1 performer%2").arg(n).arg(n == 1 ? "" : "s"));
    });
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setInterval(200);
    connect(timer, &QTimer::timeout, this, &PerformersPage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, timer, qOverload<>(&QTimer::start));
    connect(m_profession, &QComboBox::currentIndexChanged, this, &PerformersPage::applyFilter);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& i) { editPerformer(m_model->idAt(i.row())); });
    connect(add, &QPushButton::clicked, this, &PerformersPage::newPerformer);
    connect(&ws, &Workspace::openPerformerRequested, this, &PerformersPage::editPerformer);
    connect(&ws, &Workspace::changed, this, &PerformersPage::refresh);
    applyFilter();
}

void PerformersPage::applyFilter() {
    PerformerFilter f;
    f.profession = m_profession->currentData().toString();
    f.search = m_search->text();
    m_model->setQuery([f](Database& db, const QString&, bool, int offset, int limit) {
        QList<Row> rows;
        for (const Performer& p : PerformerService(db).list(f, offset, limit)) rows << p.toRow();
        return rows;
    },
                      [f](Database& db) { return PerformerService(db).count(f); });
}

void PerformersPage::refresh() { m_model->reload(); }

void PerformersPage::newPerformer() {
    PerformerEditor(m_ws, Performer{}, this).run();
}

void PerformersPage::editPerformer(const QString& id) {
    if (const auto p = PerformerService(m_ws.db()).get(id)) PerformerEditor(m_ws, *p, this).run();
}

} // namespace cb::ui
