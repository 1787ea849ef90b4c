// The scale benchmark behind `make bench`: every figure at 10,000, 50,000 and 100,000 contractors
// with its growth, so a cost that grows faster than the register is visible, printed as ONE
// markdown table to paste into an issue.
//
// Each size is seeded once into a temporary folder and every figure for that size is taken from
// that database. Work whose memory matters (seeding, imports, export) runs in a child process of
// this program, so its peak memory is its own (wait4's ru_maxrss), not the largest so far.
//
// "Open to a usable window" is timed from the start of a new process (a child that does what
// `casebook FILE` does) to the first paint of its main window, the integrity check running in the
// background as it does in the app.
//
//   casebook-bench-scale [--sizes 10000,50000,100000] [--big-file ROWS] [--table FILE]
//                        [--keep-seed SIZE:FILE]
//                        (--big-file ROWS also previews an ODS file of that many practices, none by
//                        default: casebook-bench-import does make bench's million rows; --table also
//                        writes the table to FILE;
//                        --keep-seed copies the register seeded at SIZE to FILE, for casebook-bench-team)
//   casebook-bench-scale --db FILE     opening, searching and typing only, on a database seeded before
//   casebook-bench-scale --db FILE --typing-only     search as you type only (profiling the list)
//   casebook-bench-scale --child KIND ARGS... RESULTFILE                   (used by itself)
#include "BenchSupport.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "contractors/Contractor.h"
#include "contractors/ContractorList.h"
#include "demo/DemoSeeder.h"
#include "exchange/Import.h"
#include "exchange/RecordExchange.h"
#include "exchange/XlsxExport.h"
#include "shell/App.h"
#include "shell/MainWindow.h"
#include "shell/SafeApplication.h"
#include "store/AuditTrail.h"
#include "store/Database.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTimer>
#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <cmath>
#include <map>
#include <time.h>
#include <tuple>
#include <unistd.h>


