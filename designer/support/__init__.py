"""Helpers every layer may use: where the data lives, safe YAML reading, translation marks. Imports nothing of ours."""
