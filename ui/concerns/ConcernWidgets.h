#pragma once

#include "concerns/Concern.h"

#include <QListWidget>
#include <QStyledItemDelegate>
#include <QWidget>

class QLabel;
class QPushButton;

namespace cb::ui {

// The NHS 5x5 risk matrix as a grid of buttons: consequence rows (5 at the top) by likelihood
// columns, each cell coloured by its band and labelled with its score and band, so colour is never
// the only cue. Arrow keys move between cells, Space or Enter chooses one; Tab enters and leaves
// the grid at the current cell.
class RiskMatrixWidget : public QWidget {
    Q_OBJECT
public:
    explicit RiskMatrixWidget(QWidget* parent = nullptr);

    void setBands(const risk::Bands& bands);
    void setGrading(int consequence, int likelihood); // 0, 0: not graded
    void setEditable(bool editable, const QString& why = {});
    int consequence() const { return m_consequence; }
    int likelihood() const { return m_likelihood; }

    QPushButton* cell(int consequence, int likelihood) const;
    // "Consequence 3 moderate, likelihood 3 possible: score 9, high"
    static QString describeCell(int consequence, int likelihood, const risk::Bands& bands);
    // Background and text colour of a band (both set, so readable on any palette).
    static std::pair<QString, QString> bandColours(const QString& band);

signals:
    void chosen(int consequence, int likelihood);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refresh();
    void moveFocus(int dConsequence, int dLikelihood);
    risk::Bands m_bands;
    int m_consequence = 0, m_likelihood = 0;
    int m_focusC = 3, m_focusL = 3; // the cell Tab lands on
    QPushButton* m_cells[risk::kMaxLevel][risk::kMaxLevel] = {};
};

// A concern's story, oldest first: "dd/MM/yyyy · who · what", then the reason or note.
class TimelineView : public QListWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);
    void setEntries(const QList<TimelineEntry>& entries);
    QStringList lines() const; // each entry's text, for tests and copying
};

// Draws a row that needs attention (an overdue action) in a warning colour with bold text. The row
// is chosen by the text of one column, which says so in words ("Overdue", "2 overdue").
class OverdueDelegate : public QStyledItemDelegate {
public:
    OverdueDelegate(int flagColumn, QObject* parent);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    int m_flagColumn;
};

} // namespace cb::ui
