#include "shell/SearchDialog.h"

#include "common/Workspace.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace cb::ui {

void SearchResultsModel::setHits(QList<SearchHit> hits) {
    beginResetModel();
    m_hits = std::move(hits);
    endResetModel();
}

int SearchResultsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_hits.size()); }

QVariant SearchResultsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const SearchHit& h = m_hits.at(index.row());
    const QString kind = h.kind == SearchHit::Kind::Contractor ? QStringLiteral("Contractor") : QStringLiteral("Performer");
    switch (role) {
    case Qt::DisplayRole: return QStringLiteral("%1 — %2  (%3)").arg(h.title, h.detail, kind);
    case Qt::AccessibleTextRole:
    case Qt::ToolTipRole: return QStringLiteral("%1: %2, %3").arg(kind, h.title, h.detail);
    case Qt::UserRole: return h.id;
    default: return {};
    }
}

SearchDialog::SearchDialog(Workspace& ws, QWidget* parent) : QDialog(parent), m_ws(ws) {
    setObjectName(QStringLiteral("searchDialog"));
    setWindowTitle(QStringLiteral("Find a contractor or performer"));
    resize(640, 420);
    auto* v = new QVBoxLayout(this);
    m_box = new QLineEdit(this);
    m_box->setObjectName(QStringLiteral("searchBox"));
    m_box->setAccessibleName(QStringLiteral("Search"));
    m_box->setPlaceholderText(QStringLiteral("ODS code, name, postcode, performer or registration number"));
    m_box->setClearButtonEnabled(true);
    auto* hint = new QLabel(QStringLiteral("↑↓ to choose, Enter to open, Esc to close"), this);
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("searchResults"));
    m_list->setAccessibleName(QStringLiteral("Search results"));
    m_model = new SearchResultsModel(this);
    m_list->setModel(m_model);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    v->addWidget(m_box);
    v->addWidget(m_list, 1);
    v->addWidget(hint);
    m_box->installEventFilter(this);
    m_list->installEventFilter(this);
    connect(m_box, &QLineEdit::textChanged, this, &SearchDialog::search); // FTS5 answers in milliseconds
    connect(m_list, &QListView::activated, this, &SearchDialog::pick);
}

void SearchDialog::search() {
    QList<SearchHit> hits;
    try {
        hits = globalSearch(m_ws.db(), m_box->text());
    } catch (const std::exception&) {
        // Half-typed text FTS5 cannot parse: show nothing rather than an error while typing.
    }
    m_model->setHits(hits);
    if (m_model->rowCount() > 0) m_list->setCurrentIndex(m_model->index(0, 0));
}

void SearchDialog::pick() {
    const QModelIndex i = m_list->currentIndex();
    if (!i.isValid()) return;
    const SearchHit hit = m_model->hit(i.row());
    accept();
    emit picked(hit);
}

bool SearchDialog::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            pick();
            return true;
        }
        if (watched == m_box && (key == Qt::Key_Down || key == Qt::Key_Up)) {
            const int rows = m_model->rowCount();
            if (rows == 0) return true;
            int row = m_list->currentIndex().isValid() ? m_list->currentIndex().row() : -1;
            row = key == Qt::Key_Down ? qMin(row + 1, rows - 1) : qMax(row - 1, 0);
            m_list->setCurrentIndex(m_model->index(row, 0));
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace cb::ui
