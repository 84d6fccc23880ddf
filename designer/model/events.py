"""A tiny observer: ``sub``, ``unsub``, ``emit`` (after ryvencore's Event). Pure Python."""
from __future__ import annotations

from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class Event(Generic[T]):
    """Listeners are called in subscription order with the emitted value."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[T], None]] = []

    def sub(self, listener: Callable[[T], None]) -> None:
        if listener not in self._listeners:
            self._listeners.append(listener)

    def unsub(self, listener: Callable[[T], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self, value: T) -> None:
        for listener in list(self._listeners):
            listener(value)
