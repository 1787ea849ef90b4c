#include "exchange/ImportDialog.h"

#include "common/Ask.h"
#include "common/Workspace.h"
#include "exchange/ExchangeFiles.h"
#include "exchange/RecordExchange.h"

#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QTableWidget>
#include <QThread>
#include <QTimer>

namespace cb::ui {

using namespace cb::exchange;

// ---- RejectionsModel ------------------------------------------------------------------------------

void RejectionsModel::setSummary(const ImportSummary& summary) {
    beginResetModel();
    m_rows.clear();
    for (const FileResult& f : summary.files)
        for (const Rejection& r : f.rejections) m_rows.append({f.file, r});
    endResetModel();
}

int RejectionsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
int RejectionsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RejectionsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size()) return {};
    const Entry& e = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case File: return e.file;
        case Line: return e.rejection.line > 0 ? QVariant(e.rejection.line) : QVariant(QStringLiteral("—"));
        case Key: return e.rejection.key;
        case Reason: return e.rejection.reason;
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == Line) return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RejectionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case File: return QStringLiteral("File");
    case Line: return QStringLiteral("Line");
    case Key: return QStringLiteral("Code / id");
    case Reason: return QStringLiteral("Reason");
    default: return {};
    }
}

void RejectionsModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= ColumnCount) return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<int> oldRows;
    for (int i = 0; i < m_rows.size(); ++i) oldRows << i;
    auto key = [&](int i) -> std::tuple<QString, int, QString> {
        const Entry& e = m_rows.at(i);
        switch (column) {
        case File: return {e.file, e.rejection.line, {}};
        case Line: return {{}, e.rejection.line, e.file};
        case Key: return {e.rejection.key, e.rejection.line, e.file};
        default: return {e.rejection.reason, e.rejection.line, e.file};
        }
    };
    std::stable_sort(oldRows.begin(), oldRows.end(), [&](int a, int b) {
        return order == Qt::AscendingOrder ? key(a) < key(b) : key(b) < key(a);
    });
    QList<Entry> sorted;
    QList<int> newRowOf(m_rows.size());
    for (int i = 0; i < oldRows.size(); ++i) {
        sorted << m_rows.at(oldRows.at(i));
        newRowOf[oldRows.at(i)] = i;
    }
    m_rows = sorted;
    QModelIndexList after;
    for (const QModelIndex& i : before) after << index(newRowOf.value(i.row()), i.column());
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

