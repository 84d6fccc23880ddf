"""The Spanish translation: complete, up to date with the code, faithful to the placeholders, and
a window in Spanish that shows no English left over.

How "no English" is checked: the window is built under a translator that returns the Spanish
translation wrapped in ⟦ ⟧. What is shown outside the marks must be the design's own text or the
knowledge base's (service, protocol and authentication names, Microsoft's notes and sources:
data that cites English sources, never translated), or one of ``ALLOWED``. Any other word is a
text that did not go through the translation.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QLocale, QModelIndex, QSettings, Qt, QTranslator
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QComboBox, QDockWidget, QGroupBox, QLabel, QLineEdit,
    QListWidget, QMenu, QTabBar, QTableWidget, QTextEdit, QToolBar, QTreeWidget, QWidget,
)

from designer.analysis.labels import clear_label_cache, tooltip_html
from designer.editor import DocumentEditor
from designer.ui.dialogs.export_dialog import ExportDiagramDialog
from designer.ui.dialogs.kb_browser import KnowledgeBaseBrowser
from designer.ui.dialogs.language import (
    LANGUAGE_ENV, LANGUAGE_KEY, LanguageMenu, TsTranslator, available_languages, chosen_language,
    qt_translations_dirs, ts_file,
)
from designer.ui.window.main_window import APP_NAME, MainWindow
from designer.ui.presentation import PresentationWindow
from designer.ui.dialogs.start_page import StartPage

from tests.conftest import ROOT, SAMPLES

TS = ROOT / "translations" / "designer_es.ts"
# Words shown untranslated on purpose: the transports in port notation (443/TCP), the languages'
# own names in View > Language, and the product's name.
ALLOWED = {"TCP", "UDP", "SE", "English", "Español", *APP_NAME.split()}
MARK = re.compile(r"⟦[^⟦⟧]*⟧")


# ---- the .ts file
def messages(path: Path) -> dict[tuple[str, str, str], ElementTree.Element]:
    root = ElementTree.parse(path).getroot()
    return {(context.findtext("name") or "", m.findtext("source") or "", m.findtext("comment") or ""): m
            for context in root.iter("context") for m in context.iter("message")}


def translations(message: ElementTree.Element) -> list[str]:
    translation = message.find("translation")
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def test_every_message_is_translated():
    found = messages(TS)
    assert len(found) > 400
    assert ElementTree.parse(TS).getroot().get("language", "").startswith("es")
    for key, message in found.items():
        kind = message.find("translation").get("type")
        assert kind is None, f"{key} is {kind}"  # unfinished, vanished or obsolete
        texts = translations(message)
        assert texts and all(t.strip() for t in texts), f"{key} has an empty translation"
        if message.get("numerus") == "yes":
            assert len(texts) == 2, f"{key}: Spanish has two plural forms"


def test_lupdate_on_the_sources_finds_nothing_new_and_nothing_gone(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    done = subprocess.run([str(ROOT / "dev" / "translations"), str(copy)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    now, committed = messages(copy), messages(TS)
    assert sorted(set(now) - set(committed)) == [], "texts not in the .ts yet: run dev/translations, translate"
    assert sorted(set(committed) - set(now)) == [], "texts the code no longer has: run dev/translations"
    assert all(m.find("translation").get("type") is None for m in now.values())


FIELD = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")


def _accelerators(text: str) -> int:
    return len(re.findall(r"&(?!&)", text.replace("&&", "")))


def test_translations_keep_placeholders_tags_and_accelerators():
    for (context, source, _), message in messages(TS).items():
        for text in translations(message):
            where = f"{context}: {source!r} -> {text!r}"
            assert Counter(FIELD.findall(text)) == Counter(FIELD.findall(source)), where
            for marker in ("%n", *(f"%{i}" for i in range(1, 10)), "[*]", "\n"):
                assert text.count(marker) == source.count(marker), where
            assert sorted(re.findall(r"</?\w+>", text)) == sorted(re.findall(r"</?\w+>", source)), where
            assert _accelerators(text) == _accelerators(source) <= 1, where


def test_the_reader_picks_the_plural_form_and_leaves_english_where_nothing_is_translated(qapp):
    translator = TsTranslator(TS)
    assert translator.language_code == "es" and not translator.isEmpty()
    qapp.installTranslator(translator)
    try:
        from PySide6.QtCore import QCoreApplication

        one = QCoreApplication.translate("KnowledgeBaseBrowser", "%n of {total} data paths shown", None, 1)
        many = QCoreApplication.translate("KnowledgeBaseBrowser", "%n of {total} data paths shown", None, 7)
        assert one == "Se muestra 1 de {total} rutas de datos"
        assert many == "Se muestran 7 de {total} rutas de datos"
        assert QCoreApplication.translate("Actions", "&File") == "&Archivo"
        assert QCoreApplication.translate("Roles", "Edge Transport server") == "Servidor de transporte perimetral"
        assert QCoreApplication.translate("Actions", "Not a text of the designer") == "Not a text of the designer"
    finally:
        qapp.removeTranslator(translator)


def test_installing_spanish_brings_qt_own_translation_too(qapp):
    from PySide6.QtCore import QCoreApplication

    from designer.ui.dialogs.language import install_translations

    locale = QLocale()
    assert install_translations(qapp, "en") == []  # English: the source texts
    installed = install_translations(qapp, "es")
    try:
        assert len(installed) == 2 and isinstance(installed[0], TsTranslator)
        assert QCoreApplication.translate("Actions", "&Edit") == "&Edición"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"  # Qt's standard buttons
        assert QLocale().language() == QLocale.Language.Spanish
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
            translator.deleteLater()
        QLocale.setDefault(locale)
    assert QCoreApplication.translate("Actions", "&Edit") == "&Edit"


# ---- choosing the language
def test_the_language_comes_from_the_environment_then_the_setting_then_the_system(tmp_path, monkeypatch):
    import designer.ui.dialogs.language as language

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert available_languages() == ["en", "es"]

    class System:
        def __init__(self, languages):
            self.languages = languages

        def system(self):
            return self

        def uiLanguages(self):  # Qt's name
            return self.languages

    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    monkeypatch.setattr(language, "QLocale", System(["es-MX", "en-US"]))
    assert chosen_language(settings) == "es"  # the system's
    monkeypatch.setattr(language, "QLocale", System(["de-DE", "fr-FR"]))
    assert chosen_language(settings) == "en"  # a language the designer lacks: English
    settings.setValue(LANGUAGE_KEY, "es")
    assert chosen_language(settings) == "es"  # the setting
    monkeypatch.setenv(LANGUAGE_ENV, "en")
    assert chosen_language(settings) == "en"  # the environment first
    monkeypatch.setenv(LANGUAGE_ENV, "system")
    assert chosen_language(settings) == "en"


def test_view_language_saves_the_choice_for_the_next_start(window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr("designer.ui.dialogs.language.QMessageBox.information", lambda *args: shown.append(args[2]))
    menu = window.findChild(LanguageMenu, "language_menu")
    view = next(a.menu() for a in window.menuBar().actions() if a.menu() and menu.menuAction() in a.menu().actions())
    qtbot.mouseClick(window.menuBar(), Qt.MouseButton.LeftButton,
                     pos=window.menuBar().actionGeometry(view.menuAction()).center())
    qtbot.waitUntil(view.isVisible)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.actionGeometry(menu.menuAction()).center())
    qtbot.waitUntil(menu.isVisible)
    spanish = next(a for a in menu.actions() if a.data() == "es")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(spanish).center())
    qtbot.waitUntil(lambda: not view.isVisible())
    assert window.settings.value(LANGUAGE_KEY) == "es" and spanish.isChecked()
    assert shown and "next time" in shown[0]  # applies at the next start, and says so


# ---- the window in Spanish
class MarkedSpanish(TsTranslator):
    """The Spanish translation, and Qt's own (its standard buttons), each text wrapped in ⟦ ⟧."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.qt = QTranslator()
        assert any(self.qt.load("qtbase_es", str(folder)) for folder in qt_translations_dirs())

    def translate(self, context, source, disambiguation=None, n=-1):  # Qt's name
        found = super().translate(context, source, disambiguation, n) or self.qt.translate(
            context, source, disambiguation, n)
        return f"⟦{found}⟧" if found else None


