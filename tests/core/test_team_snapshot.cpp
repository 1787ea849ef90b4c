// Team files too large to hold in memory (issue 17: team snapshots): the team folder writes and
// reads them a part at a time, and a write that fails leaves nothing behind.
#include "TestSupport.h"
#include "common/Errors.h"
#include "team/TeamTransport.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace cb;

namespace {

QStringList filesUnder(const QString& folder) {
    QStringList out;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) out << QDir(folder).relativeFilePath(it.next());
    out.sort();
    return out;
}

} // namespace

TEST_CASE("a team file that cannot be written whole leaves nothing in the team folder", "[team][snapshot]") {
    QTemporaryDir dir;
    team::FolderTransport transport(dir.path());
    // The write fails part way (a full drive), or what feeds it fails: neither the file, its
    // temporary copy nor the folders made for it stay.
    REQUIRE_THROWS_WITH(transport.writeOnceWith("snapshots/deep/x.cbsnap",
                                                [](QIODevice& out) { return out.write("part") == 4 && false; }),
                        Catch::Contains("check there is space"));
    CHECK(filesUnder(dir.path()).isEmpty());
    CHECK_FALSE(QFileInfo::exists(dir.filePath("snapshots")));
    REQUIRE_THROWS_WITH(transport.writeOnceWith("snapshots/x.cbsnap",
                                                [](QIODevice&) -> bool { throw Error("the copy could not be read"); }),
                        Catch::Contains("could not be read"));
    CHECK(filesUnder(dir.path()).isEmpty());
    // Written whole, it is there once, and read back a part at a time.
    transport.writeOnceWith("snapshots/x.cbsnap", [](QIODevice& out) { return out.write("whole") == 5; });
    CHECK(filesUnder(dir.path()) == QStringList{"snapshots/x.cbsnap"});
    const auto in = transport.openRead("snapshots/x.cbsnap");
    REQUIRE(in);
    CHECK(in->readAll() == "whole");
    CHECK_FALSE(transport.openRead("snapshots/none.cbsnap"));
    CHECK_THROWS_WITH(transport.writeOnceWith("snapshots/x.cbsnap", [](QIODevice& out) { return out.write("again") == 5; }),
                      Catch::Contains("never rewritten"));
}
