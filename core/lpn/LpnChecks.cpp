// Network checks beyond each record's own rules (those run for every record type in
// store/IntegrityCheck.cpp, from the record descriptions).
#include "lpn/Network.h"
#include "store/IntegrityCheck.h"

namespace cb {

void checkLpnRows(Database& db, IntegrityReport& report) {
    // A member's seat must be in a group of the member's own network.
    for (const Row& r : db.query(QStringLiteral("SELECT ms.id FROM lpn_membership ms JOIN lpn_member m ON m.id = ms.member_id "
                                                "JOIN lpn_group g ON g.id = ms.group_id WHERE m.network_id <> g.network_id")))
        report.findings.append({"lpn_membership", r.value("id").toString(),
                                QStringLiteral("Membership: the member and the group belong to different networks")});
}

} // namespace cb
