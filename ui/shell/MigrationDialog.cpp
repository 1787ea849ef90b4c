#include "shell/MigrationDialog.h"

#include "store/MigrationProgress.h"

#include <QCloseEvent>
#include <QEventLoop>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QThread>
#include <QVBoxLayout>
#include <exception>

namespace cb::ui {

MigrationDialog::MigrationDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("migrationDialog"));
    setWindowTitle(QStringLiteral("Updating your register"));
    setWindowFlags((windowFlags() | Qt::CustomizeWindowHint | Qt::WindowTitleHint) & ~Qt::WindowCloseButtonHint &
                   ~Qt::WindowContextHelpButtonHint);
    setModal(true);
    auto* v = new QVBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("migrationText"));
    m_text->setWordWrap(true);
    m_text->setMinimumWidth(m_text->fontMetrics().horizontalAdvance(QLatin1Char('M')) * 34);
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("migrationProgress"));
    m_bar->setAccessibleName(QStringLiteral("Update progress"));
    m_bar->setRange(0, 0); // busy: a step gives no progress of its own
    m_bar->setTextVisible(false);
    auto* note = new QLabel(QStringLiteral("A large register can take a few minutes. There is nothing to cancel: the "
                                           "update is all or nothing, so if Casebook or the computer stops before "
                                           "it ends, your file stays exactly as it was and is updated next time."),
                            this);
    note->setObjectName(QStringLiteral("migrationNote"));
    note->setWordWrap(true);
    v->addWidget(m_text);
    v->addWidget(m_bar);
    v->addWidget(note);
    setStep(0, 0);
}

QString MigrationDialog::stepText(int step, int steps) {
    if (steps <= 0) return QStringLiteral("Updating your register to this version of Casebook…");
    return QStringLiteral("Updating your register to this version of Casebook… step %1 of %2").arg(step).arg(steps);
}

void MigrationDialog::setStep(int step, int steps) {
    m_text->setText(stepText(step, steps));
    setAccessibleDescription(m_text->text());
}

QString MigrationDialog::text() const { return m_text->text(); }

void MigrationDialog::closeEvent(QCloseEvent* event) { event->ignore(); }

std::unique_ptr<Database> openDatabaseShowingMigration(const QString& path, Database::Access access, QWidget* parent,
                                                       const std::function<void(const QString&)>& onStep) {
    const int pending = access == Database::Access::ReadWrite ? pendingMigrations(path) : 0;
    if (pending == 0) return std::make_unique<Database>(path, access);

    MigrationDialog dialog(parent);
    dialog.setStep(0, pending);
    if (onStep) onStep(dialog.text());
    QPointer<MigrationDialog> shown(&dialog);
    std::unique_ptr<Database> db;
    std::exception_ptr failure;
    QThread* worker = QThread::create([&] {
        // Steps are told on this thread; the dialog hears of them through its own event loop.
        const MigrationProgressScope scope([shown, onStep](int step, int steps, const QString&) {
            QMetaObject::invokeMethod(
                shown.data(),
                [shown, onStep, step, steps] {
                    if (!shown) return;
                    shown->setStep(step, steps);
                    if (onStep) onStep(shown->text());
                },
                Qt::QueuedConnection);
        });
        try {
            db = std::make_unique<Database>(path, access);
        } catch (...) {
            failure = std::current_exception();
        }
    });
    worker->setObjectName(QStringLiteral("Migration"));
    QEventLoop loop;
    QObject::connect(worker, &QThread::finished, &loop, &QEventLoop::quit);
    dialog.show();
    worker->start();
    loop.exec();
    worker->wait();
    delete worker;
    QCoreApplication::sendPostedEvents(&dialog); // the last step's text, before the dialog goes
    dialog.hide();
    if (failure) std::rethrow_exception(failure);
    return db;
}

} // namespace cb::ui
