"""The `assay` command: serve, worker, keys. Every option names its ASSAY_* variable in --help."""

from __future__ import annotations

import logging
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from assay.config import Settings

app = typer.Typer(help="Assay: document extraction with citations.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
keys_app = typer.Typer(help="Manage API keys.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")
console = Console()
err = Console(stderr=True)


def _runtime(settings: Settings):  # type: ignore[no-untyped-def]
    from assay.api.runtime import Runtime

    return Runtime.open(settings)


def _announce_bootstrap(settings: Settings) -> None:
    runtime = _runtime(settings)
    try:
        key = runtime.bootstrap()
    finally:
        runtime.close()
    if key and not settings.api_key:
        console.print(f"[bold]Created the default project.[/] Its API key, shown once:\n\n    {key}\n")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.", envvar="ASSAY_HOST")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", envvar="ASSAY_PORT")] = 8000,
    workers: Annotated[int | None, typer.Option(help="In-process job workers (0 = API only).",
                                                 envvar="ASSAY_WORKERS")] = None,
    root_path: Annotated[str, typer.Option(help="Path prefix when mounted behind a proxy.",
                                           envvar="ASSAY_ROOT_PATH")] = "",
    log_level: Annotated[str, typer.Option(envvar="ASSAY_LOG_LEVEL")] = "info",
) -> None:
    """Run the HTTP API (and, unless --workers 0, job workers) on the configured database."""
    import uvicorn

    from assay.api.app import create_app

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings()
    _announce_bootstrap(settings)
    uvicorn.run(create_app(settings, workers=workers), host=host, port=port, root_path=root_path,
                log_level=log_level)


@app.command()
def worker(
    concurrency: Annotated[int | None, typer.Option(help="Workers in this process.", envvar="ASSAY_WORKERS")] = None,
    log_level: Annotated[str, typer.Option(envvar="ASSAY_LOG_LEVEL")] = "info",
) -> None:
    """Run job workers only, against the shared database and blob store."""
    from assay.jobqueue.pool import run_forever

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings()
    runtime = _runtime(settings)
    try:
        run_forever(runtime, concurrency or settings.workers)
    finally:
        runtime.close()


@app.command()
def migrate() -> None:
    """Apply database migrations (the server also does this when it starts)."""
    _runtime(Settings()).close()
    console.print("Database is up to date.")


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="A label for the key.")] = "",
    project: Annotated[str | None, typer.Option(help="Project id (default: the default project).")] = None,
    new_project: Annotated[str | None, typer.Option(help="Create a new project with this name for the key.")] = None,
) -> None:
    """Create an API key and print it once."""
    from assay.services import accounts

    runtime = _runtime(Settings())
    try:
        runtime.bootstrap()
        with runtime.db.session() as session:
            if new_project:
                project = accounts.create_project(session, new_project).id
            project_id = project or accounts.default_project(session).id
            key, record = accounts.create_key(session, project_id, name=name)
    finally:
        runtime.close()
    console.print(f"Key {record.id} for project {project_id} (shown once):")
    print(key)


@keys_app.command("list")
def keys_list() -> None:
    """List API keys (never their values)."""
    from assay.services import accounts

    runtime = _runtime(Settings())
    try:
        with runtime.db.session() as session:
            records = accounts.list_keys(session)
    finally:
        runtime.close()
    table = Table("id", "project", "name", "ends with", "created", "revoked")
    for r in records:
        table.add_row(r.id, r.project_id, r.name, "…" + r.hint, f"{r.created_at:%Y-%m-%d %H:%M}",
                      f"{r.revoked_at:%Y-%m-%d %H:%M}" if r.revoked_at else "")
    console.print(table)


@keys_app.command("revoke")
def keys_revoke(key_id: str) -> None:
    """Revoke an API key: requests with it fail with 401 from now on."""
    from assay.errors import AssayError
    from assay.services import accounts

    runtime = _runtime(Settings())
    try:
        with runtime.db.session() as session:
            accounts.revoke_key(session, key_id)
    except AssayError as exc:
        err.print(f"error: {exc.message}")
        raise typer.Exit(2) from None
    finally:
        runtime.close()
    console.print(f"Revoked {key_id}.")


def main() -> None:
    app()
