#pragma once

#include "search/GlobalSearch.h"

#include <QAbstractListModel>
#include <QDialog>

class QLineEdit;
class QListView;

namespace cb::ui {

class Workspace;

class SearchResultsModel : public QAbstractListModel {
    Q_OBJECT
public:
    explicit SearchResultsModel(QObject* parent = nullptr) : QAbstractListModel(parent) {}
    void setHits(QList<SearchHit> hits);
    const SearchHit& hit(int row) const { return m_hits.at(row); }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<SearchHit> m_hits;
};

// Ctrl+K: type, pick with the arrow keys, Enter opens.
class SearchDialog : public QDialog {
    Q_OBJECT
public:
    explicit SearchDialog(Workspace& ws, QWidget* parent = nullptr);
    SearchResultsModel* results() const { return m_model; }
    QLineEdit* box() const { return m_box; }

signals:
    void picked(const SearchHit& hit);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void search();
    void pick();
    Workspace& m_ws;
    QLineEdit* m_box;
    QListView* m_list;
    SearchResultsModel* m_model;
};

} // namespace cb::ui
