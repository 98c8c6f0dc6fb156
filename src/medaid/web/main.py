"""The app as uvicorn starts it in each worker process (``medaid serve``): the workspace and options
come from the ``_MEDAID_SERVE`` variable that ``medaid serve`` sets (internal, not a setting)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from fastapi import FastAPI

from medaid.web.app import ServerOptions, create_app

SERVE_VARIABLE = "_MEDAID_SERVE"


def serve_variable(root: Path, options: ServerOptions) -> str:
    return json.dumps({"root": str(root), "allow_http": options.allow_http, "idle_minutes": options.idle_minutes,
                       "max_upload_mb": options.max_upload_mb, "workers": options.workers})  # fmt: skip


def app_from_environment() -> FastAPI:
    given = json.loads(os.environ[SERVE_VARIABLE])
    options = ServerOptions(idle_minutes=given["idle_minutes"], max_upload_mb=given["max_upload_mb"],
                            allow_http=bool(given["allow_http"]), workers=int(given.get("workers", 1)))  # fmt: skip
    return create_app(Path(given["root"]), options)
