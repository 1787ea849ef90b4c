// The caseworker's desk on a laptop, by keyboard and screen reader: dates that can be typed,
// editors and screens that fit 1024x700, messages that wrap, Tab in reading order, and a name
// for every control. Every editor is reached through editorRegistry(), so new ones are covered.
#include "TestSupport.h"
#include "common/DateField.h"
#include "common/RecordForm.h"
#include "common/Workspace.h"
#include "contractors/PracticeFile.h"
#include "demo/DemoSeeder.h"
#include "help/HelpWindows.h"
#include "shell/EditorRegistry.h"
#include "shell/MainWindow.h"

#include <QAbstractButton>
#include <QAccessible>
#include <algorithm>
#include <functional>
#include <QApplication>
#include <QCalendarWidget>
#include <QDir>
#include <QDateEdit>
#include <QFontMetrics>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

using namespace cb;
using namespace cb::ui;

namespace {

const QSize kLaptop(1024, 700);

// The clock every date field reads "today" from, for the length of a test.
struct TodayIs {
    explicit TodayIs(QDate day) : clock(day) { DateField::setClock(&clock); }
    ~TodayIs() { DateField::setClock(nullptr); }
    FixedClock clock;
};

// One demo database for the whole file: seeding is the slow part.
cbtest::TempDb& demo() {
    static cbtest::TempDb t; // removed at exit
    static const bool seeded = [] {
        SeedOptions options;
        options.contractors = 60;
        seedDemo(t.db(), options);
        return true;
    }();
    Q_UNUSED(seeded);
    return t;
}

QString describe(const QWidget* w) {
    QStringList path;
    for (const QWidget* p = w; p && !p->isWindow(); p = p->parentWidget())
        path.prepend(QStringLiteral("%1(%2)").arg(QString::fromLatin1(p->metaObject()->className()), p->objectName()));
    return path.join(QLatin1Char('/'));
}

void settle() {
    for (int i = 0; i < 3; ++i) QApplication::processEvents();
}

// Controls Tab can reach in a window, the way Qt decides it.
bool isTabStop(const QWidget* w, const QWidget* window) {
    return (w->focusPolicy() & Qt::TabFocus) && !w->focusProxy() && w->isVisibleTo(window) && w->isEnabled() &&
           w->window() == window;
}

// ---- reading order by recursive XY-cut ---------------------------------------------------------------
// Widgets (and the labels between them, as obstacles) are cut into bands across the widest empty
// gap -- rows top to bottom, or columns left to right -- until each piece holds one widget. Ties go
// to rows: a grid reads row by row, a two-column form column by column (its columns are further
// apart than its rows).
const int kGutter = 18; // RecordForm puts 24 px between its columns; rows and grid cells are closer

struct Box {
    QRect rect;
    const QWidget* widget; // null for an obstacle
};

int gutter(const QList<Box>& boxes, int& at) {
    // The widest empty vertical band between boxes (-1 when none).
    QList<Box> sorted = boxes;
    std::sort(sorted.begin(), sorted.end(), [](const Box& a, const Box& b) { return a.rect.left() < b.rect.left(); });
    int reach = sorted.isEmpty() ? 0 : sorted[0].rect.right(), best = -1;
    for (int i = 1; i < sorted.size(); ++i) {
        if (sorted[i].rect.left() > reach && sorted[i].rect.left() - reach > best) {
            best = sorted[i].rect.left() - reach;
            at = (reach + sorted[i].rect.left()) / 2;
        }
        reach = std::max(reach, sorted[i].rect.right());
    }
    return best;
}

void xyCut(QList<Box> boxes, QList<const QWidget*>& out);

// Boxes spanning most of the width (a notes box, a wide list) divide a two-column form into bands:
// the columns above, the wide box, what is below. Returns false when there is no such layout.
bool splitByWideBoxes(const QList<Box>& boxes, QList<const QWidget*>& out) {
    QRect all;
    for (const Box& b : boxes) all |= b.rect;
    QList<Box> narrow, wide;
    for (const Box& b : boxes) (b.rect.width() > all.width() * 6 / 10 ? wide : narrow) << b;
    // A wide field with a control to its right on the same line (a file path and its "…" button)
    // is one row of the form, not a band across it.
    for (int i = int(wide.size()) - 1; i >= 0; --i) {
        const QRect w = wide[i].rect;
        const bool sharesLine = std::any_of(narrow.begin(), narrow.end(), [&](const Box& b) {
            return b.widget && b.rect.left() > w.right() - 1 && b.rect.top() <= w.bottom() && b.rect.bottom() >= w.top();
        });
        if (sharesLine) narrow << wide.takeAt(i);
    }
    int at = 0;
    if (wide.isEmpty() || narrow.isEmpty() || gutter(narrow, at) < kGutter) return false;
    std::sort(wide.begin(), wide.end(), [](const Box& a, const Box& b) { return a.rect.top() < b.rect.top(); });
    QList<Box> band;
    int w = 0;
    QList<Box> rest = narrow;
    std::sort(rest.begin(), rest.end(), [](const Box& a, const Box& b) { return a.rect.top() < b.rect.top(); });
    for (const Box& b : rest) {
        while (w < wide.size() && wide[w].rect.center().y() < b.rect.center().y()) {
            xyCut(band, out);
            band.clear();
            xyCut({wide[w++]}, out);
        }
        band << b;
    }
    xyCut(band, out);
    while (w < wide.size()) xyCut({wide[w++]}, out);
    return true;
}

void xyCut(QList<Box> boxes, QList<const QWidget*>& out) {
    if (boxes.size() <= 1) {
        for (const Box& b : boxes)
            if (b.widget) out << b.widget;
        return;
    }
    auto bestCut = [&](bool rows, int& gapOut) {
        QList<Box> sorted = boxes;
        std::sort(sorted.begin(), sorted.end(), [rows](const Box& a, const Box& b) {
            return rows ? a.rect.top() < b.rect.top() : a.rect.left() < b.rect.left();
        });
        int reach = rows ? sorted[0].rect.bottom() : sorted[0].rect.right();
        int bestGap = -1, bestAt = 0;
        for (int i = 1; i < sorted.size(); ++i) {
            const int start = rows ? sorted[i].rect.top() : sorted[i].rect.left();
            if (start > reach && start - reach > bestGap) {
                bestGap = start - reach;
                bestAt = (reach + start) / 2;
            }
            reach = std::max(reach, rows ? sorted[i].rect.bottom() : sorted[i].rect.right());
        }
        gapOut = bestGap;
        return bestAt;
    };
    int rowGap = -1, colGap = -1;
    const int rowAt = bestCut(true, rowGap);
    const int colAt = bestCut(false, colGap);
    // No gutter between columns: wide boxes (a notes box, a list under both columns) divide the
    // columns into bands -- unless an empty band runs across the whole width, which cuts first (a
    // section below the columns, with its heading and buttons, starts after it).
    int at = 0;
    if (gutter(boxes, at) < kGutter && rowGap < kGutter && splitByWideBoxes(boxes, out)) return;
    if (rowGap < 0 && colGap < 0) { // overlapping: top to bottom, then left to right
        std::sort(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
            return a.rect.top() != b.rect.top() ? a.rect.top() < b.rect.top() : a.rect.left() < b.rect.left();
        });
        for (const Box& b : boxes)
            if (b.widget) out << b.widget;
        return;
    }
    // A gutter (a wide empty band between columns of a form) reads column by column; otherwise
    // (a grid of small gaps) row by row.
    const bool rows = colGap < kGutter && rowGap >= 0 ? true : colGap < 0;
    QList<Box> before, after;
    for (const Box& b : boxes)
        ((rows ? b.rect.center().y() : b.rect.center().x()) < (rows ? rowAt : colAt) ? before : after) << b;
    xyCut(before, out);
    xyCut(after, out);
}

