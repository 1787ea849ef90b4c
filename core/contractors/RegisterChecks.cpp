// Register checks beyond each record's own rules (those run for every record type in
// store/IntegrityCheck.cpp, from the record descriptions).
#include "contractors/Contractor.h"
#include "store/IntegrityCheck.h"

namespace cb {

void checkRegisterRows(Database& db, IntegrityReport& report) {
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM contractor"))) {
        const Contractor c = Contractor::fromRow(r);
        Contractor n = c;
        normalise(n);
        if (n.odsCode != c.odsCode)
            report.findings.append({"contractor", c.id, QStringLiteral("%1: ODS code is not normalised").arg(c.label())});
    }
}

} // namespace cb
