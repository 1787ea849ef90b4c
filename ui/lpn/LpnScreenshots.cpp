#include "lpn/LpnScreenshots.h"

#include "common/Workspace.h"
#include "contractors/PracticeFile.h"
#include "lpn/LpnEditors.h"
#include "lpn/NetworkService.h"
#include "lpn/NetworksPage.h"
#include "lpn/RosterExportDialog.h"
#include "lpn/RosterPdf.h"
#include "shell/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QTabWidget>

namespace cb::ui {

QStringList renderLpnScreenshots(MainWindow& w, const QString& dir) {
    QStringList files;
    auto shot = [&](QWidget* widget, const QString& name) {
        for (int i = 0; i < 3; ++i) QApplication::processEvents();
        const QString file = QDir(dir).filePath(name + QStringLiteral(".png"));
        if (widget->grab().save(file)) files << file;
    };
    Database& db = w.workspace().db();
    Workspace& ws = w.workspace();
    auto* page = qobject_cast<NetworksPage*>(w.page(QStringLiteral("networks")));
    if (!page || !w.showPage(QStringLiteral("networks")) || page->networkId().isEmpty()) return files;
    page->tabs()->setCurrentIndex(0);
    shot(&w, QStringLiteral("lpn-1-roster"));
    page->showReview();
    shot(&w, QStringLiteral("lpn-2-review"));
    page->tabs()->setCurrentIndex(2);
    shot(&w, QStringLiteral("lpn-3-meetings"));
    page->tabs()->setCurrentIndex(0);

    auto dialog = [&](QDialog& d, const QString& name) {
        d.show();
        shot(&d, name);
        d.hide();
    };
    NetworkService s(db);
    // The member with the most declarations, to show the list filled in.
    const auto busiest = db.queryOne(QStringLiteral("SELECT m.id FROM lpn_member m JOIN lpn_declaration d ON d.member_id = m.id "
                                                    "WHERE m.network_id = ? GROUP BY m.id ORDER BY sum(d.kind <> 'none') DESC, count(*) DESC, m.id LIMIT 1"),
                                     {page->networkId()});
    if (busiest) {
        if (const auto m = s.member(busiest->value("id").toString())) {
            MemberEditor e(ws, *m, &w);
            dialog(e, QStringLiteral("editor-lpn-member"));
            const auto ds = s.declarations(m->id);
            if (!ds.isEmpty()) {
                DeclarationEditor de(ws, ds.first(), &w);
                de.resize(de.sizeHint().expandedTo(QSize(640, 0)));
                dialog(de, QStringLiteral("editor-lpn-declaration"));
            }
        }
    }
    const auto meetings = s.meetings(page->networkId());
    if (!meetings.isEmpty()) {
        MeetingEditor e(ws, meetings.first(), page->networkId(), &w);
        e.resize(e.sizeHint().expandedTo(QSize(700, 0)));
        dialog(e, QStringLiteral("editor-lpn-meeting"));
    }
    {
        RosterExportDialog e(ws, page->networkId(), &w);
        dialog(e, QStringLiteral("lpn-4-export"));
    }
    // The meeting-papers PDF as shared (no declarations), to look at beside the screens.
    try {
        exportRosterPdf(db, page->networkId(), QDir(dir).filePath(QStringLiteral("lpn-roster.pdf")));
    } catch (const Error&) {
        // A screenshot run shows screens; a PDF that cannot be written is not worth failing it.
    }
    // A practice whose people sit on a network.
    const auto at = db.queryOne(QStringLiteral("SELECT l.contractor_id FROM lpn_member m JOIN performer_link l ON "
                                               "l.performer_id = m.performer_id WHERE l.to_date IS NULL OR l.to_date >= ? "
                                               "ORDER BY l.contractor_id LIMIT 1"),
                                {db.clock().today()});
    if (at) {
        w.openContractor(at->value("contractor_id").toString(), QStringLiteral("lpn"));
        w.practiceFile()->showTab(QStringLiteral("lpn"));
        shot(&w, QStringLiteral("lpn-5-practice-tab"));
    }
    return files;
}

} // namespace cb::ui
