"""The Markdown tables `make bench` prints: per database and size, the load test, side by side.

`results` is {(database label, size name): result}, a result holding the seeding figures, "pages"
(page cache off), "cache" (page cache on, in process) and "load" (wrk rows), in the order of
benchmarks/pages.py.
"""


def fmt(value):
    return "—" if value is None else f"{value:.1f}"


def title(database, size, result):
    return (
        f"{database}, {size}: {result['live_news']:,} live news items, "
        f"{result['facilities']:,} facilities, {result['projects']:,} projects, "
        f"{result['pets']:,} pets, {result['producers']:,} producers with "
        f"{result['products']:,} products"
    )


def _cache_cell(value, page, status):
    """A cached timing, or what the cache answered instead when it was not `status`."""
    seen = page["miss_status"] if status == "miss" else "/".join(map(str, page["hit_statuses"]))
    return fmt(value) if seen == status else f"{fmt(value)} (**{seen}**)"


def page_table(database, size, result, repeats):
    lines = [
        f"#### {title(database, size, result)}\n",
        f"Seeding {result['seed_s']:.1f} s, update_index {result['index_s']:.1f} s.\n",
        "| Page | URL | SQL queries | median ms | p95 ms | cache miss ms | cache hit median ms "
        "| cache hit p95 ms | queries on a hit |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for page, cached in zip(result["pages"], result["cache"], strict=True):
        n = page["samples"]
        fewer = "" if n >= repeats else " (1 request)" if n == 1 else f" ({n} requests)"
        lines.append(
            f"| {page['name']} | `{page['url']}` | {page['queries']} | {fmt(page['median_ms'])}"
            f"{fewer} | {fmt(page['p95_ms'])} | {_cache_cell(cached['miss_ms'], cached, 'miss')} "
            f"| {_cache_cell(cached['hit_median_ms'], cached, 'hit')} "
            f"| {fmt(cached['hit_p95_ms'])} | {cached['hit_queries']} |"
        )
    return "\n".join(lines)


def load_table(results):
    """One row per wrk target, one column per database and size: req/s (ratio to the mean of the
    runs just before and after it of the stylesheet, or for a page of a file of its own size)."""
    keys = list(results)
    head = " | ".join(f"{database} {size}" for database, size in keys)
    lines = [f"| Target | URL | {head} |", "|---|---|" + "--:|" * len(keys)]
    first = results[keys[0]]["load"]
    for i, row in enumerate(first):
        cells = []
        for key in keys:
            other = results[key]["load"][i]
            cell = f"{other['rps']:.1f} ({other['ratio']:.2f}×)"
            if "static_bytes" in other:
                size = other["static_bytes"]
                size = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"
                cell = f"{other['rps']:.1f} ({other['ratio']:.2f}× a {size} file)"
            if "static_runs" in other:
                runs = other["static_runs"]
                cell = f"{other['rps']:.1f} ({len(runs)} runs, {min(runs):.0f}–{max(runs):.0f})"
            if other["errors"]:
                cell += f" **{other['errors']} errors**"
            cells.append(cell)
        lines.append(f"| {row['name']} | `{row['url']}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def side_by_side(results):
    """Queries and p95 of each page, uncached, and its cache hit p95, for every run."""
    keys = list(results)
    names = [f"{database} {size}" for database, size in keys]
    head = " | ".join(
        [f"queries {n}" for n in names]
        + [f"p95 ms {n}" for n in names]
        + [f"hit p95 ms {n}" for n in names]
    )
    lines = [f"| Page | {head} |", "|---|" + "--:|" * 3 * len(keys)]
    for i, page in enumerate(results[keys[0]]["pages"]):
        rows = [results[key]["pages"][i] for key in keys]
        hits = [results[key]["cache"][i] for key in keys]
        cells = [str(r["queries"]) for r in rows]
        cells += [fmt(r["p95_ms"] if r["p95_ms"] is not None else r["median_ms"]) for r in rows]
        cells += [fmt(h["hit_p95_ms"]) for h in hits]
        lines.append(f"| {page['name']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def growing_queries(results):
    """Pages whose query count differs between the sizes of one database, as readable lines."""
    lines = []
    for database in dict.fromkeys(database for database, _ in results):
        keys = [key for key in results if key[0] == database]
        for i, page in enumerate(results[keys[0]]["pages"]):
            counts = [results[key]["pages"][i]["queries"] for key in keys]
            if len(set(counts)) > 1:
                counts = " → ".join(map(str, counts))
                lines.append(f"- {database}, {page['name']}: {counts} queries")
    return lines
