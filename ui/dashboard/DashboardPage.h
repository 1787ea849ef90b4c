#pragma once

#include "reports/DashboardData.h"

#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;

namespace cb::ui {

class ChartWidget;
class MainWindow;
class Workspace;

// The dashboard: the area in pictures, filtered by contractor group and commissioner. Each chart
// can be saved as a PNG; the whole dashboard as an A4 landscape PDF. Reloads when records change;
// for a large register (Workspace::isLargeRegister) only when shown, so opening the file and saving
// elsewhere never wait for charts nobody is looking at.
class DashboardPage : public QWidget {
    Q_OBJECT
public:
    explicit DashboardPage(Workspace& ws, QWidget* parent = nullptr);

    void reload();
    DashboardFilter filter() const;
    void setFilter(const DashboardFilter& filter);
    QList<ChartWidget*> charts() const { return m_charts; }

    // Write through QSaveFile: a failure leaves no partial file and says why in *error.
    bool exportChartPng(int index, const QString& path, QString* error = nullptr) const;
    bool exportPdf(const QString& path, QString* error = nullptr) const;

protected:
    void showEvent(QShowEvent* event) override;

private:
    void choosePng(int index);
    void choosePdf();
    QString filterText() const;
    Workspace& m_ws;
    QComboBox* m_group;
    QComboBox* m_commissioner;
    QGridLayout* m_grid;
    QList<ChartWidget*> m_charts;
    QList<QLabel*> m_notes;
    bool m_reloadQueued = false;
    bool m_stale = false; // a large register's charts wait until the page is shown
};

// Adds the Dashboard page (Ctrl+8).
void installDashboardPage(MainWindow& window);

} // namespace cb::ui
