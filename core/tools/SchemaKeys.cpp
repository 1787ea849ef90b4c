// casebook-schema-keys OUTPUT: run by the build, before casebook_core compiles. Runs every migration
// on an in-memory database and writes OUTPUT (SchemaKeys.inc): each table in the order the schema
// creates it, with the tables its foreign keys point at. records/RecordRegistry.cpp orders the
// record types parents first from it, so the foreign keys are still said once, in the migrations'
// SQL, and no Casebook process runs the migrations again just to learn them (that cost about 0.25 s
// of every import, export and sync).
#include "store/Migrations.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: casebook-schema-keys OUTPUT.inc\n");
        return 2;
    }
    try {
        SQLite::Database schema(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        schema.exec("BEGIN");
        for (const cb::Migration& step : cb::migrations()) schema.exec(step.sql);
        schema.exec("COMMIT");

        std::ostringstream out;
        out << "// Generated at build time by casebook-schema-keys (core/tools/SchemaKeys.cpp) from the\n"
               "// migrations: do not edit. Every table in the order the schema creates it, each with the\n"
               "// tables its foreign keys point at (itself left out), separated by spaces.\n"
               "static const SchemaTable kSchemaTables[] = {\n";
        SQLite::Statement tables(schema, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid");
        while (tables.executeStep()) {
            const std::string table = tables.getColumn(0).getString();
            std::string parents;
            SQLite::Statement keys(schema, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)");
            keys.bind(1, table);
            while (keys.executeStep()) {
                const std::string parent = keys.getColumn(0).getString();
                if (parent == table) continue;
                if (!parents.empty()) parents += ' ';
                parents += parent;
            }
            out << "    {\"" << table << "\", \"" << parents << "\"},\n";
        }
        out << "};\n";

        std::ofstream file(argv[1], std::ios::binary | std::ios::trunc);
        file << out.str();
        if (!file.flush()) {
            std::fprintf(stderr, "casebook-schema-keys: could not write %s\n", argv[1]);
            return 1;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "casebook-schema-keys: a migration failed on an empty database: %s\n", e.what());
        return 1;
    }
    return 0;
}
