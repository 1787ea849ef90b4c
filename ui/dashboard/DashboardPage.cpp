#include "dashboard/DashboardPage.h"
#include "common/FlowLayout.h"

#include "common/Ask.h"
#include "common/FileSafety.h"
#include "common/Identifiers.h"
#include "common/Workspace.h"
#include "contractors/Contractor.h"
#include "dashboard/Chart.h"
#include "shell/MainWindow.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace cb::ui {

namespace {
constexpr int kColumns = 2;
const QSize kPngSize(1200, 800);
} // namespace

DashboardPage::DashboardPage(Workspace& ws, QWidget* parent) : QWidget(parent), m_ws(ws) {
    setObjectName(QStringLiteral("dashboardPage"));
    auto* v = new QVBoxLayout(this);
    auto* top = new FlowLayout; // wraps on a narrow screen rather than widening the window
    m_group = new QComboBox(this);
    m_group->setObjectName(QStringLiteral("dashboardGroup"));
    m_group->setAccessibleName(QStringLiteral("Contractor group"));
    m_group->addItem(QStringLiteral("All groups"), QString());
    for (const Choice& g : contractorGroups()) m_group->addItem(g.label, g.code);
    m_commissioner = new QComboBox(this);
    m_commissioner->setObjectName(QStringLiteral("dashboardCommissioner"));
    m_commissioner->setAccessibleName(QStringLiteral("Commissioner"));
    auto* groupLabel = new QLabel(QStringLiteral("&Group:"), this);
    groupLabel->setBuddy(m_group);
    auto* commissionerLabel = new QLabel(QStringLiteral("Co&mmissioner:"), this);
    commissionerLabel->setBuddy(m_commissioner);
    auto* pdf = new QPushButton(QStringLiteral("Export &PDF…"), this);
    pdf->setObjectName(QStringLiteral("dashboardPdf"));
    pdf->setToolTip(QStringLiteral("Save the whole dashboard as an A4 landscape PDF"));
    connect(pdf, &QPushButton::clicked, this, &DashboardPage::choosePdf);
    top->addWidget(groupLabel);
    top->addWidget(m_group);
    top->addWidget(commissionerLabel);
    top->addWidget(m_commissioner);
    top->addWidget(pdf);
    v->addLayout(top);

    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("dashboardCharts"));
    scroll->setAccessibleName(QStringLiteral("Dashboard charts"));
    scroll->setAccessibleDescription(QStringLiteral("Arrow keys and Page Up/Page Down scroll the charts"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* body = new QWidget(scroll);
    m_grid = new QGridLayout(body);
    const QList<ChartSpec> specs = dashboardHeadings(); // named, not built: reload() fills them
    for (int i = 0; i < specs.size(); ++i) {
        auto* cell = new QWidget(body);
        auto* cv = new QVBoxLayout(cell);
        cv->setContentsMargins(0, 0, 0, 0);
        auto* chart = new ChartWidget(cell);
        chart->setObjectName(QStringLiteral("chart_") + specs.at(i).id);
        auto* bar = new QHBoxLayout;
        auto* note = new QLabel(cell);
        note->setWordWrap(true);
        auto* png = new QToolButton(cell);
        png->setText(QStringLiteral("Save PNG…"));
        png->setObjectName(QStringLiteral("png_") + specs.at(i).id);
        png->setAccessibleName(QStringLiteral("Save %1 as PNG").arg(specs.at(i).title));
        png->setToolTip(png->accessibleName());
        connect(png, &QToolButton::clicked, this, [this, i] { choosePng(i); });
        bar->addWidget(note, 1);
        bar->addWidget(png);
        cv->addWidget(chart, 1);
        cv->addLayout(bar);
        m_grid->addWidget(cell, i / kColumns, i % kColumns);
        m_charts << chart;
        m_notes << note;
    }
    scroll->setWidget(body);
    v->addWidget(scroll, 1);

    connect(m_group, &QComboBox::currentIndexChanged, this, &DashboardPage::reload);
    connect(m_commissioner, &QComboBox::currentIndexChanged, this, &DashboardPage::reload);
    connect(&ws, &Workspace::changed, this, [this] {
        if (m_ws.isLargeRegister() && !isVisible()) {
            m_stale = true;
            return;
        }
        if (m_reloadQueued) return;
        m_reloadQueued = true;
        QTimer::singleShot(0, this, &DashboardPage::reload);
    });
    if (ws.isLargeRegister())
        m_stale = true;
    else
        reload();
}

void DashboardPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_stale) reload();
}

DashboardFilter DashboardPage::filter() const {
    return {m_group->currentData().toString(), m_commissioner->currentData().toString()};
}

void DashboardPage::setFilter(const DashboardFilter& f) {
    const QSignalBlocker a(m_group), b(m_commissioner);
    m_group->setCurrentIndex(std::max(0, m_group->findData(f.group)));
    m_commissioner->setCurrentIndex(std::max(0, m_commissioner->findData(f.commissioner)));
    reload();
}