// The part of a widget the eye sees: clipped by the parents it sits in (a scrolling area shows only
// its viewport). Null when scrolled out of sight.
QRect seenRect(const QWidget* w, const QWidget* window) {
    QRect r(w->mapTo(window, QPoint(0, 0)), w->size());
    for (const QWidget* p = w->parentWidget(); p && p != window; p = p->parentWidget())
        r &= QRect(p->mapTo(window, QPoint(0, 0)), p->size());
    return r;
}

QList<const QWidget*> readingOrder(const QWidget* window, const QList<const QWidget*>& stops) {
    QList<Box> boxes;
    for (const QWidget* w : stops) {
        const QRect seen = seenRect(w, window);
        boxes << Box{seen.isEmpty() ? QRect(w->mapTo(window, QPoint(0, 0)), w->size()) : seen, w};
    }
    auto obstacle = [&](const QWidget* w) {
        if (const QRect seen = seenRect(w, window); !seen.isEmpty()) boxes << Box{seen, nullptr};
    };
    for (const QLabel* l : window->findChildren<QLabel*>())
        if (l->isVisibleTo(window) && !l->text().isEmpty() && l->window() == window) obstacle(l);
    // Buttons the eye sees but Tab rightly passes over (the other choices of a radio group, a
    // date field's calendar button, a disabled button) fill their place too: a checklist row with
    // "Met" chosen reads on to its note, not down to the next row's "Met".
    for (const QAbstractButton* b : window->findChildren<QAbstractButton*>())
        if (b->isVisibleTo(window) && b->window() == window && !stops.contains(b)) obstacle(b);
    if (qEnvironmentVariableIsSet("CASEBOOK_DEBUG_XY"))
        for (const Box& b : boxes)
            qInfo() << b.rect << (b.widget ? describe(b.widget) : QStringLiteral("label"));
    QList<const QWidget*> out;
    xyCut(boxes, out);
    return out;
}

