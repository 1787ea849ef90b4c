#include "cli/Cli.h"

#include "store/Database.h"

namespace cb::cli {

int run(const QStringList& args, QTextStream& out, QTextStream& err) {
    Q_UNUSED(args);
    Q_UNUSED(out);
    Q_UNUSED(err);
    return Usage;
}

} // namespace cb::cli