QString RejectionsModel::toTsv(const QList<int>& rows) const {
    QStringList lines;
    QStringList head;
    for (int c = 0; c < ColumnCount; ++c) head << headerData(c, Qt::Horizontal).toString();
    lines << head.join(QLatin1Char('\t'));
    auto clean = [](QString s) { return s.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' ')); };
    QList<int> which = rows;
    if (which.isEmpty())
        for (int i = 0; i < m_rows.size(); ++i) which << i;
    for (int r : which) {
        if (r < 0 || r >= m_rows.size()) continue;
        const Entry& e = m_rows.at(r);
        lines << QStringList{clean(e.file), QString::number(e.rejection.line), clean(e.rejection.key), clean(e.rejection.reason)}
                     .join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

// ---- ImportDialog ---------------------------------------------------------------------------------

namespace {
ImportDialog::Runner& runner() {
    static ImportDialog::Runner r;
    return r;
}

enum FileColumn { FcFile, FcContents, FcEncoding, FcRows, FcNew, FcUpdated, FcUnchanged, FcSkipped, FcRejected, FcCount };

QString plural(int n, const char* one, const char* many) {
    return QStringLiteral("%L1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}
} // namespace

ImportDialog::Runner ImportDialog::setRunner(Runner r) {
    Runner old = std::move(runner());
    runner() = std::move(r);
    return old;
}

void ImportDialog::open(Workspace& ws, QWidget* parent) {
    ImportDialog d(ws, parent);
    if (runner()) runner()(d);
    else d.exec();
}

ImportDialog::ImportDialog(Workspace& ws, QWidget* parent) : QDialog(parent), m_ws(ws) {
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(QStringLiteral("Import"));
    setAccessibleName(QStringLiteral("Import shared files"));
    auto* v = new QVBoxLayout(this);

    auto* form = new QFormLayout;
    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("importSource"));
    m_source->setAccessibleName(QStringLiteral("What to import"));
    m_source->addItem(QStringLiteral("ODS extracts: practices, branches, pharmacies, head offices, dental, optical (one or more files)"),
                      int(Source::Ods));
    m_source->addItem(QStringLiteral("NHS Payments to General Practice (contract route and list size)"), int(Source::Payments));
    m_source->addItem(QStringLiteral("Dental activity by contract and year (UDAs, UOAs, UDA value)"), int(Source::DentalActivity));
    m_source->addItem(QStringLiteral("Casebook exchange file (.json)"), int(Source::Json));
    m_source->addItem(QStringLiteral("Casebook CSV of one record type"), int(Source::Csv));
    auto* sourceLabel = new QLabel(QStringLiteral("&What to import:"), this);
    sourceLabel->setBuddy(m_source);
    form->addRow(sourceLabel, m_source);
    m_recordType = new QComboBox(this);
    m_recordType->setObjectName(QStringLiteral("importRecordType"));
    m_recordType->setAccessibleName(QStringLiteral("Record type"));
    for (const ExchangeTable& t : standardTables()) m_recordType->addItem(t.title, t.recordType);
    m_recordTypeLabel = new QLabel(QStringLiteral("&Record type:"), this);
    m_recordTypeLabel->setBuddy(m_recordType);
    form->addRow(m_recordTypeLabel, m_recordType);
    auto* fileRow = new QHBoxLayout;
    m_fileList = new QLabel(QStringLiteral("No file chosen"), this);
    m_fileList->setObjectName(QStringLiteral("importFiles"));
    m_fileList->setWordWrap(true);
    m_fileList->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fileList->setAccessibleName(QStringLiteral("Files to import"));
    m_choose = new QPushButton(QStringLiteral("&Choose files…"), this);
    m_choose->setObjectName(QStringLiteral("chooseImportFiles"));
    m_choose->setAccessibleName(QStringLiteral("Choose the files to import"));
    m_previewButton = new QPushButton(QStringLiteral("&Preview again"), this);
    m_previewButton->setObjectName(QStringLiteral("previewButton"));
    m_previewButton->setAccessibleName(QStringLiteral("Read the files again and preview"));
    fileRow->addWidget(m_fileList, 1);
    fileRow->addWidget(m_choose);
    fileRow->addWidget(m_previewButton);
    auto* filesLabel = new QLabel(QStringLiteral("Files:"), this);
    form->addRow(filesLabel, fileRow);
    {
        // The area a local team imports; kept as settings, so the next import uses the same.
        const AreaFilter area = loadAreaFilter(m_ws.db());
        m_area = new QWidget(this);
        auto* row = new QHBoxLayout(m_area);
        row->setContentsMargins(0, 0, 0, 0);
        m_country = new QComboBox(m_area);
        m_country->setObjectName(QStringLiteral("importCountry"));
        m_country->setAccessibleName(QStringLiteral("Country"));
        m_country->addItem(QStringLiteral("England"), QStringLiteral("england"));
        m_country->addItem(QStringLiteral("Wales"), QStringLiteral("wales"));
        m_country->addItem(QStringLiteral("England and Wales"), QString());
        m_country->setCurrentIndex(std::max(0, m_country->findData(area.country)));
        m_region = new QLineEdit(area.region, m_area);
        m_region->setObjectName(QStringLiteral("importRegion"));
        m_region->setAccessibleName(QStringLiteral("Region code"));
        m_region->setPlaceholderText(QStringLiteral("region, e.g. Y56"));
        m_commissioners = new QLineEdit(area.commissioners.join(QStringLiteral(", ")), m_area);
        m_commissioners->setObjectName(QStringLiteral("importCommissioners"));
        m_commissioners->setAccessibleName(QStringLiteral("Commissioner codes"));
        m_commissioners->setPlaceholderText(QStringLiteral("commissioner codes, e.g. 00K, 00L (empty: all)"));
        m_urgentCare = new QCheckBox(QStringLiteral("&Walk-in and out-of-hours centres"), m_area);
        m_urgentCare->setObjectName(QStringLiteral("importUrgentCare"));
        m_urgentCare->setChecked(area.urgentCare);
        row->addWidget(m_country);
        row->addWidget(m_region);
        row->addWidget(m_commissioners, 1);
        row->addWidget(m_urgentCare);
        m_areaLabel = new QLabel(QStringLiteral("&Area:"), this);
        m_areaLabel->setBuddy(m_country);
        form->addRow(m_areaLabel, m_area);
    }
    v->addLayout(form);

    auto* busyRow = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("importBusy"));
    m_progress->setAccessibleName(QStringLiteral("Working"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->setVisible(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(QStringLiteral("Preview summary"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    busyRow->addWidget(m_progress);
    busyRow->addWidget(m_status, 1);
    v->addLayout(busyRow);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("importError"));
    m_error->setAccessibleName(QStringLiteral("Why the file was refused"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; border: 1px solid #b3261e; border-radius: 4px; padding: 6px; }"));
    m_error->setVisible(false);
    v->addWidget(m_error);

    m_fileTable = new QTableWidget(0, FcCount, this);
    m_fileTable->setObjectName(QStringLiteral("importFileCounts"));
    m_fileTable->setAccessibleName(QStringLiteral("Counts per file"));
    m_fileTable->setHorizontalHeaderLabels({QStringLiteral("File"), QStringLiteral("Contents"), QStringLiteral("Encoding"),
                                            QStringLiteral("Rows"), QStringLiteral("New"), QStringLiteral("Updated"),
                                            QStringLiteral("Unchanged"), QStringLiteral("Skipped"), QStringLiteral("Rejected")});
    m_fileTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fileTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fileTable->verticalHeader()->setVisible(false);
    m_fileTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_fileTable->horizontalHeader()->setSectionResizeMode(FcContents, QHeaderView::Stretch);
    v->addWidget(m_fileTable);

    auto* rejHead = new QHBoxLayout;
    m_rejectionsTitle = new QLabel(QStringLiteral("Rejected rows"), this);
    m_rejectionsTitle->setObjectName(QStringLiteral("rejectionsTitle"));
    m_copy = new QPushButton(QStringLiteral("C&opy rejections"), this);
    m_copy->setObjectName(QStringLiteral("copyRejections"));
    m_copy->setAccessibleName(QStringLiteral("Copy every rejection to the clipboard"));
    m_copy->setToolTip(QStringLiteral("Copies every rejected row (file, line, code, reason) as tab-separated text, "
                                      "ready to paste into a spreadsheet or an email. Ctrl+C in the table copies the "
                                      "selected rows."));
    rejHead->addWidget(m_rejectionsTitle, 1);
    rejHead->addWidget(m_copy);
    v->addLayout(rejHead);
    m_rejections = new RejectionsModel(this);
    m_rejectionView = new QTableView(this);
    m_rejectionView->setObjectName(QStringLiteral("rejections"));
    m_rejectionView->setAccessibleName(QStringLiteral("Rejected rows with their line in the file and the reason"));
    m_rejectionView->setModel(m_rejections);
    m_rejectionView->setSortingEnabled(true);
    m_rejectionView->sortByColumn(RejectionsModel::Line, Qt::AscendingOrder);
    m_rejectionView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rejectionView->setWordWrap(false);
    m_rejectionView->verticalHeader()->setVisible(false);
    m_rejectionView->horizontalHeader()->setStretchLastSection(true);
    m_rejectionView->horizontalHeader()->setSectionResizeMode(RejectionsModel::File, QHeaderView::ResizeToContents);
    m_rejectionView->horizontalHeader()->setSectionResizeMode(RejectionsModel::Line, QHeaderView::ResizeToContents);
    m_rejectionView->horizontalHeader()->setSectionResizeMode(RejectionsModel::Key, QHeaderView::ResizeToContents);
    auto* copySelected = new QAction(QStringLiteral("Copy"), m_rejectionView);
    copySelected->setShortcut(QKeySequence::Copy);
    copySelected->setShortcutContext(Qt::WidgetShortcut);
    m_rejectionView->addAction(copySelected);
    connect(copySelected, &QAction::triggered, this, [this] { copyRejections(true); });
    connect(m_copy, &QPushButton::clicked, this, [this] { copyRejections(false); });
    v->addWidget(m_rejectionView, 3);

    auto* detailsLabel = new QLabel(QStringLiteral("Skipped rows and &notes:"), this);
    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("importNotes"));
    m_details->setAccessibleName(QStringLiteral("Skipped rows and notes"));
    m_details->setReadOnly(true);
    m_details->setMaximumHeight(fontMetrics().lineSpacing() * 6);
    detailsLabel->setBuddy(m_details);
    v->addWidget(detailsLabel);
    v->addWidget(m_details, 1);

    auto* buttons = new QDialogButtonBox(this);
    m_import = buttons->addButton(QStringLiteral("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setAccessibleName(QStringLiteral("Import: commit what the preview shows"));
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelImport"));
    m_cancel->setToolTip(QStringLiteral("Close without changing anything"));
    v->addWidget(buttons);
    connect(m_import, &QPushButton::clicked, this, [this] {
        if (importNow()) accept();
    });
    connect(m_cancel, &QPushButton::clicked, this, &ImportDialog::reject);
    connect(m_choose, &QPushButton::clicked, this, &ImportDialog::chooseFiles);
    connect(m_previewButton, &QPushButton::clicked, this, [this] { preview(); });
    connect(m_source, &QComboBox::currentIndexChanged, this, &ImportDialog::sourceChanged);
    connect(m_recordType, &QComboBox::currentIndexChanged, this, [this] {
        m_paths.clear();
        sourceChanged();
    });

    setTabOrder(m_source, m_recordType);
    setTabOrder(m_recordType, m_choose);
    setTabOrder(m_choose, m_previewButton);
    setTabOrder(m_previewButton, m_fileTable);
    setTabOrder(m_fileTable, m_copy);
    setTabOrder(m_copy, m_rejectionView);
    setTabOrder(m_rejectionView, m_details);
    setTabOrder(m_details, m_import);
    setTabOrder(m_import, m_cancel);
    m_choose->setDefault(true);
    if (ws.isReadOnly())
        for (QWidget* w : {static_cast<QWidget*>(m_choose), static_cast<QWidget*>(m_previewButton), static_cast<QWidget*>(m_import)})
            ws.guard(w);
    sourceChanged();
    resize(QSize(920, 620));
}

ImportDialog::~ImportDialog() = default;

void ImportDialog::setSource(Source source, const QString& recordType) {
    m_source->setCurrentIndex(m_source->findData(int(source)));
    if (!recordType.isEmpty()) m_recordType->setCurrentIndex(m_recordType->findData(recordType));
    sourceChanged();
}

void ImportDialog::setFiles(const QStringList& paths) {
    m_paths = paths;
    QStringList names;
    for (const QString& p : paths) names << QDir::toNativeSeparators(p);
    m_fileList->setText(names.isEmpty() ? QStringLiteral("No file chosen") : names.join(QLatin1Char('\n')));
    m_fileList->setToolTip(names.join(QLatin1Char('\n')));
    m_job.reset();
    clearPreview();
}

void ImportDialog::saveArea() {
    AreaFilter area;
    area.country = m_country->currentData().toString();
    area.region = m_region->text().trimmed();
    for (const QString& c : m_commissioners->text().split(QRegularExpression(QStringLiteral("[\\s,;]+")), Qt::SkipEmptyParts))
        area.commissioners << c.toUpper();
    area.urgentCare = m_urgentCare->isChecked();
    if (area != loadAreaFilter(m_ws.db())) saveAreaFilter(m_ws.db(), area);
}

void ImportDialog::sourceChanged() {
    const auto source = Source(m_source->currentData().toInt());
    m_recordType->setVisible(source == Source::Csv);
    m_recordTypeLabel->setVisible(source == Source::Csv);
    m_area->setVisible(source == Source::Ods);
    m_areaLabel->setVisible(source == Source::Ods);
    m_choose->setText(source == Source::Ods ? QStringLiteral("&Choose files…") : QStringLiteral("&Choose file…"));
    setFiles(source == Source::Ods || m_paths.size() <= 1 ? m_paths : QStringList{});
}

void ImportDialog::clearPreview() {
    m_summary = {};
    m_rejections->setSummary(m_summary);
    m_fileTable->setRowCount(0);
    m_details->clear();
    m_error->clear();
    m_error->setVisible(false);
    m_rejectionsTitle->setText(QStringLiteral("Rejected rows"));
    m_copy->setEnabled(false);
    m_import->setEnabled(false);
    if (!m_ws.isReadOnly()) m_previewButton->setEnabled(!m_paths.isEmpty());
    m_status->setText(m_ws.isReadOnly() ? Workspace::readOnlyReason()
                      : m_paths.isEmpty()
                          ? QStringLiteral("Choose what to import and the file(s). Casebook shows what would change before anything does.")
                          : QStringLiteral("Ready to preview."));
}

void ImportDialog::chooseFiles() {
    const auto source = Source(m_source->currentData().toInt());
    FileRequest r;
    r.mode = source == Source::Ods ? FileRequest::Mode::OpenMany : FileRequest::Mode::Open;
    r.suggested = m_paths.isEmpty() ? ExchangeFiles::documentsFolder() : QFileInfo(m_paths.first()).absolutePath();
    switch (source) {
    case Source::Ods:
        r.title = QStringLiteral("Choose ODS extract files");
        r.filter = QStringLiteral("ODS extracts (*.csv);;All files (*)");
        break;
    case Source::Payments:
        r.title = QStringLiteral("Choose the Payments to General Practice file");
        r.filter = QStringLiteral("CSV files (*.csv);;All files (*)");
        break;
    case Source::DentalActivity:
        r.title = QStringLiteral("Choose the dental activity file");
        r.filter = QStringLiteral("CSV files (*.csv);;All files (*)");
        break;
    case Source::Json:
        r.title = QStringLiteral("Choose a Casebook exchange file");
        r.filter = QStringLiteral("Casebook exchange files (*.json);;All files (*)");
        break;
    case Source::Csv:
        r.title = QStringLiteral("Choose a Casebook CSV of %1").arg(m_recordType->currentText().toLower());
        r.filter = QStringLiteral("CSV files (*.csv);;All files (*)");
        break;
    }
    const QStringList chosen = ExchangeFiles::choose(this, r);
    if (chosen.isEmpty()) return;
    setFiles(chosen);
    preview();
}

ImportJob ImportDialog::openJob() const {
    switch (Source(m_source->currentData().toInt())) {
    case Source::Ods: return ImportJob::ods(m_paths);
    case Source::Payments: return ImportJob::payments(m_paths.value(0));
    case Source::Json: return ImportJob::json(m_paths.value(0));
    case Source::DentalActivity: return ImportJob::dentalActivity(m_paths.value(0));
    case Source::Csv: break;
    }
    return ImportJob::csv(m_recordType->currentData().toString(), m_paths.value(0));
}

void ImportDialog::setBusy(bool busy, const QString& what) {
    m_busy = busy;
    m_progress->setVisible(busy);
    if (busy) {
        m_status->setText(what);
        m_permille = -1;
        m_cancelRequested = false;
        m_progress->setRange(0, 0); // moving once the file is read and its rows are applied
    }
    // Cancel stays enabled: it stops the worker, which rolls everything back.
    m_cancel->setToolTip(busy ? QStringLiteral("Stop now: nothing will be changed")
                              : QStringLiteral("Close without changing anything"));
    for (QWidget* w : {static_cast<QWidget*>(m_source), static_cast<QWidget*>(m_recordType), static_cast<QWidget*>(m_choose),
                       static_cast<QWidget*>(m_previewButton), static_cast<QWidget*>(m_import)})
        w->setEnabled(!busy);
    if (busy) QApplication::setOverrideCursor(Qt::BusyCursor);
    else QApplication::restoreOverrideCursor();
}

void ImportDialog::runInWorker(const QString& what, const std::function<void(Database&)>& fn) {
    setBusy(true, what);
    std::exception_ptr failure;
    const QString path = m_ws.db().path();
    if (path.isEmpty() || path == QLatin1String(":memory:")) {
        // An in-memory database has no second connection: run here.
        QApplication::processEvents();
        try {
            fn(m_ws.db());
        } catch (...) {
            failure = std::current_exception();
        }
    } else {
        const QString actor = m_ws.db().actor();
        const Clock* clock = &m_ws.db().clock();
        QEventLoop loop;
        QThread* worker = QThread::create([&] {
            try {
                Database db(path);
                db.setActor(actor);
                db.setClock(clock);
                fn(db);
            } catch (...) {
                failure = std::current_exception();
            }
        });
        connect(worker, &QThread::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
        // The bar shows how far the worker has got; the window stays responsive (Cancel works).
        QTimer tick;
        tick.setInterval(100);
        connect(&tick, &QTimer::timeout, this, [this] {
            const int p = m_permille.load();
            if (p < 0) return;
            if (m_progress->maximum() != 1000) m_progress->setRange(0, 1000);
            m_progress->setValue(p);
        });
        tick.start();
        worker->start();
        loop.exec(); // paints the progress bar; the controls but Cancel are disabled
        tick.stop();
        worker->wait();
        delete worker;
    }
    setBusy(false);
    if (failure) std::rethrow_exception(failure);
}

bool ImportDialog::preview() {
    if (m_ws.isReadOnly()) return false;
    if (m_paths.isEmpty()) {
        showError(QStringLiteral("Choose the file(s) to import first."));
        return false;
    }
    clearPreview();
    try {
        if (Source(m_source->currentData().toInt()) == Source::Ods) saveArea();
        auto job = std::make_unique<ImportJob>();
        ImportSummary summary;
        runInWorker(QStringLiteral("Reading and checking %1…").arg(plural(int(m_paths.size()), "file", "files")),
                    [&](Database& db) {
                        *job = openJob();
                        job->setProgress(progressReporter());
                        summary = job->preview(db);
                    });
        m_job = std::move(job);
        m_summary = summary;
        showSummary();
        return true;
    } catch (const Error& e) {
        showError(e.message());
    } catch (const std::exception& e) {
        showError(QString::fromLocal8Bit(e.what()));
    }
    return false;
}

void ImportDialog::showSummary() {
    const ImportSummary& s = m_summary;
    m_fileTable->setRowCount(int(s.files.size()));
    QStringList details;
    for (int i = 0; i < s.files.size(); ++i) {
        const FileResult& f = s.files.at(i);
        const QStringList cells{f.file, f.description, f.encoding, QStringLiteral("%L1").arg(f.rows),
                                QStringLiteral("%L1").arg(f.added), QStringLiteral("%L1").arg(f.updated),
                                QStringLiteral("%L1").arg(f.unchanged), QStringLiteral("%L1").arg(f.skipped),
                                QStringLiteral("%L1").arg(f.rejected())};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            if (c >= FcRows) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == FcRejected && f.rejected() > 0) item->setForeground(QColor(0xb3, 0x26, 0x1e));
            m_fileTable->setItem(i, c, item);
        }
        for (auto it = f.skippedReasons.begin(); it != f.skippedReasons.end(); ++it)
            details << QStringLiteral("%1: skipped %2 — %3").arg(f.file, plural(it.value(), "row", "rows"), it.key());
        for (auto it = f.qualityNotes.begin(); it != f.qualityNotes.end(); ++it)
            details << QStringLiteral("%1: data quality, %2 — %3").arg(f.file, plural(it.value(), "row", "rows"), it.key());
        for (const QString& n : f.notes) details << QStringLiteral("%1: %2").arg(f.file, n);
    }
    m_fileTable->setMaximumHeight(m_fileTable->horizontalHeader()->height() + m_fileTable->frameWidth() * 2 +
                                  m_fileTable->verticalHeader()->defaultSectionSize() * std::max<int>(1, int(s.files.size())) + 2);
    m_details->setPlainText(details.isEmpty() ? QStringLiteral("No rows skipped; nothing to note.") : details.join(QLatin1Char('\n')));
    m_rejections->setSummary(s);
    m_rejectionView->sortByColumn(m_rejectionView->horizontalHeader()->sortIndicatorSection(),
                                  m_rejectionView->horizontalHeader()->sortIndicatorOrder());
    m_rejectionsTitle->setText(s.rejected() == 0 ? QStringLiteral("No rows rejected")
                                                 : QStringLiteral("Rejected rows (%L1): not imported; correct them in the "
                                                                  "source and import again").arg(s.rejected()));
    m_copy->setEnabled(s.rejected() > 0);
    const QString counts = QStringLiteral("%L1 new, %L2 updated, %L3 unchanged, %L4 skipped, %L5 rejected")
                               .arg(s.added()).arg(s.updated()).arg(s.unchanged()).arg(s.skipped()).arg(s.rejected());
    if (s.committed) {
        m_status->setText(QStringLiteral("Imported: %1.").arg(counts));
        m_import->setEnabled(false);
    } else if (s.changesAnything()) {
        m_status->setText(QStringLiteral("<b>Preview — nothing has changed yet.</b> Importing would give: %1.").arg(counts));
        m_import->setEnabled(!m_ws.isReadOnly());
        m_import->setDefault(true);
        m_import->setFocus(Qt::OtherFocusReason);
    } else {
        m_status->setText(QStringLiteral("<b>Nothing to import:</b> %1. The register already matches the file.").arg(counts));
        m_import->setEnabled(false);
    }
}

void ImportDialog::showError(const QString& message) {
    m_job.reset();
    m_import->setEnabled(false);
    m_status->setText(QStringLiteral("Nothing was imported and nothing has changed."));
    m_error->setText(message);
    m_error->setVisible(true);
}

QString ImportDialog::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

bool ImportDialog::importNow() {
    if (m_ws.isReadOnly() || !m_job || m_busy || !m_summary.changesAnything()) return false;
    try {
        ImportSummary done;
        m_job->setProgress(progressReporter());
        runInWorker(QStringLiteral("Importing…"), [&](Database& db) { done = m_job->commit(db); });
        m_summary = done;
        m_job.reset();
        showSummary();
    } catch (const exchange::ImportCancelled&) {
        // The preview still stands: the caseworker may import it later.
        m_status->setText(QStringLiteral("<b>Import cancelled — nothing has changed.</b> Choose Import to run it again."));
        return false;
    } catch (const Error& e) {
        Ask::error(this, QStringLiteral("Nothing imported"),
                   QStringLiteral("%1\n\nThe import was undone as a whole: nothing has changed.").arg(e.message()));
        return false;
    }
    m_ws.notifyChanged();
    const ImportSummary& s = m_summary;
    QStringList names;
    for (const FileResult& f : s.files) names << f.file;
    Ask::info(this, QStringLiteral("Import finished"),
              QStringLiteral("Imported %1.\n\n%2 added, %3 updated, %4 unchanged, %5 skipped.%6\n\nEvery change is in the "
                             "audit trail with the file as its source.")
                  .arg(names.join(QStringLiteral(", ")), QStringLiteral("%L1").arg(s.added()), QStringLiteral("%L1").arg(s.updated()),
                       QStringLiteral("%L1").arg(s.unchanged()), QStringLiteral("%L1").arg(s.skipped()),
                       s.rejected() ? QStringLiteral(" %1 rejected (not imported).").arg(plural(s.rejected(), "row was", "rows were"))
                                    : QString()));
    return true;
}

void ImportDialog::copyRejections(bool selectedOnly) {
    QList<int> rows;
    if (selectedOnly) {
        for (const QModelIndex& i : m_rejectionView->selectionModel()->selectedRows()) rows << i.row();
        if (rows.isEmpty()) return;
        std::sort(rows.begin(), rows.end());
    }
    QApplication::clipboard()->setText(m_rejections->toTsv(rows));
}

exchange::ImportProgress ImportDialog::progressReporter() {
    return [this](int permille) {
        m_permille = permille;
        return !m_cancelRequested.load();
    };
}

int ImportDialog::progressValue() const { return m_progress->value(); }

void ImportDialog::reject() {
    if (m_busy) {
        // The worker stops at its next row and rolls back; the dialog stays until it has.
        m_cancelRequested = true;
        m_status->setText(QStringLiteral("Cancelling: undoing what was read so far…"));
        return;
    }
    QDialog::reject();
}

} // namespace cb::ui
