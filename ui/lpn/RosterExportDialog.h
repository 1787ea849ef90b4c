#pragma once

#include "lpn/RosterExport.h"

#include <QDialog>
#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace cb::ui {

class Workspace;

// Exporting a network's roster: format (CSV, Excel, PDF), whether to include declarations of
// interest (confidential), and the file. Works on a read-only database (it writes only the export).
class RosterExportDialog : public QDialog {
    Q_OBJECT
public:
    // Asks where to save: (parent, suggested path, file-type filter) -> chosen path, empty if cancelled.
    // Tests replace it so nothing blocks.
    using FileChooser = std::function<QString(QWidget*, const QString&, const QString&)>;
    static FileChooser setFileChooser(FileChooser chooser);

    RosterExportDialog(Workspace& ws, const QString& networkId, QWidget* parent = nullptr);

    enum class Format { Csv, Xlsx, Pdf };
    void setFormat(Format f);
    void setIncludeDeclarations(bool include);
    void setPath(const QString& path);
    QString path() const;

    // Exports with the current choices; true when written (the result is then in lastResult()).
    // Failures are reported through Ask and leave no file.
    bool exportNow();
    const RosterExportResult& lastResult() const { return m_result; }

private:
    void chooseFile();
    void formatChanged();
    QString extension() const;
    Workspace& m_ws;
    QString m_networkId;
    QComboBox* m_format;
    QCheckBox* m_include;
    QLabel* m_warning;
    QLineEdit* m_path;
    QPushButton *m_browse, *m_export;
    RosterExportResult m_result;
};

} // namespace cb::ui
