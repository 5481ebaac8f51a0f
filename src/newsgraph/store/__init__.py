"""Graph stores: the interface, its two backends, and ``open_store`` to pick one from a setting."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

from .base import Store

if TYPE_CHECKING:
    from ..config import Settings


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def open_store(
    location: str,
    *,
    read_only: bool = False,
    create: bool = True,
    retries: int = 3,
    timeout: float = 60.0,
) -> Store:
    """Open the store a ``store`` setting names: a directory, ':memory:' or an http(s) URL.

    ``create=False`` is for commands that only read or remove: they fail with a clear
    message on a directory that holds no store instead of creating an empty one.
    """
    if is_remote(location):
        from .remote import RemoteStore

        return RemoteStore(location, retries=retries, timeout=timeout)
    from .embedded import EmbeddedStore

    if location == ":memory:":
        return EmbeddedStore(None)
    return EmbeddedStore(location, read_only=read_only, create=create)


def open_store_from(settings: Settings, *, create: bool = True, read_only: bool = False) -> Store:
    """The store the settings name, with the remote retry and timeout settings applied."""
    return open_store(
        settings.store,
        create=create,
        read_only=read_only,
        retries=settings.remote_retries,
        timeout=settings.remote_timeout,
    )


def counts_followed(store: Store) -> AbstractContextManager[None]:
    """Around a run of writes from one thread: an embedded store (which the process holds
    alone) follows the summary index's counts in memory meanwhile; other stores, which
    other processes may write at the same time, read them at every write."""
    from .embedded import EmbeddedStore

    return store.counts_followed() if isinstance(store, EmbeddedStore) else nullcontext()


__all__ = ["Store", "counts_followed", "is_remote", "open_store", "open_store_from"]
