"""The window and what composes it: the main window, its actions and menus, files and deliverables. May import the panels, dialogs and every layer below ui."""
