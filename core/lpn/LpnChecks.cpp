// Validation of every stored network row, for the integrity check.
#include "lpn/Network.h"
#include "store/IntegrityCheck.h"

namespace cb {

namespace {
template <class T> void checkTable(Database& db, IntegrityReport& report, const QString& table, const QString& what,
                                   const std::function<void(const T&, Issues&)>& check) {
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM %1").arg(table))) {
        const T record = T::fromRow(r);
        Issues issues;
        check(record, issues);
        for (const FieldIssue& i : issues.list()) report.findings.append({table, record.id, QStringLiteral("%1: %2").arg(what, i.message)});
        ++report.rowsChecked;
    }
}
} // namespace

void checkLpnRows(Database& db, IntegrityReport& report) {
    const QDate today = db.clock().today();
    checkTable<Network>(db, report, "lpn_network", "Network", [&](const Network& n, Issues& i) { validate(n, i, today); });
    checkTable<NetworkGroup>(db, report, "lpn_group", "Network group", [](const NetworkGroup& g, Issues& i) { validate(g, i); });
    checkTable<NetworkMember>(db, report, "lpn_member", "Network member", [](const NetworkMember& m, Issues& i) { validate(m, i); });
    checkTable<Membership>(db, report, "lpn_membership", "Membership", [](const Membership& m, Issues& i) { validate(m, i); });
    checkTable<Meeting>(db, report, "lpn_meeting", "Meeting", [](const Meeting& m, Issues& i) { validate(m, i); });
    checkTable<Declaration>(db, report, "lpn_declaration", "Declaration",
                            [&](const Declaration& d, Issues& i) { validate(d, i, today); });
    for (const Row& r : db.query(QStringLiteral("SELECT id FROM lpn_attendance WHERE status NOT IN ('attended', 'apologies')"))) {
        report.findings.append({"lpn_attendance", r.value("id").toString(), QStringLiteral("Attendance: unknown status")});
    }
    // A member's seat must be in a group of the member's own network.
    for (const Row& r : db.query(QStringLiteral("SELECT ms.id FROM lpn_membership ms JOIN lpn_member m ON m.id = ms.member_id "
                                                "JOIN lpn_group g ON g.id = ms.group_id WHERE m.network_id <> g.network_id")))
        report.findings.append({"lpn_membership", r.value("id").toString(),
                                QStringLiteral("Membership: the member and the group belong to different networks")});
}

} // namespace cb
