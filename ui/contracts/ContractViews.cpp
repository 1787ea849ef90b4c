#include "contracts/ContractViews.h"
#include "common/FlowLayout.h"

#include "common/Ask.h"
#include "common/Identifiers.h"
#include "common/RecordListPanel.h"
#include "common/Workspace.h"
#include "contracts/ContractEditors.h"
#include "contracts/ProcedureForms.h"
#include "search/GlobalSearch.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <optional>
#include <QTableView>
#include <QTimer>

namespace cb::ui {

namespace {

QVariant outcomeOf(const Row& r, const char* target, const char* delivered) {
    const Units t = Units::fromVariant(r.value(target)).value_or(Units());
    if (t <= 0) return {};
    const DeliveryResult res = yearEndOutcome(t, Units::fromVariant(r.value(delivered)));
    QString text = res.percent ? QStringLiteral("%1% — ").arg(*res.percent, 0, 'f', 1) : QString();
    return text + describe(res.outcome);
}

// A count of UDAs or UOAs as read: "1,234.5", sorted by the number (hundredths), never by the text
// (which would put "1,234.5" before "980").
Column unitsColumn(const QString& header, const char* key) {
    return {header,
            [key](const Row& r) -> QVariant {
                const auto u = Units::fromVariant(r.value(key));
                return u ? QVariant(u->display()) : QVariant();
            },
            QString(), Qt::AlignRight | Qt::AlignVCenter, [key](const Row& r) -> QVariant {
                const auto u = Units::fromVariant(r.value(key));
                return u ? QVariant(qlonglong(u->hundredths())) : QVariant();
            }};
}

// The value of one UDA, in pounds ("£28.33"), sorted by the pence.
Column udaValueColumn() {
    return {QStringLiteral("UDA value"),
            [](const Row& r) -> QVariant {
                return r.value("uda_value_pence").isNull() ? QVariant() : QVariant(fmt::money(r.value("uda_value_pence").toLongLong()));
            },
            QString(), Qt::AlignRight | Qt::AlignVCenter,
            [](const Row& r) { return r.value("uda_value_pence").isNull() ? QVariant() : QVariant(r.value("uda_value_pence").toLongLong()); }};
}

// A button in a record panel's header that does not need a row chosen (RecordListPanel's extra
// buttons act on the chosen row): placed after the panel's own buttons.
QPushButton* addHeaderButton(Workspace& ws, RecordListPanel* panel, const QString& text, const QString& accessibleName) {
    auto* b = new QPushButton(text, panel);
    b->setAccessibleName(accessibleName);
    auto* header = static_cast<QBoxLayout*>(static_cast<QVBoxLayout*>(panel->layout())->itemAt(0)->layout());
    header->addWidget(b);
    QWidget::setTabOrder(b, panel->view());
    ws.guard(b);
    return b;
}

// What the Size column shows of a contract: its list size, else its UDA target, else its weekly
// hours; kind numbers them in that order (the column sorts by kind, then number).
struct ContractSize {
    int kind;
    double number;
    QString text;
};
std::optional<ContractSize> contractSize(const Row& r) {
    if (!r.value("list_size").isNull())
        return ContractSize{0, r.value("list_size").toDouble(),
                            QStringLiteral("%1 patients").arg(r.value("list_size").toLongLong())};
    if (const auto uda = Units::fromVariant(r.value("uda_target")))
        return ContractSize{1, uda->toDouble(), QStringLiteral("%1 UDAs").arg(uda->display())};
    if (!r.value("total_hours").isNull())
        return ContractSize{2, r.value("total_hours").toDouble(),
                            QStringLiteral("%1 hours a week").arg(r.value("total_hours").toDouble())};
    return std::nullopt;
}

class ContractsTab : public PracticeTab {
public:
    explicit ContractsTab(Workspace& ws) : PracticeTab(ws) {
        auto* v = new QVBoxLayout(this);
        auto* split = new QSplitter(Qt::Vertical, this);
        split->setObjectName(QStringLiteral("contractsSplitter"));
        split->setChildrenCollapsible(false);
        m_contracts = new RecordListPanel(
            ws, QStringLiteral("contracts"), QStringLiteral("Contracts"), QStringLiteral("contract"),
            {choiceColumn("Route", "route", contractRoutes()), textColumn("Reference", "reference"),
             dateColumn("Start", "start_date"), dateColumn("End", "end_date"),
             choiceColumn("Status", "status", contractStatuses()), moneyColumn("Annual value", "annual_value_pence"),
             {"Size",
              [](const Row& r) -> QVariant {
                  const auto size = contractSize(r);
                  return size ? QVariant(size->text) : QVariant();
              },
              {}, Qt::AlignLeft | Qt::AlignVCenter,
              // Sorted by number within each kind (patients, then UDAs, then hours), so "3,500.5 UDAs"
              // comes before "10,000 UDAs" rather than after it as text would.
              [](const Row& r) -> QVariant {
                  constexpr double kKind = 1e12;
                  const auto size = contractSize(r);
                  return size ? QVariant(size->kind * kKind + size->number) : QVariant();
              }}},
            split);
        auto* details = new QTabWidget(split);
        details->setObjectName(QStringLiteral("contractDetails"));
        details->setAccessibleName(QStringLiteral("Selected contract"));
        m_services = new RecordListPanel(ws, QStringLiteral("services"), QStringLiteral("Services on this contract"),
                                         QStringLiteral("service"),
                                         {choiceColumn("Kind", "category", serviceCategories()), textColumn("Name", "name"),
                                          {"Opted out", [](const Row& r) -> QVariant {
                                               return r.value("opted_out").toLongLong() ? QStringLiteral("Opted out") : QString();
                                           }},
                                          dateColumn("Start", "start_date"), dateColumn("End", "end_date")});
        m_events = new RecordListPanel(ws, QStringLiteral("events"), QStringLiteral("Events: variations, notices, closures"),
                                       QStringLiteral("event"),
                                       {choiceColumn("Kind", "kind", contractEventKinds()), dateColumn("Date", "event_date"),
                                        dateColumn("Takes effect", "effective_date"), dateColumn("Deadline", "deadline"),
                                        choiceColumn("Status", "status", contractEventStatuses()),
                                        textColumn("Description", "description")});
        m_activity = new RecordListPanel(
            ws, QStringLiteral("activity"), QStringLiteral("Dental activity by financial year"), QStringLiteral("year"),
            {{"Year", [](const Row& r) -> QVariant { return DentalActivity::fromRow(r).yearLabel(); }},
             unitsColumn("UDA target", "uda_target"), unitsColumn("UDAs delivered", "uda_delivered"), udaValueColumn(),
             {"UDA year end", [](const Row& r) { return outcomeOf(r, "uda_target", "uda_delivered"); }},
             {"Mid-year", [](const Row& r) -> QVariant {
                  const DentalActivity a = DentalActivity::fromRow(r);
                  if (a.midYearReviewDate.isValid()) return QStringLiteral("Reviewed %1").arg(fmt::date(a.midYearReviewDate));
                  return (a.udaTarget > 0 && midYearReviewDue(a.udaTarget, a.udaDeliveredH1)) ||
                                 (a.uoaTarget > 0 && midYearReviewDue(a.uoaTarget, a.uoaDeliveredH1))
                             ? QStringLiteral("Review due")
                             : QString();
              }},
             unitsColumn("UOA target", "uoa_target"), unitsColumn("UOAs delivered", "uoa_delivered"),
             {"UOA year end", [](const Row& r) { return outcomeOf(r, "uoa_target", "uoa_delivered"); }}});
        details->addTab(m_services, QStringLiteral("Services"));
        details->addTab(m_events, QStringLiteral("Events"));
        m_activityIndex = details->addTab(m_activity, QStringLiteral("Dental activity"));
        // A header click sorts the years by that column; counts and the UDA value sort as numbers.
        m_activity->view()->setSortingEnabled(true);
        m_activity->view()->sortByColumn(0, Qt::AscendingOrder);
        m_details = details;
        split->addWidget(m_contracts);
        split->addWidget(details);
        v->addWidget(split);
        const QByteArray state = QSettings().value(QStringLiteral("splitters/contracts")).toByteArray();
        if (!state.isEmpty()) split->restoreState(state);
        connect(split, &QSplitter::splitterMoved, this, [split] {
            QSettings().setValue(QStringLiteral("splitters/contracts"), split->saveState());
        });

        connect(m_contracts, &RecordListPanel::currentChanged, this, [this] { loadContract(); });
        connect(m_contracts, &RecordListPanel::addRequested, this, [this] {
            Contract c;
            c.contractorId = m_contractor.id;
            c.startDate = m_ws.db().clock().today();
            ContractEditor(m_ws, c, m_contractor.group, this).run();
        });
        connect(m_contracts, &RecordListPanel::editRequested, this, [this](const QString& id) {
            if (const auto c = ContractBook(m_ws.db()).get(id)) ContractEditor(m_ws, *c, m_contractor.group, this).run();
        });
        connect(m_contracts, &RecordListPanel::deleteRequested, this, [this](const QString& id) {
            remove(QStringLiteral("Delete contract"), QStringLiteral("Delete this contract?"),
                   [&] { ContractBook(m_ws.db()).remove(id); });
        });
        connect(m_services, &RecordListPanel::addRequested, this, [this] {
            ContractedService s;
            s.contractId = m_contracts->currentId();
            s.category = QStringLiteral("essential");
            ServiceEditor(m_ws, s, this).run();
        });
        connect(m_services, &RecordListPanel::editRequested, this, [this](const QString& id) {
            for (const ContractedService& s : ContractBook(m_ws.db()).services(m_contracts->currentId()))
                if (s.id == id) ServiceEditor(m_ws, s, this).run();
        });
        connect(m_services, &RecordListPanel::deleteRequested, this, [this](const QString& id) {
            remove(QStringLiteral("Delete service"), QStringLiteral("Delete this service from the contract?"),
                   [&] { ContractBook(m_ws.db()).removeService(id); });
        });
        connect(m_events, &RecordListPanel::addRequested, this, [this] {
            ContractEvent e;
            e.contractId = m_contracts->currentId();
            e.eventDate = m_ws.db().clock().today();
            EventEditor(m_ws, e, this).run();
        });
        connect(m_events, &RecordListPanel::editRequested, this, [this](const QString& id) {
            const auto e = ContractBook(m_ws.db()).event(id);
            if (!e) return;
            // An application is walked through its procedure in one place.
            if (isApplicationKind(e->kind)) ApplicationForm(m_ws, *e, this).run();
            else EventEditor(m_ws, *e, this).run();
        });
        m_apply = addHeaderButton(ws, m_events, QStringLiteral("Ne&w application…"),
                                  QStringLiteral("New application on this contract"));
        m_apply->setObjectName(QStringLiteral("newApplicationButton"));
        connect(m_apply, &QPushButton::clicked, this, [this] {
            ContractEvent e;
            e.contractId = m_contracts->currentId();
            e.kind = m_contractor.group == QLatin1String("general_practice") ? QStringLiteral("list_closure")
                                                                              : QStringLiteral("market_entry");
            e.eventDate = m_ws.db().clock().today();
            ApplicationForm(m_ws, e, this).run();
        });
        m_review = m_activity->addExtraButton(QStringLiteral("Mid-&year review…"),
                                              QStringLiteral("Record the mid-year review of the chosen year"), true);
        m_review->setObjectName(QStringLiteral("midYearReviewButton"));
        connect(m_review, &QPushButton::clicked, this, [this] {
            const QString id = m_activity->currentId();
            for (const DentalActivity& a : ContractBook(m_ws.db()).activity(m_contracts->currentId()))
                if (a.id == id) MidYearReviewForm(m_ws, a, this).run();
        });
        connect(m_events, &RecordListPanel::deleteRequested, this, [this](const QString& id) {
            remove(QStringLiteral("Delete event"), QStringLiteral("Delete this contract event?"),
                   [&] { ContractBook(m_ws.db()).removeEvent(id); });
        });
        connect(m_activity, &RecordListPanel::addRequested, this, [this] {
            DentalActivity a;
            a.contractId = m_contracts->currentId();
            if (const auto c = ContractBook(m_ws.db()).get(a.contractId)) {
                a.udaTarget = c->udaTarget.value_or(Units());
                a.uoaTarget = c->uoaTarget.value_or(Units());
            }
            ActivityEditor(m_ws, a, this).run();
        });
        connect(m_activity, &RecordListPanel::editRequested, this, [this](const QString& id) {
            for (const DentalActivity& a : ContractBook(m_ws.db()).activity(m_contracts->currentId()))
                if (a.id == id) ActivityEditor(m_ws, a, this).run();
        });
        connect(m_activity, &RecordListPanel::deleteRequested, this, [this](const QString& id) {
            remove(QStringLiteral("Delete activity year"), QStringLiteral("Delete this year's dental activity?"),
                   [&] { ContractBook(m_ws.db()).removeActivity(id); });
        });
    }

