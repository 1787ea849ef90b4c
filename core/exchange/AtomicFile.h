#pragma once

#include "common/Errors.h"

#include <QByteArray>
#include <QString>
#include <functional>

namespace cb {

// An export could not be written. Nothing was left behind at the target path.
class ExportError : public Error {
public:
    using Error::Error;
};

// Writes data to path atomically (QSaveFile: a temporary file renamed into place on success), so a
// failure or a crash never leaves half a file and never damages an existing one. Throws ExportError.
void writeFileAtomically(const QString& path, const QByteArray& data);
// The same for a document written in parts: `produce` calls `write` for each part, so a large
// export never holds the whole file in memory. An exception from `produce` leaves nothing behind.
void writeFileAtomically(const QString& path,
                         const std::function<void(const std::function<void(const QByteArray&)>& write)>& produce);

// Reads a whole file; throws Error with a caseworker's message when it cannot.
QByteArray readWholeFile(const QString& path);

} // namespace cb
