#pragma once
// Fixtures shared by the importer tests: a file written into the test's folder, a GP practice.
#include "TestSupport.h"

#include "contractors/Contractor.h"

#include <QFile>

namespace cbtest {

inline QString writeImportFile(TempDb& t, const QString& name, const QByteArray& data) {
    QFile f(t.file(name));
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(data);
    return t.file(name);
}

inline cb::Contractor addPractice(TempDb& t, const QString& code, const QString& status = "active") {
    cb::Contractor c;
    c.odsCode = code;
    c.group = "general_practice";
    c.name = "PRACTICE " + code;
    c.status = status;
    c.openDate = QDate(1990, 4, 1);
    if (status == "closed") c.closeDate = QDate(2019, 3, 31);
    return cb::ContractorService(t.db()).create(c);
}

} // namespace cbtest
