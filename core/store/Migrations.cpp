#include "store/Migrations.h"

#include <iterator>

namespace cb {

// Each step lives beside this file in migrations/, one file per version (V<n>_<Name>.cpp); the
// build lists them (core/GenerateLists.cmake), so adding a step is adding its file.
#include "MigrationList.inc"

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> steps(std::begin(kGeneratedSteps), std::end(kGeneratedSteps));
    return steps;
}

} // namespace cb
