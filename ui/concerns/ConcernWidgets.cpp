#include "concerns/ConcernWidgets.h"

#include "common/Identifiers.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>

namespace cb::ui {

// ---- RiskMatrixWidget ---------------------------------------------------------------------------

std::pair<QString, QString> RiskMatrixWidget::bandColours(const QString& band) {
    if (band == QLatin1String("low")) return {QStringLiteral("#b7dfb9"), QStringLiteral("#0b3d0f")};
    if (band == QLatin1String("moderate")) return {QStringLiteral("#fff09a"), QStringLiteral("#3d3300")};
    if (band == QLatin1String("high")) return {QStringLiteral("#ffc27a"), QStringLiteral("#4a2500")};
    if (band == QLatin1String("extreme")) return {QStringLiteral("#f28b82"), QStringLiteral("#4a0000")};
    return {QStringLiteral("#e0e0e0"), QStringLiteral("#202124")};
}

QString RiskMatrixWidget::describeCell(int c, int l, const risk::Bands& bands) {
    const int s = risk::score(c, l);
    return QStringLiteral("Consequence %1 %2, likelihood %3 %4: score %5, %6")
        .arg(c)
        .arg(risk::consequenceName(c).toLower())
        .arg(l)
        .arg(risk::likelihoodName(l).toLower())
        .arg(s)
        .arg(labelFor(risk::bands(), bands.bandFor(s)).toLower());
}

RiskMatrixWidget::RiskMatrixWidget(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("riskMatrix"));
    setAccessibleName(QStringLiteral("Risk matrix: consequence by likelihood"));
    auto* grid = new QGridLayout(this);
    grid->setSpacing(3);
    auto* corner = new QLabel(QStringLiteral("Consequence ↓ / Likelihood →"), this);
    corner->setWordWrap(true);
    grid->addWidget(corner, 0, 0);
    for (int l = risk::kMinLevel; l <= risk::kMaxLevel; ++l) {
        auto* head = new QLabel(QStringLiteral("%1\n%2").arg(l).arg(risk::likelihoodName(l)), this);
        head->setAlignment(Qt::AlignCenter);
        grid->addWidget(head, 0, l);
    }
    for (int c = risk::kMaxLevel; c >= risk::kMinLevel; --c) {
        const int row = risk::kMaxLevel - c + 1;
        auto* head = new QLabel(QStringLiteral("%1 %2").arg(c).arg(risk::consequenceName(c)), this);
        head->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        grid->addWidget(head, row, 0);
        for (int l = risk::kMinLevel; l <= risk::kMaxLevel; ++l) {
            auto* b = new QPushButton(this);
            b->setObjectName(QStringLiteral("cell%1x%2").arg(c).arg(l));
            b->setCheckable(true);
            b->setAutoDefault(false);
            b->setMinimumSize(72, 44);
            b->installEventFilter(this);
            connect(b, &QPushButton::clicked, this, [this, b, c, l] {
                b->setChecked(c == m_consequence && l == m_likelihood); // checked only by setGrading
                m_focusC = c;
                m_focusL = l;
                emit chosen(c, l);
            });
            m_cells[c - 1][l - 1] = b;
            grid->addWidget(b, row, l);
        }
    }
    refresh();
}

QPushButton* RiskMatrixWidget::cell(int c, int l) const {
    return risk::isLevel(c) && risk::isLevel(l) ? m_cells[c - 1][l - 1] : nullptr;
}

void RiskMatrixWidget::setBands(const risk::Bands& bands) {
    m_bands = bands;
    refresh();
}

void RiskMatrixWidget::setGrading(int c, int l) {
    m_consequence = risk::isLevel(c) ? c : 0;
    m_likelihood = risk::isLevel(l) ? l : 0;
    if (m_consequence && m_likelihood) {
        m_focusC = m_consequence;
        m_focusL = m_likelihood;
    }
    refresh();
}

void RiskMatrixWidget::setEditable(bool editable, const QString& why) {
    for (auto& row : m_cells)
        for (QPushButton* b : row) {
            b->setEnabled(editable);
            if (!why.isEmpty()) b->setToolTip(why);
        }
}

