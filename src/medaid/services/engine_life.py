"""The analytics engine's life in a long-running process (``medaid serve``): stopped when the server stops."""

from __future__ import annotations

from medaid.store import engine


def stop_engine() -> None:
    """Stop the sessions the analytics engine started in this process (Spark), if any."""
    engine.stop()