namespace {

using bench::monotonicSeconds;

void writeResults(const QString& resultFile, const QMap<QString, double>& out) {
    QFile f(resultFile);
    if (!f.open(QIODevice::WriteOnly)) return;
    for (auto it = out.begin(); it != out.end(); ++it)
        f.write(QStringLiteral("%1 %2\n").arg(it.key()).arg(it.value(), 0, 'f', 6).toUtf8());
}

// Notes the moment the main window has been painted once: the first paint event of any widget in
// it, then (queued) the end of that paint pass.
class FirstPaint : public QObject {
public:
    explicit FirstPaint(QWidget* window) : m_window(window) { qApp->installEventFilter(this); }
    double at = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint && !m_seen && watched->isWidgetType() &&
            static_cast<QWidget*>(watched)->window() == m_window) {
            m_seen = true;
            qApp->removeEventFilter(this);
            QMetaObject::invokeMethod(
                this, [this] { at = monotonicSeconds(); }, Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QWidget* m_window;
    bool m_seen = false;
};

// `casebook FILE` up to its first paint, as runCasebook does it: the application, its style, the
// database opened (only the cheap checks), the main window built, shown and painted once. The
// integrity check starts in the background when the window is shown, as in the app. The process
// ends as soon as the paint is noted: closing is not part of opening.
int openWindowChild(int argc, char** argv) {
    const double mainAt = monotonicSeconds();
    cb::ui::SafeApplication app(argc, argv);
    const QStringList args = app.arguments().mid(3); // program --child open-window FILE RESULTFILE
    const QString resultFile = args.value(1);
    // The window remembers the last database: in the scratch folder, not the user's settings.
    QCoreApplication::setOrganizationName(QStringLiteral("casebook-bench"));
    QCoreApplication::setApplicationName(QStringLiteral("Casebook"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, QFileInfo(resultFile).absolutePath());
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    if (!QApplication::style() || !QStyleFactory::keys().contains(QApplication::style()->name(), Qt::CaseInsensitive))
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const double appAt = monotonicSeconds();
    cb::ui::App casebook;
    if (!casebook.open(args.value(0), cb::Database::Access::ReadWrite, false)) return 3;
    const double openedAt = monotonicSeconds();
    FirstPaint painted(casebook.window());
    casebook.window()->show();
    bool timedOut = false; // never painted: no figure rather than a hang
    QTimer::singleShot(60'000, &painted, [&timedOut] { timedOut = true; });
    while (painted.at == 0 && !timedOut) QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    if (timedOut) return 4;
    writeResults(resultFile, {{QStringLiteral("mainAt"), mainAt},
                              {QStringLiteral("appAt"), appAt},
                              {QStringLiteral("openedAt"), openedAt},
                              {QStringLiteral("paintedAt"), painted.at}});
    std::fflush(nullptr);
    std::_Exit(0); // not the teardown (the background check is stopped by the exit)
}

// ---- children: one measured job each, writing "key value" lines to a result file ----------------

int runChild(const QStringList& args) {
    QCoreApplication::setApplicationName(QStringLiteral("casebook-bench"));
    const QString kind = args.value(0);
    const QString resultFile = args.last();
    QMap<QString, double> out;
    QElapsedTimer t;
    t.start();
    if (kind == QLatin1String("seed")) {
        cb::Database db(args.value(2));
        const cb::SeedSummary s = cb::seedDemo(db, {args.value(1).toInt(), 42, {}});
        qint64 rows = 0;
        for (auto n : s.added) rows += n;
        out["records"] = double(rows);
    } else if (kind == QLatin1String("export-json")) {
        cb::Database db(args.value(1));
        cb::exchange::ExportOptions o;
        o.includeConfidential = true;
        cb::exchange::exportJson(db, args.value(2), o);
    } else if (kind == QLatin1String("export-xlsx")) {
        cb::Database db(args.value(1));
        cb::exchange::ExportOptions o;
        o.includeConfidential = true;
        cb::exchange::exportXlsx(db, args.value(2), o);
    } else if (kind == QLatin1String("export-csv")) {
        cb::Database db(args.value(1));
        cb::exchange::exportCsv(db, QStringLiteral("contractors"), args.value(2));
    } else if (kind == QLatin1String("backup")) {
        cb::Database db(args.value(1));
        db.backupTo(args.value(2));
    } else if (kind == QLatin1String("import-json") || kind == QLatin1String("import-ods") ||
               kind == QLatin1String("preview-ods")) {
        cb::Database db(args.value(2));
        auto job = kind == QLatin1String("import-json") ? cb::exchange::ImportJob::json(args.value(1))
                                                        : cb::exchange::ImportJob::ods({args.value(1)});
        const cb::exchange::ImportSummary s =
            kind == QLatin1String("preview-ods") ? job.preview(db) : job.commit(db);
        out["added"] = s.added();
        out["rejected"] = s.rejected();
    } else {
        std::fprintf(stderr, "unknown child job %s\n", qPrintable(kind));
        return 2;
    }
    out["seconds"] = t.nsecsElapsed() / 1e9;
    // VmHWM is this process image's own peak; ru_maxrss would start from the parent's size.
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly))
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith("VmHWM:")) out["peakKiB"] = line.mid(6).trimmed().split(' ').value(0).toDouble();
    writeResults(resultFile, out);
    return QFile::exists(resultFile) ? 0 : 3;
}

struct ChildResult {
    bool ok = false;
    double peakMiB = 0;
    double cpuSeconds = 0; // user + system: what the job costs, however busy the machine is
    QMap<QString, double> values;
    double startedAt = 0; // CLOCK_MONOTONIC just before the child was started
    double value(const char* key) const { return values.value(QLatin1String(key), -1); }
};

ChildResult child(const QStringList& args, const QString& scratch) {
    const QString resultFile = QDir(scratch).filePath(QStringLiteral("child-result.txt"));
    QFile::remove(resultFile);
    const bench::Spawned run = bench::spawnSelf(QStringList{QStringLiteral("--child")} + args + QStringList{resultFile});
    ChildResult r;
    r.ok = run.ok;
    r.startedAt = run.startedAt;
    r.peakMiB = run.peakMiB;
    r.cpuSeconds = run.cpuSeconds;
    QFile f(resultFile);
    if (r.ok && f.open(QIODevice::ReadOnly))
        for (const QByteArray& line : f.readAll().split('\n')) {
            const QList<QByteArray> kv = line.split(' ');
            if (kv.size() == 2) r.values.insert(QString::fromUtf8(kv[0]), kv[1].toDouble());
        }
    if (r.values.contains(QStringLiteral("peakKiB"))) r.peakMiB = r.values.value(QStringLiteral("peakKiB")) / 1024.0;
    return r;
}

// ---- the table -------------------------------------------------------------------------------------

struct Figure {
    QString name;
    QString unit;
    std::map<int, double> bySize; // contractors -> value; absent = not measured
    bool sizeFree = false;        // expected not to grow with the register (searches, memory)
};

class Table {
public:
    void set(const QString& name, const QString& unit, int size, double value, bool sizeFree = false) {
        auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const Figure& f) { return f.name == name; });
        if (it == m_rows.end()) {
            m_rows.push_back({name, unit, {}, sizeFree});
            it = m_rows.end() - 1;
        }
        it->bySize[size] = value;
        std::printf("  %8d  %-60s %12.2f %s\n", size, qPrintable(name), value, qPrintable(unit));
        std::fflush(stdout);
    }

    // One markdown table: figure (unit) | each size | growth from the first size to the last, per
    // 10× contractors (×10 is linear; a figure that should not grow with the register stays near ×1).
    QString markdown(const QList<int>& sizes, const QString& note) const {
        QString out = note + QStringLiteral("\n\n");
        QString head = QStringLiteral("| figure |");
        QString rule = QStringLiteral("|---|");
        for (int s : sizes) {
            head += QStringLiteral(" %1 |").arg(QLocale(QLocale::English).toString(s));
            rule += QStringLiteral("---:|");
        }
        const bool growth = sizes.size() > 1 && sizes.first() > 0 && sizes.last() > sizes.first();
        if (growth) {
            head += QStringLiteral(" growth %1→%2 (per 10× contractors) |").arg(shortSize(sizes.first()), shortSize(sizes.last()));
            rule += QStringLiteral("---:|");
        }
        out += head + QLatin1Char('\n') + rule + QLatin1Char('\n');
        for (const Figure& f : m_rows) {
            QString line = QStringLiteral("| %1 (%2) |").arg(f.name, f.unit);
            for (int s : sizes) line += QStringLiteral(" %1 |").arg(f.bySize.count(s) ? number(f.bySize.at(s)) : "—");
            if (growth) {
                const auto a = f.bySize.find(sizes.first()), b = f.bySize.find(sizes.last());
                QString ratio = QStringLiteral("—");
                if (a != f.bySize.end() && b != f.bySize.end() && a->second > 0 && b->second > 0) {
                    const double decades = std::log10(double(sizes.last()) / sizes.first());
                    ratio = QStringLiteral("×%1").arg(std::pow(b->second / a->second, 1.0 / decades), 0, 'f', 1);
                }
                line += QStringLiteral(" %1 |").arg(ratio);
            }
            out += line + QLatin1Char('\n');
        }
        return out;
    }

