#include "lpn/NetworksPage.h"
#include "common/FlowLayout.h"

#include "common/Ask.h"
#include "common/Identifiers.h"
#include "common/RecordListPanel.h"
#include "common/Workspace.h"
#include "lpn/LpnEditors.h"
#include "lpn/LpnModels.h"
#include "lpn/NetworkService.h"
#include "lpn/RosterExportDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <climits>
#include <tuple>

namespace cb::ui {

namespace {
QString severityLabel(Severity s) {
    switch (s) {
    case Severity::High: return QStringLiteral("High");
    case Severity::Medium: return QStringLiteral("Medium");
    case Severity::Low: break;
    }
    return QStringLiteral("Low");
}

QIcon severityIcon(Severity s) {
    QStyle* style = QApplication::style();
    switch (s) {
    case Severity::High: return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Severity::Medium: return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Severity::Low: break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

QTreeView* sectionedView(const QString& name, const QString& accessibleName, QAbstractItemModel* model, QWidget* parent) {
    auto* v = new QTreeView(parent);
    v->setObjectName(name);
    v->setAccessibleName(accessibleName);
    v->setModel(model);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->setEditTriggers(QAbstractItemView::NoEditTriggers);
    v->setAlternatingRowColors(true);
    v->setExpandsOnDoubleClick(false);
    v->setUniformRowHeights(true);
    v->header()->setStretchLastSection(true);
    return v;
}

// Section headings read across the whole row; every section starts open.
void spanHeadings(QTreeView* view) {
    for (int i = 0; i < view->model()->rowCount(); ++i) view->setFirstColumnSpanned(i, QModelIndex(), true);
    view->expandAll();
}

QPushButton* button(const QString& text, const QString& name, const QString& accessibleName, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(name);
    b->setAccessibleName(accessibleName);
    return b;
}

QString plural(qsizetype n, const char* one, const char* many) {
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}
} // namespace

NetworksPage::NetworksPage(Workspace& ws, QWidget* parent) : QWidget(parent), m_ws(ws) {
    setObjectName(QStringLiteral("networksPage"));
    auto* v = new QVBoxLayout(this);
    auto* top = new FlowLayout; // wraps on a narrow screen rather than widening the window
    m_network = new QComboBox(this);
    m_network->setObjectName(QStringLiteral("networkCombo"));
    m_network->setAccessibleName(QStringLiteral("Network"));
    m_network->setMinimumContentsLength(28);
    auto* label = new QLabel(QStringLiteral("&Network:"), this);
    label->setBuddy(m_network);
    top->addWidget(label);
    top->addWidget(m_network);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("networkSummary"));
    m_summary->setWordWrap(true);
    top->addStretchWidget(m_summary);
    auto* newNetwork = button(QStringLiteral("New network…"), "newNetworkButton", "New network", this);
    auto* editNetwork = button(ws.isReadOnly() ? QStringLiteral("View network…") : QStringLiteral("Edit network…"),
                               "editNetworkButton", "Edit the network's details", this);
    auto* newGroup = button(QStringLiteral("New gr&oup…"), "newGroupButton", "New group in this network", this);
    auto* newMember = button(QStringLiteral("New &member…"), "newMemberButton", "New member of this network", this);
    m_export = button(QStringLiteral("E&xport roster…"), "exportRosterButton", "Export the roster (CSV, Excel or PDF)", this);
    for (QPushButton* b : {newNetwork, editNetwork, newGroup, newMember, m_export}) top->addWidget(b);
    v->addLayout(top);
    ws.guard(newNetwork);
    ws.guard(newGroup);
    ws.guard(newMember);
    m_needNetwork = {editNetwork, newGroup, newMember, m_export};

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("networkTabs"));
    v->addWidget(m_tabs, 1);