QStringList names(const QList<const QWidget*>& widgets) {
    QStringList out;
    for (const QWidget* w : widgets) {
        QAccessibleInterface* a = QAccessible::queryAccessibleInterface(const_cast<QWidget*>(w));
        out << (a && !a->text(QAccessible::Name).isEmpty() ? a->text(QAccessible::Name) : describe(w));
    }
    return out;
}

// Presses Tab from the first control until focus comes back round; the controls in the order reached.
QList<const QWidget*> tabWalk(QWidget* window) {
    QList<const QWidget*> stops;
    for (QWidget* w : window->findChildren<QWidget*>())
        if (isTabStop(w, window)) stops << w;
    QList<const QWidget*> walked;
    if (stops.isEmpty()) return walked;
    // Start where the window puts the keyboard when it opens (else the first stop of Qt's chain).
    QWidget* start = QApplication::focusWidget();
    if (!start || start->window() != window) {
        start = window->nextInFocusChain();
        while (start != window && !isTabStop(start, window)) start = start->nextInFocusChain();
        start->setFocus(Qt::TabFocusReason);
        settle();
    }
    for (int i = 0; i < stops.size() + 2; ++i) {
        QWidget* f = QApplication::focusWidget();
        if (!f || (i > 0 && f == start)) break;
        walked << f;
        QTest::keyClick(f, Qt::Key_Tab);
    }
    return walked;
}

// Controls a keyboard or screen-reader user reaches, without an accessible name.
// Controls on the tabs and pages not shown at the moment count too (a page of a stack or a tab is
// only hidden until chosen); what is hidden for good (a control a state turns off) does not.
bool onSomeScreen(const QWidget* w, const QWidget* window) {
    for (const QWidget* p = w; p && p != window; p = p->parentWidget())
        if (p->isHidden() && !qobject_cast<const QStackedWidget*>(p->parentWidget())) return false;
    return true;
}

QStringList unnamedControls(QWidget* window) {
    QStringList out;
    for (QWidget* w : window->findChildren<QWidget*>()) {
        if (!(w->focusPolicy() & Qt::TabFocus) || w->focusProxy() || !onSomeScreen(w, window)) continue;
        QAccessibleInterface* a = QAccessible::queryAccessibleInterface(w);
        if (!a || a->text(QAccessible::Name).trimmed().isEmpty()) out << describe(w);
    }
    return out;
}