private:
    static QString shortSize(int s) { return s % 1000 == 0 ? QStringLiteral("%1k").arg(s / 1000) : QString::number(s); }
    static QString number(double v) {
        if (v >= 1000) return QLocale(QLocale::English).toString(qint64(std::llround(v)));
        if (v >= 100) return QString::number(v, 'f', 0);
        if (v >= 10) return QString::number(v, 'f', 1);
        return QString::number(v, 'f', 2);
    }
    std::vector<Figure> m_rows;
};

template <class F> double medianMs(int runs, F&& f) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) times.push_back(bench::millis(f));
    return bench::percentile(times, 0.5);
}

double mib(qint64 bytes) { return bytes / 1048576.0; }

// CPU time of the calling thread: on a busy machine wall time also counts other programs' turns.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// What takes the space, from SQLite's dbstat table: audit trail, search indexes, everything else.
QMap<QString, double> spaceByKind(const QString& path) {
    QMap<QString, double> out;
    SQLite::Database raw(path.toStdString(), SQLite::OPEN_READONLY);
    SQLite::Statement q(raw, "SELECT d.name, coalesce(s.type, 'table'), coalesce(s.tbl_name, d.name), sum(d.pgsize) "
                             "FROM dbstat d LEFT JOIN sqlite_schema s ON s.name = d.name GROUP BY d.name");
    while (q.executeStep()) {
        const QString name = QString::fromUtf8(q.getColumn(0).getText());
        const QString type = QString::fromUtf8(q.getColumn(1).getText());
        const QString table = QString::fromUtf8(q.getColumn(2).getText());
        const QString kind = table.startsWith(QLatin1String("audit")) ? QStringLiteral("audit trail")
                             : name.contains(QLatin1String("_fts"))    ? QStringLiteral("search indexes")
                             : type == QLatin1String("index")          ? QStringLiteral("record indexes")
                                                                       : QStringLiteral("record tables");
        out[kind] += q.getColumn(3).getDouble();
    }
    return out;
}

