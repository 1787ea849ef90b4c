#pragma once

#include "exchange/ExchangeTables.h"
#include "exchange/XlsxExport.h"

#include <QDialog>
#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace cb::ui {

class Workspace;

// File > Export…: what the caseworker is looking at (the contractor list's filter or selection, or
// the open practice file) by default, everything as a choice; as an Excel workbook for people
// (a sheet per purpose, then a sheet per record type), the JSON exchange file (with the performers its
// records name, so it imports on its own), or the CSV of one record type (all of it when that type
// belongs to no contractor). Confidential records are left out unless the user
// ticks "Include confidential records" (a warning then says what that means, and the file name
// gains CONFIDENTIAL-). Works on a read-only database: it writes only the chosen file.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    enum class Format { Xlsx, Json, Csv };

    explicit ExportDialog(Workspace& ws, QWidget* parent = nullptr);

    void setFormat(Format format, const QString& recordType = {});
    void setIncludeConfidential(bool include);
    void setPath(const QString& path);
    // What the list shows (default when set) or, with everything true, the whole register.
    void setScope(const exchange::ContractorScope& scope);
    void setEverything(bool everything);
    exchange::ContractorScope scope() const; // the one in force (everything when not scoped)
    // What the main window behind parent shows: the contractor list's selection (two or more rows)
    // or filter, or the open practice file; everything elsewhere.
    static exchange::ContractorScope scopeShownIn(QWidget* parent);
    QString path() const;
    QString planText() const; // what the export will write, as shown in the dialog
    QString warningText() const;

    // Exports with the current choices; true when written (then lastResult()). A failure is told
    // through Ask and leaves no file.
    bool exportNow();
    const exchange::ExportResult& lastResult() const { return m_result; }

    // Opens the dialog (modal) from the File menu; tests replace the runner to drive it in place.
    using Runner = std::function<void(ExportDialog&)>;
    static void open(Workspace& ws, QWidget* parent);
    static Runner setRunner(Runner runner);

private:
    Format format() const;
    bool scopeApplies() const; // what the list shows can cut the chosen format (and record type)
    QString extension() const;
    QList<exchange::ExchangeTable> tables() const;
    void choicesChanged();
    void chooseFile();
    Workspace& m_ws;
    QComboBox *m_format, *m_recordType;
    QLabel *m_recordTypeLabel, *m_plan, *m_warning;
    QCheckBox* m_include;
    QRadioButton *m_shown, *m_everything;
    QLabel* m_scopeLabel;
    exchange::ContractorScope m_scope;
    QLineEdit* m_path;
    QPushButton *m_browse, *m_export;
    exchange::ExportResult m_result;
};

} // namespace cb::ui