void showAndActivate(QWidget* w) {
    w->show();
    QApplication::setActiveWindow(w);
    REQUIRE(QTest::qWaitForWindowExposed(w));
    settle();
}

// An empty date field on screen with the keyboard in it, on 30/11/2026.
struct TypingDate {
    TypingDate() {
        showAndActivate(&field);
        field.editor()->setFocus();
    }
    TodayIs today{QDate(2026, 11, 30)};
    DateField field;
};

// Shows each page of the main window, then each tab of a practice file, calling `look` on each.
void forEachScreen(MainWindow& window, const std::function<void(const QString&)>& look) {
    auto* pages = window.findChild<QStackedWidget*>("pages");
    REQUIRE(pages);
    for (int i = 0; i < pages->count(); ++i) {
        const QString id = pages->widget(i)->property("pageId").toString();
        if (id == "practice") continue;
        window.showPage(id);
        settle();
        look(id);
    }
    const auto c = demo().db().queryOne("SELECT contractor_id FROM contract ORDER BY contractor_id LIMIT 1");
    window.openContractor(c->value("contractor_id").toString());
    for (const QString& tab : window.practiceFile()->tabIds()) {
        window.practiceFile()->showTab(tab);
        settle();
        look("practice-" + tab);
    }
}

// Editors whose minimum size is larger than screen.
QStringList editorsTooBig(Workspace& ws, const QSize& screen) {
    QStringList tooBig;
    for (const EditorEntry& e : editorRegistry()) {
        auto dialog = e.make(ws, nullptr);
        dialog->show();
        settle();
        const QSize min = dialog->minimumSizeHint().expandedTo(dialog->minimumSize());
        if (min.width() > screen.width() || min.height() > screen.height())
            tooBig << QStringLiteral("%1 needs %2x%3").arg(e.name).arg(min.width()).arg(min.height());
        dialog->hide();
    }
    return tooBig;
}

// Screens of the main window whose minimum size is larger than screen.
QStringList screensTooBig(MainWindow& window, const QSize& screen) {
    QStringList tooBig;
    forEachScreen(window, [&](const QString& what) {
        const QSize min = window.minimumSizeHint().expandedTo(window.minimumSize());
        if (min.width() > screen.width() || min.height() > screen.height())
            tooBig << QStringLiteral("%1 needs %2x%3").arg(what).arg(min.width()).arg(min.height());
    });
    return tooBig;
}

// Messages beside fields that are cut (not wrapped, not tall enough, or clipped by a parent) when
// every field of every editor has a long one, at each window size.
QStringList cutMessages(Workspace& ws, const QList<QSize>& sizes) {
    const QString longMessage = QStringLiteral(
        "A GP practice code is a letter followed by 5 digits, like A81001. Enter the date by which the contractor must "
        "put the breach right, and check it against the notice you sent.");
    QStringList cut;
    for (const EditorEntry& e : editorRegistry()) {
        auto dialog = e.make(ws, nullptr);
        auto* form = qobject_cast<RecordForm*>(dialog.get());
        if (!form) continue;
        QList<FieldIssue> issues{{QString(), longMessage}};
        for (const QString& f : form->fields()) issues << FieldIssue{f, longMessage};
        for (const QSize size : sizes) {
            form->resize(size);
            form->show();
            form->showIssues(issues);
            settle();
            for (QLabel* l : form->findChildren<QLabel*>()) {
                if (!l->isVisible() || !l->objectName().endsWith("Issue")) continue;
                const bool wraps = l->wordWrap();
                const bool tallEnough = l->height() >= l->heightForWidth(l->width());
                // Not clipped by a parent either (the scrolling part is as tall as its contents).
                bool inside = true;
                for (QWidget* p = l->parentWidget(); p && p->objectName() != "formBody"; p = p->parentWidget())
                    if (!QRect(QPoint(0, 0), p->size()).contains(QRect(l->mapTo(p, QPoint(0, 0)), l->size()))) inside = false;
                if (!wraps || !tallEnough || !inside)
                    cut << QStringLiteral("%1/%2 at %3 (%4x%5, needs %6)")
                               .arg(e.name, l->objectName())
                               .arg(size.height())
                               .arg(l->width())
                               .arg(l->height())
                               .arg(l->heightForWidth(l->width()));
            }
            form->hide();
        }
    }
    return cut;
}

