#pragma once

#include "exchange/Import.h"

#include <QAbstractTableModel>
#include <QDialog>
#include <atomic>
#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTableWidget;

namespace cb::ui {

class Workspace;

// Every rejected row of an import preview: file, line in the file, key (code or id) and reason.
// Sortable (line numerically); copied as tab-separated text.
class RejectionsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum ColumnId { File, Line, Key, Reason, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setSummary(const exchange::ImportSummary& summary);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // Header line, then the given rows (all when empty), tab-separated, one per line.
    QString toTsv(const QList<int>& rows = {}) const;

private:
    struct Entry {
        QString file;
        exchange::Rejection rejection;
    };
    QList<Entry> m_rows;
};

// File > Import…: what to import (ODS extracts, Payments to General Practice, dental activity by
// contract and year, a Casebook JSON file or the Casebook CSV of one record type), the file(s), then a preview of what would change -- counts
// per file, every rejection with its line, skipped rows and notes -- and "Import" to commit it all
// in one transaction. The files are read and previewed in a worker thread with its own database
// connection, so a national extract does not freeze the window. Cancel changes nothing.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    enum class Source { Ods, Payments, Json, Csv, DentalActivity };

    explicit ImportDialog(Workspace& ws, QWidget* parent = nullptr);
    ~ImportDialog() override;

    void setSource(Source source, const QString& recordType = {});
    void setFiles(const QStringList& paths);
    QStringList files() const { return m_paths; }
    void chooseFiles(); // through ExchangeFiles; previews what was chosen

    // Reads the files and previews the import (nothing changes); false when a file was refused
    // (its message is then in errorText()).
    bool preview();
    // Commits what the preview showed, all-or-nothing; tells the result and refreshes open views.
    bool importNow();

    bool isBusy() const { return m_busy; }
    const exchange::ImportSummary& summary() const { return m_summary; }
    QString errorText() const;
    RejectionsModel* rejections() const { return m_rejections; }
    QTableView* rejectionsView() const { return m_rejectionView; }
    QPushButton* importButton() const { return m_import; }

    // Opens the dialog (modal) from the File menu; tests replace the runner to drive it in place.
    using Runner = std::function<void(ImportDialog&)>;
    static void open(Workspace& ws, QWidget* parent);
    static Runner setRunner(Runner runner);

    // While the worker runs, Cancel (or Esc) asks it to stop: the preview or import is rolled back
    // as a whole and nothing changes; the dialog closes only once the worker has stopped.
    void reject() override;
    int progressValue() const;   // the progress bar's value (thousandths), for tests
    bool cancelRequested() const { return m_cancelRequested.load(); }

private:
    void sourceChanged();
    void clearPreview();
    void showSummary();
    void showError(const QString& message);
    void setBusy(bool busy, const QString& what = {});
    // For the job: stores how far it has got (read by a timer in the GUI thread) and says whether
    // to go on. Called from the worker thread.
    exchange::ImportProgress progressReporter();
    // Runs fn with its own connection to the database in a worker thread while the dialog shows a
    // busy bar; rethrows what fn threw.
    void runInWorker(const QString& what, const std::function<void(Database&)>& fn);
    exchange::ImportJob openJob() const;
    void saveArea(); // the area filter as set in the dialog, kept as settings (ValidationError: nothing saved)
    void copyRejections(bool selectedOnly);

    Workspace& m_ws;
    QStringList m_paths;
    // Which rows of the ODS extracts to import (issue 13): shown for ODS extracts only.
    QLabel* m_areaLabel = nullptr;
    QWidget* m_area = nullptr;
    QComboBox* m_country = nullptr;
    QLineEdit* m_region = nullptr;
    QLineEdit* m_commissioners = nullptr;
    QCheckBox* m_urgentCare = nullptr;
    std::unique_ptr<exchange::ImportJob> m_job; // the files as read for the preview; committed as previewed
    exchange::ImportSummary m_summary;
    bool m_busy = false;
    std::atomic<int> m_permille{-1};           // written by the worker, shown by a timer
    std::atomic<bool> m_cancelRequested{false};
    QComboBox *m_source, *m_recordType;
    QLabel *m_recordTypeLabel, *m_fileList, *m_status, *m_error, *m_rejectionsTitle;
    QPushButton *m_choose, *m_previewButton, *m_import, *m_cancel, *m_copy;
    QProgressBar* m_progress;
    QTableWidget* m_fileTable;
    RejectionsModel* m_rejections;
    QTableView* m_rejectionView;
    QPlainTextEdit* m_details;
};

} // namespace cb::ui
