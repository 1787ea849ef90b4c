#include "dashboard/Chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QPixmap>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <QVBoxLayout>
#include <cmath>

namespace cb::ui {

namespace {

// Colours distinguishable with colour-blindness, on white and on dark backgrounds (Okabe-Ito).
const QColor kSeriesColours[] = {QColor(0x00, 0x72, 0xB2), QColor(0xE6, 0x9F, 0x00), QColor(0xCC, 0x79, 0xA7),
                                 QColor(0x56, 0xB4, 0xE9), QColor(0x00, 0x9E, 0x73), QColor(0xD5, 0x5E, 0x00),
                                 QColor(0xF0, 0xE4, 0x42)};

// The fill of the n-th series: its colour and, from the second series on, a texture of its own
// (stripes one way, the other way, dots, ...), so stacked parts and their legend entries differ by
// more than colour alone (grey print, colour blindness).
QBrush seriesBrush(int n, const QColor& background) {
    const QColor colour = kSeriesColours[n % int(std::size(kSeriesColours))];
    if (n == 0) return QBrush(colour);
    QPixmap tile(8, 8);
    tile.fill(colour);
    QPainter p(&tile);
    QPen pen(background, 1.5);
    p.setPen(pen);
    p.setRenderHint(QPainter::Antialiasing);
    switch (n % 4) {
    case 1: p.drawLine(0, 8, 8, 0); p.drawLine(-4, 4, 4, -4); p.drawLine(4, 12, 12, 4); break; // stripes /
    case 2: p.drawLine(0, 0, 8, 8); p.drawLine(-4, 4, 4, 12); p.drawLine(4, -4, 12, 4); break; // stripes the other way
    case 3: p.setBrush(background); p.drawEllipse(QPointF(4, 4), 1.2, 1.2); break;           // dots
    default: p.drawLine(0, 4, 8, 4); p.drawLine(4, 0, 4, 8); break;                          // grid
    }
    p.end();
    return QBrush(colour, tile);
}

struct Colours {
    QColor background, text, grid;
};

Colours coloursFor(const QPalette& palette, bool print) {
    if (print) return {Qt::white, Qt::black, QColor(0xD0, 0xD0, 0xD0)};
    return {palette.color(QPalette::Base), palette.color(QPalette::Text), palette.color(QPalette::Mid)};
}

// A value axis counting whole things: a round step (1, 2 or 5 x 10^k) giving at most five
// intervals, and a top that is a whole number of steps.
struct Ticks {
    double top;
    int count;
};
Ticks niceTicks(double v) {
    const double raw = std::max(1.0, v / 5.0);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * magnitude;
    for (double m : {1.0, 2.0, 5.0})
        if (m * magnitude >= raw) {
            step = m * magnitude;
            break;
        }
    const int intervals = std::max(1, int(std::ceil(v / step)));
    return {intervals * step, intervals + 1};
}

QChart* makeChart(const ChartSpec& spec, const Colours& colours, QFont font) {
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitle(spec.title);
    QFont titleFont = font;
    titleFont.setBold(true);
    titleFont.setPointSizeF(font.pointSizeF() * 1.15);
    chart->setTitleFont(titleFont);
    chart->setTitleBrush(colours.text);
    chart->setBackgroundBrush(colours.background);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(6, 6, 6, 6));

    QAbstractBarSeries* bars = spec.kind == ChartSpec::Kind::StackedBars ? static_cast<QAbstractBarSeries*>(new QStackedBarSeries)
                                                                         : new QBarSeries;
    int colour = 0;
    for (const ChartSeries& s : spec.series) {
        auto* set = new QBarSet(s.name);
        for (double v : s.values) *set << v;
        set->setColor(kSeriesColours[colour % int(std::size(kSeriesColours))]);
        set->setBrush(seriesBrush(colour++, colours.background));
        set->setBorderColor(colours.background);
        set->setLabelColor(colours.text);
        bars->append(set);
    }
    chart->addSeries(bars);

