"""Graph stores: the interface, its two backends, and ``open_store`` to pick one from a setting."""

from __future__ import annotations

from .base import Store


def open_store(location: str, *, read_only: bool = False, **options: object) -> Store:
    """Open the store a ``store`` setting names: a directory, ':memory:' or an http(s) URL."""
    if location.startswith(("http://", "https://")):
        from .remote import RemoteStore

        return RemoteStore(location, **options)  # type: ignore[arg-type]
    from .embedded import EmbeddedStore

    return EmbeddedStore(None if location == ":memory:" else location, read_only=read_only)


__all__ = ["Store", "open_store"]