// The application font scaled (as a larger system font does) for the length of a test.
struct LargerFont {
    explicit LargerFont(qreal factor) : before(QApplication::font()) {
        QFont f = before;
        if (f.pointSizeF() > 0) f.setPointSizeF(f.pointSizeF() * factor);
        else f.setPixelSize(qRound(f.pixelSize() * factor));
        QApplication::setFont(f);
    }
    ~LargerFont() { QApplication::setFont(before); }
    QFont before;
};

} // namespace

// ---- dates -------------------------------------------------------------------------------------------

TEST_CASE("a date field reads dates typed the way caseworkers type them", "[gui][dates]") {
    TodayIs today(QDate(2026, 11, 30));
    DateField field;
    showAndActivate(&field);
    QLineEdit* text = field.editor();
    REQUIRE(!field.date().isValid());
    REQUIRE(text->text().isEmpty());

    const QList<QPair<QString, QDate>> typed{{"30/11/2026", {2026, 11, 30}}, {"30/11/26", {2026, 11, 30}},
                                             {"301126", {2026, 11, 30}},     {"t", {2026, 11, 30}},
                                             {"+14", {2026, 12, 14}},        {"-7", {2026, 11, 23}}};
    for (const auto& [keys, want] : typed) {
        text->clear();
        text->setFocus();
        QTest::keyClicks(text, keys);
        REQUIRE(field.date() == want);
        REQUIRE(!field.hasProblem());
        text->editingFinished(); // as on leaving the field
        REQUIRE(text->text() == want.toString("dd/MM/yyyy"));
    }
    // Cleared, it is empty again, not a date in 1900.
    text->selectAll();
    QTest::keyClick(text, Qt::Key_Delete);
    REQUIRE(!field.date().isValid());
}

TEST_CASE("arrow keys move a date by a day and start from today when empty", "[gui][dates]") {
    TypingDate t;
    DateField& field = t.field;
    QTest::keyClick(field.editor(), Qt::Key_Up);
    REQUIRE(field.date() == QDate(2026, 11, 30));
    QTest::keyClick(field.editor(), Qt::Key_Up);
    REQUIRE(field.date() == QDate(2026, 12, 1));
    QTest::keyClick(field.editor(), Qt::Key_Down);
    QTest::keyClick(field.editor(), Qt::Key_Down);
    REQUIRE(field.date() == QDate(2026, 11, 29));
    QTest::keyClick(field.editor(), Qt::Key_PageUp);
    REQUIRE(field.date() == QDate(2026, 12, 29));
}

TEST_CASE("the calendar opens on today when the date is empty and Enter picks a day", "[gui][dates]") {
    TypingDate t;
    DateField& field = t.field;
    QTest::keyClick(field.editor(), Qt::Key_Down, Qt::AltModifier);
    QCalendarWidget* cal = field.calendar();
    REQUIRE(cal);
    REQUIRE(cal->isVisible());
    REQUIRE(cal->selectedDate() == QDate(2026, 11, 30));
    REQUIRE(cal->yearShown() == 2026);
    REQUIRE(cal->monthShown() == 11);
    cal->setSelectedDate(QDate(2026, 12, 3)); // as the arrow keys would
    emit cal->activated(cal->selectedDate());  // Enter
    REQUIRE(field.date() == QDate(2026, 12, 3));
    REQUIRE(!cal->isVisible());
    // With a date, it opens on that date.
    field.openCalendar();
    REQUIRE(cal->selectedDate() == QDate(2026, 12, 3));
    QTest::keyClick(cal, Qt::Key_Escape);
    REQUIRE(!cal->isVisible());
    REQUIRE(field.date() == QDate(2026, 12, 3));
}

