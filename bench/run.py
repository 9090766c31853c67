"""``make bench``: for each size, a fresh bench Neo4j, the synthetic organisation loaded
through ``peernet import`` (against the floor), the jobs, then the API; a table on stdout and
``bench/results.json``.

Switches (environment):
  BENCH_SIZES=1000,10000     managers per organisation (100000 works too)
  BENCH_ONLY=import,jobs,api what to measure (the data is always loaded)
  BENCH_IMPORT_REPEAT=2      floor/import pairs per size, best of each kept (1 above 1,000)
  BENCH_KEEP=1               leave the bench Neo4j running after the last size
  BENCH_REUSE=1              keep a running bench Neo4j's graph if it already holds this size
                             (loaded by an earlier BENCH_KEEP=1 run); import is then not measured
  BENCH_INSTANCE=bench       the bench instance's name and home (.peernet/neo4j/<name>)
  BENCH_JOBS=a,b             only these jobs (default: every registered job but retention)
  BENCH_BOLT_PORT, BENCH_HTTP_PORT, BENCH_API_PORT, BENCH_HEAP, BENCH_PAGECACHE
"""

from __future__ import annotations

import asyncio
import gc
import os
import platform
import time
from pathlib import Path

from peernet.config import Settings
from peernet.graph.driver import Database, create_driver
from peernet.jobs.runner import run_job
from peernet.schema import build_schema
from peernet.seeds.csv_export import write_csv
from peernet.seeds.demo import DemoData
from peernet.seeds.synthetic import build_synthetic

from . import import_bench
from .api_bench import bench_api
from .api_cases import build_cases
from .instance import bench_instance, fresh, running, settings_for, shut
from .jobs_bench import bench_jobs, job_names
from .results import Entry, Results, print_table

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
PARTS = ("import", "jobs", "api")
IMPORT_TARGET = 1.5
CONTACTS_PER_20S = 100_000


