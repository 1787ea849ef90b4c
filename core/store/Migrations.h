#pragma once

#include <vector>

namespace cb {

// One step of the schema. Steps run in order, each in the transaction that opens the file, and
// set PRAGMA user_version to their version. Never edit a released step: add a new one, as a file
// store/migrations/V<n>_<Name>.cpp; the build lists it (core/GenerateLists.cmake).
struct Migration {
    int version;
    const char* name;
    const char* sql;
};

const std::vector<Migration>& migrations();

} // namespace cb