TEST_CASE("text that is not a date is kept, explained beside the field, and never becomes a date", "[gui][dates]") {
    TypingDate t;
    DateField& field = t.field;
    QTest::keyClicks(field.editor(), "31/11/2026");
    REQUIRE(field.hasProblem());
    REQUIRE(!field.date().isValid());
    field.editor()->editingFinished();
    REQUIRE(field.editor()->text() == "31/11/2026"); // nothing typed is lost
    auto* message = field.findChild<QLabel*>("dateProblem");
    REQUIRE(message);
    REQUIRE(message->isVisible());
    REQUIRE(message->text().contains("November 2026 has 30 days"));
    REQUIRE(message->wordWrap());
    // Up arrow does not replace it with a guess.
    QTest::keyClick(field.editor(), Qt::Key_Up);
    REQUIRE(field.editor()->text() == "31/11/2026");
    // Fixed, the message goes.
    field.editor()->selectAll();
    QTest::keyClicks(field.editor(), "30/11/2026");
    REQUIRE(!message->isVisible());
    REQUIRE(field.date() == QDate(2026, 11, 30));
}

TEST_CASE("an editor with a date that is not a date refuses to save and changes nothing", "[gui][dates]") {
    TodayIs today(QDate(2026, 11, 30));
    Workspace ws(demo().db());
    const auto before = demo().db().queryOne("SELECT id, due_date FROM concern_action ORDER BY id LIMIT 1");
    REQUIRE(before);
    std::unique_ptr<QDialog> dialog;
    for (const EditorEntry& e : editorRegistry())
        if (e.name == "concern-action") dialog = e.make(ws, nullptr);
    auto* form = qobject_cast<RecordForm*>(dialog.get());
    REQUIRE(form);
    showAndActivate(form);
    auto* due = qobject_cast<DateField*>(form->fieldEditor("dueDate"));
    REQUIRE(due);
    due->editor()->selectAll();
    QTest::keyClicks(due->editor(), "30/02/2027");
    REQUIRE(!form->save());
    REQUIRE(form->issueText("").contains("Not saved"));
    REQUIRE(due->problem().contains("February 2027 has 28 days"));
    REQUIRE(due->editor()->text() == "30/02/2027");
    const auto after = demo().db().queryOne("SELECT id, due_date FROM concern_action WHERE id = ?", {before->value("id")});
    REQUIRE(after->value("due_date") == before->value("due_date"));
}

TEST_CASE("every date in every editor is the one date field", "[gui][dates]") {
    Workspace ws(demo().db());
    for (const EditorEntry& e : editorRegistry()) {
        INFO(e.name.toStdString());
        auto dialog = e.make(ws, nullptr);
        REQUIRE(dialog->findChildren<QDateEdit*>().isEmpty());
    }
}

// ---- size -----------------------------------------------------------------------------------------

TEST_CASE("every editor fits a 1024x700 laptop screen", "[gui][layout]") {
    Workspace ws(demo().db());
    const QStringList tooBig = editorsTooBig(ws, kLaptop);
    INFO(tooBig.join("; ").toStdString());
    REQUIRE(tooBig.isEmpty());
}

TEST_CASE("every screen of the main window fits a 1024x700 laptop screen", "[gui][layout]") {
    Workspace ws(demo().db());
    MainWindow window(ws);
    window.show();
    settle();
    const QStringList tooBig = screensTooBig(window, kLaptop);
    INFO(tooBig.join("; ").toStdString());
    REQUIRE(tooBig.isEmpty());
    // And it can be narrowed to it.
    window.resize(kLaptop);
    settle();
    REQUIRE(window.width() <= kLaptop.width());
}

