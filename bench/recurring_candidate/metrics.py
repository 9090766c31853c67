"""ARI, purity and inverse purity; one-offs (label null) are singleton classes."""
from collections import Counter

from sklearn.metrics import adjusted_rand_score


def truth_of(reports):
    return {str(r["id"]): r["label"] or f"one-off:{r['id']}" for r in reports}


def scores(truth: dict, found: dict) -> dict:
    ids = sorted(truth)
    t = [truth[i] for i in ids]
    f = [found.get(i, f"single:{i}") for i in ids]
    n = len(ids)
    pairs = Counter(zip(t, f))
    best_f: Counter = Counter()
    best_t: Counter = Counter()
    for (a, b), c in pairs.items():
        best_f[b] = max(best_f[b], c)
        best_t[a] = max(best_t[a], c)
    return {"ari": adjusted_rand_score(t, f), "purity": sum(best_f.values()) / n,
            "inverse_purity": sum(best_t.values()) / n, "clusters": len(set(f))}
