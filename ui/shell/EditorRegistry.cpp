#include "shell/EditorRegistry.h"

#include "common/Workspace.h"
#include "concerns/Concern.h"
#include "concerns/ConcernEditors.h"
#include "concerns/ConcernFile.h"
#include "contractors/Contractor.h"
#include "contractors/ContractorEditors.h"
#include "contractors/Site.h"
#include "contracts/Contract.h"
#include "contracts/ContractEditors.h"
#include "contracts/ProcedureForms.h"
#include "lpn/LpnEditors.h"
#include "lpn/Network.h"
#include "lpn/NetworkService.h"
#include "lpn/RosterExportDialog.h"
#include "performers/Performer.h"
#include "performers/PerformerEditors.h"
#include "team/ConflictsDialog.h"
#include "team/TeamFolderDialog.h"
#include "tiers/TierHistory.h"
#include "visits/Visit.h"
#include "visits/VisitViews.h"
#include "worklist/WorklistSettingsForm.h"

namespace cb::ui {

namespace {
// The first record of a table that `where` picks (the fullest one first), or a new empty record.
template <typename Record> Record first(Database& db, const QString& table, const QString& where = QStringLiteral("1")) {
    const auto row = db.queryOne(QStringLiteral("SELECT * FROM %1 WHERE %2 LIMIT 1").arg(table, where));
    return row ? Record::fromRow(*row) : Record{};
}

template <typename Dialog, typename... Args> std::unique_ptr<QDialog> make(Args&&... args) {
    return std::make_unique<Dialog>(std::forward<Args>(args)...);
}

Contractor anyContractor(Database& db) {
    return first<Contractor>(db, QStringLiteral("contractor"),
                             QStringLiteral("id IN (SELECT contractor_id FROM contract) ORDER BY ods_code"));
}
} // namespace

QList<EditorEntry> editorRegistry() {
    QList<EditorEntry> out;
    auto add = [&out](const QString& name, std::function<std::unique_ptr<QDialog>(Workspace&, QWidget*)> f) {
        out.append({name, std::move(f)});
    };
    // Register.
    add("contractor", [](Workspace& ws, QWidget* p) { return make<ContractorEditor>(ws, anyContractor(ws.db()), p); });
    add("site", [](Workspace& ws, QWidget* p) {
        Site s = first<Site>(ws.db(), "site");
        if (s.id.isEmpty()) s.contractorId = anyContractor(ws.db()).id;
        return make<SiteEditor>(ws, s, p);
    });
    add("contract", [](Workspace& ws, QWidget* p) {
        const Contract k = first<Contract>(ws.db(), "contract", "1 ORDER BY contractor_id");
        const auto c = ContractorService(ws.db()).get(k.contractorId);
        return make<ContractEditor>(ws, k, c ? c->group : QStringLiteral("general_practice"), p);
    });
    add("service", [](Workspace& ws, QWidget* p) {
        return make<ServiceEditor>(ws, first<ContractedService>(ws.db(), "contract_service"), p);
    });
    add("event", [](Workspace& ws, QWidget* p) {
        return make<EventEditor>(ws, first<ContractEvent>(ws.db(), "contract_event"), p);
    });
    add("dental-activity", [](Workspace& ws, QWidget* p) {
        return make<ActivityEditor>(ws, first<DentalActivity>(ws.db(), "dental_activity"), p);
    });
    add("mid-year-review", [](Workspace& ws, QWidget* p) {
        return make<MidYearReviewForm>(ws, first<DentalActivity>(ws.db(), "dental_activity", "1 ORDER BY CAST(uoa_target AS REAL) > 0 DESC, year_start DESC"), p);
    });
    add("list-closure", [](Workspace& ws, QWidget* p) {
        ContractEvent e = first<ContractEvent>(ws.db(), "contract_event", "kind = 'list_closure' ORDER BY event_date DESC");
        e.kind = QStringLiteral("list_closure");
        return make<ApplicationForm>(ws, e, p);
    });
    add("pharmacy-application", [](Workspace& ws, QWidget* p) {
        ContractEvent e = first<ContractEvent>(ws.db(), "contract_event",
                                               "kind IN ('market_entry', 'change_of_ownership') ORDER BY event_date DESC");
        if (e.kind.isEmpty()) e.kind = QStringLiteral("market_entry");
        return make<ApplicationForm>(ws, e, p);
    });
    add("performer", [](Workspace& ws, QWidget* p) { return make<PerformerEditor>(ws, first<Performer>(ws.db(), "performer"), p); });
    add("performer-link", [](Workspace& ws, QWidget* p) {
        return make<PerformerLinkEditor>(ws, first<PerformerLink>(ws.db(), "performer_link"), p);
    });
    add("tier-decision", [](Workspace& ws, QWidget* p) {
        return make<TierDecisionForm>(ws, anyContractor(ws.db()), QStringLiteral("cause_for_concern"), p);
    });
    add("tier-history", [](Workspace& ws, QWidget* p) { return make<TierHistoryDialog>(ws, anyContractor(ws.db()), p); });
    // Concerns.
    auto concern = [](Workspace& ws) {
        const Concern c = first<Concern>(ws.db(), "concern", "performer_id IS NOT NULL ORDER BY id");
        const auto full = c.id.isEmpty() ? std::nullopt : ConcernService(ws.db()).get(c.id);
        return full ? *full : c;
    };
    add("concern", [concern](Workspace& ws, QWidget* p) { return make<ConcernEditor>(ws, concern(ws), p); });
    add("new-concern", [](Workspace& ws, QWidget* p) { return make<ConcernEditor>(ws, Concern{}, p); });
    add("concern-stage", [concern](Workspace& ws, QWidget* p) { return make<StageChangeForm>(ws, concern(ws), p); });
    add("concern-action", [](Workspace& ws, QWidget* p) {
        return make<ConcernActionForm>(ws, first<ConcernAction>(ws.db(), "concern_action"), ConcernActionForm::Mode::Edit, p);
    });
    add("concern-action-complete", [](Workspace& ws, QWidget* p) {
        return make<ConcernActionForm>(ws, first<ConcernAction>(ws.db(), "concern_action"), ConcernActionForm::Mode::Complete, p);
    });
    add("concern-note", [concern](Workspace& ws, QWidget* p) { return make<ConcernNoteForm>(ws, concern(ws), p); });
    add("concern-file", [concern](Workspace& ws, QWidget* p) { return make<ConcernFile>(ws, concern(ws).id, p); });
    add("risk-bands", [](Workspace& ws, QWidget* p) { return make<RiskBandsForm>(ws, p); });
    // Visits.
    add("visit", [](Workspace& ws, QWidget* p) {
        const auto row = ws.db().queryOne(QStringLiteral(
            "SELECT v.id FROM visit v JOIN visit_action a ON a.visit_id = v.id ORDER BY v.visit_date DESC, v.id LIMIT 1"));
        auto v = row ? VisitService(ws.db()).get(row->value("id").toString()) : std::nullopt;
        if (!v) {
            v = Visit{};
            v->contractorId = anyContractor(ws.db()).id;
        }
        return make<VisitEditor>(ws, *v, p);
    });
    // Local Professional Networks.
    add("network", [](Workspace& ws, QWidget* p) { return make<NetworkEditor>(ws, first<Network>(ws.db(), "lpn_network"), p); });
    add("network-group", [](Workspace& ws, QWidget* p) { return make<GroupEditor>(ws, first<NetworkGroup>(ws.db(), "lpn_group"), p); });
    add("network-member", [](Workspace& ws, QWidget* p) {
        return make<MemberEditor>(ws, first<NetworkMember>(ws.db(), "lpn_member", "id IN (SELECT member_id FROM lpn_declaration)"), p);
    });
    add("membership", [](Workspace& ws, QWidget* p) {
        const Membership m = first<Membership>(ws.db(), "lpn_membership");
        const NetworkGroup g = first<NetworkGroup>(ws.db(), "lpn_group", QStringLiteral("id = '%1'").arg(m.groupId));
        return make<MembershipEditor>(ws, m, g.networkId, p);
    });
    add("meeting", [](Workspace& ws, QWidget* p) {
        Meeting m = first<Meeting>(ws.db(), "lpn_meeting");
        if (const auto full = m.id.isEmpty() ? std::nullopt : NetworkService(ws.db()).meeting(m.id)) m = *full;
        const NetworkGroup g = first<NetworkGroup>(ws.db(), "lpn_group", QStringLiteral("id = '%1'").arg(m.groupId));
        return make<MeetingEditor>(ws, m, g.networkId, p);
    });
    add("declaration", [](Workspace& ws, QWidget* p) {
        return make<DeclarationEditor>(ws, first<Declaration>(ws.db(), "lpn_declaration"), p);
    });
    add("roster-export", [](Workspace& ws, QWidget* p) {
        return make<RosterExportDialog>(ws, first<Network>(ws.db(), "lpn_network").id, p);
    });
    // Team exchange.
    add("team-folder", [](Workspace& ws, QWidget* p) { return make<TeamFolderDialog>(ws, p); });
    add("conflicts", [](Workspace& ws, QWidget* p) { return make<ConflictsDialog>(ws, p); });
    // Settings.
    add("worklist-settings", [](Workspace& ws, QWidget* p) { return make<WorklistSettingsForm>(ws, p); });
    return out;
}

} // namespace cb::ui
