"""The application factory: one FastAPI app serving one workspace.

Routes live in ``web/api/`` (JSON, described by ``/api/openapi.json``) and ``web/pages/`` (HTML);
each module there has a ``router`` and is included here in name order.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from medaid import __version__
from medaid.web import errors
from medaid.web.security import SecurityHeaders


@dataclass(frozen=True)
class ServerOptions:
    """How the server runs; None: from MEDAID_WEB_IDLE_MINUTES and MEDAID_WEB_MAX_UPLOAD_MB (30 min, 200 MB)."""

    idle_minutes: int | None = None
    max_upload_mb: int | None = None
    allow_http: bool = False  # drop the cookie's Secure flag: only for a trial on a plain-HTTP intranet address
    workers: int = 1  # worker processes serving the workspace: one alone keeps the store open while busy


def _routers(package: str) -> list[object]:
    module = importlib.import_module(package)
    found = []
    for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda m: m.name):
        found.append(importlib.import_module(f"{package}.{info.name}").router)
    return found


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """At shutdown, stop the analytics engine this process started (Spark's JVM and executors)."""
    from medaid.services.engine_life import stop_engine

    try:
        yield
    finally:
        stop_engine()


def create_app(root: Path, options: ServerOptions | None = None) -> FastAPI:
    """The app for the workspace at ``root`` (opened and migrated once, here)."""
    from medaid.services.server import prepare_server

    options = options or ServerOptions()
    served = prepare_server(root, workers=options.workers)
    app = FastAPI(
        title="medaid 城乡医疗救助与绩效评价",
        version=__version__,
        description="medaid 网页版的 JSON 接口。除 /api/health 与登录外均须登录；改变状态的请求须带 X-CSRF-Token。",
        openapi_url=None,  # served by web/api/session.py to signed-in users only (contract 6: only /api/health is open)
        docs_url=None,  # Swagger UI loads from a CDN: the description is /api/openapi.json
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.root = served.root
    app.state.served = served
    app.state.idle_minutes = options.idle_minutes or served.idle_minutes
    app.state.max_upload = (options.max_upload_mb or served.max_upload_mb) * 1024 * 1024
    app.state.secure_cookies = not options.allow_http
    errors.install(app)
    for router in _routers("medaid.web.api") + _routers("medaid.web.pages"):
        app.include_router(router)  # type: ignore[arg-type]
    static = Path(__file__).parent / "static"
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.add_middleware(SecurityHeaders, max_body=app.state.max_upload)
    return app
