"""Commands of the store area (filled in by that area's work)."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Add this module's commands to the group."""
