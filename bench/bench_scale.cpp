// The scale benchmark behind `make bench`: every figure at 10,000, 50,000 and 100,000 contractors
// with its growth, so a cost that grows faster than the register is visible, printed as ONE
// markdown table to paste into an issue.
//
// Each size is seeded once into a temporary folder and every figure for that size is taken from
// that database. Work whose memory matters (seeding, imports, export) runs in a child process of
// this program, so its peak memory is its own (wait4's ru_maxrss), not the largest so far.
//
//   casebook-bench-scale [--sizes 10000,50000,100000] [--big-file ROWS]   (0 skips the big file)
//   casebook-bench-scale --db FILE     opening, searching and typing only, on a database seeded before
//   casebook-bench-scale --child KIND ARGS... RESULTFILE                   (used by itself)
#include "BenchSupport.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "contractors/Contractor.h"
#include "contractors/ContractorList.h"
#include "demo/DemoSeeder.h"
#include "exchange/Import.h"
#include "exchange/RecordExchange.h"
#include "shell/App.h"
#include "shell/MainWindow.h"
#include "store/Database.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSettings>
#include <QTemporaryDir>
#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <map>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

namespace {

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
    QFile f(resultFile);
    if (!f.open(QIODevice::WriteOnly)) return 3;
    for (auto it = out.begin(); it != out.end(); ++it)
        f.write(QStringLiteral("%1 %2\n").arg(it.key()).arg(it.value(), 0, 'f', 6).toUtf8());
    return 0;
}

struct ChildResult {
    bool ok = false;
    double peakMiB = 0;
    double cpuSeconds = 0; // user + system: what the job costs, however busy the machine is
    QMap<QString, double> values;
    double value(const char* key) const { return values.value(QLatin1String(key), -1); }
};

ChildResult child(const QStringList& args, const QString& scratch) {
    const QString resultFile = QDir(scratch).filePath(QStringLiteral("child-result.txt"));
    QFile::remove(resultFile);
    QList<QByteArray> storage{QFile::encodeName(QCoreApplication::applicationFilePath()), "--child"};
    for (const QString& a : args) storage << a.toLocal8Bit();
    storage << QFile::encodeName(resultFile);
    std::vector<char*> argv;
    for (QByteArray& a : storage) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    ChildResult r;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return r;
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid) return r;
    r.peakMiB = usage.ru_maxrss / 1024.0;
    r.cpuSeconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
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

    void print(const QList<int>& sizes, const QString& note) const {
        std::printf("\n%s\n\n", qPrintable(note));
        QString head = QStringLiteral("| figure | unit |");
        QString rule = QStringLiteral("|---|---|");
        for (int s : sizes) {
            head += QStringLiteral(" %1 |").arg(QLocale(QLocale::English).toString(s));
            rule += QStringLiteral("---:|");
        }
        for (int i = 1; i < sizes.size(); ++i) {
            head += QStringLiteral(" ×%1→%2 (linear ×%3) |")
                        .arg(shortSize(sizes[i - 1]), shortSize(sizes[i]))
                        .arg(double(sizes[i]) / sizes[i - 1], 0, 'g', 3);
            rule += QStringLiteral("---:|");
        }
        std::printf("%s\n%s\n", qPrintable(head), qPrintable(rule));
        for (const Figure& f : m_rows) {
            QString line = QStringLiteral("| %1 | %2 |").arg(f.name, f.unit);
            for (int s : sizes) line += QStringLiteral(" %1 |").arg(f.bySize.count(s) ? number(f.bySize.at(s)) : "—");
            for (int i = 1; i < sizes.size(); ++i) {
                const auto a = f.bySize.find(sizes[i - 1]), b = f.bySize.find(sizes[i]);
                QString ratio = QStringLiteral("—");
                if (a != f.bySize.end() && b != f.bySize.end() && a->second > 0)
                    ratio = QStringLiteral("×%1").arg(b->second / a->second, 0, 'f', 2);
                line += QStringLiteral(" %1 |").arg(ratio);
            }
            std::printf("%s\n", qPrintable(line));
        }
        std::fflush(stdout);
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
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * (v.size() - 1) + 0.5))];
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