def _sizes() -> list[int]:
    return [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000").split(",") if s.strip()]


def _parts() -> set[str]:
    given = {
        p.strip() for p in os.environ.get("BENCH_ONLY", ",".join(PARTS)).split(",") if p.strip()
    }
    unknown = given - set(PARTS)
    if unknown:
        raise SystemExit(f"BENCH_ONLY: unknown part {sorted(unknown)[0]!r}; use {', '.join(PARTS)}")
    return given


async def load_size(db: Database, data, paths, size: int, measure: bool, results: Results) -> None:
    """Floor and ``peernet import`` on the same empty graph (alternating, best of each kept),
    leaving the import's graph, then the seed loader for what CSV does not cover."""
    repeat = (
        int(os.environ.get("BENCH_IMPORT_REPEAT", "2" if size <= 1_000 else "1")) if measure else 0
    )
    if measure:
        await warm_up(db)
    floors: list[dict[str, float]] = []
    imports: list[dict[str, dict[str, float]]] = []
    for i in range(repeat):
        floors.append(await import_bench.run_floor(db, data))
        await import_bench.wipe(db)
        imports.append(await import_bench.run_project_import(db, paths))
        if i < repeat - 1:
            await import_bench.wipe(db)
    if not measure:
        await import_bench.run_project_import(db, paths)
    t = time.perf_counter()
    counts = await import_bench.load_the_rest(db, data)
    print(f"  seed loader (cohorts, sessions, attendance, discussions): "
          f"{time.perf_counter() - t:.1f} s, {counts}", flush=True)
    if not measure:
        return
    rows = {"managers": len(data.managers), "problems": len(data.problems),
            "handled": len(data.handled), "contacts": len(data.contacts)}
    for stage, _ in import_bench.STAGES:
        best_floor = min(f[stage] for f in floors)
        best = min(imports, key=lambda r: r[stage]["total"])[stage]
        n = rows[stage]
        checks = best["total"] - best["parse"] - best["write"]
        e = results.add(Entry(
            f"import.{stage}", size, n / best["total"], "rows/s", "bare batched UNWIND MERGE",
            n / best_floor, target="≤ 1.5× floor",
            note=f"{n:,} rows in {best['total']:.2f} s (read+parse {best['parse']:.2f} s, "
                 f"look-ups+checks {checks:.2f} s, write {best['write']:.2f} s); "
                 f"floor {best_floor:.2f} s"))
        e.met = e.ratio is not None and e.ratio <= IMPORT_TARGET
        if stage == "contacts":
            per = CONTACTS_PER_20S / e.value
            results.add(Entry("import.contacts.seconds_per_100k", size, per, "s",
                              target="< 20 s", met=per < 20))


async def holds(db: Database, size: int) -> bool:
    """Whether the graph is a complete earlier load of this size: its managers, and the
    cohorts that the seed loader adds last."""
    rows = await db.read(
        "CALL () { MATCH (m:Manager) RETURN count(m) AS managers } "
        "CALL () { MATCH (c:Cohort)<-[:MEMBER_OF]-() RETURN count(DISTINCT c) AS cohorts } "
        "RETURN managers, cohorts")
    return bool(rows) and rows[0]["managers"] == size and rows[0]["cohorts"] > 0


async def warm_up(db: Database) -> None:
    """A small organisation through both paths first: a fresh server plans every query and
    compiles its hot code on first use, which would otherwise be charged to the first run."""
    small = build_synthetic(200, seed=3)
    paths = write_csv(small, WORK / "csv-warmup")
    await import_bench.run_floor(db, small)
    await import_bench.wipe(db)
    await import_bench.run_project_import(db, paths)
    await import_bench.wipe(db)


async def prepare_for_api(db: Database) -> None:
    """The API reads what the jobs wrote: run them here when the jobs part is skipped."""
    for name in ("suggest-contacts", "network-metrics"):
        if name in job_names():
            await run_job(db, name, {})


async def stage_data(settings: Settings, data: DemoData, paths: dict[str, Path], size: int, *,
                     reuse: bool, parts: set[str], results: Results) -> None:
    """Load this size into the bench instance (or keep a reusable earlier load), and run the
    jobs the API reads when the jobs part is skipped."""
    driver = create_driver(settings)
    try:
        db = Database(driver, settings.neo4j_database)
        if reuse and await holds(db, size):
            print(f"  BENCH_REUSE: the running instance already holds {size:,} "
                  "managers and their cohorts; not loading again", flush=True)
        else:
            if reuse:
                await import_bench.wipe(db)
            await load_size(db, data, paths, size, "import" in parts, results)
        if "api" in parts and "jobs" not in parts:
            await prepare_for_api(db)
    finally:
        await driver.close()


def machine() -> str:
    import numpy
    import scipy

    return (
        f"{os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
        f"numpy {numpy.__version__}, scipy {scipy.__version__}, load {os.getloadavg()}"
    )


def main() -> None:
    sizes, parts = _sizes(), _parts()
    WORK.mkdir(parents=True, exist_ok=True)
    results = Results(HERE / "results.json")
    print(f"bench: sizes {sizes}, parts {sorted(parts)}; {machine()}", flush=True)
    instance = None
    try:
        for size in sizes:
            print(f"\n== {size:,} managers ==", flush=True)
            instance = bench_instance(size)
            reuse = bool(os.environ.get("BENCH_REUSE")) and "import" not in parts
            if reuse:
                running(instance)
            else:
                fresh(instance)
            t = time.perf_counter()
            data = build_synthetic(size)
            paths = write_csv(data, WORK / f"csv-{size}")
            print(f"  generated and written as CSV in {time.perf_counter() - t:.1f} s: "
                  f"{len(data.managers):,} managers, {len(data.contacts):,} contacts, "
                  f"{len(data.problems):,} problems, {len(data.handled):,} handled", flush=True)
            settings = settings_for(instance, neo4j_acquisition_timeout=120.0)
            cases = build_cases(data, settings, build_schema(settings)) if "api" in parts else []
            asyncio.run(stage_data(settings, data, paths, size, reuse=reuse, parts=parts,
                                   results=results))
            del data
            gc.collect()
            if "jobs" in parts:
                bench_jobs(instance, size, results)
            if "api" in parts:
                bench_api(instance, cases, size, results, WORK)
            results.save()
    finally:
        if instance is not None and not os.environ.get("BENCH_KEEP"):
            shut(instance)
    results.save()
    print_table(results.entries)
    print(f"\nwrote {results.path}")


if __name__ == "__main__":
    main()