// Real-looking prefixes typed one key at a time: in turn a name, an ODS code and a postcode of
// contractors picked at random across the register, until `keystrokes` keys have been typed.
QStringList typedPrefixes(cb::Database& db, int keystrokes) {
    QRandomGenerator rng(7);
    const qint64 maxRowid = db.scalar(QStringLiteral("SELECT max(rowid) FROM contractor")).toLongLong();
    QStringList out;
    for (int word = 0; out.size() < keystrokes && maxRowid > 0; ++word) {
        const auto r = db.queryOne(QStringLiteral("SELECT name, ods_code, postcode FROM contractor WHERE rowid >= ? "
                                                  "ORDER BY rowid LIMIT 1"),
                                   {qint64(rng.bounded(quint64(maxRowid))) + 1});
        if (!r) continue;
        const char* column = word % 3 == 0 ? "name" : word % 3 == 1 ? "ods_code" : "postcode";
        const QString w = r->value(QLatin1String(column)).toString();
        for (int len = 1; len <= w.size() && out.size() < keystrokes; ++len) out << w.left(len);
    }
    return out;
}

// An ODS extract in the epraccur layout (27 fields, no header) with `rows` valid practices.
void writeOdsFile(const QString& path, int rows) {
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    const char* towns[] = {"STOCKTON-ON-TEES", "LEEDS", "EXETER", "NORWICH", "DERBY"};
    QByteArray buf;
    for (int i = 0; i < rows; ++i) {
        const QByteArray code = QByteArray(1, char('A' + (i / 100000) % 26)) + QByteArray::number(i % 100000).rightJustified(5, '0');
        const char* town = towns[i % 5];
        buf += "\"" + code + "\",\"PRACTICE " + QByteArray::number(i) + " MEDICAL CENTRE\",\"Y63\",\"Q74\",\"" +
               QByteArray::number(1 + i % 200) + " HIGH STREET\",\"\",\"" + town + "\",\"\",\"\",\"TS" +
               QByteArray::number(1 + i % 29) + " " + QByteArray::number(i % 10) + "AB\",\"19740401\",\"\",\"A\",\"B\","
               "\"00K\",\"20130401\",\"\",\"01642 " + QByteArray::number(100000 + i % 900000) +
               "\",\"\",\"\",\"\",\"0\",\"\",\"00K\",\"\",\"4\",\"\"\r\n";
        if (buf.size() > (1 << 20)) {
            f.write(buf);
            buf.clear();
        }
    }
    f.write(buf);
}

void measureInProcess(int size, const QString& path, const QString& dir, Table& t);
void measureTyping(int size, cb::Database& db, Table& t);
void measureChildren(int size, const QString& path, const QString& dir, Table& t);

// --keep-seed SIZE:FILE: the register seeded at SIZE is copied to FILE as soon as it is seeded, before
// anything else opens it (make bench hands it to casebook-bench-team rather than seeding again).
int g_keepSize = 0;
QString g_keepPath;