    // Roster.
    auto* rosterTab = new QWidget(this);
    auto* rv = new QVBoxLayout(rosterTab);
    auto* rosterButtons = new QHBoxLayout;
    auto* hint = new QLabel(QStringLiteral("Enter or double-click opens a member (or a group's heading: the group)."), rosterTab);
    rosterButtons->addWidget(hint, 1);
    auto* addSeat = button(QStringLiteral("&Add to group…"), "addSeatButton", "Add a member to a group", rosterTab);
    m_editSeat = button(QStringLiteral("Edit &seat…"), "editSeatButton", "Edit the selected member's role and term", rosterTab);
    rosterButtons->addWidget(addSeat);
    rosterButtons->addWidget(m_editSeat);
    ws.guard(addSeat);
    ws.guard(m_editSeat);
    m_needNetwork << addSeat;
    m_roster = new SectionedTableModel(
        {textColumn("Name", "name", false), textColumn("Role", "role_label", false),
         textColumn("Profession", "profession_label", false), textColumn("Organisation", "organisation", false),
         textColumn("Term", "term_text", false)},
        [](const Row& r, int column, int role) -> QVariant {
            if (column != 4) return {};
            if (role == kTermElapsedRole) return r.value("term_elapsed");
            if (role == kTermTextRole) return r.value("term_text");
            if (role == kTermStateRole) return r.value("term_state");
            if (role == Qt::ToolTipRole) return r.value("term_tooltip");
            return {};
        },
        this);
    m_rosterView = sectionedView(QStringLiteral("rosterView"), QStringLiteral("Roster by group and role"), m_roster, rosterTab);
    m_rosterView->setItemDelegateForColumn(4, new TermBarDelegate(m_rosterView));
    m_rosterView->header()->resizeSection(0, 260);
    m_rosterView->header()->resizeSection(1, 190);
    m_rosterView->header()->resizeSection(2, 170);
    m_rosterView->header()->resizeSection(3, 200);
    rv->addWidget(m_rosterView, 1);
    rv->addLayout(rosterButtons);
    m_tabs->addTab(rosterTab, QStringLiteral("Ros&ter"));

    // Roster review.
    auto* reviewTab = new QWidget(this);
    auto* vv = new QVBoxLayout(reviewTab);
    auto* reviewTop = new QHBoxLayout;
    m_withinDays = new QSpinBox(reviewTab);
    m_withinDays->setObjectName(QStringLiteral("withinDays"));
    m_withinDays->setAccessibleName(QStringLiteral("Terms ending within, in days"));
    m_withinDays->setRange(0, lpn::kTermEndingMaxDays);
    m_withinDays->setSuffix(QStringLiteral(" days"));
    m_withinDays->setValue(termEndingWarningDays(ws.db()));
    m_withinDays->setToolTip(QStringLiteral("Terms ending within this many days are listed. The default comes from the "
                                            "setting %1.").arg(QLatin1String(kTermEndingDaysSetting)));
    auto* withinLabel = new QLabel(QStringLiteral("Terms ending &within:"), reviewTab);
    withinLabel->setBuddy(m_withinDays);
    m_reviewCount = new QLabel(reviewTab);
    m_reviewCount->setObjectName(QStringLiteral("reviewCount"));
    reviewTop->addWidget(withinLabel);
    reviewTop->addWidget(m_withinDays);
    reviewTop->addSpacing(16);
    reviewTop->addWidget(m_reviewCount, 1);
    vv->addLayout(reviewTop);
    m_review = new SectionedTableModel({textColumn("Severity", "severity_label", false), dateColumn("Date", "date", false),
                                        textColumn("Finding", "message", false)},
                                       [](const Row& r, int column, int role) -> QVariant {
                                           if (column == 0 && role == Qt::DecorationRole)
                                               return severityIcon(Severity(r.value("severity").toInt()));
                                           if (column == 2 && role == Qt::ToolTipRole) return r.value("message");
                                           return {};
                                       },
                                       this);
    m_reviewView = sectionedView(QStringLiteral("reviewView"), QStringLiteral("Roster review findings"), m_review, reviewTab);
    m_reviewView->header()->resizeSection(0, 200);
    m_reviewView->header()->resizeSection(1, 100);
    vv->addWidget(m_reviewView, 1);
    vv->addWidget(new QLabel(QStringLiteral("Enter or double-click opens the member (or group) a finding is about."), reviewTab));
    m_tabs->addTab(reviewTab, QStringLiteral("Roster re&view"));

    // Meetings.
    m_meetings = new RecordListPanel(ws, QStringLiteral("meetings"), QStringLiteral("Meetings, newest first"),
                                     QStringLiteral("meeting"),
                                     {dateColumn("Date", "meeting_date", false), textColumn("Group", "group_name", false),
                                      textColumn("Title", "title", false), numberColumn("Attended", "attended", false),
                                      numberColumn("Apologies", "apologies", false)},
                                     this);
    m_tabs->addTab(m_meetings, QStringLiteral("M&eetings"));

