"""The ``newsgraph`` command: a click group whose commands live in ``newsgraph.commands``.

Every command shares the settings table (``--config``, ``NEWSGRAPH_*``) and turns a
``NewsgraphError`` into a one-line message and a non-zero exit code instead of a
traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from . import __version__
from .config import Settings, load_settings
from .errors import NewsgraphError

#: Exit codes: 0 success, 1 a check failed or something was rejected, 2 bad input or usage.
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class NewsgraphGroup(click.Group):
    """Runs commands so that a NewsgraphError never reaches the user as a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsgraphError as exc:
            click.echo(f"newsgraph: error: {exc.message}", err=True)
            sys.exit(EXIT_BAD_INPUT if exc.status < 500 else EXIT_FAILED)


@click.group(cls=NewsgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="TOML settings file (also NEWSGRAPH_CONFIG).",
)
@click.pass_context
def cli(ctx: click.Context, config_file: str | None) -> None:
    """newsgraph: news articles to a validated knowledge graph, published as Linked Data."""
    ctx.ensure_object(dict)
    ctx.obj["config_file"] = config_file


def settings_from(ctx: click.Context, **overrides: Any) -> Settings:
    """Settings for a command: the group's file and environment, then its own options."""
    root = ctx.find_root()
    config_file = (root.obj or {}).get("config_file")
    return load_settings({k: v for k, v in overrides.items() if v is not None}, config_file=config_file)


def _register() -> None:
    from .commands import register_all

    register_all(cli)


_register()


def main() -> None:
    cli(prog_name="newsgraph")


__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILED", "cli", "main", "settings_from"]
