#include "contractors/PracticeFile.h"
#include "common/FlowLayout.h"

#include "common/Ask.h"
#include "common/Identifiers.h"
#include "common/RecordListPanel.h"
#include "common/Workspace.h"
#include "contractors/ContractorEditors.h"
#include "store/AuditTrail.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QTabWidget>

namespace cb::ui {

namespace {
struct TabEntry {
    QString id, title;
    PracticeFile::TabFactory make;
};
QList<TabEntry>& tabRegistry() {
    static QList<TabEntry> list;
    return list;
}

// Assurance tier as a coloured badge: readable on light and dark palettes (white on a strong colour).
QString badgeStyle(const QString& tier) {
    const QString colour = tier == QLatin1String("cause_for_concern")      ? QStringLiteral("#b3261e")
                           : tier == QLatin1String("room_for_improvement") ? QStringLiteral("#a15c00")
                           : tier == QLatin1String("assurance_based")      ? QStringLiteral("#1b6e3a")
                                                                           : QStringLiteral("#5f6368");
    return QStringLiteral("QPushButton { background: %1; color: white; border-radius: 8px; padding: 2px 10px; font-weight: bold; }")
        .arg(colour);
}

// ---- Details --------------------------------------------------------------------------------------
class DetailsTab : public PracticeTab {
public:
    explicit DetailsTab(Workspace& ws) : PracticeTab(ws) {
        setObjectName(QStringLiteral("detailsTab"));
        auto* h = new QHBoxLayout(this);
        for (auto*& f : m_forms) {
            f = new QFormLayout;
            f->setLabelAlignment(Qt::AlignRight);
            h->addLayout(f, 1);
        }
    }
    void load(const Contractor& c) override {
        for (QFormLayout* f : m_forms)
            while (f->rowCount() > 0) f->removeRow(0);
        auto add = [this](int col, const QString& label, const QString& value) {
            auto* v = new QLabel(value.isEmpty() ? QStringLiteral("—") : value.toHtmlEscaped());
            v->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
            v->setFocusPolicy(Qt::StrongFocus);
            v->setAccessibleName(label);
            v->setAccessibleDescription(value);
            v->setWordWrap(true);
            m_forms[col]->addRow(label + QLatin1Char(':'), v);
        };
        add(0, "ODS code", c.odsCode);
        add(0, "Group", labelFor(contractorGroups(), c.group));
        add(0, "Name", c.name);
        add(0, "Address", c.addressText());
        add(0, "Postcode", c.postcode);
        add(0, "Telephone", c.telephone);
        add(0, "Email", c.email);
        add(0, "Notes", c.notes);
        add(1, "Status", labelFor(contractorStatuses(), c.status));
        add(1, "Opened", fmt::date(c.openDate));
        add(1, "Closed", fmt::date(c.closeDate));
        add(1, "Commissioner", c.commissionerCode);
        add(1, "Parent organisation", c.parentCode);
        add(1, "Local representative committee", lrcForGroup(c.group));
        add(1, "CQC location ID", c.cqcLocationId);
        add(1, "CQC rating", c.cqcRating.isEmpty() ? QString()
                                                   : QStringLiteral("%1 (%2)").arg(labelFor(cqcRatings(), c.cqcRating),
                                                                                    fmt::date(c.cqcRatingDate)));
        add(1, "Assurance tier", labelFor(assuranceTiers(), c.assuranceTier));
    }

private:
    QFormLayout* m_forms[2];
};

// ---- Sites ----------------------------------------------------------------------------------------
class SitesTab : public PracticeTab {
public:
    explicit SitesTab(Workspace& ws) : PracticeTab(ws) {
        auto* v = new QVBoxLayout(this);
        m_panel = new RecordListPanel(ws, QStringLiteral("sites"), QStringLiteral("Sites"), QStringLiteral("site"),
                                      {textColumn("Name", "name"), textColumn("Code", "code"),
                                       {"Address", [](const Row& r) -> QVariant {
                                            return Contractor::fromRow(r).addressText();
                                        }},
                                       textColumn("Postcode", "postcode"), choiceColumn("Status", "status", siteStatuses()),
                                       dateColumn("Opened", "open_date"), dateColumn("Closed", "close_date")},
                                      this);
        v->addWidget(m_panel);
        connect(m_panel, &RecordListPanel::addRequested, this, [this] {
            Site s;
            s.contractorId = m_contractor.id;
            SiteEditor(m_ws, s, this).run();
        });
        connect(m_panel, &RecordListPanel::editRequested, this, [this](const QString& id) {
            if (const auto s = SiteService(m_ws.db()).get(id)) SiteEditor(m_ws, *s, this).run();
        });
        connect(m_panel, &RecordListPanel::deleteRequested, this, [this](const QString& id) {
            const auto s = SiteService(m_ws.db()).get(id);
            if (!s || !Ask::confirm(this, QStringLiteral("Delete site"),
                                    QStringLiteral("Delete the site %1? Its history stays in the audit trail.").arg(s->name),
                                    QStringLiteral("Delete site")))
                return;
            try {
                SiteService(m_ws.db()).remove(id);
                m_ws.notifyChanged(m_contractor.id);
            } catch (const Error& e) {
                Ask::error(this, QStringLiteral("Not deleted"), e.message());
            }
        });
    }
    void load(const Contractor& c) override {
        m_contractor = c;
        QList<Row> rows;
        for (const Site& s : SiteService(m_ws.db()).forContractor(c.id)) rows << s.toRow();
        m_panel->setRows(rows);
    }

private:
    RecordListPanel* m_panel;
    Contractor m_contractor;
};

// ---- History --------------------------------------------------------------------------------------
class HistoryTab : public PracticeTab {
public:
    explicit HistoryTab(Workspace& ws) : PracticeTab(ws) {
        auto* v = new QVBoxLayout(this);
        auto* note = new QLabel(QStringLiteral("Every change to this practice file, newest first: who changed what, "
                                               "when, from what to what."), this);
        note->setWordWrap(true);
        v->addWidget(note);
        m_list = new QListWidget(this);
        m_list->setObjectName(QStringLiteral("historyList"));
        m_list->setAccessibleName(QStringLiteral("History of changes"));
        m_list->setWordWrap(true);
        m_list->setAlternatingRowColors(true);
        m_list->setUniformItemSizes(false);
        v->addWidget(m_list, 1);
    }
    void load(const Contractor& c) override {
        m_list->clear();
        for (const AuditEntry& e : AuditTrail(m_ws.db()).forContractor(c.id)) {
            auto* item = new QListWidgetItem(e.text(), m_list);
            item->setToolTip(e.text());
        }
        if (m_list->count() == 0) m_list->addItem(QStringLiteral("No changes recorded yet."));
    }

private:
    QListWidget* m_list;
};
} // namespace

PracticeTab* makeDetailsTab(Workspace& ws) { return new DetailsTab(ws); }
PracticeTab* makeSitesTab(Workspace& ws) { return new SitesTab(ws); }
PracticeTab* makeHistoryTab(Workspace& ws) { return new HistoryTab(ws); }

void PracticeFile::addTabFactory(const QString& id, const QString& title, TabFactory make) {
    for (const TabEntry& t : tabRegistry())
        if (t.id == id) return; // installed already
    tabRegistry().append({id, title, std::move(make)});
}

PracticeFile::PracticeFile(Workspace& ws, QWidget* parent) : QWidget(parent), m_ws(ws) {
    setObjectName(QStringLiteral("practiceFile"));
    auto* v = new QVBoxLayout(this);
    auto* header = new QHBoxLayout;
    auto* back = new QPushButton(QStringLiteral("← Contractors"), this);
    back->setObjectName(QStringLiteral("backButton"));
    back->setAccessibleName(QStringLiteral("Back to the contractor list"));
    back->setToolTip(QStringLiteral("Back to the list (Alt+Left)"));
    back->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    connect(back, &QPushButton::clicked, this, &PracticeFile::backRequested);
    header->addWidget(back, 0, Qt::AlignTop);
    auto* titles = new QVBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("practiceTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("practiceSubtitle"));
    // A long name wraps rather than widening the window.
    m_title->setWordWrap(true);
    m_subtitle->setWordWrap(true);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);
    auto* badges = new QVBoxLayout;
    m_tier = new QPushButton(this);
    m_tier->setObjectName(QStringLiteral("tierBadge"));
    m_tier->setFlat(true);
    m_tier->setAccessibleName(QStringLiteral("Assurance tier"));
    m_tier->setAccessibleDescription(QStringLiteral("Opens the tier history"));
    m_tier->setToolTip(QStringLiteral("Assurance tier: open its history and Casebook's suggestion"));
    connect(m_tier, &QPushButton::clicked, this, &PracticeFile::tierBadgeClicked);
    m_cqc = new QLabel(this);
    m_cqc->setObjectName(QStringLiteral("cqcRating"));
    m_cqc->setAccessibleName(QStringLiteral("CQC rating"));
    badges->addWidget(m_tier, 0, Qt::AlignRight);
    badges->addWidget(m_cqc, 0, Qt::AlignRight);
    header->addLayout(badges);
    v->addLayout(header);

    auto* actions = new QHBoxLayout;
    m_edit = new QPushButton(QStringLiteral("&Edit contractor…"), this);
    m_edit->setObjectName(QStringLiteral("editContractorButton"));
    m_edit->setAccessibleName(QStringLiteral("Edit contractor"));
    m_edit->setToolTip(QStringLiteral("Edit this contractor's details (Ctrl+E)"));
    m_close = new QPushButton(QStringLiteral("C&lose contractor…"), this);
    m_close->setObjectName(QStringLiteral("closeContractorButton"));
    m_close->setAccessibleName(QStringLiteral("Close contractor"));
    m_delete = new QPushButton(QStringLiteral("Dele&te…"), this);
    m_delete->setObjectName(QStringLiteral("deleteContractorButton"));
    m_delete->setAccessibleName(QStringLiteral("Delete contractor"));
    for (QPushButton* b : {m_edit, m_close, m_delete}) {
        actions->addWidget(b);
        ws.guard(b);
    }
    actions->addStretch(1);
    v->addLayout(actions);
    auto* editKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_E), this);
    connect(editKey, &QShortcut::activated, this, [this] {
        if (m_edit->isEnabled()) editContractor();
    });
    connect(m_edit, &QPushButton::clicked, this, &PracticeFile::editContractor);
    connect(m_close, &QPushButton::clicked, this, &PracticeFile::closeContractor);
    connect(m_delete, &QPushButton::clicked, this, &PracticeFile::deleteContractor);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("practiceTabs"));
    m_tabs->setAccessibleName(QStringLiteral("Practice file sections"));
    for (const TabEntry& t : tabRegistry()) {
        PracticeTab* tab = t.make(ws);
        tab->setObjectName(t.id + QStringLiteral("Tab"));
        m_tabs->addTab(tab, t.title);
        m_tabIds << t.id;
        m_tabWidgets << tab;
    }
    v->addWidget(m_tabs, 1);
    connect(&ws, &Workspace::changed, this, [this](const QString& id) {
        if (!m_contractor.id.isEmpty() && (id.isEmpty() || id == m_contractor.id)) reload();
    });
}