TEST_CASE("a saved window bigger than the screen or off it is brought back onto the screen", "[gui][layout]") {
    Workspace ws(demo().db());
    QSettings settings;
    const QRect avail = QGuiApplication::primaryScreen()->availableGeometry();
    {
        QWidget huge;
        huge.setGeometry(avail.right() + 500, avail.bottom() + 400, avail.width() * 3, avail.height() * 3);
        settings.setValue("window/geometry", huge.saveGeometry());
    }
    {
        MainWindow window(ws);
        window.show();
        settle();
        const QRect g = window.geometry();
        INFO(g.x() << "," << g.y() << " " << g.width() << "x" << g.height());
        REQUIRE(avail.intersects(g));
        REQUIRE(g.width() <= std::max(avail.width(), window.minimumWidth()));
        REQUIRE(g.height() <= std::max(avail.height(), window.minimumHeight()));
        REQUIRE(avail.contains(g.topLeft()));
    }
    settings.remove("window/geometry");
}

// ---- messages ---------------------------------------------------------------------------------------

TEST_CASE("a message beside each field wraps and is shown whole in every editor", "[gui][layout]") {
    Workspace ws(demo().db());
    const QStringList cut = cutMessages(ws, {kLaptop, QSize(kLaptop.width(), 480)});
    INFO(cut.join("\n").toStdString());
    REQUIRE(cut.isEmpty());
}

// ---- a larger system font ----------------------------------------------------------------------------

// A laptop at 150 %: 1280x720 logical pixels, and text half as large again as the default.
const QSize kLaptopAt150(1280, 720);

TEST_CASE("with the system font at 150 % every screen and editor fits 1280x720 and no message is cut", "[gui][layout][font]") {
    Workspace ws(demo().db());
    const int defaultHeight = QFontMetrics(QLabel().font()).height();
    LargerFont larger(1.5);
    REQUIRE(QFontMetrics(QLabel().font()).height() >= defaultHeight * 13 / 10); // the text really is larger
    {
        MainWindow window(ws);
        window.show();
        settle();
        const QStringList tooBig = screensTooBig(window, kLaptopAt150);
        INFO(tooBig.join("; ").toStdString());
        CHECK(tooBig.isEmpty());
        window.resize(kLaptopAt150);
        settle();
        CHECK(window.width() <= kLaptopAt150.width());
        CHECK(window.height() <= kLaptopAt150.height());
    }
    const QStringList editors = editorsTooBig(ws, kLaptopAt150);
    INFO(editors.join("; ").toStdString());
    CHECK(editors.isEmpty());
    const QStringList cut = cutMessages(ws, {kLaptopAt150});
    INFO(cut.join("\n").toStdString());
    CHECK(cut.isEmpty());
}

// ---- keyboard ---------------------------------------------------------------------------------------

TEST_CASE("Tab follows the reading order in every editor", "[gui][keyboard]") {
    Workspace ws(demo().db());
    QStringList wrong;
    int walkedEditors = 0;
    for (const EditorEntry& e : editorRegistry()) {
        auto dialog = e.make(ws, nullptr); // every editor and view of the registry, none left out
        ++walkedEditors;
        dialog->resize(kLaptop);
        showAndActivate(dialog.get());
        QList<const QWidget*> walked = tabWalk(dialog.get());
        QList<const QWidget*> stops;
        for (QWidget* w : dialog->findChildren<QWidget*>())
            if (isTabStop(w, dialog.get())) stops << w;
        const QList<const QWidget*> reading = readingOrder(dialog.get(), stops);
        // Tab goes round: compare from the first control in reading order.
        if (!reading.isEmpty() && walked.contains(reading.first()))
            std::rotate(walked.begin(), walked.begin() + walked.indexOf(reading.first()), walked.end());
        if (walked.size() != stops.size())
            wrong << QStringLiteral("%1: Tab reaches %2 of %3 controls (%4)")
                         .arg(e.name)
                         .arg(walked.size())
                         .arg(stops.size())
                         .arg(names(walked).join(" > "));
        else if (walked != reading)
            wrong << QStringLiteral("%1:\n  Tab:     %2\n  reading: %3").arg(e.name, names(walked).join(" > "), names(reading).join(" > "));
        dialog->hide();
    }
    INFO(wrong.join("\n").toStdString());
    REQUIRE(wrong.isEmpty());
    REQUIRE(walkedEditors == editorRegistry().size());
}

