"""The fault drill's report: the figures of what happened around the outage, and the
aims missed."""

from __future__ import annotations

from outage import Timeline
from visits import Drill, Record


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def recovered_at(records: list[Record], back: float) -> float:
    """The first moment from which every request begun after the database was back
    succeeded (``back`` itself when none failed)."""
    failed_after = [r.started for r in records if r.started >= back and not r.ok]
    if not failed_after:
        return back
    last_failure = max(failed_after)
    later = [r.started for r in records if r.started > last_failure and r.ok]
    return min(later) if later else float("inf")


def saved_markers(kind: str, markers: list[str]) -> set[str]:
    from django.db import connections

    from conversations.models import Conversation
    from stories.models import Story

    connections.close_all()
    if kind == "story":
        return set(Story.objects.filter(title__in=markers).values_list("title", flat=True))
    return set(Conversation.objects.filter(learned__in=markers).values_list("learned", flat=True))


def report(drill: Drill, timeline: Timeline, begun: float, limit: float) -> list[str]:
    """Print the figures; return the aims missed."""
    records = sorted(drill.records, key=lambda r: r.started)
    missed: list[str] = []
    away = [r for r in records if r.ended >= timeline.stop_begun and r.started <= timeline.back]
    before = [r for r in records if r.ended < timeline.stop_begun]
    after = [r for r in records if r.started > timeline.back]
    failures = [r for r in records if not r.ok]
    server_errors = [r for r in records if r.status >= 500 and r.status != 503]
    wrong_503 = [
        r
        for r in records
        if r.status == 503 and not (r.unavailable_page and r.retry_after and r.dutch)
    ]
    tracebacks = [r for r in records if r.traceback]
    other = [r for r in failures if r.status not in (503,)]
    recovery = recovered_at(records, timeline.back)
    first_success = min(
        (r.ended for r in records if r.ok and r.ended >= timeline.back), default=None
    )
    writes = [r for r in records if r.write]
    successful_writes = [r for r in writes if r.ok]
    refused_writes = [r for r in writes if not r.ok]
    missing: list[Record] = []
    kept_anyway = 0
    for kind in ("story", "conversation"):
        of_kind = [r for r in writes if r.write == kind]
        saved = saved_markers(kind, [r.marker for r in of_kind])
        missing += [r for r in of_kind if r.ok and r.marker not in saved]
        kept_anyway += sum(1 for r in of_kind if not r.ok and r.marker in saved)

    def at(moment: float) -> str:
        return f"{moment - begun:6.2f} s"

    durations = [1000 * (r.ended - r.started) for r in records if r.ok]
    print()
    print("Fault drill")
    print(f"  requests             {len(records)} in {drill.deadline - begun:.0f} s")
    print(f"  clients              {len({r.who for r in records})}")
    print(
        f"  answer time (ok)     median {percentile(durations, 0.5):.0f} ms, "
        f"p95 {percentile(durations, 0.95):.0f} ms"
    )
    print(f"  database stop begun  {at(timeline.stop_begun)}")
    print(f"  database stopped     {at(timeline.stopped)}")
    print(f"  database start begun {at(timeline.start_begun)}")
    print(f"  database back        {at(timeline.back)}  (pg_ctl start -w returned)")
    print(
        f"  while away           {len(away)} requests: "
        f"{sum(1 for r in away if r.ok)} ok, {sum(1 for r in away if r.status == 503)} answered 503"
    )
    statuses: dict[int, int] = {}
    for r in records:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    print(f"  statuses             {dict(sorted(statuses.items()))}")
    if first_success is not None:
        print(
            f"  first success        {first_success - timeline.back:.2f} s "
            "after the database was back"
        )
    print(f"  recovered after      {recovery - timeline.back:.2f} s (every later request ok)")
    print(
        f"  writes               {len(writes)} sent: {len(successful_writes)} answered success, "
        f"{len(refused_writes)} answered 503"
    )
    print(
        f"  writes in database   {len(successful_writes) - len(missing)} of "
        f"{len(successful_writes)} successful writes; {kept_anyway} of the 503-answered "
        "ones were saved all the same"
    )
    print(f"  failures before stop {sum(1 for r in before if not r.ok)}")
    print(f"  failures after back  {sum(1 for r in after if not r.ok)}")

    if not any(r.status == 503 for r in away):
        missed.append("no request was answered while the database was away: nothing was tested")
    if server_errors:
        missed.append(f"{len(server_errors)} answers were 5xx other than 503")
    if wrong_503:
        missed.append(f"{len(wrong_503)} 503 answers lacked the Dutch page or Retry-After")
    if tracebacks:
        missed.append(f"{len(tracebacks)} answers showed a traceback")
    if other:
        missed.append(
            f"{len(other)} failures were not 503 (e.g. {other[0].status} {other[0].path})"
        )
    if any(not r.ok for r in before):
        missed.append("requests failed before the database was stopped")
    if first_success is None or first_success - timeline.back > limit:
        missed.append(f"no success within {limit:g} s of the database being back")
    if recovery - timeline.back > limit:
        missed.append(f"recovery took {recovery - timeline.back:.2f} s (aim: at most {limit:g} s)")
    if missing:
        missed.append(f"{len(missing)} writes answered with success are not in the database")
    for r in (server_errors + wrong_503 + tracebacks + other)[:5]:
        print(f"  e.g. {r.status} {r.method} {r.path} at {at(r.started)}: {r.note[:200]}")
    return missed
