"""The `assay` command. Every option names its ASSAY_* variable in --help.

Server: serve, worker, migrate, keys. Local, no server: extract, parse, classify, split, schema generate|validate.
Remote, against a running server: jobs list|get|cancel, files upload, layouts list|show|delete|remember.
Exit codes: 0 ok, 1 extraction (or the server) failed, 2 bad usage or input; `--debug` shows tracebacks.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import click
import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperArgument, TyperGroup

from assay import logs
from assay.config import Settings


class _Commands(TyperGroup):
    """Help as a user reads it: an option's value is named after the option (`--schema SCHEMA`), a flag
    shows none and an argument its name, where Typer would print Python types (`<str>`, `<bool>`)."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            for param in [*command.params, command.get_help_option(ctx)]:
                if param is not None:
                    _name_value(param)
        return command

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            _name_value(option)
        return option


def _name_value(param: click.Parameter) -> None:
    if isinstance(param, TyperArgument):
        param.metavar = (param.name or "").upper()
        param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
    elif param.metavar is None:
        name = max(param.opts, key=len).lstrip("-").upper().replace("-", "_")
        param.metavar = "" if getattr(param, "is_flag", False) else name


def _typer(help: str) -> typer.Typer:
    return typer.Typer(cls=_Commands, help=help, no_args_is_help=True, pretty_exceptions_enable=False)


app = _typer("Assay: document extraction with citations.")
keys_app = _typer("Manage API keys (in the data folder ASSAY_HOME, default ./.assay).")
app.add_typer(keys_app, name="keys")
schema_app = _typer("Propose and check data schemas (local, no server).")
app.add_typer(schema_app, name="schema")
jobs_app = _typer("Extract jobs on a running server.")
app.add_typer(jobs_app, name="jobs")
files_app = _typer("Files on a running server.")
app.add_typer(files_app, name="files")
review_app = _typer("Reviewed extractions on a running server.")
app.add_typer(review_app, name="review")
layouts_app = _typer("Remembered layouts (layout memory) of the key's project on a running server.")
app.add_typer(layouts_app, name="layouts")
console = Console()
err = Console(stderr=True)


def _runtime(settings: Settings):  # type: ignore[no-untyped-def]
    from assay.runtime import Runtime

    return Runtime.open(settings)


def _data_runtime(*, must_exist: bool = True):  # type: ignore[no-untyped-def]
    """The runtime of the server's data, named on stderr. The keys commands read the database `assay serve`
    made; all but `keys create` refuse (exit 2, naming the folder) rather than make an empty one wherever
    they are run."""
    settings = Settings()
    if must_exist and settings.database_url is None and not (settings.home / "assay.db").is_file():
        _fail(f"No Assay data in {settings.home.resolve()} (no assay.db): run this where `assay serve` runs, "
              "or set ASSAY_HOME (or ASSAY_DATABASE_URL) to the server's.", 2)
    err.print(f"Data: {settings.home.resolve() if settings.database_url is None else 'ASSAY_DATABASE_URL'}",
              highlight=False, style="dim")
    return _runtime(settings)


def _announce_bootstrap(settings: Settings) -> None:
    from assay.services import accounts

    runtime = _runtime(settings)
    try:
        key = accounts.prepare(runtime.db, first_key=settings.api_key)
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
    root_path: Annotated[str, typer.Option(help="Serve under this path prefix (e.g. /llama), proxied or not.",
                                           envvar="ASSAY_ROOT_PATH")] = "",
    log_level: Annotated[str, typer.Option(envvar="ASSAY_LOG_LEVEL")] = "info",
) -> None:
    """Run the HTTP API (and, unless --workers 0, job workers) on the configured database."""
    import uvicorn

    from assay.api.app import create_app

    settings = Settings(root_path=root_path)
    logs.configure(log_level, settings.log_format)
    _announce_bootstrap(settings)
    # uvicorn's own access log prints query strings (download signatures); the app logs requests itself.
    # Idle connections stay open longer than clients keep theirs (httpx and the SDK: 5 s, as uvicorn's default),
    # so a client never sends a request on a connection the server is closing (a ReadError under load).
    uvicorn.run(create_app(settings, workers=workers), host=host, port=port, log_level=log_level,
                log_config=None, access_log=False, timeout_keep_alive=30)