void PracticeFile::open(const QString& contractorId) {
    const auto c = ContractorService(m_ws.db()).get(contractorId);
    if (!c) {
        Ask::error(this, QStringLiteral("Not found"), QStringLiteral("This contractor no longer exists."));
        return;
    }
    m_contractor = *c;
    updateHeader();
    for (PracticeTab* t : std::as_const(m_tabWidgets)) t->load(m_contractor);
}

void PracticeFile::reload() {
    if (m_contractor.id.isEmpty()) return;
    const auto c = ContractorService(m_ws.db()).get(m_contractor.id);
    if (!c) {
        m_contractor = {};
        emit contractorDeleted();
        return;
    }
    m_contractor = *c;
    updateHeader();
    for (PracticeTab* t : std::as_const(m_tabWidgets)) t->load(m_contractor);
}

bool PracticeFile::showTab(const QString& id) {
    const int i = m_tabIds.indexOf(id);
    if (i < 0) return false;
    m_tabs->setCurrentIndex(i);
    return true;
}

void PracticeFile::updateHeader() {
    const Contractor& c = m_contractor;
    m_title->setText(c.name);
    m_title->setAccessibleName(QStringLiteral("Contractor name"));
    m_subtitle->setText(QStringLiteral("%1 · %2 · %3%4")
                            .arg(c.odsCode, labelFor(contractorGroups(), c.group), labelFor(contractorStatuses(), c.status),
                                 c.postcode.isEmpty() ? QString() : QStringLiteral(" · ") + c.postcode));
    m_tier->setText(c.assuranceTier.isEmpty() ? QStringLiteral("Tier not assessed") : labelFor(assuranceTiers(), c.assuranceTier));
    m_tier->setStyleSheet(badgeStyle(c.assuranceTier));
    m_cqc->setText(c.cqcRating.isEmpty() ? QStringLiteral("CQC: not rated")
                                         : QStringLiteral("CQC: %1 (%2)").arg(labelFor(cqcRatings(), c.cqcRating), fmt::date(c.cqcRatingDate)));
    if (!m_ws.isReadOnly()) m_close->setEnabled(c.status != QLatin1String("closed"));
}

