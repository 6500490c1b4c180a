"""Requests per second under gunicorn, measured with wrk, each as a ratio to a static file.

Why wrk: a Python thread loop competes with gunicorn for the machine's two cores and measures
itself as much as the server. wrk is one small C process (one thread here).

Why ratios: other jobs share this machine, so absolute req/s move from run to run. The static file
(served by whitenoise, in the same gunicorn workers, before any view runs) is the ceiling: no
page can be served faster than a file from memory. /healthz is measured between two runs of the
stylesheet, and its ratio is to their mean. Each page is measured between two runs of a static
file of exactly its own size (written before the server starts): the feed.ics of 4,000 facilities
is 2.3 MB, the stylesheet 13 KB, and at such sizes copying bytes weighs as much as the server's
work. A cache hit should reach at least half of its file.

Two servers per database and size, both with production settings and 2 sync workers: one with the
page cache on (static file, /healthz, then the cache hits of the pages marked `load` in
benchmarks/pages.py) and one with it off (the same pages, every request rendered: the misses).
Every response's status and X-Page-Cache header are counted by a small Lua script; a non-200, a
socket error, or a "hit" row with a response that is not a hit is an error.
"""

import http.client
import json
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

WRK = shutil.which("wrk") or "/usr/bin/wrk"
ROOT = Path(__file__).resolve().parent.parent
# Static files of each page's size, compared with its hits (see same_size_files).
SAME_SIZE_DIR = ROOT / "static_collected" / "bench-same-size"
# Counts answers other than 200 and, where a hit is expected, answers that are not hits; prints
# the summary as one JSON line.
SCRIPT = """
-- Globals, not locals: done() reads each thread's counts with thread:get().
not_200, not_hit = 0, 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body)
  if status ~= 200 then not_200 = not_200 + 1 end
  if headers["X-Page-Cache"] ~= "hit" then not_hit = not_hit + 1 end
end
function done(summary, latency, requests)
  local bad, misses = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_200")
    misses = misses + thread:get("not_hit")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %d, "seconds": %f, "not_200": %d, "not_hit": %d, '
    .. '"socket_errors": %d, "p50_ms": %f, "p95_ms": %f}\\n',
    summary.requests, summary.duration / 1e6, bad, misses,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


class LoadTest:
    """wrk runs against one server at a time, `connections` open connections for `seconds`."""

    def __init__(self, tmp, connections, seconds):
        self.tmp, self.connections, self.seconds = Path(tmp), connections, seconds
        self.script = self.tmp / "count.lua"
        self.script.write_text(SCRIPT)

    def wrk(self, port, path, seconds):
        """One wrk run against 127.0.0.1:port; its summary as a dict, with req/s."""
        command = [WRK, "-t1", f"-c{self.connections}", f"-d{seconds}s", "--timeout", "30s"]
        command += ["-s", str(self.script), f"http://127.0.0.1:{port}{path}"]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
        line = next(ln for ln in output.splitlines() if ln.startswith("WRK-JSON "))
        summary = json.loads(line.removeprefix("WRK-JSON "))
        summary["rps"] = summary["requests"] / summary["seconds"] if summary["seconds"] else 0.0
        settle(port)
        return summary

    def measure(self, port, name, path, hit_expected=False, warm_up=True):
        """Warm up (every worker renders or reads the page once), then measure one target."""
        if warm_up:
            self.wrk(port, path, 1)
        row = dict(name=name, url=path, **self.wrk(port, path, self.seconds))
        if not hit_expected:
            row["not_hit"] = 0  # nothing to count: the static file and uncached pages
        row["errors"] = row["not_200"] + row["socket_errors"] + row["not_hit"]
        if row["not_200"]:
            # What the failing answers were: one more request, its status and the start of its body.
            status, body = fetch(port, path)
            row["failure_sample"] = f"{status} {body[:300].decode(errors='replace')!r}"
        return row

    def serve(self, port, label, targets, static_url, same_size=None):
        """The targets, each between two runs of the static file: its ratio is to their mean, so
        that a burst of other work on the machine moves both sides of the ratio alike. A target in
        `same_size` ({path: (static path, bytes)}, every page) is compared with a static file of
        its own size instead, run before and after it too."""
        same_size = same_size or {}
        statics = [self.measure(port, "static file", static_url)]
        rows = []
        for name, path, hit_expected in targets:
            sized = same_size.get(path)
            if sized:
                before = self.measure(port, "static file of the same size", sized[0])
            row = self.measure(port, name, path, hit_expected)
            statics.append(self.measure(port, "static file", static_url, warm_up=False))
            row["static_rps"] = (statics[-2]["rps"] + statics[-1]["rps"]) / 2
            if sized:
                after = self.measure(port, "static file of the same size", sized[0], warm_up=False)
                row["static_rps"] = (before["rps"] + after["rps"]) / 2
                row["static_bytes"] = sized[1]
            rows.append(row)
        rates = [static["rps"] for static in statics]
        static = dict(
            statics[0],
            name=f"static file, server with the page cache {label} (mean of its runs)",
            rps=sum(rates) / len(rates),
            static_runs=rates,
            static_rps=sum(rates) / len(rates),
            errors=sum(s["errors"] for s in statics),
            not_200=sum(s["not_200"] for s in statics),
            socket_errors=sum(s["socket_errors"] for s in statics),
        )
        return [static, *rows]

    def run(self, gunicorn, env, pages, static_url, log):
        """[rows] for the static file, /healthz, cache hits and misses of the `load` pages."""
        targets = [(page["name"], page["url"]) for page in pages if page["load"]]
        cache_dir = self.tmp / "page_cache_load"
        shutil.rmtree(cache_dir, ignore_errors=True)
        cached = {**env, "PAGE_CACHE_ENABLED": "true", "PAGE_CACHE_DIR": str(cache_dir)}
        # Whitenoise lists the static files when a worker starts: the same-size files are
        # written, from the pages' sizes (each read once here), before the measuring server.
        with gunicorn(cached, self.tmp / "gunicorn.log") as port:
            same_size = same_size_files([url for _name, url in targets], port)
        try:
            with gunicorn(cached, self.tmp / "gunicorn.log") as port:
                hits = [(f"{name}, cache hit", url, True) for name, url in targets]
                targets_on = [("/healthz", "/healthz", False), *hits]
                rows = self.serve(port, "on", targets_on, static_url, same_size)
            uncached = {**env, "PAGE_CACHE_ENABLED": "false"}
            with gunicorn(uncached, self.tmp / "gunicorn.log") as port:
                misses = [(f"{name}, cache off", url, False) for name, url in targets]
                rows += self.serve(port, "off", misses, static_url, same_size)
        finally:
            shutil.rmtree(SAME_SIZE_DIR, ignore_errors=True)
        for row in rows:
            row["ratio"] = row["rps"] / row["static_rps"] if row["static_rps"] else 0.0
            log(
                f"    {row['name']}: {row['rps']:.1f} req/s ({row['ratio']:.2f}× static), "
                f"{row['errors']} errors"
            )
        return rows


def settle(port, workers=2):
    """Wait until the requests wrk left queued when it stopped are served: one /healthz per
    worker, sent together, answers only once the queue in front of it is empty."""

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(fetch, [port] * workers, ["/healthz"] * workers))


def same_size_files(paths, port):
    """{path: (static path, bytes)}: for each page, a file of exactly its size in
    static_collected/, the fair ceiling for a body that size (a 76 KB feed or a 2.3 MB one is
    bound by copying bytes as much as by the server's work; the stylesheet is 13 KB)."""
    SAME_SIZE_DIR.mkdir(parents=True, exist_ok=True)
    files = {}
    for index, path in enumerate(paths):
        size = len(fetch(port, path)[1])
        name = f"{index}-{size}.bin"
        (SAME_SIZE_DIR / name).write_bytes(b"x" * size)
        files[path] = (f"/static/{SAME_SIZE_DIR.name}/{name}", size)
    return files


def fetch(port, path):
    """(status, body) of one GET to the server on 127.0.0.1:port."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def static_url(root):
    """The manifest name of the portal's stylesheet, as the pages link to it."""
    manifest = json.loads((root / "static_collected" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/portal.css"]