void RiskMatrixWidget::refresh() {
    for (int c = risk::kMinLevel; c <= risk::kMaxLevel; ++c)
        for (int l = risk::kMinLevel; l <= risk::kMaxLevel; ++l) {
            QPushButton* b = m_cells[c - 1][l - 1];
            const int s = risk::score(c, l);
            const QString band = m_bands.bandFor(s);
            const bool current = c == m_consequence && l == m_likelihood;
            const auto [bg, fg] = bandColours(band);
            b->setText(QStringLiteral("%1%2\n%3").arg(current ? QStringLiteral("● ") : QString()).arg(s)
                           .arg(labelFor(risk::bands(), band)));
            b->setChecked(current);
            b->setStyleSheet(QStringLiteral("QPushButton { background: %1; color: %2; border: %3; border-radius: 3px; "
                                            "font-weight: %4; }"
                                            "QPushButton:focus { border: 3px dashed #1a73e8; }"
                                            "QPushButton:disabled { color: %2; }")
                                 .arg(bg, fg, current ? QStringLiteral("3px solid black") : QStringLiteral("1px solid #9e9e9e"),
                                      current ? QStringLiteral("bold") : QStringLiteral("normal")));
            const QString name = describeCell(c, l, m_bands);
            b->setAccessibleName(current ? name + QStringLiteral(" (current grading)") : name);
            if (b->isEnabled()) b->setToolTip(name);
            b->setFocusPolicy(c == m_focusC && l == m_focusL ? Qt::StrongFocus : Qt::ClickFocus);
        }
}

void RiskMatrixWidget::moveFocus(int dc, int dl) {
    const int c = qBound(risk::kMinLevel, m_focusC + dc, risk::kMaxLevel);
    const int l = qBound(risk::kMinLevel, m_focusL + dl, risk::kMaxLevel);
    m_cells[m_focusC - 1][m_focusL - 1]->setFocusPolicy(Qt::ClickFocus);
    m_focusC = c;
    m_focusL = l;
    m_cells[c - 1][l - 1]->setFocusPolicy(Qt::StrongFocus);
    m_cells[c - 1][l - 1]->setFocus(Qt::TabFocusReason);
}

bool RiskMatrixWidget::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::FocusIn) {
        for (int c = 0; c < risk::kMaxLevel; ++c)
            for (int l = 0; l < risk::kMaxLevel; ++l)
                if (m_cells[c][l] == watched) {
                    m_focusC = c + 1;
                    m_focusL = l + 1;
                }
    }
    if (event->type() != QEvent::KeyPress) return QWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    switch (key->key()) {
    case Qt::Key_Up: moveFocus(+1, 0); return true; // higher consequence is higher up
    case Qt::Key_Down: moveFocus(-1, 0); return true;
    case Qt::Key_Left: moveFocus(0, -1); return true;
    case Qt::Key_Right: moveFocus(0, +1); return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (auto* b = qobject_cast<QPushButton*>(watched); b && b->isEnabled()) b->click();
        return true;
    default: return QWidget::eventFilter(watched, event);
    }
}

// ---- TimelineView -------------------------------------------------------------------------------

TimelineView::TimelineView(QWidget* parent) : QListWidget(parent) {
    setObjectName(QStringLiteral("concernTimeline"));
    setAccessibleName(QStringLiteral("Timeline of the concern"));
    setWordWrap(true);
    setAlternatingRowColors(true);
    setUniformItemSizes(false);
    setTextElideMode(Qt::ElideNone);
    setSelectionMode(QAbstractItemView::SingleSelection);
}

void TimelineView::setEntries(const QList<TimelineEntry>& entries) {
    clear();
    for (const TimelineEntry& e : entries) {
        QString text = QStringLiteral("%1 · %2 · %3").arg(fmt::date(e.date), e.who, e.title);
        if (!e.text.trimmed().isEmpty()) text += QLatin1Char('\n') + e.text.trimmed();
        auto* item = new QListWidgetItem(text, this);
        item->setData(Qt::UserRole, e.kind);
        item->setToolTip(text);
    }
    if (entries.isEmpty()) addItem(QStringLiteral("Nothing recorded yet."));
    scrollToBottom();
}

QStringList TimelineView::lines() const {
    QStringList out;
    for (int i = 0; i < count(); ++i) out << item(i)->text();
    return out;
}

// ---- OverdueDelegate ----------------------------------------------------------------------------

OverdueDelegate::OverdueDelegate(int flagColumn, QObject* parent) : QStyledItemDelegate(parent), m_flagColumn(flagColumn) {}

void OverdueDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    const QString flag = index.sibling(index.row(), m_flagColumn).data().toString();
    if (!flag.contains(QLatin1String("overdue"), Qt::CaseInsensitive)) return;
    const bool dark = option->palette.color(QPalette::Base).lightness() < 128;
    option->backgroundBrush = QColor(dark ? QStringLiteral("#5c1a1a") : QStringLiteral("#fde0dc"));
    const QColor text(dark ? QStringLiteral("#ffdad4") : QStringLiteral("#8c1d18"));
    option->palette.setColor(QPalette::Text, text);
    option->palette.setColor(QPalette::HighlightedText, option->palette.color(QPalette::HighlightedText));
    option->font.setBold(true);
}

} // namespace cb::ui