void benchSize(int size, const QString& dir, Table& t) {
    std::printf("\n%d contractors\n", size);
    const QString path = QDir(dir).filePath(QStringLiteral("register-%1.db").arg(size));
    const ChildResult seed = child({QStringLiteral("seed"), QString::number(size), path}, dir);
    if (!seed.ok) {
        std::printf("  seeding failed\n");
        return;
    }
    t.set("seed (every record, audited)", "s", size, seed.value("seconds"));
    t.set("seed: CPU time", "s", size, seed.cpuSeconds);
    t.set("seed: peak memory (goal ≤ 150)", "MiB", size, seed.peakMiB, true);
    t.set("records seeded", "rows", size, seed.value("records"));
    if (size == g_keepSize && !g_keepPath.isEmpty()) {
        QFile::remove(g_keepPath);
        if (!QFile::copy(path, g_keepPath)) std::printf("  could not keep the seeded register as %s\n", qPrintable(g_keepPath));
    }
    const qint64 bytes = QFileInfo(path).size();
    t.set("database file (goal ≤ 150 at 50k)", "MiB", size, mib(bytes));
    for (const auto& [kind, b] : spaceByKind(path).toStdMap()) t.set("  of which " + kind, "MiB", size, mib(qint64(b)));
    t.set("bytes per contractor", "B", size, double(bytes) / size, true);
    measureInProcess(size, path, dir, t);
    measureChildren(size, path, dir, t);
}

// Opening, searching and typing in the list: measured in this process, on the seeded file.
void measureInProcess(int size, const QString& path, const QString& dir, Table& t) {
    t.set("open the database (median of 5)", "ms", size, medianMs(5, [&] { cb::Database db(path); }), true);
    // `casebook FILE` in a new process, from its start to the first paint of its main window.
    {
        std::vector<double> totalMs, startMs, openMs, paintMs;
        for (int i = 0; i < 3; ++i) {
            const ChildResult r = child({QStringLiteral("open-window"), path}, dir);
            if (!r.ok || r.value("paintedAt") <= 0) {
                std::printf("  opening the window in a new process failed\n");
                break;
            }
            totalMs.push_back((r.value("paintedAt") - r.startedAt) * 1e3);
            startMs.push_back((r.value("appAt") - r.startedAt) * 1e3);
            openMs.push_back((r.value("openedAt") - r.value("appAt")) * 1e3);
            paintMs.push_back((r.value("paintedAt") - r.value("openedAt")) * 1e3);
        }
        if (!totalMs.empty()) {
            t.set("open to a usable window: process start to first paint, median of 3 (goal < 300 at 50k)", "ms", size,
                  bench::percentile(totalMs, 0.5), true);
            t.set("  of which starting the process and the application", "ms", size, bench::percentile(startMs, 0.5), true);
            t.set("  of which opening the file and building the window", "ms", size, bench::percentile(openMs, 0.5), true);
            t.set("  of which showing and painting it", "ms", size, bench::percentile(paintMs, 0.5), true);
        }
    }

    cb::Database db(path);
    cb::ContractorService service(db);
    const QString code = db.scalar("SELECT ods_code FROM contractor ORDER BY rowid LIMIT 1 OFFSET ?", {size / 3}).toString();
    const QString postcode = db.scalar("SELECT postcode FROM contractor ORDER BY rowid LIMIT 1 OFFSET ?", {size / 2}).toString();
    const QList<std::pair<QString, QString>> searches = {{"search a name word (\"oakfield\")", "oakfield"},
                                                         {"search two words (\"smith pharmacy\")", "smith pharmacy"},
                                                         {"search a postcode", postcode},
                                                         {"search an ODS code", code},
                                                         {"search an ODS code prefix (4 characters)", code.left(4)}};
    for (const auto& [label, text] : searches) {
        cb::ContractorFilter f;
        f.search = text;
        t.set(label + ", first 100 (core, median of 5)", "ms", size, medianMs(5, [&] { service.list(f, 0, 100); }), true);
    }
    cb::ContractorFilter page;
    t.set("first page of 100 by name (core)", "ms", size, medianMs(5, [&] { service.list(page, 0, 100); }), true);
    page.group = "dental";
    page.sortColumn = "postcode";
    t.set("dental, sorted by postcode, first 100 (core)", "ms", size, medianMs(5, [&] { service.list(page, 0, 100); }), true);
    t.set("count dental (core)", "ms", size, medianMs(5, [&] { service.count(page); }));
    // The practice file's History tab for the practice with the most audit rows: inserts keep no
    // label since V016 and are named as the history is read.
    const QString busiestId = db.scalar("SELECT id FROM audit_practice WHERE n = (SELECT practice FROM audit_log "
                                        "WHERE practice IS NOT NULL GROUP BY practice ORDER BY count(*) DESC LIMIT 1)")
                                  .toString();
    int entries = 0;
    t.set("history of the busiest practice file (core, median of 5)", "ms", size,
          medianMs(5, [&] { entries = int(cb::AuditTrail(db).forContractor(busiestId).size()); }), true);
    t.set("  its entries", "rows", size, entries);

    measureTyping(size, db, t);
}