@pytest.fixture()
def marked(qapp):
    translator = MarkedSpanish(TS)
    clear_label_cache()
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)
    clear_label_cache()  # the labels built here are marked


def data_strings(editor: DocumentEditor) -> list[str]:
    """The design's and the knowledge base's own texts, longest first."""
    doc, catalog = editor.document, editor.catalog
    found = {doc.name, *(n.name for n in doc.nodes.values()), *(z.name for z in doc.zones.values()),
             *(m.name for n in doc.nodes.values() for m in n.members),  # a group's members
             *catalog.roles, *(f.rule for f in editor.findings)}
    if editor.path is not None:
        found |= {editor.path.name, str(editor.path), str(editor.path.parent)}
    for role in catalog.roles.values():
        found |= {role.description or "", *role.unavailable.values()}
    for path in catalog.paths:
        found |= {path.service, path.title or "", path.notes or "", path.advisory or "", path.protocol or "",
                  path.auth.default or "", *(path.auth.supported or ()), *path.encryption.methods,
                  path.encryption.label or ""}
    for source in catalog.sources.values():
        found |= {source.title, source.url or ""}
    found |= {rule.text for rule in catalog.support_rules}
    found |= {v.upgrade.text for v in catalog.version_info.values() if v.upgrade}
    return sorted((s for s in found if s), key=len, reverse=True)