void DashboardPage::reload() {
    m_reloadQueued = false;
    m_stale = false;
    {
        // The commissioners present may change with imports: refresh the list, keeping the choice.
        const QString chosen = m_commissioner->currentData().toString();
        const QSignalBlocker block(m_commissioner);
        m_commissioner->clear();
        m_commissioner->addItem(QStringLiteral("All commissioners"), QString());
        for (const QString& code : ContractorService(m_ws.db()).commissionerCodes())
            if (!code.isEmpty()) m_commissioner->addItem(code, code);
        m_commissioner->setCurrentIndex(std::max(0, m_commissioner->findData(chosen)));
    }
    const QList<ChartSpec> specs = buildDashboard(m_ws.db(), m_ws.db().clock().today(), filter());
    for (int i = 0; i < specs.size() && i < m_charts.size(); ++i) {
        m_charts.at(i)->setSpec(specs.at(i));
        m_notes.at(i)->setText(specs.at(i).note);
    }
}

QString DashboardPage::filterText() const {
    return QStringLiteral("%1 · %2").arg(m_group->currentText(), m_commissioner->currentText());
}

bool DashboardPage::exportChartPng(int index, const QString& path, QString* error) const {
    auto fail = [&](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (index < 0 || index >= m_charts.size()) return fail(QStringLiteral("There is no such chart."));
    if (const QString why = files::whyNotWritable(path); !why.isEmpty()) return fail(why);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return fail(QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (!m_charts.at(index)->toImage(kPngSize).save(&file, "PNG")) {
        file.cancelWriting();
        return fail(QStringLiteral("The picture could not be written to %1.").arg(QDir::toNativeSeparators(path)));
    }
    if (!file.commit()) return fail(QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return true;
}

bool DashboardPage::exportPdf(const QString& path, QString* error) const {
    auto fail = [&](const QString& why) {
        if (error) *error = why;
        return false;
    };
    // Never over a database, its journal, or a backup being written (issue 16).
    if (const QString why = files::whyNotWritable(path); !why.isEmpty()) return fail(why);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return fail(QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    {
        QPdfWriter pdf(&file);
        pdf.setTitle(QStringLiteral("Casebook dashboard"));
        pdf.setCreator(QStringLiteral("Casebook"));
        pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter));
        pdf.setResolution(150);
        QPainter p;
        if (!p.begin(&pdf)) {
            file.cancelWriting();
            return fail(QStringLiteral("The PDF could not be started."));
        }
        const QRectF page = QRectF(QPointF(0, 0), QSizeF(pdf.width(), pdf.height()));
        // Four charts to a page, under a heading saying what and when.
        constexpr int perPage = 4;
        for (int first = 0; first < m_charts.size(); first += perPage) {
            if (first > 0) pdf.newPage();
            QFont heading = font();
            heading.setPointSizeF(13);
            heading.setBold(true);
            p.setFont(heading);
            p.setPen(Qt::black);
            const qreal headingHeight = p.fontMetrics().height() * 1.6;
            p.drawText(QRectF(page.left(), page.top(), page.width(), headingHeight), Qt::AlignLeft | Qt::AlignVCenter,
                       QStringLiteral("Casebook dashboard — %1 — %2")
                           .arg(fmt::date(m_ws.db().clock().today()), filterText()));
            const QRectF area(page.left(), page.top() + headingHeight, page.width(), page.height() - headingHeight);
            const qreal gap = area.width() * 0.02;
            const qreal w = (area.width() - gap) / 2, h = (area.height() - gap) / 2;
            for (int i = first; i < std::min<int>(first + perPage, m_charts.size()); ++i) {
                const int k = i - first;
                const QRectF cell(area.left() + (k % 2) * (w + gap), area.top() + (k / 2) * (h + gap), w, h);
                // Drawn as a picture at twice the cell's resolution: the same rendering as the PNG
                // export, sharp in print (Qt Charts lays its legend out wrongly on a PDF device).
                p.drawImage(cell, m_charts.at(i)->toImage((cell.size() * 2).toSize(), true));
            }
        }
        p.end();
    }
    if (!file.commit()) return fail(QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return true;
}

void DashboardPage::choosePng(int index) {
    const QString suggested = QStringLiteral("%1-%2.png").arg(m_charts.at(index)->spec().id, m_ws.db().clock().today().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save chart as PNG"), suggested, QStringLiteral("PNG images (*.png)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportChartPng(index, path, &error)) Ask::error(this, QStringLiteral("Save chart"), error);
}

void DashboardPage::choosePdf() {
    const QString suggested = QStringLiteral("dashboard-%1.pdf").arg(m_ws.db().clock().today().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export dashboard as PDF"), suggested, QStringLiteral("PDF files (*.pdf)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportPdf(path, &error)) Ask::error(this, QStringLiteral("Export dashboard"), error);
}

void installDashboardPage(MainWindow& w) {
    w.addPage(QStringLiteral("dashboard"), QStringLiteral("Dashboard"), new DashboardPage(w.workspace()), QKeySequence(Qt::CTRL | Qt::Key_8));
}

} // namespace cb::ui
