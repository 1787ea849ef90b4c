#pragma once

// The one place Casebook draws charts. Qt Charts is deprecated upstream from Qt 6.10: everything
// that touches it lives in Chart.cpp, behind this small widget that renders a core ChartSpec.

#include "reports/DashboardData.h"

#include <QWidget>

class QChartView;
class QPainter;

namespace cb::ui {

class ChartWidget : public QWidget {
    Q_OBJECT
public:
    explicit ChartWidget(QWidget* parent = nullptr);
    ~ChartWidget() override;

    void setSpec(const ChartSpec& spec);
    const ChartSpec& spec() const { return m_spec; }

    // Draws the chart into target. Print colours: white background and black text whatever the
    // screen palette, for PNG and PDF exports.
    void render(QPainter& painter, const QRectF& target, bool printColours) const;
    QImage toImage(const QSize& size, bool printColours = true) const;

    int seriesDrawn() const; // bar sets plus the reference line, as drawn (for tests)

protected:
    void changeEvent(QEvent* event) override; // follows the palette (dark mode)

private:
    void rebuild();
    ChartSpec m_spec;
    QChartView* m_view;
};

} // namespace cb::ui
