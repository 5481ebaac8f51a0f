"""Agreements (placeholder)."""
from __future__ import annotations
from typing import TYPE_CHECKING
from .model import AgreementX, EventX
if TYPE_CHECKING:
    from .extract import Context


def find_agreements(ctx: "Context", events: list[EventX]) -> list[AgreementX]:
    return []
