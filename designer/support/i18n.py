"""Translatable texts in the pure modules (model, catalog, analysis, io), without Qt.

Some texts of the pure modules reach the window: finding messages, the words of a connection's
label ("plaintext", "ports not stated"), the encryption column of the port matrix, the role
groups of the palette, the captions of the presentation. They are marked for Qt Linguist
(``pyside6-lupdate`` reads Python) in one of three ways, and the Qt layer translates them:

* ``QT_TRANSLATE_NOOP("Context", "text")`` marks a constant (a table of names); the window shows
  ``QCoreApplication.translate("Context", text)``.
* A function that builds text takes a ``translate`` argument (default :func:`untranslated`) and
  calls ``translate("Context", "text with {fields}")``; the Qt layer passes
  ``QCoreApplication.translate``. lupdate recognises a call of a function named ``translate``.
* A :class:`Message` keeps a marked template and its arguments, so a value made once (a
  finding) is English where it is stored and written (the command line, the report) and is
  translated where it is shown (:meth:`Message.text`).

Without a translator (the command line, the tests) every text is the English source text.
Knowledge-base content (Microsoft's facts, service, role and protocol names, notes, advisories)
is data that cites English sources: it is never marked, and stays as written.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

Translate = Callable[[str, str], str]


def untranslated(context: str, text: str) -> str:
    """The English source text: what ``translate`` is without Qt."""
    return text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate knows)
    """Mark ``text`` for translation in ``context``; returns it unchanged."""
    return text


@dataclass(frozen=True)
class Message:
    """A text to show in the user's language: ``template`` (marked with ``QT_TRANSLATE_NOOP`` in
    ``context``, with ``{name}`` fields) formatted with ``args`` (an argument may be a Message
    itself, translated alike). ``verbatim`` texts (from the knowledge base) are shown as they are."""

    context: str
    template: str
    args: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def verbatim(cls, text: str) -> "Message":
        return cls("", "{text}", (("text", text),))

    def text(self, translate: Translate = untranslated) -> str:
        template = translate(self.context, self.template) if self.context else self.template
        if not self.args:
            return template  # a text without fields (a name): taken as it is, braces and all
        return template.format(**{name: value.text(translate) if isinstance(value, Message) else value
                                  for name, value in self.args})

    def __str__(self) -> str:
        return self.text()


def join(parts: tuple[Message, ...], translate: Translate = untranslated) -> str:
    """Sentences one after another."""
    return " ".join(text for text in (p.text(translate) for p in parts) if text)