// Real-looking prefixes typed one key at a time: names, ODS codes and postcodes of contractors
// picked across the register, until `keystrokes` keys have been typed.
QStringList typedPrefixes(cb::Database& db, int keystrokes) {
    QStringList words;
    QRandomGenerator rng(7);
    const int n = db.scalar(QStringLiteral("SELECT count(*) FROM contractor")).toInt();
    while (words.size() < keystrokes / 3) {
        const auto r = db.queryOne(QStringLiteral("SELECT name, ods_code, postcode FROM contractor LIMIT 1 OFFSET ?"),
                                   {int(rng.bounded(n))});
        if (!r) break;
        switch (words.size() % 3) {
        case 0: words << r->value("name").toString(); break;
        case 1: words << r->value("ods_code").toString(); break;
        default: words << r->value("postcode").toString(); break;
        }
    }
    QStringList out;
    for (const QString& w : words)
        for (int len = 1; len <= w.size() && out.size() < keystrokes; ++len) out << w.left(len);
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

void measureInProcess(int size, const QString& path, Table& t);
void measureChildren(int size, const QString& path, const QString& dir, Table& t);

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
    t.set("seed: peak memory", "MiB", size, seed.peakMiB, true);
    t.set("records seeded", "rows", size, seed.value("records"));
    const qint64 bytes = QFileInfo(path).size();
    t.set("database file", "MiB", size, mib(bytes));
    for (const auto& [kind, b] : spaceByKind(path).toStdMap()) t.set("  of which " + kind, "MiB", size, mib(qint64(b)));
    t.set("bytes per contractor", "B", size, double(bytes) / size, true);
    measureInProcess(size, path, t);
    measureChildren(size, path, dir, t);
}

// Opening, searching and typing in the list: measured in this process, on the seeded file.
void measureInProcess(int size, const QString& path, Table& t) {
    t.set("open the database (median of 5)", "ms", size, medianMs(5, [&] { cb::Database db(path); }), true);
    // What `casebook FILE` does before the caseworker can work: open the file, build the main
    // window, show and paint it. The integrity check starts in the background once it is shown.
    {
        std::vector<double> windowMs;
        for (int i = 0; i < 3; ++i) {
            auto app = std::make_unique<cb::ui::App>();
            QElapsedTimer w;
            w.start();
            if (!app->open(path, cb::Database::Access::ReadWrite, false)) break;
            app->window()->show();
            QApplication::processEvents(); // the first layout and paint
            windowMs.push_back(w.nsecsElapsed() / 1e6);
        } // closing the window (and stopping its background check) is not timed
        if (!windowMs.empty()) t.set("open to a usable window (median of 3)", "ms", size, percentile(windowMs, 0.5), true);
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

    // Search as you type through the GUI's own list and model: one key at a time, each applied as
    // soon as it is typed (the list's typing pause is skipped), time until the page is shown.
    {
        cb::ui::Workspace ws(db);
        cb::ui::ContractorList list(ws);
        list.resize(1200, 800);
        list.show();
        QApplication::processEvents();
        list.model()->waitForCount();
        auto* box = list.findChild<QLineEdit*>(QStringLiteral("contractorFilter"));
        const QStringList keys = typedPrefixes(db, 1000);
        std::vector<double> perKey, cpuPerKey;
        for (const QString& k : keys) {
            const double cpu0 = threadCpuMs();
            perKey.push_back(bench::millis([&] {
                box->setText(k);
                list.applyFilter();
                QApplication::processEvents();
            }));
            cpuPerKey.push_back(threadCpuMs() - cpu0);
        }
        list.model()->waitForCount();
        t.set(QStringLiteral("type-to-filter in the list, p50 of %1 keys").arg(keys.size()), "ms", size,
              percentile(perKey, 0.5), true);
        t.set(QStringLiteral("type-to-filter in the list, p95 of %1 keys").arg(keys.size()), "ms", size,
              percentile(perKey, 0.95), true);
        t.set("type-to-filter in the list, slowest key", "ms", size, percentile(perKey, 1.0), true);
        t.set(QStringLiteral("type-to-filter, UI thread CPU, p95 of %1 keys").arg(keys.size()), "ms", size,
              percentile(cpuPerKey, 0.95), true);
    }

}

// Export, import and ODS files: each in a child process, so each peak memory figure is its own.
void measureChildren(int size, const QString& path, const QString& dir, Table& t) {
    // "confidential" in the name: the export then keeps it (it would otherwise prefix CONFIDENTIAL-).
    const QString json = QDir(dir).filePath(QStringLiteral("confidential-export-%1.json").arg(size));
    const ChildResult exported = child({QStringLiteral("export-json"), path, json}, dir);
    if (exported.ok) {
        t.set("JSON export of everything", "s", size, exported.value("seconds"));
        t.set("JSON export: CPU time", "s", size, exported.cpuSeconds);
        t.set("JSON export: peak memory", "MiB", size, exported.peakMiB, true);
        t.set("JSON export: file", "MiB", size, mib(QFileInfo(json).size()));
        const ChildResult imported =
            child({QStringLiteral("import-json"), json, QDir(dir).filePath(QStringLiteral("json-%1.db").arg(size))}, dir);
        if (imported.ok) {
            t.set("JSON import of that file into a new database", "s", size, imported.value("seconds"));
            t.set("JSON import: CPU time", "s", size, imported.cpuSeconds);
            t.set("JSON import: peak memory", "MiB", size, imported.peakMiB, true);
        }
        QFile::remove(QDir(dir).filePath(QStringLiteral("json-%1.db").arg(size)));
        QFile::remove(json);
    }

    // An ODS extract with as many practices as the register has contractors, into a new database.
    const QString ods = QDir(dir).filePath(QStringLiteral("ods-%1.csv").arg(size));
    writeOdsFile(ods, size);
    const QString odsDb = QDir(dir).filePath(QStringLiteral("ods-%1.db").arg(size));
    const ChildResult preview = child({QStringLiteral("preview-ods"), ods, odsDb}, dir);
    if (preview.ok) {
        t.set("ODS file of that many practices: preview", "s", size, preview.value("seconds"));
        t.set("ODS file: preview peak memory", "MiB", size, preview.peakMiB, true);
    }
    const ChildResult commit = child({QStringLiteral("import-ods"), ods, odsDb}, dir);
    if (commit.ok) {
        t.set("ODS file: import", "s", size, commit.value("seconds"));
        t.set("ODS file: import CPU time", "s", size, commit.cpuSeconds);
        t.set("ODS file: import peak memory", "MiB", size, commit.peakMiB, true);
    }
    QFile::remove(ods);
    QFile::remove(odsDb);
}

} // namespace

