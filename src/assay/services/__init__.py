"""Use cases shared by the HTTP API, the CLI and the workers. They take a Session and never commit:
the caller's unit of work (a request, a worker step) commits."""
