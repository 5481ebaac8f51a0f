"""Events (placeholder)."""
from __future__ import annotations
from typing import TYPE_CHECKING
from .model import EventX
if TYPE_CHECKING:
    from .extract import Context


def find_events(ctx: "Context") -> list[EventX]:
    return []