    connect(m_network, &QComboBox::currentIndexChanged, this, [this] {
        loadRoster();
        loadReview();
        loadMeetings();
        updateButtons();
    });
    connect(m_withinDays, &QSpinBox::valueChanged, this, [this] {
        loadReview();
        loadRoster(); // the bars of terms ending within the window turn amber
    });
    connect(m_rosterView, &QTreeView::activated, this, &NetworksPage::openRosterItem);
    connect(m_reviewView, &QTreeView::activated, this, &NetworksPage::openFinding);
    connect(m_rosterView->selectionModel(), &QItemSelectionModel::currentChanged, this, &NetworksPage::updateButtons);
    connect(newNetwork, &QPushButton::clicked, this, &NetworksPage::newNetwork);
    connect(editNetwork, &QPushButton::clicked, this, &NetworksPage::editNetwork);
    connect(newGroup, &QPushButton::clicked, this, &NetworksPage::newGroup);
    connect(newMember, &QPushButton::clicked, this, &NetworksPage::newMember);
    connect(addSeat, &QPushButton::clicked, this, &NetworksPage::addSeat);
    connect(m_editSeat, &QPushButton::clicked, this, &NetworksPage::editSeat);
    connect(m_export, &QPushButton::clicked, this, &NetworksPage::exportRoster);
    connect(m_meetings, &RecordListPanel::addRequested, this, [this] {
        Meeting mt;
        mt.date = m_ws.db().clock().today();
        MeetingEditor(m_ws, mt, networkId(), this).run();
    });
    connect(m_meetings, &RecordListPanel::editRequested, this, [this](const QString& id) {
        if (const auto mt = NetworkService(m_ws.db()).meeting(id)) MeetingEditor(m_ws, *mt, networkId(), this).run();
    });
    connect(m_meetings, &RecordListPanel::deleteRequested, this, [this](const QString& id) {
        if (!Ask::confirm(this, QStringLiteral("Delete meeting"), QStringLiteral("Delete this meeting and its attendance?"),
                          QStringLiteral("Delete")))
            return;
        try {
            NetworkService(m_ws.db()).removeMeeting(id);
            m_ws.notifyChanged();
        } catch (const Error& e) {
            Ask::error(this, QStringLiteral("Not deleted"), e.message());
        }
    });
    connect(&ws, &Workspace::changed, this, &NetworksPage::refresh);
    setTabOrder(m_network, m_tabs);
    loadNetworks({});
}

QString NetworksPage::networkId() const { return m_network->currentData().toString(); }

bool NetworksPage::selectNetwork(const QString& id) {
    const int i = m_network->findData(id);
    if (i < 0) return false;
    m_network->setCurrentIndex(i);
    return true;
}

void NetworksPage::showReview() { m_tabs->setCurrentIndex(1); }

bool NetworksPage::showFinding(const QString& memberId) {
    for (const auto& [view, model, tab] : {std::tuple{m_reviewView, m_review, 1}, std::tuple{m_rosterView, m_roster, 0}}) {
        const QModelIndex at = model->indexOfId(memberId);
        if (!at.isValid()) continue;
        m_tabs->setCurrentIndex(tab);
        view->setCurrentIndex(at);
        view->scrollTo(at);
        view->setFocus(Qt::OtherFocusReason);
        return true;
    }
    showReview();
    m_reviewView->setFocus(Qt::OtherFocusReason);
    return false;
}

void NetworksPage::refresh() { loadNetworks(networkId()); }

void NetworksPage::loadNetworks(const QString& keep) {
    {
        const QSignalBlocker block(m_network);
        m_network->clear();
        for (const Network& n : NetworkService(m_ws.db()).networks())
            m_network->addItem(QStringLiteral("%1 (%2)").arg(n.name, labelFor(networkKinds(), n.kind)), n.id);
        const int i = m_network->findData(keep);
        m_network->setCurrentIndex(i >= 0 ? i : (m_network->count() > 0 ? 0 : -1));
    }
    loadRoster();
    loadReview();
    loadMeetings();
    updateButtons();
}

void NetworksPage::loadRoster() {
    const QString keep = m_rosterView->currentIndex().data(kRecordIdRole).toString();
    QList<SectionedTableModel::Section> sections;
    const QString id = networkId();
    if (id.isEmpty()) {
        m_summary->setText(QStringLiteral("No networks yet. Add one with New network."));
        m_roster->setSections({});
        return;
    }
    NetworkService service(m_ws.db());
    const QDate today = m_ws.db().clock().today();
    const Roster roster = service.roster(id, today);
    int seats = 0;
    for (const RosterGroup& g : roster.groups) {
        SectionedTableModel::Section s;
        s.id = g.group.id;
        QString title = QStringLiteral("%1 — %2").arg(g.group.name, labelFor(networkGroupKinds(), g.group.kind));
        if (g.group.endDate.isValid()) title += QStringLiteral(", until %1").arg(fmt::date(g.group.endDate));
        s.title = QStringLiteral("%1 (%2)").arg(title, plural(g.seats.size(), "member", "members"));
        for (const RosterSeat& seat : g.seats) {
            Row r;
            r.insert("id", seat.member.id);
            r.insert("membership_id", seat.membership.id);
            r.insert("name", seat.member.fullName());
            r.insert("role_label", labelFor(memberRoles(), seat.membership.role));
            r.insert("profession_label", labelFor(memberProfessions(), seat.member.profession));
            r.insert("organisation", seat.member.organisation);
            r.insert("term_text", termText(seat.membership.termEnd, today));
            if (seat.membership.termEnd.isValid()) {
                r.insert("term_elapsed", seat.termElapsed(today));
                const int left = seat.daysLeft(today);
                r.insert("term_state", left < 0 ? QStringLiteral("ended")
                                                : (left <= m_withinDays->value() ? QStringLiteral("ending") : QString()));
            }
            r.insert("term_tooltip", QStringLiteral("Term %1 to %2").arg(fmt::date(seat.membership.termStart),
                                                                         fmt::date(seat.membership.termEnd)));
            s.rows << r;
            ++seats;
        }
        sections << s;
    }
    SectionedTableModel::Section none;
    none.title = QStringLiteral("Not in any group (%1)").arg(plural(roster.unassigned.size(), "member", "members"));
    for (const NetworkMember& m : roster.unassigned) {
        Row r = m.toRow();
        r.insert("name", m.fullName());
        r.insert("role_label", QStringLiteral("—"));
        r.insert("profession_label", labelFor(memberProfessions(), m.profession));
        r.insert("term_text", QStringLiteral("no seat"));
        none.rows << r;
    }
    if (!none.rows.isEmpty()) sections << none;
    m_roster->setSections(sections);
    spanHeadings(m_rosterView);
    QStringList about{labelFor(networkKinds(), roster.network.kind)};
    if (!roster.network.area.isEmpty()) about << roster.network.area;
    about << plural(roster.groups.size(), "group", "groups") << plural(seats, "seat", "seats");
    if (!roster.unassigned.isEmpty()) about << QStringLiteral("%1 in no group").arg(roster.unassigned.size());
    m_summary->setText(about.join(QStringLiteral(" · ")));
    const QModelIndex again = m_roster->indexOfId(keep);
    m_rosterView->setCurrentIndex(again.isValid() ? again : m_roster->index(0, 0));
}

void NetworksPage::loadReview() {
    const QString id = networkId();
    m_findings.clear();
    if (!id.isEmpty()) {
        RosterReviewOptions o;
        o.termEndingWithinDays = m_withinDays->value();
        try {
            m_findings = reviewRoster(m_ws.db(), id, o);
        } catch (const Error& e) {
            m_reviewCount->setText(e.message());
        }
    }
    // Findings come most serious first, so each kind's section appears at its most serious finding.
    QList<SectionedTableModel::Section> sections;
    QHash<QString, int> sectionOf;
    for (const RosterFinding& f : std::as_const(m_findings)) {
        const QString kind = kindCode(f.kind);
        if (!sectionOf.contains(kind)) {
            sectionOf.insert(kind, int(sections.size()));
            SectionedTableModel::Section s;
            s.id = kind;
            sections << s;
        }
        Row r;
        r.insert("id", f.memberId.isEmpty() ? f.groupId : f.memberId);
        r.insert("member_id", f.memberId);
        r.insert("group_id", f.groupId);
        r.insert("severity", int(f.severity));
        r.insert("severity_label", severityLabel(f.severity));
        r.insert("message", f.message);
        r.insert("date", f.date.isValid() ? f.date.toString(Qt::ISODate) : QString());
        SectionedTableModel::Section& s = sections[sectionOf.value(kind)];
        s.rows << r;
        s.title = QStringLiteral("%1 (%2)").arg(kindLabel(f.kind)).arg(s.rows.size());
    }
    m_review->setSections(sections);
    spanHeadings(m_reviewView);
    if (!sections.isEmpty()) m_reviewView->setCurrentIndex(m_review->index(0, 0, m_review->index(0, 0)));
    if (!id.isEmpty())
        m_reviewCount->setText(m_findings.isEmpty() ? QStringLiteral("Nothing to review: the roster is in order.")
                                                    : QStringLiteral("%1 to look at.").arg(plural(m_findings.size(), "finding", "findings")));
    m_tabs->setTabText(1, m_findings.isEmpty() ? QStringLiteral("Roster re&view")
                                               : QStringLiteral("Roster re&view (%1)").arg(m_findings.size()));
}

void NetworksPage::loadMeetings() {
    QList<Row> rows;
    const QString id = networkId();
    if (!id.isEmpty()) {
        NetworkService s(m_ws.db());
        QHash<QString, QString> groups;
        for (const NetworkGroup& g : s.groups(id)) groups.insert(g.id, g.name);
        for (const Meeting& mt : s.meetings(id)) {
            Row r = mt.toRow();
            r.insert("group_name", groups.value(mt.groupId));
            int attended = 0, apologies = 0;
            for (const Attendance& a : mt.attendance) (a.status == QLatin1String("attended") ? attended : apologies)++;
            r.insert("attended", attended);
            r.insert("apologies", apologies);
            rows << r;
        }
    }
    m_meetings->setRows(rows);
    m_meetings->setAddEnabled(!id.isEmpty(), id.isEmpty() ? QStringLiteral("Choose a network first.") : QString());
}

void NetworksPage::updateButtons() {
    const bool has = !networkId().isEmpty();
    for (QPushButton* b : std::as_const(m_needNetwork)) {
        if (m_ws.isReadOnly() && b->toolTip() == Workspace::readOnlyReason()) continue;
        b->setEnabled(has);
    }
    if (!m_ws.isReadOnly()) m_editSeat->setEnabled(!currentSeatId().isEmpty());
}

QString NetworksPage::currentSeatId() const {
    const Row* r = m_roster->rowFor(m_rosterView->currentIndex());
    return r ? r->value("membership_id").toString() : QString();
}

void NetworksPage::openMember(const QString& memberId) {
    if (const auto m = NetworkService(m_ws.db()).member(memberId)) MemberEditor(m_ws, *m, this).run();
}

void NetworksPage::openGroup(const QString& groupId) {
    if (const auto g = NetworkService(m_ws.db()).group(groupId)) GroupEditor(m_ws, *g, this).run();
}

void NetworksPage::openRosterItem(const QModelIndex& index) {
    if (!index.isValid()) return;
    const QString id = index.data(kRecordIdRole).toString();
    if (index.data(kIsSectionRole).toBool()) {
        if (!id.isEmpty()) openGroup(id);
    } else {
        openMember(id);
    }
}

void NetworksPage::openFinding(const QModelIndex& index) {
    const Row* r = m_review->rowFor(index.siblingAtColumn(0));
    if (!r) return;
    if (!r->value("member_id").toString().isEmpty()) openMember(r->value("member_id").toString());
    else if (!r->value("group_id").toString().isEmpty()) openGroup(r->value("group_id").toString());
}

void NetworksPage::newNetwork() {
    NetworkEditor editor(m_ws, Network{}, this);
    if (editor.run() == QDialog::Accepted) selectNetwork(editor.networkId());
}

void NetworksPage::editNetwork() {
    if (const auto n = NetworkService(m_ws.db()).network(networkId())) NetworkEditor(m_ws, *n, this).run();
}

void NetworksPage::newGroup() {
    NetworkGroup g;
    g.networkId = networkId();
    GroupEditor(m_ws, g, this).run();
}

void NetworksPage::newMember() {
    NetworkMember m;
    m.networkId = networkId();
    MemberEditor editor(m_ws, m, this);
    if (editor.run() != QDialog::Accepted) return;
    // Straight on to their seat, which is what a new member needs next.
    Membership ms;
    ms.memberId = editor.memberId();
    ms.termStart = m_ws.db().clock().today();
    MembershipEditor(m_ws, ms, networkId(), this).run();
}

void NetworksPage::addSeat() {
    Membership ms;
    ms.termStart = m_ws.db().clock().today();
    const QModelIndex i = m_rosterView->currentIndex();
    if (i.isValid() && i.data(kIsSectionRole).toBool()) ms.groupId = i.data(kRecordIdRole).toString();
    else if (m_roster->rowFor(i)) ms.groupId = i.parent().data(kRecordIdRole).toString(); // the seat's group
    MembershipEditor(m_ws, ms, networkId(), this).run();
}

void NetworksPage::editSeat() {
    const QString id = currentSeatId();
    const Row* r = m_roster->rowFor(m_rosterView->currentIndex());
    if (id.isEmpty() || !r) return;
    for (const Membership& ms : NetworkService(m_ws.db()).membershipsOfMember(r->value("id").toString()))
        if (ms.id == id) MembershipEditor(m_ws, ms, networkId(), this).run();
}

void NetworksPage::exportRoster() {
    if (networkId().isEmpty()) return;
    RosterExportDialog(m_ws, networkId(), this).exec();
}

// ---- practice file tab ------------------------------------------------------------------------------

namespace {
class LpnTab : public PracticeTab {
public:
    explicit LpnTab(Workspace& ws) : PracticeTab(ws) {
        auto* v = new QVBoxLayout(this);
        m_note = new QLabel(this);
        m_note->setObjectName(QStringLiteral("lpnNote"));
        m_note->setWordWrap(true);
        v->addWidget(m_note);
        m_model = new RecordTableModel({textColumn("Name", "name", false), textColumn("Network", "network_name", false),
                                        textColumn("Seats", "seats", false), textColumn("Profession", "profession_label", false),
                                        textColumn("Status", "status_label", false)},
                                       this);
        m_view = new QTableView(this);
        setUpRecordTable(m_view, QStringLiteral("lpnMembersTable"), QStringLiteral("People here who sit on networks"), m_model, 180);
        v->addWidget(m_view, 1);
        auto* open = new QPushButton(QStringLiteral("&Open member…"), this);
        open->setObjectName(QStringLiteral("openMemberButton"));
        open->setAccessibleName(QStringLiteral("Open the selected network member"));
        auto* row = new QHBoxLayout;
        row->addWidget(new QLabel(QStringLiteral("Enter or double-click opens the member's record."), this), 1);
        row->addWidget(open);
        v->addLayout(row);
        connect(m_view, &QTableView::activated, this, [this](const QModelIndex& i) { openRow(i.row()); });
        connect(open, &QPushButton::clicked, this, [this] {
            if (m_view->currentIndex().isValid()) openRow(m_view->currentIndex().row());
        });
    }

