"""Dialogs and pages: export, knowledge base, start page, recovery, appearance, language, crash report. Each takes what it shows, never the window."""
