#pragma once

#include <QDialog>
#include <QList>
#include <QString>
#include <functional>
#include <memory>

namespace cb::ui {

class Workspace;

// Every editor and dialog a caseworker fills in, each with a factory that opens it on a record of
// the open database (or a new one when there is none). Layout, tab-order and accessibility tests
// walk this list, so an editor added here is checked like the others: add yours when you write it.
struct EditorEntry {
    QString name; // "concern", "contract", ...
    std::function<std::unique_ptr<QDialog>(Workspace& ws, QWidget* parent)> make;
};

QList<EditorEntry> editorRegistry();

} // namespace cb::ui
