"""No attribute or method of ours hides one of Qt's (``MainWindow.palette`` hid ``QWidget.palette()``).
Qt's overrides keep Qt's names (``mousePressEvent``...): those are meant to replace the base's."""
import importlib
import inspect
import pkgutil

import designer
from PySide6.QtCore import QObject


def our_qobject_classes():
    for info in pkgutil.walk_packages(designer.__path__, "designer."):
        if info.name.endswith("__main__"):
            continue  # running it runs the program
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and issubclass(cls, QObject):
                yield cls


def qt_base(cls):
    return next(base for base in cls.__mro__ if base.__module__.startswith("PySide6."))


def instance_attributes(cls) -> set[str]:
    """The names ``__init__`` assigns to ``self`` (read from the source)."""
    names = set()
    for klass in cls.__mro__:
        if klass.__module__.startswith("designer.") and "__init__" in vars(klass):
            source = inspect.getsource(vars(klass)["__init__"])
            names |= {part.split("=")[0].strip().removeprefix("self.").split(":")[0].split(".")[0]
                      for part in source.replace(",", "\n").splitlines()
                      if part.strip().startswith("self.") and "=" in part and "==" not in part}
    return names


def test_our_qobjects_shadow_no_qt_name():
    classes = list(our_qobject_classes())
    assert len(classes) > 20  # the walk found the window, the panels, the scene, the items...
    clashes = []
    for cls in classes:
        base = qt_base(cls)
        qt_names = set(dir(base))
        ours = {name for klass in cls.__mro__ if klass.__module__.startswith("designer.") for name in vars(klass)}
        assigned = instance_attributes(cls)
        for name in sorted((ours | assigned) & qt_names):
            if name.startswith("__") or name in {"staticMetaObject"}:
                continue
            if name in assigned and name not in ours:
                clashes.append(f"{cls.__module__}.{cls.__qualname__}: self.{name} hides {base.__name__}.{name}")
                continue
            ours_attr = inspect.getattr_static(cls, name, None)
            qt_attr = inspect.getattr_static(base, name, None)
            if callable(ours_attr) and callable(qt_attr) and not isinstance(ours_attr, type):
                continue  # an override of Qt's method under Qt's name (event handlers, paint, tr...)
            if type(qt_attr).__name__ == "Signal":
                continue
            clashes.append(f"{cls.__module__}.{cls.__qualname__}.{name} hides {base.__name__}.{name}")
    assert not clashes, clashes
