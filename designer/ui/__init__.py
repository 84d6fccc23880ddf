"""The main window and its docks."""