TEST_CASE("in the concern editor Tab goes from Serious to the summary, not to the referrals", "[gui][keyboard]") {
    Workspace ws(demo().db());
    std::unique_ptr<QDialog> dialog;
    for (const EditorEntry& e : editorRegistry())
        if (e.name == "new-concern") dialog = e.make(ws, nullptr);
    auto* form = qobject_cast<RecordForm*>(dialog.get());
    showAndActivate(form);
    form->fieldEditor("serious")->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab); // "Why serious" is off until Serious is ticked
    REQUIRE(QApplication::focusWidget() == form->fieldEditor("summary"));
    QTest::keyClicks(QApplication::focusWidget(), "Repeated failure to follow up results");
    REQUIRE(qobject_cast<QLineEdit*>(form->fieldEditor("summary"))->text() == "Repeated failure to follow up results");
}

// ---- screen readers ------------------------------------------------------------------------------

TEST_CASE("every control on every screen and editor has an accessible name", "[gui][a11y]") {
    Workspace ws(demo().db());
    QStringList unnamed;
    {
        MainWindow window(ws);
        window.resize(kLaptop);
        window.show();
        forEachScreen(window, [&](const QString& what) {
            for (const QString& u : unnamedControls(&window)) unnamed << what + ": " + u;
        });
    }
    for (const EditorEntry& e : editorRegistry()) {
        auto dialog = e.make(ws, nullptr);
        dialog->show();
        settle();
        for (const QString& u : unnamedControls(dialog.get())) unnamed << e.name + ": " + u;
        dialog->hide();
    }
    {
        // Help: the user guide and the shortcuts.
        MainWindow window(ws);
        window.show();
        for (QWidget* help : {HelpWindows::showGuide(&window), HelpWindows::showShortcuts(&window, window.shortcutRows())}) {
            settle();
            for (const QString& u : unnamedControls(help)) unnamed << help->windowTitle() + ": " + u;
        }
    }
    {
        // The start page of an empty database.
        cbtest::TempDb empty;
        Workspace emptyWs(empty.db());
        MainWindow window(emptyWs);
        window.show();
        settle();
        for (const QString& u : unnamedControls(&window)) unnamed << "start page: " + u;
    }
    unnamed.removeDuplicates();
    INFO(unnamed.join("\n").toStdString());
    REQUIRE(unnamed.isEmpty());
}

// ---- pictures to look at ----------------------------------------------------------------------------
// Hidden: run `tests_ui "[.shots]"` with CASEBOOK_SHOTS=DIR (and QT_SCALE_FACTOR=1.5, or an offscreen
// screen of 1366x768) to get a PNG of every screen and editor as a laptop shows them.
TEST_CASE("pictures of every screen and editor on a laptop screen", "[.shots]") {
    const QString dir = qEnvironmentVariable("CASEBOOK_SHOTS");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    Workspace ws(demo().db());
    const QRect avail = QGuiApplication::primaryScreen()->availableGeometry();
    auto shot = [&](QWidget* w, const QString& name) {
        settle();
        w->grab().save(QDir(dir).filePath(name + ".png"));
    };
    {
        MainWindow window(ws);
        window.resize(avail.size().boundedTo(QSize(1366, 768)));
        window.show();
        forEachScreen(window, [&](const QString& what) {
            shot(&window, "screen-" + what);
            qInfo().noquote() << "minimum size with" << what << window.minimumSizeHint();
        });
    }
    for (const EditorEntry& e : editorRegistry()) {
        auto dialog = e.make(ws, nullptr);
        dialog->show();
        shot(dialog.get(), "editor-" + e.name);
        if (auto* form = qobject_cast<RecordForm*>(dialog.get())) {
            QList<FieldIssue> issues;
            for (const QString& f : form->fields())
                issues << FieldIssue{f, QStringLiteral("This is not right: enter the value the rules ask for, like the "
                                                       "example in the guide, and save again.")};
            form->showIssues(issues);
            shot(dialog.get(), "editor-" + e.name + "-issues");
        }
        dialog->hide();
    }
}
