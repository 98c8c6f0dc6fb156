"""The server stops the analytics engine it started (Spark's JVM and executors) when it shuts down."""

from __future__ import annotations

import asyncio
import sys

from fastapi import FastAPI

from medaid.services import engine_life
from medaid.store import engine
from medaid.web import app as web_app


def test_the_server_stops_the_engine_at_shutdown(monkeypatch):
    stopped: list[str] = []
    monkeypatch.setattr(engine_life.engine, "stop", lambda: stopped.append("stop"))

    async def serve_and_shut_down() -> None:
        async with web_app._lifespan(FastAPI()):
            assert not stopped  # running: nothing stopped

    asyncio.run(serve_and_shut_down())
    assert stopped == ["stop"]


def test_stopping_the_engine_stops_spark_only_when_it_was_loaded(monkeypatch):
    class Loaded:
        calls = 0

        def stop_all(self) -> None:
            Loaded.calls += 1

    monkeypatch.delitem(sys.modules, "medaid.store.spark", raising=False)
    engine.stop()  # DuckDB only: nothing to stop, pyspark not imported
    assert Loaded.calls == 0
    monkeypatch.setitem(sys.modules, "medaid.store.spark", Loaded())
    engine.stop()
    assert Loaded.calls == 1
