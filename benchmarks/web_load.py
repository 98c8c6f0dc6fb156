"""Benchmark: 50 users browsing the web application on a city workspace.

    .venv/bin/python benchmarks/web_load.py                          # generates and imports a city first
    .venv/bin/python benchmarks/web_load.py --workspace WS           # reuses WS (built there when missing)
    .venv/bin/python benchmarks/web_load.py --workspace WS --think 0 # no reading time: the server's capacity
    .venv/bin/python benchmarks/web_load.py --workspace WS --profile /api/warnings   # one request, profiled

Builds (or reuses) a city workspace the way benchmarks/report.py does (``generate_data`` then
``run_pipeline``: import, monthly verification, warnings, survey, judgments), adds the load-test
accounts (finance and evaluator: no second factor), starts ``medaid serve`` on 127.0.0.1 in a
subprocess and signs in one session per user. After one cold request to each address (timed
apart: the first request after sign-in may compute what later ones reuse), USERS concurrent
users browse the dashboard, the verification ledger and the warnings for SECONDS seconds or
MAX_REQUESTS requests, whichever comes first. Each user, in turn, opens a page as a browser does
(the page, then its scripts and styles, revalidated with their ETag once the browser has them) or
reads its JSON twin as a script does, then reads it for a time drawn from THINK (uniform, seconds)
before the next. ``--think 0`` sends the next request at once: that measures how many requests the
server answers per second, not how users fare. Prints p50, p95, max, requests/s and errors as a
markdown table; the goal is p95 < 300 ms and no error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ADDRESSES = ("/", "/api/dashboard", "/verification", "/api/verification", "/warnings", "/api/warnings")
PASSWORD = "Load-Test-2023!"
ROLES = ("finance", "evaluator")  # no second factor: fifty sign-ins without fifty authenticator apps
GOAL_P95_MS = 300.0
THINK = (1.0, 3.0)  # seconds a user reads a page before the next (uniform); real readers of a ledger take longer
ASSET = re.compile(r'(?:src|href)="(/static/[^"]+)"')


@dataclass
class Sample:
    address: str
    ms: float
    status: int


@dataclass
class Run:
    samples: list[Sample] = field(default_factory=list)
    cold: list[Sample] = field(default_factory=list)
    seconds: float = 0.0


def build_workspace(folder: Path, scale: str) -> Path:
    """A city (or other scale) workspace as benchmarks/report.py builds it; reused when already there."""
    from medaid.services.demo import COUNTY_FRAMEWORK, generate_data, run_pipeline

    root = folder / "ws"
    if (root / "medaid.yaml").exists():
        return root
    start = time.perf_counter()
    generate_data(folder / "data", int(scale) if scale.isdigit() else scale, seed=2023, year=2023)
    run_pipeline(folder / "data", root, year=2023, month="2023-12", framework=COUNTY_FRAMEWORK)
    print(f"built {root} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return root


def accounts(root: Path, users: int) -> list[str]:
    """``users`` load-test accounts, half finance and half evaluator (made once, reused)."""
    from medaid.services.accounts import add_account, list_accounts

    have = {a.name for a in list_accounts(root)}
    names = []
    for i in range(users):
        role = ROLES[i % len(ROLES)]
        name = f"load-{role}-{i:02d}"
        if name not in have:
            add_account(root, name, role, password=PASSWORD, actor="web_load")
        names.append(name)
    return names


def size(root: Path) -> dict[str, int]:
    from medaid.workspace import Workspace

    counts = {}
    with Workspace.open(root).connect(read_only=True) as con:
        for table in ("settlements", "recipients"):
            found = con.execute(f"SELECT count(*) FROM {table}").fetchone()  # two fixed names
            counts[table] = int(found[0]) if found else 0
    return counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(root: Path, port: int, log: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    medaid = Path(sys.executable).with_name("medaid")
    command = [str(medaid), "serve", str(root), "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    with log.open("wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"medaid serve stopped (exit {server.returncode}); see {log}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    stop_server(server)
    raise SystemExit(f"medaid serve did not answer within 120 s; see {log}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


async def sign_in(base: str, name: str) -> dict[str, str]:
    """The headers of one signed-in browser: the session cookie (Secure, so set by hand over loopback
    HTTP) and its CSRF token."""
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        answer = await client.post("/api/session", json={"name": name, "password": PASSWORD})
        answer.raise_for_status()
        token = answer.cookies["medaid_session"]
        return {"Cookie": f"medaid_session={token}", "X-CSRF-Token": answer.json()["csrf"]}


async def fetch(client: object, address: str, headers: dict[str, str] | None = None) -> tuple[Sample, object]:
    import httpx

    assert isinstance(client, httpx.AsyncClient)
    accept = "application/json" if address.startswith("/api/") else "text/html"
    start = time.perf_counter()
    answer = None
    try:
        answer = await client.get(address, headers={"Accept": accept, **(headers or {})})
        status = answer.status_code
    except httpx.HTTPError:
        status = 0
    return Sample(address, (time.perf_counter() - start) * 1000, status), answer


async def view(client: object, address: str, etags: dict[str, str]) -> list[Sample]:
    """One page view: the page, then (for a page) its scripts and styles at once, as a browser fetches them;
    one the browser already has is revalidated with its ETag (304)."""
    import httpx

    sample, answer = await fetch(client, address)
    if not isinstance(answer, httpx.Response) or address.startswith("/api/") or sample.status != 200:
        return [sample]
    assets = sorted(set(ASSET.findall(answer.text)))

    async def asset(path: str) -> Sample:
        got, response = await fetch(client, path, {"If-None-Match": etags[path]} if path in etags else None)
        if isinstance(response, httpx.Response) and "etag" in response.headers:
            etags[path] = response.headers["etag"]
        return Sample("/static/…", got.ms, 200 if got.status == 304 else got.status)

    return [sample, *await asyncio.gather(*(asset(p) for p in assets))]


async def browse(base: str, names: list[str], seconds: float, max_requests: int, think: tuple[float, float]) -> Run:
    import httpx

    sessions = [await sign_in(base, name) for name in names]  # one after another, as people arrive
    run = Run()
    limits = httpx.Limits(max_connections=len(names) + 5)
    clients = [httpx.AsyncClient(base_url=base, headers=h, timeout=120, limits=limits) for h in sessions]
    try:
        for address in ADDRESSES:  # cold: the first request to each address after the sign-ins
            run.cold.append((await fetch(clients[0], address))[0])
        deadline = time.perf_counter() + seconds
        started = time.perf_counter()
        chance = random.Random(2023)

        async def user(i: int, client: httpx.AsyncClient) -> None:
            step, etags = i, {}
            await asyncio.sleep(chance.uniform(0, think[1]))  # people do not all click at the same instant
            while time.perf_counter() < deadline and len(run.samples) < max_requests:
                run.samples.extend(await view(client, ADDRESSES[step % len(ADDRESSES)], etags))
                step += 1
                if think[1] > 0:
                    await asyncio.sleep(chance.uniform(*think))

        await asyncio.gather(*(user(i, c) for i, c in enumerate(clients)))
        run.seconds = time.perf_counter() - started
    finally:
        for client in clients:
            await client.aclose()
    return run


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))] if ordered else 0.0


def table(run: Run) -> str:
    lines = ["| address | requests | p50 ms | p95 ms | max ms | errors | cold ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    cold = {s.address: s for s in run.cold}
    for address in (*ADDRESSES, "/static/…", "all"):
        got = [s for s in run.samples if address in ("all", s.address)]
        ms = [s.ms for s in got]
        errors = sum(1 for s in got if s.status != 200)
        first = cold.get(address)
        cold_text = f"{first.ms:.0f}" + ("" if first.status == 200 else f" ({first.status})") if first else "—"
        p50 = statistics.median(ms) if ms else 0
        lines.append(f"| {address} | {len(got)} | {p50:.0f} | {percentile(ms, 95):.0f} | {max(ms, default=0):.0f} | "
                     f"{errors} | {cold_text} |")  # fmt: skip
    return "\n".join(lines)


def profile(root: Path, address: str, name: str) -> None:
    """One request in process under cProfile, after a warm-up request: where its time goes. The app runs on
    this thread (its thread pool replaced by a direct call) so that the profile sees the route's work."""
    import cProfile
    import pstats

    import anyio.to_thread
    import httpx

    from medaid.web.app import create_app

    async def inline(func: object, *args: object, **_: object) -> object:
        return func(*args)  # type: ignore[operator]

    anyio.to_thread.run_sync = inline  # type: ignore[assignment]
    app = create_app(root)

    async def run() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver", timeout=600) as client:
            signed = await client.post("/api/session", json={"name": name, "password": PASSWORD})
            signed.raise_for_status()
            client.cookies.set("medaid_session", signed.cookies["medaid_session"])
            headers = {"Accept": "application/json" if address.startswith("/api/") else "text/html"}
            for label in ("warm-up", "profiled"):
                profiler = cProfile.Profile()
                start = time.perf_counter()
                profiler.enable()
                answer = await client.get(address, headers=headers)
                profiler.disable()
                print(f"{label} {address}: {answer.status_code}, {(time.perf_counter() - start) * 1000:.0f} ms")
                if label == "profiled":
                    stats = pstats.Stats(profiler).sort_stats("cumulative")
                    stats.print_stats(r"medaid|duckdb|ibis|sqlalchemy|jinja", 25)

    asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workspace", type=Path, default=None, help="a workspace to reuse (built there when missing)")
    parser.add_argument("--scale", default="city", help="county, city, province or a number of settlements")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes of medaid serve")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--think", default=f"{THINK[0]:g},{THINK[1]:g}",
                        help="seconds a user reads a page: MIN,MAX (uniform); 0: none (capacity)")  # fmt: skip
    parser.add_argument("--profile", metavar="ADDRESS", default=None, help="profile one request instead of the load")
    args = parser.parse_args()

    low, _, high = args.think.partition(",")
    think = (float(low), float(high or low))
    folder = args.workspace.parent if args.workspace else Path(tempfile.mkdtemp(prefix="medaid-web-load-"))
    root = args.workspace if args.workspace and (args.workspace / "medaid.yaml").exists() else None
    root = root or build_workspace(folder, args.scale)
    names = accounts(root, args.users)
    if args.profile:
        profile(root, args.profile, names[0])
        return
    counts = size(root)
    port = free_port()
    log = folder / "web_load-server.log"
    server = start_server(root, port, log, args.workers)
    try:
        run = asyncio.run(browse(f"http://127.0.0.1:{port}", names, args.seconds, args.max_requests, think))
    finally:
        stop_server(server)
    ms = [s.ms for s in run.samples]
    errors = sum(1 for s in run.samples if s.status != 200)
    kinds: dict[str, int] = {}
    for s in run.samples:
        if s.status != 200:
            kind = "timeout or connection" if s.status == 0 else str(s.status)
            kinds[kind] = kinds.get(kind, 0) + 1
    summary = {"workspace": str(root), **counts, "users": len(names), "think_seconds": list(think),
               "workers": args.workers, "seconds": round(run.seconds, 1),
               "requests": len(ms), "requests_per_second": round(len(ms) / run.seconds, 1) if run.seconds else 0,
               "p50_ms": round(statistics.median(ms), 1) if ms else None, "p95_ms": round(percentile(ms, 95), 1),
               "max_ms": round(max(ms, default=0), 1), "errors": errors, "errors_by_kind": kinds,
               "goal_met": bool(ms) and percentile(ms, 95) < GOAL_P95_MS and errors == 0}  # fmt: skip
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    print(table(run))
    print(f"server log: {log}")


if __name__ == "__main__":
    main()
