"""Load test of ``flytt serve`` (never part of the test suite): concurrent clients on
loopback, a bounded number of requests, p50/p95 latency and errors per URL.

    python benchmarks/bench_dashboard.py [--clients 50] [--requests 10000] [--max-seconds 60]

Starts the dashboard (``flytt serve``) on a free loopback port in a subprocess, warms every
URL once (first answers are computed, later ones come from the cache), then lets
``--clients`` concurrent clients fetch the barometer page — the HTML page and the JSON
view it loads for the municipal panel — until ``--requests`` requests are done or
``--max-seconds`` have passed. Target: p95 under 200 ms for the barometer page.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field

URLS = (
    "/barometer",
    "/api/barometer?period=2022-2024&level=municipality&stream=all&lang=en",
    "/api/barometer?period=2019-2021&level=municipality&stream=all&lang=en",
    "/api/barometer/history?code=0301&level=municipality&stream=all&lang=en",
)
"""The barometer page: HTML, its data for two periods, and a municipality's history."""


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    cpu_at_start: tuple[float, float] = (0.0, 0.0)
    """Server and client CPU seconds when the timed part began (after the warm-up)."""
    began: float = 0.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server process so far (Linux ``/proc``)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "flytt.cli.app", "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=os.environ.copy())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the dashboard did not start")


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str,
                url: str) -> int:
    """One GET on a kept-alive HTTP/1.1 connection, body read in full; returns the status.
    (A bare client: an HTTP library would spend more CPU than the server on this box.)"""
    writer.write(f"GET {url} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: gzip\r\n\r\n"
                 .encode("ascii"))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in
               (line.partition(":") for line in lines[1:] if line)}
    await reader.readexactly(int(headers["content-length"]))
    return status


async def run(base: str, clients: int, requests: int, max_seconds: float,
              server_pid: int) -> Stats:
    host = base.split("//", 1)[1]
    address, port = host.split(":")
    stats = Stats({u: [] for u in URLS}, {u: 0 for u in URLS})
    connections = [await asyncio.open_connection(address, int(port)) for _ in range(clients)]
    for url in URLS:  # warm-up: compute once
        if await fetch(*connections[0], host, url) != 200:
            raise SystemExit(f"{url} failed")
    stats.cpu_at_start = (server_cpu_seconds(server_pid), time.process_time())
    stats.began = time.perf_counter()
    counter = iter(range(requests))
    deadline = time.monotonic() + max_seconds

    async def worker(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for i in counter:
            if time.monotonic() > deadline:
                return
            url = URLS[i % len(URLS)]
            start = time.perf_counter()
            try:
                ok = await fetch(reader, writer, host, url) == 200
            except (OSError, asyncio.IncompleteReadError, ValueError, KeyError):
                ok = False
            stats.latencies[url].append(time.perf_counter() - start)
            stats.errors[url] += not ok
            if not ok:
                return

    await asyncio.gather(*(worker(r, w) for r, w in connections))
    for _, writer in connections:
        writer.close()
    return stats


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 \
        else (values[0] if values else float("nan"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--max-seconds", type=float, default=60)
    args = parser.parse_args()
    port = free_port()
    server = start_server(port)
    try:
        stats = asyncio.run(run(f"http://127.0.0.1:{port}", args.clients, args.requests,
                                args.max_seconds, server.pid))
        elapsed = time.perf_counter() - stats.began
        server_cpu = server_cpu_seconds(server.pid) - stats.cpu_at_start[0]
        client_cpu = time.process_time() - stats.cpu_at_start[1]
    finally:
        server.terminate()
        server.wait(timeout=10)
    total = sum(len(v) for v in stats.latencies.values())
    print(f"{args.clients} clients, {total} requests in {elapsed:.1f} s "
          f"({total / elapsed:.0f} req/s), errors: {sum(stats.errors.values())}; "
          f"CPU after warm-up: server {server_cpu:.1f} s, load client {client_cpu:.1f} s, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'url':72} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
    everything = []
    for url, values in stats.latencies.items():
        everything += values
        print(f"{url:72} {len(values):5} {percentile(values, 50) * 1000:8.1f} "
              f"{percentile(values, 95) * 1000:8.1f} {stats.errors[url]:6}")
    print(f"{'all':72} {len(everything):5} {percentile(everything, 50) * 1000:8.1f} "
          f"{percentile(everything, 95) * 1000:8.1f} {sum(stats.errors.values()):6}")


if __name__ == "__main__":
    main()
