"""The desktop app: app.py starts it; window/ composes panels/, dialogs/ and presentation/. Qt; may import every layer but cli."""
