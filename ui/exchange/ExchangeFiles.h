#pragma once

#include <QString>
#include <QStringList>
#include <functional>

class QWidget;

namespace cb::ui {

// Every file the import/export screens ask for goes through chooseFiles(), so widget tests answer
// without a blocking file dialog: ExchangeFiles::setChooser([](QWidget*, const FileRequest&) { ... }).
struct FileRequest {
    enum class Mode { Open, OpenMany, Save };
    Mode mode = Mode::Open;
    QString title;
    QString suggested; // a folder or a file name
    QString filter;    // "CSV files (*.csv);;All files (*)"
};

class ExchangeFiles {
public:
    using Chooser = std::function<QStringList(QWidget* parent, const FileRequest& request)>;
    // The chosen file(s), empty when cancelled.
    static QStringList choose(QWidget* parent, const FileRequest& request);
    // Replaces the chooser (tests); returns the previous one. An empty chooser restores file dialogs.
    static Chooser setChooser(Chooser chooser);
    // Where exports are suggested: the user's documents folder when it exists, else the home folder.
    static QString documentsFolder();
};

} // namespace cb::ui
