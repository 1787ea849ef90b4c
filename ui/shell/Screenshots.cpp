// `casebook --screenshot DIR`: a picture of every main screen, for looking at the work and for the docs.
#include "common/Workspace.h"
#include "concerns/ConcernFile.h"
#include "tiers/TierHistory.h"
#include "visits/VisitViews.h"
#include "contractors/ContractorEditors.h"
#include "contractors/PracticeFile.h"
#include "contracts/ContractEditors.h"
#include "exchange/ExchangeActions.h"
#include "lpn/LpnScreenshots.h"
#include "performers/PerformerEditors.h"
#include "shell/App.h"
#include "shell/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QTabWidget>

namespace cb::ui {

namespace {
// A contractor that shows the most: dental (so activity years show), with contracts, sites and performers.
std::optional<Contractor> showcase(Database& db) {
    ContractorService contractors(db);
    ContractBook book(db);
    std::optional<Contractor> fallback;
    for (const QString& group : {QStringLiteral("dental"), QStringLiteral("general_practice")}) {
        ContractorFilter f;
        f.group = group;
        f.status = QStringLiteral("active");
        for (const Contractor& c : contractors.list(f, 0, 200)) {
            const auto contracts = book.forContractor(c.id);
            if (contracts.isEmpty()) continue;
            if (!fallback) fallback = c;
            const bool hasPeople = !PerformerService(db).linksAtContractor(c.id).isEmpty();
            const bool hasSites = !SiteService(db).forContractor(c.id).isEmpty();
            const bool hasYears = group != QLatin1String("dental") || !book.activity(contracts.first().id).isEmpty();
            if (hasPeople && hasSites && hasYears) return c;
        }
    }
    if (fallback) return fallback;
    const auto any = contractors.list({}, 0, 1);
    return any.isEmpty() ? std::nullopt : std::optional<Contractor>(any.first());
}
} // namespace

// Concerns list, a concern (matrix + timeline), a visit form and a tier history: the graded concern
// with the longest timeline shows the most.
static void shotConcernScreens(MainWindow& w, const std::function<void(QWidget*, const QString&)>& shot) {
    Workspace& ws = w.workspace();
    Database& db = ws.db();
    w.showPage(QStringLiteral("concerns"));
    shot(&w, QStringLiteral("04-concerns"));
    const auto best = db.queryOne(QStringLiteral(
        "SELECT c.id, c.contractor_id FROM concern c JOIN concern_event e ON e.concern_id = c.id "
        "WHERE c.consequence IS NOT NULL AND c.contractor_id IS NOT NULL GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1"));
    if (best) {
        ConcernFile file(ws, best->value("id").toString(), &w);
        file.show();
        shot(&file, QStringLiteral("concern-file"));
        file.hide();
    }
    const auto visit = db.queryOne(QStringLiteral(
        "SELECT v.id FROM visit v JOIN visit_finding f ON f.visit_id = v.id WHERE f.rating <> 'met' ORDER BY v.visit_date DESC, v.id LIMIT 1"));
    if (visit) {
        if (const auto v = VisitService(db).get(visit->value("id").toString())) {
            VisitEditor e(ws, *v, &w);
            e.show();
            shot(&e, QStringLiteral("editor-visit"));
            e.hide();
        }
    }
    const auto tiered = db.queryOne(QStringLiteral(
        "SELECT contractor_id FROM tier_history GROUP BY contractor_id ORDER BY count(*) DESC, contractor_id LIMIT 1"));
    if (tiered)
        if (const auto k = ContractorService(db).get(tiered->value("contractor_id").toString())) {
            TierHistoryDialog d(ws, *k, &w);
            d.show();
            shot(&d, QStringLiteral("tier-history"));
            d.hide();
        }
}

QStringList renderScreenshots(MainWindow& w, const QString& dir) {
    QStringList files;
    QDir().mkpath(dir);
    auto shot = [&](QWidget* widget, const QString& name) {
        for (int i = 0; i < 3; ++i) QApplication::processEvents();
        const QString file = QDir(dir).filePath(name + QStringLiteral(".png"));
        if (widget->grab().save(file)) files << file;
    };
    w.resize(1280, 800);
    w.show();
    Workspace& ws = w.workspace();
    Database& db = ws.db();
    w.showPage(QStringLiteral("contractors"));
    shot(&w, QStringLiteral("01-contractors"));
    w.showPage(QStringLiteral("contracts"));
    shot(&w, QStringLiteral("02-contracts"));
    w.showPage(QStringLiteral("performers"));
    shot(&w, QStringLiteral("03-performers"));
    if (w.showPage(QStringLiteral("worklist"))) shot(&w, QStringLiteral("00-worklist"));
    if (w.showPage(QStringLiteral("dashboard"))) shot(&w, QStringLiteral("04-dashboard"));
    files << renderLpnScreenshots(w, dir);

    const auto c = showcase(db);
    if (!c) return files; // an empty database: the lists are all there is
    w.openContractor(c->id);
    PracticeFile* file = w.practiceFile();
    int n = 0;
    for (const QString& tab : file->tabIds()) {
        file->showTab(tab);
        shot(&w, QStringLiteral("practice-%1-%2").arg(++n).arg(tab));
    }
    files << renderExchangeScreenshots(w, dir);

    auto editor = [&](RecordForm& form, const QString& name) {
        form.resize(form.sizeHint().expandedTo(QSize(640, 0)));
        form.show();
        shot(&form, QStringLiteral("editor-%1").arg(name));
        form.hide();
    };
    {
        ContractorEditor e(ws, *c, &w);
        editor(e, QStringLiteral("contractor"));
    }
    {
        const auto sites = SiteService(db).forContractor(c->id);
        Site s;
        s.contractorId = c->id;
        SiteEditor e(ws, sites.isEmpty() ? s : sites.first(), &w);
        editor(e, QStringLiteral("site"));
    }
    ContractBook book(db);
    const auto contracts = book.forContractor(c->id);
    if (!contracts.isEmpty()) {
        const Contract& k = contracts.first();
        {
            ContractEditor e(ws, k, c->group, &w);
            editor(e, QStringLiteral("contract"));
        }
        {
            const auto services = book.services(k.id);
            ContractedService s;
            s.contractId = k.id;
            ServiceEditor e(ws, services.isEmpty() ? s : services.first(), &w);
            editor(e, QStringLiteral("service"));
        }
        {
            const auto events = book.events(k.id);
            ContractEvent ev;
            ev.contractId = k.id;
            EventEditor e(ws, events.isEmpty() ? ev : events.first(), &w);
            editor(e, QStringLiteral("event"));
        }
        {
            const auto years = book.activity(k.id);
            DentalActivity a;
            a.contractId = k.id;
            ActivityEditor e(ws, years.isEmpty() ? a : years.first(), &w);
            editor(e, QStringLiteral("dental-activity"));
        }
    }
    const auto links = PerformerService(db).linksAtContractor(c->id);
    if (!links.isEmpty()) {
        if (const auto p = PerformerService(db).get(links.first().performerId)) {
            PerformerEditor e(ws, *p, &w);
            editor(e, QStringLiteral("performer"));
        }
        PerformerLinkEditor e(ws, links.first(), &w);
        editor(e, QStringLiteral("performer-link"));
    }
    shotConcernScreens(w, shot);
    w.showPage(QStringLiteral("contractors"));
    return files;
}

} // namespace cb::ui
