"""The window's language: English (the source texts) or a translation in ``translations/``.

The translations are Qt Linguist files, ``translations/designer_<language>.ts``, made by
``dev/translations`` (pyside6-lupdate) and edited with Qt Linguist. The designer reads the
``.ts`` itself (:class:`TsTranslator`), so there is no compiled ``.qm`` to build, ship or
let go stale: what the translator saved is what the window shows. Qt's own translation of its
standard dialogs and buttons (``qtbase_<language>.qm``, shipped with PySide6) is installed
alongside.

The language is, in order: ``$ETD_LANG`` (``en``, ``es`` or ``system``; for tests and
screenshots), the setting ``ui/language`` (View ▸ Language), else the system's (QLocale).
A change applies at the next start.
"""
from __future__ import annotations

import logging
import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ...support.paths import translations_dir

log = logging.getLogger(__name__)

LANGUAGE_KEY = "ui/language"  # "system", or a language code: "en", "es"
LANGUAGE_ENV = "ETD_LANG"
SYSTEM = "system"
SOURCE_LANGUAGE = "en"
# each language by its own name, as a language menu lists them (never translated)
NATIVE_NAMES = {"en": "English", "es": "Español"}


def ts_file(language: str) -> Path:
    return translations_dir() / f"designer_{language}.ts"


def available_languages() -> list[str]:
    """English and every language with a ``designer_<language>.ts``."""
    found = sorted(p.stem.split("_", 1)[1] for p in translations_dir().glob("designer_*.ts"))
    return [SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE)]


def system_language(available: list[str]) -> str:
    """The first of the system's UI languages that the designer has, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("-", "_").split("_")[0].lower()
        if code in available:
            return code
    return SOURCE_LANGUAGE


def chosen_language(settings: QSettings) -> str:
    """``$ETD_LANG``, else the setting, else the system's language (see the module's text)."""
    available = available_languages()
    wanted = os.environ.get(LANGUAGE_ENV) or str(settings.value(LANGUAGE_KEY, SYSTEM) or SYSTEM)
    wanted = wanted.replace("-", "_").split("_")[0].lower()
    if wanted in available:
        return wanted
    if wanted != SYSTEM:
        log.warning("no translation for language %r; using the system's", wanted)
    return system_language(available)


def _plural_form(language: str, n: int) -> int:
    """Which numerus form fits ``n`` (Qt's rule for the languages with two forms)."""
    if language == "fr":
        return 0 if n <= 1 else 1
    return 0 if n == 1 else 1


class TsTranslator(QTranslator):
    """A translator that reads a Qt Linguist ``.ts`` file. Only finished translations are used;
    an unfinished, empty or vanished one leaves the English text (as Qt's lrelease would)."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.language_code = ""
        self.messages: dict[tuple[str, str, str], str | list[str]] = {}
        self._load(path)

    def _load(self, path: Path) -> None:
        root = ElementTree.parse(path).getroot()  # the project's own file, not user input
        self.language_code = (root.get("language") or "").split("_")[0]
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type"):  # unfinished, vanished, obsolete
                    continue
                key = (name, message.findtext("source") or "", message.findtext("comment") or "")
                if message.get("numerus") == "yes":
                    forms = [form.text or "" for form in translation.iter("numerusform")]
                    if forms and all(forms):
                        self.messages[key] = forms
                elif translation.text:
                    self.messages[key] = translation.text

    # ---- Qt's names
    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        found = self.messages.get((context, source, disambiguation or ""))
        if isinstance(found, list):
            return found[min(_plural_form(self.language_code, n), len(found) - 1)]
        return found

    def isEmpty(self) -> bool:
        return not self.messages


def qt_translations_dirs() -> list[Path]:
    """Where Qt's own ``qtbase_<language>.qm`` may be: Qt's translations folder, and PySide6's
    (the same in a virtual environment; in the packaged app, PySide6's copy in the bundle)."""
    import PySide6

    found = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
             Path(PySide6.__file__).resolve().parent / "Qt" / "translations"]
    return list(dict.fromkeys(found))


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the designer's translation into ``language`` and Qt's own (the application
    owns them). English installs nothing. Returns what was installed."""
    if language == SOURCE_LANGUAGE:
        return []
    installed: list[QTranslator] = []
    path = ts_file(language)
    try:
        ours = TsTranslator(path, app)
    except (OSError, ElementTree.ParseError) as exc:
        log.error("cannot read the translation %s: %s", path, exc)
    else:
        app.installTranslator(ours)
        installed.append(ours)
    for folder in qt_translations_dirs():
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", str(folder)):
            app.installTranslator(qt)
            installed.append(qt)
            break
    else:
        log.info("no Qt translation for %s", language)
    QLocale.setDefault(QLocale(language))  # numbers and dates in Qt's widgets follow the language
    return installed


class LanguageMenu(QMenu):
    """View ▸ Language: the system's language or one of the translations; applies at the next
    start (the window says so)."""

    def __init__(self, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("&Language"))
        self.setObjectName("language_menu")
        self.settings = settings
        group = QActionGroup(self)
        current = str(settings.value(LANGUAGE_KEY, SYSTEM) or SYSTEM)
        choices = [(SYSTEM, self.tr("&System Default"))]
        choices += [(lang, NATIVE_NAMES.get(lang, lang)) for lang in available_languages()]
        for code, text in choices:
            action = QAction(text, self, checkable=True)
            action.setData(code)
            action.setChecked(code == current)
            group.addAction(action)
            self.addAction(action)
            if code == SYSTEM:
                self.addSeparator()
        group.triggered.connect(self._chosen)

    def _chosen(self, action: QAction) -> None:
        code = action.data()
        if code == str(self.settings.value(LANGUAGE_KEY, SYSTEM) or SYSTEM):
            return
        self.settings.setValue(LANGUAGE_KEY, code)
        QMessageBox.information(self.parentWidget(), self.tr("Language"),
                                self.tr("The designer will use the new language the next time it starts."))