// Search as you type through the GUI's own list and model: one key at a time, each applied as soon
// as it is typed (the list applies a key on the next turn of the event loop; here applyFilter() does
// it at once): the time from setting the filter until the model holds the first page and the list
// has painted it (the count runs on, in the background). The two rows under it split each key: the
// filter applied and the first page read into the model, then the list laid out and painted.
void measureTyping(int size, cb::Database& db, Table& t) {
    cb::ui::Workspace ws(db);
    cb::ui::ContractorList list(ws);
    list.resize(1200, 800);
    list.show();
    QApplication::processEvents();
    list.model()->waitForCount();
    auto* box = list.findChild<QLineEdit*>(QStringLiteral("contractorFilter"));
    const QStringList keys = typedPrefixes(db, 1000);
    std::vector<double> perKey, cpuPerKey, applyPerKey, paintPerKey;
    for (const QString& k : keys) {
        const double cpu0 = threadCpuMs();
        QElapsedTimer timer;
        timer.start();
        box->setText(k);
        list.applyFilter();
        const qint64 applied = timer.nsecsElapsed();
        QApplication::processEvents();
        const qint64 painted = timer.nsecsElapsed();
        cpuPerKey.push_back(threadCpuMs() - cpu0);
        perKey.push_back(painted / 1e6);
        applyPerKey.push_back(applied / 1e6);
        paintPerKey.push_back((painted - applied) / 1e6);
    }
    list.model()->waitForCount();
    { // the slowest keys by UI-thread CPU, to see what sets the p95
        std::vector<size_t> order(keys.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cpuPerKey[a] > cpuPerKey[b]; });
        std::printf("  slowest keys at %d by UI-thread CPU (text typed so far: CPU, wall, of which filter and page):\n", size);
        for (size_t i = 0; i < std::min<size_t>(8, order.size()); ++i)
            std::printf("    \"%s\": %.1f ms, %.1f ms, %.1f ms\n", qPrintable(keys.at(qsizetype(order[i]))),
                        cpuPerKey[order[i]], perKey[order[i]], applyPerKey[order[i]]);
    }
    const QString keysText = QLocale(QLocale::English).toString(qsizetype(keys.size()));
    t.set(QStringLiteral("search as you type in the list's model, p95 of %1 keys (goal ≤ 16 at 50k)").arg(keysText),
          "ms", size, bench::percentile(perKey, 0.95), true);
    t.set(QStringLiteral("search as you type, p50 of %1 keys").arg(keysText), "ms", size, bench::percentile(perKey, 0.5), true);
    t.set("search as you type, slowest key", "ms", size, bench::percentile(perKey, 1.0), true);
    t.set(QStringLiteral("search as you type, UI thread CPU, p95 of %1 keys").arg(keysText), "ms", size,
          bench::percentile(cpuPerKey, 0.95), true);
    t.set("  of which the filter applied and the first page read, p95", "ms", size, bench::percentile(applyPerKey, 0.95), true);
    t.set("  of which the list laid out and painted, p95", "ms", size, bench::percentile(paintPerKey, 0.95), true);
}

