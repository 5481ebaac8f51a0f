"""``newsgraph batch``: conversion on a Dask cluster, and loading its N-Quads shards."""

from __future__ import annotations

import click

from ..cli import settings_from


@click.group("batch")
def batch_group() -> None:
    """Convert a large corpus on a Dask cluster and load the resulting N-Quads shards."""


@batch_group.command("convert")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option(
    "--out", "out", required=True, type=click.Path(file_okay=False), help="Directory for the shards."
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler (tcp://host:8786). Without it a local cluster is started.",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=None, help="Local worker processes (default: cores)."
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Articles per task and per shard.",
)
@click.option("--base-uri", default=None, help="Base of minted URIs (setting base_uri).")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL shapes (only for data validated before).")
@click.option("--quiet", is_flag=True, help="No progress lines.")
@click.pass_context
def convert_cmd(
    ctx: click.Context,
    inputs: tuple[str, ...],
    out: str,
    scheduler: str | None,
    workers: int | None,
    chunk_size: int,
    base_uri: str | None,
    no_validate: bool,
    quiet: bool,
) -> None:
    """Convert and validate INPUT files and folders (text, HTML, JSON, JSONL) into N-Quads shards.

    Articles that cannot be converted, or do not conform to the shapes, are listed in
    OUT/manifest.json and on stderr; the exit code is 1 when any failed, so a pipeline
    notices.
    """
    from ..batch import BatchReport, run_convert

    settings = settings_from(ctx, base_uri=base_uri)

    def progress(r: BatchReport) -> None:
        if not quiet:
            click.echo(f"converted {r.articles} articles, {r.failed} failed", err=True)

    report = run_convert(
        inputs,
        out,
        base_uri=settings.base,
        scheduler=scheduler,
        workers=workers,
        chunk_size=chunk_size,
        validate=not no_validate,
        max_article_bytes=settings.max_article_bytes,
        progress=progress,
    )
    for name, message in report.failures[:20]:
        click.echo(f"newsgraph: {name}: {message}", err=True)
    if len(report.failures) > 20:
        click.echo(f"newsgraph: ... and {len(report.failures) - 20} more (see {out}/manifest.json)", err=True)
    click.echo(
        f"{report.articles} articles in {report.shards} shards under {out} "
        f"({report.seconds:.1f} s, {report.rate:.0f} articles/s on {report.workers} workers); "
        f"{report.failed} failed"
    )
    if report.failed:
        ctx.exit(1)


@batch_group.command("load")
@click.argument("shards_dir", type=click.Path())
@click.option(
    "--store", "store_location", default=None, help="Store directory or SPARQL server URL (setting store)."
)
@click.option(
    "--compact/--no-compact",
    default=True,
    show_default=True,
    help="Compact an embedded store after the load (see `newsgraph compact`).",
)
@click.option("--quiet", is_flag=True, help="No progress lines.")
@click.pass_context
def load_cmd(
    ctx: click.Context, shards_dir: str, store_location: str | None, compact: bool, quiet: bool
) -> None:
    """Bulk-load the N-Quads shards in SHARDS_DIR into the store (directory or SPARQL URL)."""
    from ..batch import load_shards, shard_files
    from ..store import open_store_from
    from ..store.embedded import EmbeddedStore

    settings = settings_from(ctx, store=store_location)
    shard_files(shards_dir)  # fail on a bad directory before opening (and locking) the store
    store = open_store_from(settings)
    try:
        report = load_shards(
            shards_dir,
            store,
            progress=None
            if quiet
            else lambda r: click.echo(f"loaded {r.shards} shards, {r.graphs} graphs", err=True),
        )
        if compact and isinstance(store, EmbeddedStore) and report.graphs:
            store.compact()
    finally:
        store.close()
    click.echo(
        f"loaded {report.graphs} article graphs from {report.shards} shards into {settings.store} "
        f"in {report.seconds:.1f} s"
    )


def register(group: click.Group) -> None:
    """Add this module's commands to the group."""
    group.add_command(batch_group)
