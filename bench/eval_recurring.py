"""Grouping quality and recurring-flag precision/recall on the labelled Swedish reports.

Usage::

    .venv/bin/python bench/eval_recurring.py [--json] [--threshold 0.1] [--neighbours 15]
        [--resolution 2.0] [--merge-similarity 0.3] [--min-similarity 0.25] [--category-bonus 0.0]

* Adjusted Rand index (Hubert and Arabie 1985) between the groups found and the labels;
  one-off reports (label null) and reports left out of every group count as singletons.
* Pairwise precision/recall: of the report pairs put together, how many belong together,
  and of the pairs that belong together, how many were put together.
* Recurring flags: a label is truly recurring when its reports meet the same rule
  (``>= 3`` departments or ``>= 5`` reports in the year up to ``asOf``). A flagged group
  is right when most of its reports carry a truly recurring label; a truly recurring
  label is found when it is the majority of some flagged group.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from peernet.jobs.recurring_problems.groups import group_problems
from peernet.jobs.recurring_problems.recurrence import find_recurring

DATA = Path(__file__).resolve().parent / "data" / "labelled_problems.json"


def _truly_recurring(reports: list[dict], as_of: str, min_departments: int, min_reports: int,
                     window_days: int) -> set[str]:
    end = datetime.fromisoformat(as_of).replace(tzinfo=UTC) + timedelta(days=1)
    start = end - timedelta(days=window_days) - timedelta(microseconds=1)
    inside: dict[str, list[dict]] = {}
    for r in reports:
        moment = datetime.fromisoformat(r["createdAt"].replace("Z", "+00:00"))
        if r["label"] and start <= moment < end:
            inside.setdefault(r["label"], []).append(r)
    return {
        label for label, rows in inside.items()
        if len({r["departmentId"] for r in rows}) >= min_departments or len(rows) >= min_reports
    }


def _pairs(assignment: dict[str, str]) -> set[tuple[str, str]]:
    by: dict[str, list[str]] = {}
    for rid, cluster in assignment.items():
        by.setdefault(cluster, []).append(rid)
    return {
        (x, y)
        for ids in by.values()
        for i, x in enumerate(sorted(ids))
        for y in sorted(ids)[i + 1 :]
    }


def evaluate(params: dict, *, data_path: Path = DATA, rules: dict | None = None) -> dict:
    rules = rules or {"min_departments": 3, "min_reports": 5, "window_days": 365}
    data = json.loads(data_path.read_text(encoding="utf-8"))
    reports = data["reports"]
    started = time.perf_counter()
    groups = group_problems(reports, **params)
    seconds = time.perf_counter() - started
    flagged = find_recurring(groups, as_of=data["asOf"], **rules)

    truth = {r["id"]: r["label"] or f"one-off:{r['id']}" for r in reports}
    found = {r["id"]: f"single:{r['id']}" for r in reports}
    for g in groups:
        for rid in g.member_ids:
            found[rid] = g.key
    ids = sorted(truth)
    ari = adjusted_rand_score([truth[i] for i in ids], [found[i] for i in ids])
    true_pairs, found_pairs = _pairs(truth), _pairs(found)
    both = len(true_pairs & found_pairs)

    label_of = {r["id"]: r["label"] for r in reports}
    rows = []
    for g in groups:
        votes = Counter(label_of[rid] for rid in g.member_ids)
        majority, count = min(votes.items(), key=lambda kv: (-kv[1], str(kv[0])))
        rows.append({"key": g.key, "reports": g.reports, "label": g.label, "majority": majority,
                     "purity": round(count / g.reports, 3), "departments": len(g.departments)})
    majority_of = {row["key"]: row["majority"] for row in rows}
    recurring_truth = _truly_recurring(reports, data["asOf"], **rules)
    flagged_majorities = [majority_of[f.group.key] for f in flagged]
    right = sum(1 for m in flagged_majorities if m in recurring_truth)
    found_labels = {m for m in flagged_majorities if m in recurring_truth}
    return {
        "reports": len(reports),
        "labels": len({r["label"] for r in reports if r["label"]}),
        "groupsFound": len(groups),
        "params": params,
        "adjustedRandIndex": round(ari, 4),
        "pairPrecision": round(both / len(found_pairs), 4) if found_pairs else None,
        "pairRecall": round(both / len(true_pairs), 4) if true_pairs else None,
        "recurringTruth": sorted(recurring_truth),
        "flagged": len(flagged),
        "flagPrecision": round(right / len(flagged), 4) if flagged else None,
        "flagRecall": (round(len(found_labels) / len(recurring_truth), 4)
                       if recurring_truth else None),
        "missedRecurring": sorted(recurring_truth - found_labels),
        "seconds": round(seconds, 3),
        "groups": rows,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--threshold", type=float, default=0.1)
    parser.add_argument("--neighbours", type=int, default=15)
    parser.add_argument("--resolution", type=float, default=2.0)
    parser.add_argument("--merge-similarity", type=float, default=0.3)
    parser.add_argument("--min-similarity", type=float, default=0.25)
    parser.add_argument("--category-bonus", type=float, default=0.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    params = {
        "threshold": args.threshold, "neighbours": args.neighbours, "resolution": args.resolution,
        "merge_similarity": args.merge_similarity,
        "min_similarity_to_group": args.min_similarity, "category_bonus": args.category_bonus,
    }
    result = evaluate(params, data_path=args.data)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(f"{'reports':>8} {'labels':>6} {'groups':>6} {'ARI':>6} {'pairP':>6} {'pairR':>6}"
          f" {'flagged':>7} {'flagP':>6} {'flagR':>6} {'sec':>6}")
    r = result
    print(f"{r['reports']:>8} {r['labels']:>6} {r['groupsFound']:>6} {r['adjustedRandIndex']:>6}"
          f" {r['pairPrecision']:>6} {r['pairRecall']:>6} {r['flagged']:>7} {r['flagPrecision']:>6}"
          f" {r['flagRecall']:>6} {r['seconds']:>6}")
    if r["missedRecurring"]:
        print("missed recurring:", ", ".join(r["missedRecurring"]))
    print()
    print(f"{'size':>4} {'purity':>6} {'depts':>5}  {'majority label':<20} group label")
    for row in r["groups"]:
        print(f"{row['reports']:>4} {row['purity']:>6} {row['departments']:>5}  "
              f"{row['majority']!s:<20} {row['label']}")


if __name__ == "__main__":
    main()