def english_left(text: str, data: list[str]) -> list[str]:
    """The words of ``text`` that are neither translated (marked), nor data, nor allowed."""
    if re.search(r"<(b|p|br|i|a|small|table)\b", text):  # rich text: what it reads as
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    while MARK.search(text):
        text = MARK.sub(" ", text)  # the innermost marks first: a translated text may hold others
    for value in data:
        text = text.replace(value, " ")
    return [w for w in re.findall(r"[^\W\d_]{2,}", text) if w not in ALLOWED]


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """Every text ``root`` and its children show: titles, labels, buttons, tooltips, menus and
    their actions, list, tree and table items with their headers."""
    found: list[tuple[str, str]] = [("window title", root.windowTitle())]

    def add(where: QWidget | QAction, *texts: str) -> None:
        found.extend((f"{type(where).__name__} {where.objectName()}", t) for t in texts if t)

    for w in [root, *root.findChildren(QWidget)]:
        add(w, w.toolTip(), w.statusTip(), w.whatsThis())
        if isinstance(w, QLabel):
            add(w, w.text())
        elif isinstance(w, QAbstractButton):
            add(w, w.text())
        elif isinstance(w, QGroupBox):
            add(w, w.title())
        elif isinstance(w, QLineEdit):
            add(w, w.text(), w.placeholderText())
        elif isinstance(w, QComboBox):
            add(w, *(w.itemText(i) for i in range(w.count())))
        elif isinstance(w, (QDockWidget, QToolBar)):
            add(w, w.windowTitle())
        elif isinstance(w, QMenu):
            add(w, w.title())
        elif isinstance(w, QTabBar):
            add(w, *(w.tabText(i) for i in range(w.count())), *(w.tabToolTip(i) for i in range(w.count())))
        elif isinstance(w, QTextEdit):
            add(w, w.toPlainText())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            columns = range(1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex()))
            add(w, *(str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns))
            rows = [(model.index(r, 0), r) for r in range(model.rowCount(QModelIndex()))]
            while rows:  # trees: the children too
                parent, _ = rows.pop()
                for c in columns:
                    index = parent.siblingAtColumn(c)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = index.data(role)
                        if isinstance(value, str):
                            add(w, value)
                rows += [(model.index(r, 0, parent), r) for r in range(model.rowCount(parent))]
        if isinstance(w, (QTreeWidget, QTableWidget, QListWidget)):
            pass  # their items are the model's rows above
    for action in root.findChildren(QAction):
        add(action, action.text(), action.toolTip(), action.statusTip())
    return found