@app.command()
def worker(
    concurrency: Annotated[int | None, typer.Option(help="Workers in this process.", envvar="ASSAY_WORKERS")] = None,
    log_level: Annotated[str, typer.Option(envvar="ASSAY_LOG_LEVEL")] = "info",
) -> None:
    """Run job workers only, against the shared database and blob store."""
    from assay.jobqueue.pool import run_forever

    settings = Settings()
    logs.configure(log_level, settings.log_format)
    if settings.metrics and settings.metrics_port:
        from assay.metrics import serve_worker_metrics

        serve_worker_metrics(settings)
    runtime = _runtime(settings)
    try:
        run_forever(runtime, concurrency or settings.workers)
    finally:
        runtime.close()
    # The jobs are handed back and the database is closed: end now. Interpreter teardown would wait on
    # whatever a stuck thread or a dying child holds, and the documented stop time must hold regardless.
    logging.shutdown()
    os._exit(0)


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

    runtime = _data_runtime(must_exist=False)
    try:
        accounts.prepare(runtime.db, first_key=runtime.settings.api_key)
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

    runtime = _data_runtime()
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

    runtime = _data_runtime()
    try:
        with runtime.db.session() as session:
            accounts.revoke_key(session, key_id)
    except AssayError as exc:
        err.print(f"error: {exc.message}")
        raise typer.Exit(2) from None
    finally:
        runtime.close()
    console.print(f"Revoked {key_id}.")


# ---------------------------------------------------------------- local commands (no server)

Debug = Annotated[bool, typer.Option("--debug", help="Show the full traceback of an error.")]


@contextmanager
def _one_line_errors(debug: bool) -> Iterator[None]:
    """An error as one line on stderr and an exit code: 2 for bad input, 1 for a failure."""
    from assay.errors import AssayError

    try:
        yield
    except typer.Exit:
        raise
    except Exception as exc:
        if debug:
            raise
        if isinstance(exc, AssayError):
            _fail(exc.message, _exit_code(exc))
        if isinstance(exc, OSError):
            _fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc), 2)
        _fail(f"{type(exc).__name__}: {exc}", 1)


def _exit_code(exc: Exception) -> int:
    """2 when the input can never work as given (bad schema, option, file type, id); 1 otherwise."""
    from assay.errors import AuthError, InvalidRequestError, NotFoundError, UnsupportedFormatError

    bad_input = (InvalidRequestError, NotFoundError, AuthError, UnsupportedFormatError)
    return 2 if isinstance(exc, bad_input) else 1


def _fail(message: str, code: int) -> NoReturn:
    err.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(
        help="Documents (PDF, image, DOCX, XLSX, HTML, ...), or folders of them.")],
    schema: Annotated[str, typer.Option("--schema", "-s", help="JSON Schema file (or inline JSON).")],
    target: Annotated[str, typer.Option(help="per_doc | per_page | per_table_row.")] = "per_doc",
    pages: Annotated[str | None, typer.Option(help="Pages to read, e.g. 1-3,5.")] = None,
    max_pages: Annotated[int | None, typer.Option(help="Read at most this many pages.")] = None,
    backend: Annotated[str, typer.Option(help="Extraction engine.")] = "layout",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write results to this file.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f",
                                            help="json | jsonl | csv (default: --out's suffix, else json; "
                                                 "a terminal gets tables).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Files in parallel (processes).")] = 1,
    citations: Annotated[bool, typer.Option("--citations", help="Cite each value's page and text.")] = False,
    confidence: Annotated[bool, typer.Option("--confidence", help="Add per-field confidence.")] = False,
    debug: Debug = False,
) -> None:
    """Extract JSON that fits SCHEMA from each file (and each file in a folder), in this process (no server)."""
    from assay import local, render
    from assay.engines.base import engine_names

    with _one_line_errors(debug):
        if fmt is not None and fmt not in render.FORMATS:
            _fail(f"--format must be one of {', '.join(render.FORMATS)}.", 2)
        if backend not in engine_names():
            _fail(f"Unknown backend {backend!r}; available: {', '.join(engine_names())}.", 2)
        paths = _documents(files)
        options = {"extraction_target": target, "target_pages": pages, "max_pages": max_pages,
                   "cite_sources": citations, "confidence_scores": confidence}
        records: list[dict[str, object]] = []
        shown: list[local.Result | None] = []
        failed = 0  # the exit code: the worst failure
        with _progress(len(paths)) as progress:
            task = progress.add_task("Extracting", total=len(paths))
            for name, outcome in local.extract_many(paths, local.load_schema(schema)[0], jobs=jobs,
                                                    engine=backend, **options):
                progress.update(task, advance=1, description=f"Extracted {Path(name).name}")
                if isinstance(outcome, local.Result):
                    records.append(outcome.to_dict(metadata=citations or confidence))
                    shown.append(outcome)
                    for warning in outcome.warnings:
                        err.print(f"warning: {name}: {warning['message']}", markup=False, highlight=False,
                                  soft_wrap=True)
                else:
                    failed = max(failed, _exit_code(outcome))
                    records.append({"file": name, "error": outcome.message, "code": outcome.code})
                    shown.append(None)
                    err.print(f"error: {name}: {outcome.message}", markup=False, highlight=False,
                              soft_wrap=True)
        _show_results(records, shown, out, fmt, citations, confidence)
    if failed:
        raise typer.Exit(failed)