// Export, import and ODS files: each in a child process, so each peak memory figure is its own.
void measureChildren(int size, const QString& path, const QString& dir, Table& t) {
    // "confidential" in the name: the export then keeps it (it would otherwise prefix CONFIDENTIAL-).
    const QString json = QDir(dir).filePath(QStringLiteral("confidential-export-%1.json").arg(size));
    const ChildResult exported = child({QStringLiteral("export-json"), path, json}, dir);
    if (exported.ok) {
        t.set("JSON export of everything (goal < 2 at 50k)", "s", size, exported.value("seconds"));
        t.set("JSON export: CPU time", "s", size, exported.cpuSeconds);
        t.set("JSON export: peak memory", "MiB", size, exported.peakMiB, true);
        t.set("JSON export: file", "MiB", size, mib(QFileInfo(json).size()));
        const ChildResult imported =
            child({QStringLiteral("import-json"), json, QDir(dir).filePath(QStringLiteral("json-%1.db").arg(size))}, dir);
        if (imported.ok) {
            t.set("JSON import of that file into a new database (goal < 10 at 50k)", "s", size, imported.value("seconds"));
            t.set("JSON import: CPU time", "s", size, imported.cpuSeconds);
            t.set("JSON import: peak memory (goal ≤ 150)", "MiB", size, imported.peakMiB, true);
        }
        QFile::remove(QDir(dir).filePath(QStringLiteral("json-%1.db").arg(size)));
        QFile::remove(json);
    }

    // The other files a caseworker writes from the whole register: each streamed, in bounded memory.
    const QList<std::tuple<QString, QString, QString>> writers = {
        {QStringLiteral("export-xlsx"), QStringLiteral("Excel export of everything"), QStringLiteral("xlsx")},
        {QStringLiteral("export-csv"), QStringLiteral("CSV export of the contractors"), QStringLiteral("csv")},
        {QStringLiteral("backup"), QStringLiteral("backup"), QStringLiteral("db")}};
    for (const auto& [job, label, suffix] : writers) {
        const QString file = QDir(dir).filePath(QStringLiteral("written-%1.%2").arg(size).arg(suffix));
        const ChildResult written = child({job, path, file}, dir);
        if (written.ok) {
            t.set(label, "s", size, written.value("seconds"));
            t.set(label + QStringLiteral(": peak memory"), "MiB", size, written.peakMiB, true);
        }
        QFile::remove(file);
    }

    // An ODS extract with as many practices as the register has contractors, into a new database.
    const QString ods = QDir(dir).filePath(QStringLiteral("ods-%1.csv").arg(size));
    writeOdsFile(ods, size);
    const QString odsDb = QDir(dir).filePath(QStringLiteral("ods-%1.db").arg(size));
    const ChildResult preview = child({QStringLiteral("preview-ods"), ods, odsDb}, dir);
    if (preview.ok) {
        t.set("ODS file of that many practices: preview", "s", size, preview.value("seconds"));
        t.set("ODS file: preview peak memory (goal ≤ 150)", "MiB", size, preview.peakMiB, true);
    }
    const ChildResult commit = child({QStringLiteral("import-ods"), ods, odsDb}, dir);
    if (commit.ok) {
        t.set("ODS file: import", "s", size, commit.value("seconds"));
        t.set("ODS file: import CPU time", "s", size, commit.cpuSeconds);
        t.set("ODS file: import peak memory (goal ≤ 150)", "MiB", size, commit.peakMiB, true);
    }
    QFile::remove(ods);
    QFile::remove(odsDb);
}

QString loadAverage() {
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(' ', 0, 2) : QStringLiteral("unknown");
}

