"""The docked panels: palette, inspector, findings and port matrix. Each takes the editor or the catalog, never the window."""
