"""The benchmark's report: the figures as Markdown tables, and each aim met or not."""

from __future__ import annotations

import tools
from bench_measuring import key
from tools import markdown_table, verdict

# Aims of issue 11 (and issue 4 for the layer).
AIM_MEDIAN_MS = 100
AIM_P95_MS = 250
AIM_LAYER_GZIP = 150 * 1024
AIM_MAP_WEIGHT = 500 * 1024


def kb(size: int) -> str:
    """A number of bytes in KB, for the tables."""
    return f"{size / 1024:.1f} KB"


def within_aim(run: tools.WrkRun) -> bool:
    """The speed aim of issue 11, for one load run: no failed answers either."""
    return (
        run.p50_ms <= AIM_MEDIAN_MS
        and run.p95_ms <= AIM_P95_MS
        and not run.errors
        and not run.bad_status
    )


def within_or_not(pages: list[dict], slow: list[str]) -> str:
    """How many pages are within the aim, naming the shorter of the two lists."""
    within = [key(t) for t in pages if key(t) not in slow]
    summary = f"{len(within)} of {len(pages)} within"
    if not slow:
        return summary
    if len(within) < len(slow):
        return f"{summary}: " + (", ".join(within) or "none")
    return f"{summary}; not: " + ", ".join(slow)


def report(
    options,
    size,
    small,
    large_counts,
    found,
    references,
    serial,
    loaded,
    with_users,
    after,
    weight,
    load_after,
) -> None:
    say = print
    say()
    say(f"Load average at the end of the load runs: {load_after['end']}")
    say()
    say(
        f"### Server time, sequential ({options.repeat} requests each, one at a time, new "
        "connection each, `Accept-Encoding: gzip`), and queries per request"
    )
    say()
    rows = []
    for target in references + found:
        name = key(target)
        figures = serial[name]
        small_count = small["counts"].get(name, "-") if target in found else "-"
        large_count = large_counts.get(name, "-") if target in found else "-"
        rows.append(
            [
                target["label"],
                target["who"],
                figures["status"],
                f"{figures['median']:.1f}",
                f"{figures['p95']:.1f}",
                kb(figures["bytes"]),
                str(small_count),
                str(large_count),
            ]
        )
    say(
        markdown_table(
            [
                "page",
                "as",
                "HTTP",
                "median ms",
                "p95 ms",
                "sent",
                f"queries at {small['size']['initiatives']}",
                f"at {size['initiatives']}",
            ],
            rows,
        )
    )

    say()
    say(f"### Under load: {options.connections} connections with no pause (throughput)")
    say()
    say(
        f"wrk, {options.duration} s per page, {options.workers} gunicorn workers: each "
        "connection asks again the moment it has its answer, so this shows how many "
        "requests per second the site serves, not what a visitor waits."
    )
    say()
    static_rps = loaded[key(references[0])].per_second
    minimal_rps = loaded[key(references[1])].per_second
    rows = []
    for target in references + found:
        run = loaded[key(target)]
        rows.append(
            [
                target["label"],
                target["who"],
                f"{run.per_second:.1f}",
                f"{run.p50_ms:.0f}",
                f"{run.p95_ms:.0f}",
                f"{run.p99_ms:.0f}",
                f"{run.errors}/{run.bad_status}",
                f"{load_after['per_target'][key(target)]:.1f}",
                f"{run.per_second / static_rps:.3f}" if static_rps else "-",
                f"{run.per_second / minimal_rps:.2f}" if minimal_rps else "-",
            ]
        )
    say(
        markdown_table(
            [
                "page",
                "as",
                "requests/s",
                "median ms",
                "p95 ms",
                "p99 ms",
                "errors/bad status",
                "load after",
                "÷ static",
                "÷ minimal view",
            ],
            rows,
        )
    )

    think = f"{options.think_min / 1000:g}\N{EN DASH}{options.think_max / 1000:g} s"
    say()
    say(f"### {options.connections} users, each waiting {think} between requests")
    say()
    say(
        f"{options.users_duration} s per page, {options.workers} gunicorn workers: each user "
        f"waits a random time between {options.think_min} and {options.think_max} ms, then "
        "connects and asks (the wait is not in the latency). The aim is judged here."
    )
    say()
    rows = []
    for target in references + found:
        run = with_users[key(target)]
        rows.append(
            [
                target["label"],
                target["who"],
                str(run.requests),
                f"{run.per_second:.1f}",
                f"{run.p50_ms:.1f}",
                f"{run.p95_ms:.1f}",
                f"{run.p99_ms:.1f}",
                f"{run.errors}/{run.bad_status}",
                f"{load_after['users'][key(target)]:.1f}",
                verdict(within_aim(run)) if target in found else "(reference)",
            ]
        )
    say(
        markdown_table(
            [
                "page",
                "as",
                "requests",
                "requests/s",
                "median ms",
                "p95 ms",
                "p99 ms",
                "errors/bad status",
                "load after",
                f"median ≤ {AIM_MEDIAN_MS}, p95 ≤ {AIM_P95_MS}",
            ],
            rows,
        )
    )
    bad_sessions = {name: status for name, status in after.items() if status != 200}
    say()
    if bad_sessions:
        say(f"Signed-in pages after the runs answered {bad_sessions}: the session did not hold.")
    else:
        say("Signed-in pages still answered 200 after the runs (the session held).")

    say()
    say("### Weight of the map page on a first visit (`Accept-Encoding: gzip, br`, tiles off)")
    say()
    rows = [
        [row["kind"], row["url"], row["encoding"], kb(row["sent"]), kb(row["raw"])]
        for row in weight
        if row["counted"]
    ]
    total = sum(row["sent"] for row in weight if row["counted"])
    raw_total = sum(row["raw"] for row in weight if row["counted"])
    rows.append(["total", "", "", f"**{kb(total)}**", kb(raw_total)])
    say(markdown_table(["kind", "resource", "encoding", "sent", "uncompressed"], rows))
    extra = [row for row in weight if not row["counted"]]
    if extra:
        say()
        say(
            "Files the stylesheets refer to (fetched only when a rule on the page uses them; "
            "not in the total):"
        )
        say()
        say(
            markdown_table(
                ["kind", "resource", "encoding", "sent"],
                [[row["kind"], row["url"], row["encoding"], kb(row["sent"])] for row in extra],
            )
        )
        say()
        say(f"With all of them: {kb(total + sum(row['sent'] for row in extra))}.")

    say()
    say("### Aims")
    say()
    slow = [key(t) for t in found if not within_aim(with_users[key(t)])]
    slow_without_pause = [key(t) for t in found if not within_aim(loaded[key(t)])]
    layer_rows = [
        (key(t), serial[key(t)]["bytes"])
        for t in found
        if t["path"].startswith("/kaart/lagen/initiatieven.geojson")
    ]
    grown = [
        f"{name}: {small['counts'].get(name)} → {count}"
        for name, count in large_counts.items()
        if small["counts"].get(name) != count
    ]
    rows = [
        [
            f"every page median ≤ {AIM_MEDIAN_MS} ms and p95 ≤ {AIM_P95_MS} ms at "
            f"{options.connections} users waiting {think} between requests",
            verdict(not slow),
            within_or_not(found, slow),
        ],
        [
            f"the same at {options.connections} connections with no pause",
            "(information)",
            within_or_not(found, slow_without_pause),
        ],
        [
            f"initiatives layer at {size['initiatives']} initiatives ≤ 150 KB gzip",
            verdict(all(size_ <= AIM_LAYER_GZIP for _name, size_ in layer_rows)),
            ", ".join(f"{name} {kb(size_)}" for name, size_ in layer_rows),
        ],
        ["map page on a first visit ≤ 500 KB", verdict(total <= AIM_MAP_WEIGHT), kb(total)],
        [
            f"no query count grows from {small['size']['initiatives']} to "
            f"{size['initiatives']} initiatives",
            verdict(not grown),
            "; ".join(grown) or "all the same",
        ],
    ]
    say(markdown_table(["aim", "", "figures"], rows))
