"""The home page through the proxy: two app nodes against one, in the same run. For `make bench`;
alone: `.venv/bin/python benchmarks/bench_cluster.py`.

Why: several app nodes are there to serve more visitors than one can. What they add on this
machine is the figure: both nodes share its two cores with nginx and wrk, so the ratio says how
much of a node's work the proxy spreads, not what a second server would add.

What: the cluster the cluster tests use (tests/cluster/harness.py: nginx with deploy/nginx.conf
over TLS, gunicorn nodes under production settings with --workers-per-node sync workers each,
PostgreSQL, Redis, moto's S3 server, a task worker), with the demo content. Once the task worker
has made the demo images' renditions (each one changes what pages show) and after a warm-up, wrk
(one thread, --connections) asks for the home page (a page cache hit) and, as the reference, the
stylesheet (a static file, served by the nodes' whitenoise) for --seconds each, alternately with
both nodes in the proxy's rotation and with node B taken out (`Cluster.take_out`: nginx reloaded
with B marked down), --rounds times. Every answer must be 200, and the home page's a page cache
hit: anything else, or a socket error, makes the script exit 1.

Prints a Markdown table to stdout.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]
from load import SCRIPT, WRK  # noqa: E402 (benchmarks/load.py)
from run import log, machine  # noqa: E402 (benchmarks/run.py)

from tests.cluster.harness import HOST, Cluster, Visitor  # noqa: E402


def wrk(script, port, path, seconds, connections):
    """One wrk run through the proxy; its summary with req/s."""
    command = [WRK, "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]
    command += ["-H", f"Host: {HOST}", "-s", str(script), f"https://127.0.0.1:{port}{path}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(ln for ln in output.splitlines() if ln.startswith("WRK-JSON "))
    summary = json.loads(line.removeprefix("WRK-JSON "))
    summary["rps"] = summary["requests"] / summary["seconds"] if summary["seconds"] else 0.0
    return summary


def stylesheet_path(cluster):
    html = Visitor().get(cluster.proxy, "/").text
    return html.split('rel="stylesheet" href="')[1].split('"')[0]


def measure(cluster, script, args):
    """{(nodes, target): [summaries]} over the rounds, and the errors seen."""
    port = cluster.proxy.port
    targets = {"home page": "/", "stylesheet": stylesheet_path(cluster)}
    for path in targets.values():  # every worker of both nodes reads it once
        wrk(script, port, path, 2, args.connections)
    runs, errors = {}, []
    for round_number in range(args.rounds):
        for nodes in (2, 1):
            if nodes == 1:
                cluster.take_out(1)
            for name, path in targets.items():
                log(f"round {round_number + 1}: {name}, {nodes} node(s)…")
                summary = wrk(script, port, path, args.seconds, args.connections)
                runs.setdefault((nodes, name), []).append(summary)
                bad = summary["not_200"] + summary["socket_errors"]
                bad += summary["not_hit"] if name == "home page" else 0
                if bad:
                    errors.append(f"{name}, {nodes} node(s): {summary}")
            if nodes == 1:
                cluster.put_back(1)
    return runs, errors


def report(args, runs, errors):
    print("## Two app nodes against one, through the proxy (`benchmarks/bench_cluster.py`)\n")
    print(f"Machine: {machine()}; load average {os.getloadavg()[0]:.2f} at the end.\n")
    print(
        f"nginx (TLS, deploy/nginx.conf) → gunicorn nodes of {args.workers_per_node} sync "
        f"worker(s); wrk 1 thread, {args.connections} connections, {args.seconds} s per run, "
        f"{args.rounds} rounds alternating 2 nodes and 1 node.\n"
    )
    print("| target | req/s, 2 nodes | req/s, 1 node | 2 nodes ÷ 1 node | p95 ms, 2 / 1 | errors |")
    print("|---|--:|--:|--:|--:|--:|")
    for name in ("home page", "stylesheet"):
        two, one = runs[(2, name)], runs[(1, name)]
        rate_two = statistics.mean(s["rps"] for s in two)
        rate_one = statistics.mean(s["rps"] for s in one)
        p95_two = statistics.mean(s["p95_ms"] for s in two)
        p95_one = statistics.mean(s["p95_ms"] for s in one)
        bad = sum(s["not_200"] + s["socket_errors"] for s in two + one)
        print(
            f"| {name} | {rate_two:.0f} | {rate_one:.0f} | {rate_two / rate_one:.2f}× "
            f"| {p95_two:.0f} / {p95_one:.0f} | {bad} |"
        )
    print()
    for error in errors:
        print(f"- **error**: {error}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/8")
    # One: a node stands for one machine's share of these two cores (nginx and wrk take the rest).
    parser.add_argument("--workers-per-node", type=int, default=1)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not Path(WRK).exists():
        sys.exit(f"The cluster bench needs wrk ({WRK}): apt-get install wrk.")
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        log("starting the cluster (demo content, two nodes, nginx)…")
        script = Path(tmp) / "count.lua"
        script.write_text(SCRIPT)
        with Cluster(
            Path(tmp) / "cluster",
            demo=True,
            postgres=args.postgres_url,
            redis=args.redis_url,
            workers_per_node=args.workers_per_node,
        ) as cluster:
            log("waiting for the task worker to make the demo images' renditions…")
            cluster.wait_for_worker()
            runs, errors = measure(cluster, script, args)
    report(args, runs, errors)
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