void PracticeFile::editContractor() {
    if (m_contractor.id.isEmpty()) return;
    ContractorEditor editor(m_ws, m_contractor, this);
    editor.run();
}

void PracticeFile::closeContractor() {
    if (m_contractor.id.isEmpty()) return;
    // Closing is an edit: the form shows it with the status and today's date filled in, and core checks it.
    Contractor closing = m_contractor;
    closing.status = QStringLiteral("closed");
    if (!closing.closeDate.isValid()) closing.closeDate = m_ws.db().clock().today();
    ContractorEditor editor(m_ws, closing, this);
    editor.setWindowTitle(QStringLiteral("Close %1").arg(m_contractor.label()));
    editor.run();
}

void PracticeFile::deleteContractor() {
    if (m_contractor.id.isEmpty()) return;
    if (!Ask::confirm(this, QStringLiteral("Delete contractor"),
                      QStringLiteral("Delete %1? This cannot be undone; the audit trail keeps a record of it.")
                          .arg(m_contractor.label()),
                      QStringLiteral("Delete contractor")))
        return;
    try {
        ContractorService(m_ws.db()).remove(m_contractor.id);
        m_contractor = {};
        emit contractorDeleted();
        m_ws.notifyChanged();
    } catch (const ValidationError& e) {
        const int answer = Ask::ask(this, {Question::Kind::Warning, QStringLiteral("Cannot delete"), e.message(),
                                           {QStringLiteral("Close it instead…"), QStringLiteral("Cancel")}});
        if (answer == 0) closeContractor();
    } catch (const Error& e) {
        Ask::error(this, QStringLiteral("Not deleted"), e.message());
    }
}

} // namespace cb::ui
