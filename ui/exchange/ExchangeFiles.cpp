#include "exchange/ExchangeFiles.h"

#include <QDir>
#include <QFileDialog>
#include <QStandardPaths>

namespace cb::ui {

namespace {
ExchangeFiles::Chooser& current() {
    static ExchangeFiles::Chooser c;
    return c;
}
} // namespace

QStringList ExchangeFiles::choose(QWidget* parent, const FileRequest& r) {
    if (current()) return current()(parent, r);
    switch (r.mode) {
    case FileRequest::Mode::OpenMany: return QFileDialog::getOpenFileNames(parent, r.title, r.suggested, r.filter);
    case FileRequest::Mode::Open: {
        const QString p = QFileDialog::getOpenFileName(parent, r.title, r.suggested, r.filter);
        return p.isEmpty() ? QStringList() : QStringList{p};
    }
    case FileRequest::Mode::Save: break;
    }
    const QString p = QFileDialog::getSaveFileName(parent, r.title, r.suggested, r.filter);
    return p.isEmpty() ? QStringList() : QStringList{p};
}

ExchangeFiles::Chooser ExchangeFiles::setChooser(Chooser chooser) {
    Chooser old = std::move(current());
    current() = std::move(chooser);
    return old;
}

QString ExchangeFiles::documentsFolder() {
    // The documents folder is named even where it does not exist (a fresh profile, a redirected
    // one): suggest it only when it is there, else the home folder, so the first export can succeed.
    const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return !docs.isEmpty() && QDir(docs).exists() ? docs : QDir::homePath();
}

} // namespace cb::ui
