"""Each module here adds its commands to the group; cli.py knows only this list."""

from __future__ import annotations

import importlib

import click

#: Modules that define ``register(group)``.  One per area, so work on one area never
#: touches another's file.
COMMAND_MODULES = ("convert", "validate", "store", "serve", "info", "batch")


def register_all(group: click.Group) -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(group)
