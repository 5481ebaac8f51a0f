"""Small commands that describe the installation itself."""

from __future__ import annotations

import click

from ..config import settings_table


@click.command("settings")
def settings_cmd() -> None:
    """List every setting, its default and its environment variable."""
    for name, default, help_text in settings_table():
        click.echo(f"{name} (NEWSGRAPH_{name.upper()}, default {default!r})\n    {help_text}")


def register(group: click.Group) -> None:
    group.add_command(settings_cmd)
