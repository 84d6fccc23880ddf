"""One rule for free text (design, zone and node names), and the escapes each output needs.

A name may hold any character but the C0 and C1 control characters (tab aside), DEL and the
bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): these reorder or hide
text, clear a terminal or forge a line of output. The reader refuses them (:func:`forbidden`);
every output still escapes for its own format, since a document can be built in code too:

* :func:`visible` for the terminal and one-line text: each such character shown as a symbol
  (U+2400 block, or ``‹U+202E›``), so nothing is hidden and one finding stays one line;
* :func:`xml_safe` for XML and SVG: the characters XML 1.0 forbids, as visible symbols.
"""
from __future__ import annotations

import re

# C0 but tab, DEL, C1, the bidi embeddings/overrides and isolates, and the line/paragraph separators
_FORBIDDEN = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# what a terminal or a one-line cell must not receive raw (tab and LF are the caller's choice)
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# XML 1.0: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def forbidden(text: str) -> str | None:
    """The first character free text must not hold, described (``U+001B``), or None."""
    match = _FORBIDDEN.search(text)
    return f"U+{ord(match.group()):04X}" if match else None


def symbol(char: str) -> str:
    """A visible stand-in for a control character: ␛ for ESC, ␀ for NUL, ␡ for DEL, else
    ``‹U+XXXX›`` (no character any format gives a meaning to)."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7f:
        return "\u2421"
    return f"\u2039U+{code:04X}\u203a"


def visible(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character (tab aside) and bidi control shown as a symbol.
    With ``keep_newlines`` a line feed stays (multi-line output); else it is shown too."""
    pattern = _TERMINAL if keep_newlines else _FORBIDDEN
    return pattern.sub(lambda m: symbol(m.group()), text)


def xml_safe(text: str) -> str:
    """``text`` with each character XML 1.0 forbids shown as a symbol."""
    return _NOT_XML.sub(lambda m: symbol(m.group()), text)


def qt_plain(text: str) -> str:
    """``text`` for a Qt tooltip or message box, shown exactly as it is: Qt takes text that
    merely looks like HTML (``<b>``, ``<img src=…>``) for HTML, so a name could restyle or
    load things. Escaped and wrapped as rich text, its line breaks kept, nothing of it is markup."""
    import html
    body = html.escape(visible(str(text), keep_newlines=True)).replace("\n", "<br>")
    return f"<qt><p style='white-space:pre-wrap'>{body}</p></qt>"
