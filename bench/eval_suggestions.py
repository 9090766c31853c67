"""Offline evaluation of contact suggestions on a planted organisation.

Hide a random fifth of the cross-department contacts, suggest from what is left, and count
how many hidden contacts come back in each manager's top 10. Compared with two baselines:
random people from other departments, and a plain common-contact count.

    .venv/bin/python bench/eval_suggestions.py [--managers 2000] [--seeds 1,2,3] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from planted_org import planted_org

from peernet.jobs.suggest_contacts.index import SuggestionWeights
from peernet.jobs.suggest_contacts.link_prediction import top_k_per_row
from peernet.jobs.suggest_contacts.scoring import compute_suggestions

NOW = 2025


def split(org, seed: int, hide: float):
    """Observed rows with a random ``hide`` share of cross-department contacts removed."""
    cross = [p for p in org.source if org.department[p[0]] != org.department[p[1]]]
    rng = np.random.default_rng(seed)
    hidden = {cross[i] for i in rng.choice(len(cross), round(hide * len(cross)), replace=False)}
    observed = dataclasses.replace(org.rows, contacts=tuple(
        p for p in org.rows.contacts if p not in hidden))
    return observed, hidden


def method(weights: SuggestionWeights):
    def run(rows, k, seed):
        out = compute_suggestions(rows, now_year=NOW, top_k=k, weights=weights)
        return {m: [s.suggested_id for s in ss] for m, ss in out.items()}
    return run


def random_other_department(rows, k, seed):
    rng = np.random.default_rng(seed)
    ids = [m.id for m in rows.managers]
    dept = np.array([m.department_id for m in rows.managers])
    known = defaultdict(set)
    for a, b in rows.contacts:
        known[a].add(b)
        known[b].add(a)
    out = {}
    for i, m in enumerate(ids):
        pool = [j for j in np.flatnonzero(dept != dept[i]) if ids[j] not in known[m]]
        out[m] = [ids[j] for j in rng.choice(pool, min(k, len(pool)), replace=False)]
    return out


def common_contacts(rows, k, seed):
    ids = sorted(m.id for m in rows.managers)
    pos = {m: i for i, m in enumerate(ids)}
    dept = np.array([d for _, d in sorted((m.id, m.department_id) for m in rows.managers)])
    a = np.array([[pos[x], pos[y]] for x, y in rows.contacts])
    adj = sp.csr_matrix((np.ones(2 * len(a)), (np.r_[a[:, 0], a[:, 1]], np.r_[a[:, 1], a[:, 0]])),
                        shape=(len(ids), len(ids)))
    counts = (adj @ adj).tocoo()
    r, c, v = counts.row, counts.col, counts.data
    keep = (r != c) & (dept[r] != dept[c]) & ~np.asarray(adj[r, c]).ravel().astype(bool)
    r, c, v = r[keep], c[keep], v[keep]
    best = top_k_per_row(r, c, v, k)
    out = {m: [] for m in ids}
    for x, y in zip(r[best], c[best]):
        out[ids[x]].append(ids[y])
    return out


METHODS = {
    "suggest-contacts (AA + experience + peer)": method(SuggestionWeights()),
    "ablation: AA on contacts+cohorts+sessions only": method(
        SuggestionWeights(experience=0.0, experienced_peer=0.0)),
    "ablation: AA + experience, no peer bonus": method(SuggestionWeights(experienced_peer=0.0)),
    "baseline 1: random, other departments": random_other_department,
    "baseline 2: common contacts (contacts only)": common_contacts,
}


def evaluate(n: int, seed: int, hide: float, k: int) -> dict:
    org = planted_org(n, seed=seed)
    observed, hidden = split(org, seed + 1000, hide)
    relevant = defaultdict(set)
    for a, b in hidden:
        relevant[a].add(b)
        relevant[b].add(a)
    result = {}
    for name, run in METHODS.items():
        top = run(observed, k, seed)
        recall, precision, by_source = [], [], defaultdict(lambda: [0, 0])
        for m, want in relevant.items():
            got = set(top.get(m, [])[:k])
            recall.append(len(got & want) / len(want))
            precision.append(len(got & want) / k)
            for o in want:
                tally = by_source[org.source[min(m, o), max(m, o)]]
                tally[0] += o in got
                tally[1] += 1
        result[name] = {
            "recall@k": float(np.mean(recall)), "precision@k": float(np.mean(precision)),
            "recall_by_mechanism": {s: h / t for s, (h, t) in sorted(by_source.items())}}
    return {"managers": n, "seed": seed, "hidden": len(hidden),
            "evaluated_managers": len(relevant), "methods": result}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--managers", type=int, default=2000)
    p.add_argument("--seeds", default="1,2,3")
    p.add_argument("--hide", type=float, default=0.2)
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = p.parse_args(argv)
    runs = [evaluate(args.managers, int(s), args.hide, args.k) for s in args.seeds.split(",")]
    summary = {}
    for name in METHODS:
        per = [r["methods"][name] for r in runs]
        mech = sorted({s for x in per for s in x["recall_by_mechanism"]})
        summary[name] = {
            "recall@k": float(np.mean([x["recall@k"] for x in per])),
            "recall@k_sd": float(np.std([x["recall@k"] for x in per])),
            "precision@k": float(np.mean([x["precision@k"] for x in per])),
            "recall_by_mechanism": {s: float(np.mean([x["recall_by_mechanism"].get(s, 0.0)
                                                      for x in per])) for s in mech}}
    if args.json:
        print(json.dumps({"k": args.k, "hide": args.hide, "runs": runs, "mean": summary},
                         indent=2))
        return
    hid = ", ".join(f"{r['hidden']}" for r in runs)
    print(f"{args.managers} managers, seeds {args.seeds}: hidden cross-department contacts "
          f"{hid}; mean over seeds, k={args.k}")
    mech = sorted({s for v in summary.values() for s in v["recall_by_mechanism"]})
    head = f"{'method':50} {'recall@k':>14} {'precision@k':>12}  " + " ".join(
        f"{s[:10]:>10}" for s in mech)
    print(head + "\n" + "-" * len(head))
    for name, v in summary.items():
        label = ("  " if name.startswith("ablation") else "") + name
        print(f"{label:50} {v['recall@k']:8.3f} ±{v['recall@k_sd']:.3f} {v['precision@k']:12.3f}  "
              + " ".join(f"{v['recall_by_mechanism'].get(s, 0):10.3f}" for s in mech))
    print("(last columns: recall of hidden contacts by the mechanism that planted them)")


if __name__ == "__main__":
    main()