int main(int argc, char** argv) {
    if (argc > 1 && QByteArray(argv[1]) == "--child") {
        QCoreApplication app(argc, argv);
        return runChild(app.arguments().mid(2));
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QList<int> sizes = {10000, 50000, 100000};
    int bigFile = 1'000'000;
    QString existing; // --db FILE: only the in-process figures, on a database seeded before
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--sizes")) {
            sizes.clear();
            for (const QString& s : args[i + 1].split(QLatin1Char(','))) sizes << s.toInt();
        } else if (args[i] == QLatin1String("--big-file")) {
            bigFile = args[i + 1].toInt();
        } else if (args[i] == QLatin1String("--db")) {
            existing = args[i + 1];
        }
    }
    QTemporaryDir dir;
    // The window remembers the last database and its geometry: in the scratch folder, not the user's settings.
    QCoreApplication::setOrganizationName(QStringLiteral("casebook-bench"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QFile loadFile(QStringLiteral("/proc/loadavg"));
    const QString load = loadFile.open(QIODevice::ReadOnly) ? QString::fromLatin1(loadFile.readAll()).section(' ', 0, 2)
                                                            : QStringLiteral("unknown");
    std::printf("Casebook scale benchmark: %d cores, load average %s at the start\n", int(sysconf(_SC_NPROCESSORS_ONLN)),
                qPrintable(load));
    QElapsedTimer total;
    total.start();
    Table table;
    if (!existing.isEmpty()) {
        const int size = cb::Database(existing).scalar(QStringLiteral("SELECT count(*) FROM contractor")).toInt();
        measureInProcess(size, existing, table);
        table.print({size}, QStringLiteral("Casebook benchmark of %1 (%2 contractors), in-process figures only; load "
                                           "average %3 at the start.").arg(existing).arg(size).arg(load));
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
            table.set(what + ": preview (in the last column)", "s", col, preview.value("seconds"), true);
            table.set(what + ": preview peak memory (in the last column)", "MiB", col, preview.peakMiB, true);
        } else {
            std::printf("  preview failed\n");
        }
    }
    QFile loadAfter(QStringLiteral("/proc/loadavg"));
    const QString loadEnd = loadAfter.open(QIODevice::ReadOnly) ? QString::fromLatin1(loadAfter.readAll()).section(' ', 0, 2)
                                                                : QStringLiteral("unknown");
    table.print(sizes, QStringLiteral("Casebook scale benchmark, %1 s in all; load average %2 at the start, %3 at the "
                                      "end (%4 cores). Growth columns: the ratio between sizes; a cost that grows "
                                      "with the register matches the linear ratio, one that should not stays near ×1.")
                           .arg(total.elapsed() / 1000)
                           .arg(load, loadEnd)
                           .arg(sysconf(_SC_NPROCESSORS_ONLN)));
    return 0;
}
