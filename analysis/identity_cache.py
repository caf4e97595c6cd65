"""A bounded cache of what is worked out from an object, found by the object's identity.

The engine asks about the same statement object once for every pair it is in: an ``id()`` lookup costs one dict
read, where a content key would cost more to build than most answers take to look up. Each entry holds its object,
so the ``id()`` is not reused while the entry lives. A worker's NLP thread and its event loop share such caches:
every change is made under the lock; a lookup is one dict read, safe without it, and a value is made outside it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["IdentityCache"]

K = TypeVar("K")
V = TypeVar("V")


class IdentityCache(Generic[K, V]):
    """At most ``size`` values, the oldest evicted first; ``lock``: shared with other caches that change together."""

    __slots__ = ("size", "_entries", "_lock")

    def __init__(self, size: int, lock: threading.Lock | None = None) -> None:
        self.size = size
        self._entries: dict[int, tuple[K, V]] = {}
        self._lock = lock or threading.Lock()

    def get(self, obj: K, make: Callable[[K], V]) -> V:
        """The value of ``obj``: cached, else ``make(obj)``, then cached."""
        hit = self._entries.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        value = make(obj)
        with self._lock:
            while len(self._entries) >= self.size:
                del self._entries[next(iter(self._entries))]
            self._entries[id(obj)] = (obj, value)
        return value

    def resize(self, size: int) -> None:
        """Bound the cache to ``size`` entries, evicting the oldest now if it holds more."""
        with self._lock:
            self.size = size
            while len(self._entries) > size:
                del self._entries[next(iter(self._entries))]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