def _show_results(records: list[dict[str, object]], results: list[object], out: Path | None, fmt: str | None,
                  citations: bool, confidence: bool) -> None:
    """Records as JSON, JSON Lines or CSV; on a terminal, each result as tables (with the citations and
    confidence asked for)."""
    from assay import render
    from assay.local import Result

    if out is not None or fmt is not None or not console.is_terminal:
        _emit(render.dumps(records, render.format_for(str(out) if out else None, fmt)), out)
        if out is not None:
            err.print(f"Wrote {len(records)} result(s) to {out}.", highlight=False)
        return
    for record, result in zip(records, results, strict=True):
        if isinstance(result, Result):
            for table in render.tables(record, result.citations() if citations else None,
                                       result.confidences() if confidence else None):
                console.print(table)


def _progress(total: int):  # type: ignore[no-untyped-def]
    """A progress bar on stderr for two files or more: what was done last, n of N, time so far."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    return Progress(*columns, console=err, transient=True, disable=total < 2)


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="Document to parse.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown | json.")] = "markdown",
    pages: Annotated[str | None, typer.Option(help="Pages to read, e.g. 1-3,5.")] = None,
    tier: Annotated[str, typer.Option(help="fast (text layer only) | cost_effective (adds OCR, tables).")]
    = "cost_effective",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
    debug: Debug = False,
) -> None:
    """Parse a document into text with layout (Markdown) or the full document model (JSON)."""
    import json

    from assay import local
    from assay.parsers import document_to_json, document_to_markdown

    with _one_line_errors(debug):
        if fmt not in ("markdown", "json"):
            _fail("--format must be markdown or json.", 2)
        document = local.parse(file, target_pages=pages, tier=tier)
        text = document_to_markdown(document) if fmt == "markdown" else json.dumps(document_to_json(document))
        _emit(text.rstrip("\n") + "\n", out)


# ---------------------------------------------------------------- classify and split (local, no server)


def _documents(paths: list[Path]) -> list[Path]:
    """The files named, and the documents inside the folders named (recursively, by extension, so a folder's
    schemas and scripts are left out; hidden ones skipped), sorted."""
    from assay.parsers.sniff import has_document_extension

    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and has_document_extension(p.name)
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            found.append(path)
        else:
            _fail(f"No such file or folder: {path}", 2)
    if not found:
        _fail("No documents found.", 2)
    return found


def _described(values: list[str], option: str) -> list[tuple[str, str]]:
    """`NAME=DESCRIPTION` options as (name, description)."""
    pairs = []
    for value in values:
        name, _, description = value.partition("=")
        if not name.strip():
            _fail(f"{option} takes NAME=DESCRIPTION; got {value!r}.", 2)
        pairs.append((name.strip(), description.strip()))
    return pairs


def _llm(backend: str):  # type: ignore[no-untyped-def]
    if backend not in ("layout", "openai"):
        _fail("--backend must be layout or openai.", 2)
    return Settings().llm_options() if backend == "openai" else None


def _records(paths: list[Path], verb: str, run, record):  # type: ignore[no-untyped-def]
    """`record(path, run(path))` for every document (or an error record); and whether any failed."""
    records: list[dict[str, object]] = []
    failed = False
    for path, outcome in _each(paths, verb, run):
        if isinstance(outcome, Exception):
            failed = True
            records.append({"file": str(path), "error": str(outcome)})
        else:
            records.append(record(path, outcome))
    return records, failed


def _each(paths: list[Path], verb: str, run):  # type: ignore[no-untyped-def]
    """Run `run(path)` on every document with a progress bar; yields (path, outcome or AssayError)."""
    from assay.errors import AssayError

    with _progress(len(paths)) as progress:
        task = progress.add_task(verb, total=len(paths))
        for path in paths:
            progress.update(task, description=f"{verb} {path.name}")
            try:
                outcome = run(path)
            except AssayError as exc:
                err.print(f"error: {path}: {exc.message}", markup=False, highlight=False, soft_wrap=True)
                outcome = exc
            progress.advance(task)
            yield path, outcome


def _write_records(records: list[dict[str, object]], out: Path | None, table: Table) -> None:
    import json

    if out is not None or not console.is_terminal:
        _emit(json.dumps(records, indent=2) + "\n", out)
        if out is not None:
            err.print(f"Wrote {len(records)} result(s) to {out}.", highlight=False)
    else:
        console.print(table)


Backend = Annotated[str, typer.Option(help="layout (offline) | openai (the ASSAY_LLM_* model server).")]
Out = Annotated[Path | None, typer.Option("--out", "-o", help="Write JSON results to this file.")]


@app.command()
def classify(
    paths: Annotated[list[Path], typer.Argument(help="Documents, or folders of documents.")],
    rule: Annotated[list[str], typer.Option("--rule", "-r", help="TYPE=DESCRIPTION, once per rule.")],
    pages: Annotated[str | None, typer.Option(help="Pages to read, e.g. 1-2.")] = None,
    max_pages: Annotated[int | None, typer.Option(help="Read at most this many pages.")] = None,
    backend: Backend = "layout",
    out: Out = None,
    debug: Debug = False,
) -> None:
    """Which of the rules each document is (no type when none matches), with the evidence (no server)."""
    from assay import local
    from assay.domain.classification import Classification, Rule

    with _one_line_errors(debug):
        rules = [Rule(name, description) for name, description in _described(rule, "--rule")]
        llm = _llm(backend)
        table = Table("file", "type", "confidence", "reasoning")

        def record(path: Path, outcome: Classification) -> dict[str, object]:
            table.add_row(str(path), outcome.type or "—", f"{outcome.confidence:.2f}", outcome.reasoning)
            return {"file": str(path), "type": outcome.type, "confidence": outcome.confidence,
                    "reasoning": outcome.reasoning}

        records, failed = _records(_documents(paths), "Classifying", lambda p: local.classify(
            p, rules, engine=backend, llm=llm, target_pages=pages, max_pages=max_pages), record)
        _write_records(records, out, table)
    if failed:
        raise typer.Exit(1)


@app.command()
def split(
    paths: Annotated[list[Path], typer.Argument(help="Bundles (one file each), or folders of them.")],
    category: Annotated[list[str], typer.Option("--category", "-c", help="NAME=DESCRIPTION, once per category.")],
    uncategorized: Annotated[str, typer.Option(help="Pages that fit no category: include | omit | forbid.")]
    = "include",
    min_pages: Annotated[int, typer.Option(help="Fewest pages in a segment (shorter ones merge).")] = 1,
    instructions: Annotated[str | None, typer.Option(help="Guidance on boundaries (openai backend).")] = None,
    tier: Annotated[str, typer.Option(help="Parse tier: fast (text layer) | cost_effective (adds OCR).")] = "fast",
    backend: Backend = "layout",
    out: Out = None,
    debug: Debug = False,
) -> None:
    """Where each bundle's documents begin and end, and which category each is (no server)."""
    from assay import local
    from assay.domain.classification import UNCATEGORIZED, Category, Segment, SplitStrategy, Uncategorized

    with _one_line_errors(debug):
        if uncategorized not in {u.value for u in Uncategorized}:
            _fail("--uncategorized must be include, omit or forbid.", 2)
        categories = [Category(name, description) for name, description in _described(category, "--category")]
        strategy = SplitStrategy(Uncategorized(uncategorized), min_pages, instructions)
        llm = _llm(backend)
        table = Table("file", "pages", "category", "confidence")

        def record(path: Path, outcome: list[Segment]) -> dict[str, object]:
            segments = [{"category": s.category or UNCATEGORIZED, "pages": list(s.pages),
                         "confidence_category": s.confidence_category.value} for s in outcome]
            for s in segments:
                table.add_row(str(path), _ranges(s["pages"]), str(s["category"]), str(s["confidence_category"]))
            return {"file": str(path), "segments": segments}

        records, failed = _records(_documents(paths), "Splitting", lambda p: local.split(
            p, categories, strategy, engine=backend, llm=llm, tier=tier), record)
        _write_records(records, out, table)
    if failed:
        raise typer.Exit(1)