// Prints the table and, with --table FILE, writes it there too (to paste into an issue).
void printTable(const QString& markdown, const QString& tableFile) {
    std::printf("\n%s", qPrintable(markdown));
    std::fflush(stdout);
    if (tableFile.isEmpty()) return;
    QFile f(tableFile);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        f.write(markdown.toUtf8());
        std::printf("\nThe table is also in %s\n", qPrintable(QFileInfo(tableFile).absoluteFilePath()));
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc > 2 && QByteArray(argv[1]) == "--child" && QByteArray(argv[2]) == "open-window") return openWindowChild(argc, argv);
    if (argc > 1 && QByteArray(argv[1]) == "--child") {
        QCoreApplication app(argc, argv);
        return runChild(app.arguments().mid(2));
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QList<int> sizes = {10000, 50000, 100000};
    int bigFile = 0; // make bench previews and imports its million-row file in casebook-bench-import
    QString existing;  // --db FILE: only the in-process figures, on a database seeded before
    QString tableFile; // --table FILE: the markdown table is written there too
    const QStringList args = app.arguments();
    const bool typingOnly = args.contains(QStringLiteral("--typing-only")); // with --db
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--sizes")) {
            sizes.clear();
            for (const QString& s : args[i + 1].split(QLatin1Char(','))) sizes << s.toInt();
        } else if (args[i] == QLatin1String("--big-file")) {
            bigFile = args[i + 1].toInt();
        } else if (args[i] == QLatin1String("--db")) {
            existing = args[i + 1];
        } else if (args[i] == QLatin1String("--table")) {
            tableFile = args[i + 1];
        } else if (args[i] == QLatin1String("--keep-seed")) {
            g_keepSize = args[i + 1].section(QLatin1Char(':'), 0, 0).toInt();
            g_keepPath = args[i + 1].section(QLatin1Char(':'), 1);
        }
    }
    QTemporaryDir dir;
    // The window remembers the last database and its geometry: in the scratch folder, not the user's settings.
    QCoreApplication::setOrganizationName(QStringLiteral("casebook-bench"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    const QString load = loadAverage();
    const QString when = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    std::printf("Casebook scale benchmark, %s, %s build: %d cores, load average %s at the start\n", qPrintable(when),
                CASEBOOK_BENCH_BUILD, int(sysconf(_SC_NPROCESSORS_ONLN)), qPrintable(load));
    QElapsedTimer total;
    total.start();
    Table table;
    if (!existing.isEmpty()) {
        const int size = cb::Database(existing).scalar(QStringLiteral("SELECT count(*) FROM contractor")).toInt();
        if (typingOnly) {
            cb::Database db(existing);
            measureTyping(size, db, table);
        } else {
            measureInProcess(size, existing, dir.path(), table);
        }
        printTable(table.markdown({size}, QStringLiteral("Casebook benchmark of %1 (%2 contractors), %3 only; %4, %5 "
                                                         "build, load average %6 at the start, %7 at the end.")
                                              .arg(existing)
                                              .arg(size)
                                              .arg(typingOnly ? QStringLiteral("search as you type")
                                                              : QStringLiteral("in-process figures"),
                                                   when, QStringLiteral(CASEBOOK_BENCH_BUILD), load, loadAverage())),
                   tableFile);
        return 0;
    }
    for (int size : sizes) benchSize(size, dir.path(), table);

    if (bigFile > 0) {
        std::printf("\n%d-row ODS file\n", bigFile);
        const QString ods = dir.filePath(QStringLiteral("big.csv"));
        writeOdsFile(ods, bigFile);
        const ChildResult preview = child({QStringLiteral("preview-ods"), ods, dir.filePath("big.db")}, dir.path());
        const int col = sizes.isEmpty() ? 0 : sizes.last();
        const QString what = QStringLiteral("%1-row ODS file").arg(QLocale(QLocale::English).toString(bigFile));
        if (preview.ok) {
            table.set(what + ": preview, in the last column", "s", col, preview.value("seconds"), true);
            table.set(what + ": preview peak memory, in the last column (goal ≤ 150)", "MiB", col, preview.peakMiB, true);
        } else {
            std::printf("  preview failed\n");
        }
        QFile::remove(ods);
    }
    const QString note =
        QStringLiteral("Casebook scale benchmark (`make bench`), %1, %2 build, %3 cores; %4 s in all; load average %5 "
                       "at the start, %6 at the end. Times are wall-clock; CPU rows are user + system time of that "
                       "step's own process.")
            .arg(when, QStringLiteral(CASEBOOK_BENCH_BUILD))
            .arg(sysconf(_SC_NPROCESSORS_ONLN))
            .arg(total.elapsed() / 1000)
            .arg(load, loadAverage());
    printTable(table.markdown(sizes, note), tableFile);
    return 0;
}