def canvas_texts(window: MainWindow) -> list[tuple[str, str]]:
    """What the canvas writes: the zones' kinds, the connections' labels and their tooltips."""
    scene, editor = window.scene, window.editor
    found = [("zone kind", item.kind_text) for item in scene.zones.values()]
    for conn_id, item in scene.connections.items():
        for compact in (False, True):
            found += [("label", line) for line in item._label_lines(compact)]
        from PySide6.QtCore import QCoreApplication

        found.append(("tooltip", tooltip_html(editor.document, editor.catalog, conn_id, QCoreApplication.translate)))
    return found


def assert_spanish(texts: list[tuple[str, str]], data: list[str]) -> None:
    left = {(where, text): english_left(text, data) for where, text in texts}
    left = {key: words for key, words in left.items() if words}
    assert not left, "\n".join(f"{where}: {text!r} -> {words}" for (where, text), words in left.items())


@pytest.fixture()
def spanish_window(marked, window):
    """The main window (tests/ui/conftest.py), built after the marked Spanish translator is in."""
    return window


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_the_window_in_spanish_shows_no_english(spanish_window, qtbot, sample):
    window = spanish_window
    assert window.files.open_path(sample, ask=False)
    window.docks[3].raise_()  # the port matrix tab: its rows are built when it is seen
    qtbot.waitUntil(lambda: window.matrix.model.rowCount() > 0)
    editor, scene = window.editor, window.scene
    doc = editor.document
    data = data_strings(editor)
    node = next(iter(doc.nodes))
    connection = next(iter(doc.connections))
    zone = next(iter(doc.zones))
    states = {"nothing": [], "node": [node], "connection": [connection], "zone": [zone],
              "several": list(doc.nodes)[:14]}
    for state, ids in states.items():
        scene.clearSelection()
        scene.select_ids(ids)
        assert window.inspector.shown_kind == ("document" if state == "nothing" else state)
        assert_spanish(shown_texts(window), data)
    window.set_connect_mode(True)  # the status bar's message
    assert window.statusBar().currentMessage().startswith("⟦")
    assert_spanish(canvas_texts(window), data)
    assert window.findings.tree.topLevelItemCount() and window.matrix.model.rowCount()


def test_the_other_windows_in_spanish_show_no_english(spanish_window, qtbot, catalog):
    window = spanish_window
    assert window.files.open_path(SAMPLES[0], ask=False)
    data = data_strings(window.editor)
    browser = KnowledgeBaseBrowser(catalog, "2016", window)
    browser.show()
    browser.select_path(browser.visible_paths()[0].id)
    presentation = PresentationWindow(window.editor, window)
    export = ExportDiagramDialog(True, window.settings, window)
    start = StartPage(catalog, [str(SAMPLES[0])], window.settings, window)
    from designer.io import load_document

    samples = [load_document(p, catalog.roles) for p in SAMPLES]  # the templates: their names and files
    data += [*(d.name for d in samples), *map(str, SAMPLES), str(SAMPLES[0].parent)]
    for widget in (browser, presentation, export, start):
        qtbot.addWidget(widget)
        texts = shown_texts(widget)
        assert texts, widget
        assert_spanish(texts, sorted(data, key=len, reverse=True))
    presentation.close()


def test_menus_have_one_accelerator_per_entry_and_no_two_alike(qapp, qtbot, catalog, tmp_path):
    translator = TsTranslator(TS)
    qapp.installTranslator(translator)
    locale = QLocale()
    try:
        window = MainWindow(DocumentEditor(catalog), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        assert window.menuBar().actions()[0].text() == "&Archivo"
        menus = [window.menuBar(), *window.findChildren(QMenu)]
        for menu in menus:
            keys = [re.search(r"&(\w)", a.text()).group(1).lower() for a in menu.actions()
                    if "&" in a.text().replace("&&", "")]
            assert len(keys) == len(set(keys)), (menu.title(), [a.text() for a in menu.actions()])
    finally:
        qapp.removeTranslator(translator)
        QLocale.setDefault(locale)


def test_the_translation_file_is_where_the_program_looks_for_it():
    assert ts_file("es") == TS and TS.is_file()