    void load(const Contractor& c) override {
        m_contractor = c;
        QList<Row> rows;
        for (const Contract& k : ContractBook(m_ws.db()).forContractor(c.id)) rows << k.toRow();
        m_contracts->setRows(rows);
        m_details->setTabVisible(m_activityIndex, c.group == QLatin1String("dental"));
        // Applications: GP list closures, pharmacy market entry and change of ownership.
        m_apply->setVisible(c.group == QLatin1String("general_practice") || c.group == QLatin1String("pharmacy"));
        loadContract();
    }

private:
    void loadContract() {
        const QString id = m_contracts->currentId();
        ContractBook book(m_ws.db());
        QList<Row> services, events, activity;
        if (!id.isEmpty()) {
            for (const auto& s : book.services(id)) services << s.toRow();
            for (const auto& e : book.events(id)) events << e.toRow();
            if (m_contractor.group == QLatin1String("dental"))
                for (const auto& a : book.activity(id)) activity << a.toRow();
        }
        m_services->setRows(services);
        m_events->setRows(events);
        m_activity->setRows(activity);
        const QString why = QStringLiteral("Choose a contract first.");
        m_services->setAddEnabled(!id.isEmpty(), id.isEmpty() ? why : QString());
        m_events->setAddEnabled(!id.isEmpty(), id.isEmpty() ? why : QString());
        m_activity->setAddEnabled(!id.isEmpty(), id.isEmpty() ? why : QString());
        if (!m_ws.isReadOnly()) {
            m_apply->setEnabled(!id.isEmpty());
            m_apply->setToolTip(id.isEmpty() ? why : QString());
        }
    }