    auto* x = new QBarCategoryAxis;
    x->append(spec.categories);
    auto* y = new QValueAxis;
    const Ticks ticks = niceTicks(std::max(1.0, spec.maxStack()));
    const double top = ticks.top;
    y->setRange(0, top);
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTickCount(ticks.count);
    // Names that would not fit side by side are turned upright rather than cut short or hidden.
    qsizetype longest = 0;
    for (const QString& c : spec.categories) longest = std::max(longest, c.size());
    if (spec.categories.size() * (longest + 1) > 60) x->setLabelsAngle(-90);
    x->setTruncateLabels(false);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(x), static_cast<QAbstractAxis*>(y)}) {
        axis->setLabelsBrush(colours.text);
        axis->setLabelsFont(font);
        axis->setTitleBrush(colours.text);
        axis->setTitleFont(font);
        axis->setGridLineColor(colours.grid);
        axis->setLinePenColor(colours.grid);
    }
    x->setTitleText(spec.categoryAxis);
    y->setTitleText(spec.valueAxis);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    bars->attachAxis(x);
    bars->attachAxis(y);

    if (spec.reference) {
        // A hidden numeric axis over the categories (-0.5 .. n-0.5) places the line between bars.
        auto* line = new QLineSeries;
        line->setName(spec.reference->label);
        line->append(spec.reference->position, 0);
        line->append(spec.reference->position, top);
        QPen pen(QColor(0xC0, 0x1F, 0x1F));
        pen.setWidthF(2.5);
        pen.setStyle(Qt::DashLine); // dashed and named in the legend: not colour alone
        line->setPen(pen);
        chart->addSeries(line);
        auto* across = new QValueAxis;
        across->setRange(-0.5, spec.categories.size() - 0.5);
        across->setVisible(false);
        chart->addAxis(across, Qt::AlignTop);
        line->attachAxis(across);
        line->attachAxis(y);
    }

    chart->legend()->setVisible(spec.series.size() > 1 || spec.reference);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setLabelColor(colours.text);
    // Four or more entries in one row under a half-width chart: Qt Charts elides them ("Room for
    // impro..."). A slightly smaller legend, packed tighter, keeps every name whole; the tooltip
    // still gives it in full.
    QFont legendFont = font;
    const int entries = int(spec.series.size()) + (spec.reference ? 1 : 0);
    if (entries > 3) legendFont.setPointSizeF(font.pointSizeF() * 0.9);
    chart->legend()->setFont(legendFont);
    chart->legend()->setContentsMargins(0, 0, 0, 0);
    chart->legend()->setShowToolTips(true);
    return chart;
}

} // namespace

ChartWidget::ChartWidget(QWidget* parent) : QWidget(parent), m_view(new QChartView(this)) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    v->addWidget(m_view);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFocusPolicy(Qt::NoFocus);
    setMinimumSize(360, 280);
}

ChartWidget::~ChartWidget() = default;

void ChartWidget::setSpec(const ChartSpec& spec) {
    m_spec = spec;
    setAccessibleName(spec.title);
    // A screen reader gets the numbers the picture shows.
    QStringList parts;
    for (const ChartSeries& s : spec.series) {
        QStringList values;
        for (int i = 0; i < s.values.size() && i < spec.categories.size(); ++i)
            if (s.values.at(i) != 0) values << QStringLiteral("%1 %2").arg(spec.categories.at(i)).arg(s.values.at(i));
        parts << QStringLiteral("%1: %2").arg(s.name, values.isEmpty() ? QStringLiteral("none") : values.join(QStringLiteral(", ")));
    }
    setAccessibleDescription(parts.join(QStringLiteral("; ")));
    setToolTip(spec.note);
    rebuild();
}

void ChartWidget::rebuild() {
    QChart* old = m_view->chart();
    m_view->setChart(makeChart(m_spec, coloursFor(palette(), false), font()));
    delete old;
    m_view->setBackgroundBrush(palette().color(QPalette::Base));
}

int ChartWidget::seriesDrawn() const {
    int n = 0;
    for (QAbstractSeries* s : m_view->chart()->series()) {
        if (auto* bars = qobject_cast<QAbstractBarSeries*>(s)) n += bars->count();
        else ++n;
    }
    return n;
}

void ChartWidget::render(QPainter& painter, const QRectF& target, bool printColours) const {
    // A separate view at the target's size, so exports do not depend on the window's size.
    QChartView view;
    view.setRenderHint(QPainter::Antialiasing);
    view.setChart(makeChart(m_spec, coloursFor(palette(), printColours), font()));
    view.setFrameShape(QFrame::NoFrame);
    view.setBackgroundBrush(printColours ? QBrush(Qt::white) : palette().base());
    const QSize logical(800, int(800 * target.height() / std::max(1.0, target.width())));
    view.resize(logical);
    painter.save();
    painter.translate(target.topLeft());
    painter.scale(target.width() / logical.width(), target.height() / logical.height());
    view.QWidget::render(&painter, QPoint(), QRegion(), QWidget::DrawChildren); // sends the pending resize first
    painter.restore();
}

QImage ChartWidget::toImage(const QSize& size, bool printColours) const {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(printColours ? Qt::white : palette().color(QPalette::Base));
    QPainter p(&image);
    render(p, QRectF(QPointF(0, 0), QSizeF(size)), printColours);
    return image;
}

void ChartWidget::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) rebuild();
}

} // namespace cb::ui