    void load(const Contractor& c) override {
        NetworkService s(m_ws.db());
        QList<Row> rows;
        QHash<QString, QString> networks, groups;
        for (const Network& n : s.networks()) networks.insert(n.id, n.name);
        const QDate today = m_ws.db().clock().today();
        for (const NetworkMember& m : s.membersAtContractor(c.id)) {
            Row r = m.toRow();
            r.insert("name", m.fullName());
            r.insert("network_name", networks.value(m.networkId));
            r.insert("profession_label", labelFor(memberProfessions(), m.profession));
            r.insert("status_label", labelFor(memberStatuses(), m.status));
            QStringList seats;
            for (const Membership& ms : s.membershipsOfMember(m.id)) {
                if (!ms.covers(today)) continue;
                if (!groups.contains(ms.groupId))
                    if (const auto g = s.group(ms.groupId)) groups.insert(g->id, g->name);
                seats << QStringLiteral("%1, %2").arg(labelFor(memberRoles(), ms.role), groups.value(ms.groupId));
            }
            r.insert("seats", seats.isEmpty() ? QStringLiteral("no current seat") : seats.join(QStringLiteral("; ")));
            rows << r;
        }
        m_model->setRows(rows);
        if (!rows.isEmpty()) m_view->setCurrentIndex(m_model->index(0, 0));
        m_note->setText(rows.isEmpty()
                            ? QStringLiteral("No one working at %1 sits on a Local Professional Network (members are matched "
                                             "through their performer record).").arg(c.name)
                            : QStringLiteral("%1 working at %2 sit%3 on Local Professional Networks.")
                                  .arg(plural(rows.size(), "person", "people"), c.name, rows.size() == 1 ? "s" : ""));
    }

    void openRow(int row) {
        if (row < 0 || row >= m_model->rowCount()) return;
        if (const auto m = NetworkService(m_ws.db()).member(m_model->idAt(row))) MemberEditor(m_ws, *m, this).run();
    }

private:
    QLabel* m_note;
    RecordTableModel* m_model;
    QTableView* m_view;
};
} // namespace

PracticeTab* makeLpnTab(Workspace& ws) { return new LpnTab(ws); }

} // namespace cb::ui