    void remove(const QString& title, const QString& question, const std::function<void()>& action) {
        if (!Ask::confirm(this, title, question, title)) return;
        try {
            action();
            m_ws.notifyChanged(m_contractor.id);
        } catch (const Error& e) {
            Ask::error(this, QStringLiteral("Not deleted"), e.message());
        }
    }

    Contractor m_contractor;
    RecordListPanel *m_contracts, *m_services, *m_events, *m_activity;
    QPushButton *m_apply = nullptr, *m_review = nullptr;
    QTabWidget* m_details;
    int m_activityIndex = -1;
};

} // namespace

PracticeTab* makeContractsTab(Workspace& ws) { return new ContractsTab(ws); }

// ---- Contracts screen ---------------------------------------------------------------------------------

ContractsPage::ContractsPage(Workspace& ws, QWidget* parent) : QWidget(parent), m_ws(ws) {
    setObjectName(QStringLiteral("contractsPage"));
    auto* v = new QVBoxLayout(this);
    auto* filters = new FlowLayout; // wraps on a narrow screen rather than widening the window
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("contractSearch"));
    m_search->setPlaceholderText(QStringLiteral("Filter by contractor, ODS code or reference"));
    m_search->setAccessibleName(QStringLiteral("Filter contracts"));
    m_search->setClearButtonEnabled(true);
    m_route = filterCombo(QStringLiteral("routeFilter"), QStringLiteral("Route"), QStringLiteral("All routes"),
                          contractRoutes(), this);
    m_status = filterCombo(QStringLiteral("contractStatusFilter"), QStringLiteral("Contract status"),
                           QStringLiteral("Any status"), contractStatuses(), this);
    m_count = new QLabel(this);
    m_count->setAccessibleName(QStringLiteral("Number of contracts"));
    filters->addStretchWidget(m_search);
    filters->addWidget(m_route);
    filters->addWidget(m_status);
    filters->addWidget(m_count);
    v->addLayout(filters);
    m_model = new PagedTableModel(
        ws.db(),
        {textColumn("ODS code", "ods_code"), textColumn("Contractor", "contractor_name"),
         choiceColumn("Route", "route", contractRoutes()), textColumn("Reference", "reference"),
         dateColumn("Start", "start_date"), dateColumn("End", "end_date"),
         choiceColumn("Status", "status", contractStatuses()), moneyColumn("Annual value", "annual_value_pence")},
        this);
    m_view = new QTableView(this);
    setUpRecordTable(m_view, QStringLiteral("contractsTable"), QStringLiteral("Contracts"), m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(5, Qt::AscendingOrder);
    v->addWidget(m_view, 1);
    connect(m_model, &PagedTableModel::totalCountChanged, this, [this](int n) {
        m_count->setText(n < 0 ? QString() : QStringLiteral("%L1 contract%2").arg(n).arg(n == 1 ? "" : "s"));
    });
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setInterval(200);
    connect(timer, &QTimer::timeout, this, &ContractsPage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, timer, qOverload<>(&QTimer::start));
    connect(m_route, &QComboBox::currentIndexChanged, this, &ContractsPage::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &ContractsPage::applyFilter);
    auto open = [this](const QModelIndex& i) {
        if (!i.isValid()) return;
        const auto c = ContractBook(m_ws.db()).get(m_model->idAt(i.row()));
        if (c) emit m_ws.openContractorRequested(c->contractorId);
    };
    connect(m_view, &QTableView::activated, this, open);
    connect(&ws, &Workspace::changed, this, &ContractsPage::refresh);
    applyFilter();
}

void ContractsPage::applyFilter() {
    ContractListFilter f;
    f.route = m_route->currentData().toString();
    f.status = m_status->currentData().toString();
    f.search = m_search->text();
    m_model->setQuery(
        [f](Database& db, const QString& key, bool desc, int offset, int limit) {
            ContractListFilter g = f;
            if (!key.isEmpty()) g.sortColumn = key;
            g.descending = desc;
            return ContractList(db).list(g, offset, limit);
        },
        [f](Database& db) { return ContractList(db).count(f); });
}

void ContractsPage::refresh() { m_model->reload(); }

} // namespace cb::ui
