"""The application layer: one function per user operation.

Each service takes typed inputs, calls the domain (ingest, analytics, policy, evaluation,
survey, reports) and returns a result object with ``to_dict()``. The faces — the CLI now,
the web next — parse, call one service and render; they hold no business logic. Services
raise ``medaid.errors.MedaidError`` for anything a user must fix, and never print.

Import a service module directly (``from medaid.services import imports``): this package
imports none of them, so a face loads only what its command needs.
"""