def _ranges(pages: list[int]) -> str:
    """[1, 2, 3, 5] → "1-3, 5"."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


@schema_app.command("generate")
def schema_generate(
    file: Annotated[Path | None, typer.Argument(help="An example document.")] = None,
    prompt: Annotated[str | None, typer.Option(help="The fields to extract, in words.")] = None,
    base: Annotated[Path | None, typer.Option("--from", help="A schema to refine and extend.")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the schema to this file.")] = None,
    debug: Debug = False,
) -> None:
    """Propose a data schema from an example FILE and/or a --prompt (offline heuristics)."""
    import json

    from assay import local
    from assay.pipeline.propose_schema import propose_schema

    with _one_line_errors(debug):
        if file is None and prompt is None and base is None:
            _fail("Give an example FILE, --prompt or --from.", 2)
        document = local.parse(file, max_pages=10) if file is not None else None
        data_schema = local.load_schema(base)[0] if base is not None else None
        proposed = propose_schema(document=document, prompt=prompt, data_schema=data_schema)
        _emit(json.dumps(proposed, indent=2, ensure_ascii=False) + "\n", out)


@schema_app.command("validate")
def schema_validate(
    file: Annotated[Path, typer.Argument(help="A JSON Schema file.")],
    debug: Debug = False,
) -> None:
    """Check a schema against Assay's rules; prints every problem (exit 2) or 'ok'."""
    from assay import local
    from assay.domain.schema import normalize_schema
    from assay.errors import SchemaError

    with _one_line_errors(debug):
        try:
            normalized = normalize_schema(local.load_schema(file)[0])
        except SchemaError as exc:
            for problem in exc.problems:
                err.print(f"error: {problem}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
        console.print(f"ok: {len(normalized.get('properties', {}))} top-level fields", highlight=False)


# ---------------------------------------------------------------- remote commands (a running server)

BaseUrl = Annotated[str | None, typer.Option(
    "--base-url", help=r"Server URL \[env: ASSAY_BASE_URL, else LLAMA_CLOUD_BASE_URL; default http://127.0.0.1:8000].")]
ApiKey = Annotated[str | None, typer.Option(
    "--api-key", help=r"API key \[env: ASSAY_API_KEY; LLAMA_CLOUD_API_KEY only with LLAMA_CLOUD_BASE_URL].")]


def _client(base_url: str | None, api_key: str | None):  # type: ignore[no-untyped-def]
    from assay import client

    return client.Client(*client.resolve(base_url, api_key))


def _print_json(value: object) -> None:
    import json

    sys.stdout.write(json.dumps(value, indent=2, default=str) + "\n")


@jobs_app.command("list")
def jobs_list(
    status: Annotated[str | None, typer.Option(help="PENDING, RUNNING, COMPLETED, FAILED, ...")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many, newest first.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    base_url: BaseUrl = None, api_key: ApiKey = None, debug: Debug = False,
) -> None:
    """List extract jobs, newest first."""
    with _one_line_errors(debug), _client(base_url, api_key) as remote:
        items = remote.list_jobs(status=status, limit=limit)
    if as_json or not console.is_terminal:
        _print_json(items)
        return
    table = Table("id", "status", "file", "created", "error")
    for job in items:
        table.add_row(job["id"], job["status"], job["file_input"], str(job["created_at"])[:19],
                      job.get("error_message") or "")
    console.print(table)


@jobs_app.command("get")
def jobs_get(
    job_id: str,
    metadata: Annotated[bool, typer.Option("--metadata", help="Include extract_metadata.")] = False,
    base_url: BaseUrl = None, api_key: ApiKey = None, debug: Debug = False,
) -> None:
    """Print one extract job (with its result) as JSON."""
    with _one_line_errors(debug), _client(base_url, api_key) as remote:
        _print_json(remote.get_job(job_id, ["configuration", *(["extract_metadata"] if metadata else [])]))


@jobs_app.command("cancel")
def jobs_cancel(job_id: str, base_url: BaseUrl = None, api_key: ApiKey = None, debug: Debug = False) -> None:
    """Cancel a queued or running extract job."""
    with _one_line_errors(debug), _client(base_url, api_key) as remote:
        job = remote.cancel_job(job_id)
    console.print(f"{job['id']} {job['status']}", highlight=False)


@files_app.command("upload")
def files_upload(
    files: Annotated[list[Path], typer.Argument(help="Files to upload.")],
    purpose: Annotated[str, typer.Option(help="extract | parse | user_data | ...")] = "extract",
    base_url: BaseUrl = None, api_key: ApiKey = None, debug: Debug = False,
) -> None:
    """Upload files; prints one `id<TAB>name` line per file."""
    with _one_line_errors(debug), _client(base_url, api_key) as remote:
        for path in files:
            record = remote.upload_file(path, purpose)
            print(f"{record['id']}\t{record['name']}")


@review_app.command("export")
def review_export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | csv (one row per array item).")] = "json",
    deployment: Annotated[str | None, typer.Option(help="Only this deployment_name.")] = None,
    collection: Annotated[str | None, typer.Option(help="Only this collection.")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
    base_url: BaseUrl = None, api_key: ApiKey = None, debug: Debug = False,
) -> None:
    """Export accepted review results, oldest first."""
    with _one_line_errors(debug), _client(base_url, api_key) as remote:
        _emit(remote.export_accepted(fmt, deployment_name=deployment, collection=collection), out)
@layouts_app.command("list")
def layouts_list(
    limit: Annotated[int, typer.Option(min=1, help="How many, newest first.")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    base_url: BaseUrl = None, api_key: ApiKey = None, debug: Debug = False,
) -> None:
    """List the project's remembered layouts, newest first."""
    with _one_line_errors(debug), _client(base_url, api_key) as remote:
        items = remote.list_layouts(limit=limit)
    if as_json or not console.is_terminal:
        _print_json(items)
        return
    table = Table("id", "name", "fields", "examples", "updated")
    for item in items:
        table.add_row(item["id"], item["name"], str(len(item["fields"])), str(len(item["examples"])),
                      str(item["updated_at"])[:19])
    console.print(table)


@layouts_app.command("show")
def layouts_show(layout_id: str, base_url: BaseUrl = None, api_key: ApiKey = None, debug: Debug = False) -> None:
    """Print one remembered layout as JSON: each field's places, their anchors and how often they were right."""
    with _one_line_errors(debug), _client(base_url, api_key) as remote:
        _print_json(remote.get_layout(layout_id))


@layouts_app.command("delete")
def layouts_delete(layout_id: str, base_url: BaseUrl = None, api_key: ApiKey = None, debug: Debug = False) -> None:
    """Forget a layout: its documents are read by the engine alone again."""
    with _one_line_errors(debug), _client(base_url, api_key) as remote:
        remote.delete_layout(layout_id)
    console.print(f"Deleted {layout_id}.", highlight=False)


@layouts_app.command("remember")
def layouts_remember(
    job_id: str,
    result: Annotated[Path, typer.Argument(help="A JSON file: the accepted (or corrected) extract_result.")],
    base_url: BaseUrl = None, api_key: ApiKey = None, debug: Debug = False,
) -> None:
    """Teach the layout of a completed extract job from its accepted result; prints the layout's id."""
    import json

    with _one_line_errors(debug), _client(base_url, api_key) as remote:
        layout = remote.remember_layout(job_id, json.loads(result.read_text()))
    print(layout["id"])


def main() -> None:
    app()
