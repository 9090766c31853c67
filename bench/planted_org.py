"""A synthetic organisation with planted sociology, for evaluating and timing suggestions.

The generator knows nothing of the scoring formula. It plants what plausibly makes managers
know each other: their team, their department, the leadership cohort they went through (more
so with people they sat in many sessions with), calling someone who has solved the kind of
problem they face (found through a friend or by reputation), a newer manager seeking out an
experienced one they met, and chance.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from peernet.jobs.suggest_contacts.rows import ManagerRow, NetworkRows

CATEGORIES = ("STAFF_REASSIGNMENT", "SICK_LEAVE", "SUBSTANCE_ABUSE", "BUDGET", "CONFLICT",
              "IT_SUPPORT", "OTHER")


@dataclass(frozen=True)
class PlantedOrg:
    """Rows for the job plus, for every contact pair ``(a, b)`` with ``a < b``, why it exists."""

    rows: NetworkRows
    source: dict[tuple[str, str], str]
    department: dict[str, str]


def planted_org(n_managers: int = 1000, *, seed: int = 0, contacts_per_manager: float = 15,
                cohort_size: int = 30, sessions_per_cohort: int = 8,
                now_year: int = 2025) -> PlantedOrg:
    """Generate an organisation of ``n_managers`` managers; equal arguments, equal output."""
    rng = np.random.default_rng(seed)
    n = n_managers
    ids = [f"m{i:06d}" for i in range(n)]
    n_dept = max(3, round(n / 80))
    dept = rng.choice(n_dept, size=n, p=_normalise(rng.lognormal(0, 0.5, n_dept)))
    tenure = np.minimum(35, rng.exponential(8, n)).astype(int)
    level = np.where(tenure > 15, "SENIOR", np.where(tenure > 6, "MIDDLE", "FIRST_LINE"))
    profile = rng.dirichlet(np.full(len(CATEGORIES), 0.6), size=n_dept)
    source: dict[tuple[int, int], str] = {}

    def tie(a: int, b: int, why: str) -> None:
        if a != b:
            source.setdefault((min(a, b), max(a, b)), why)

    # Teams of ~8 inside each department know each other well.
    members = [np.flatnonzero(dept == d) for d in range(n_dept)]
    for group in members:
        group = rng.permutation(group)
        for team in np.array_split(group, max(1, len(group) // 8)):
            for a, b in itertools.combinations(team.tolist(), 2):
                if rng.random() < 0.5:
                    tie(a, b, "team")

    # Leadership programme: newer managers join more often; cohorts mix departments.
    joins = rng.random(n) < np.where(tenure <= 5, 0.75, 0.4)
    people = rng.permutation(np.flatnonzero(joins))
    cohorts = [c for c in np.array_split(people, max(1, len(people) // cohort_size))]
    again = rng.permutation(np.flatnonzero(joins & (rng.random(n) < 0.1)))
    for i, extra in enumerate(again):  # a few take part twice
        cohorts[i % len(cohorts)] = np.union1d(cohorts[i % len(cohorts)], [extra])
    diligence = rng.beta(5, 2, n)
    memberships, attendance = [], []
    for ci, cohort in enumerate(cohorts):
        seen = rng.random((len(cohort), sessions_per_cohort)) < diligence[cohort][:, None]
        memberships += [(ids[m], f"c-{ci:05d}") for m in cohort]
        attendance += [(ids[cohort[i]], f"s-{ci:05d}-{s}") for i, s in zip(*np.nonzero(seen))]
        together = (seen.astype(int) @ seen.T.astype(int)) / sessions_per_cohort
        p = 0.02 + 0.3 * together ** 2  # the more sessions shared, the likelier a tie
        hit = np.triu(rng.random(p.shape) < p, 1)
        for i, j in zip(*np.nonzero(hit)):
            tie(int(cohort[i]), int(cohort[j]), "cohort")

    # Expertise grows where a department's problems are; skill grows with tenure.
    expert = [rng.choice(len(CATEGORIES), p=profile[dept[m]]) for m in range(n)]
    skill = np.clip(rng.beta(2, 2, n) * (0.5 + np.minimum(tenure, 10) / 20), 0.05, 0.95)
    raised, handled = [], []
    resolvers: dict[int, list[int]] = {k: [] for k in range(len(CATEGORIES))}
    for m in range(n):
        for _ in range(rng.poisson(3 * skill[m])):
            out = rng.choice(3, p=[skill[m], 0.6 * (1 - skill[m]), 0.4 * (1 - skill[m])])
            when = f"{now_year - int(rng.integers(0, 6))}-{int(rng.integers(1, 13)):02d}-15"
            handled.append((ids[m], CATEGORIES[expert[m]],
                            ("RESOLVED", "PARTLY", "NOT_RESOLVED")[out], when + "T10:00:00Z"))
            if out == 0:
                resolvers[expert[m]].append(m)
    for m in range(n):
        for _ in range(rng.poisson(1.5)):
            k = int(rng.choice(len(CATEGORIES), p=profile[dept[m]]))
            resolved = bool(rng.random() < (0.8 if k == expert[m] else 0.45))
            raised.append((ids[m], CATEGORIES[k], resolved))

    # People ask around for whoever solved their kind of problem; unsolved ones more so.
    friends = _neighbours(source, n)
    pools: dict[tuple[int, int], tuple[list[int], set[int]]] = {}
    for m, cat, resolved in list(raised):
        if rng.random() >= (0.2 if resolved else 0.45):
            continue
        k, me = CATEGORIES.index(cat), int(m[1:])
        if (k, dept[me]) not in pools:  # one entry per resolved case: reputation weighting
            pool = [h for h in resolvers[k] if dept[h] != dept[me]]
            pools[k, dept[me]] = (pool, set(pool))
        pool, in_pool = pools[k, dept[me]]
        if not pool:
            continue
        via = sorted({h for f in friends[me] for h in friends[f]} & in_pool)
        pick = via if via and rng.random() < 0.5 else pool  # a friend's tip, or reputation
        tie(me, int(pick[rng.integers(len(pick))]), "experience")

    # Newer managers seek an experienced peer they met in their cohort.
    cohort_of: dict[int, list[int]] = {}
    for cohort in cohorts:
        for m in cohort.tolist():
            cohort_of.setdefault(m, []).extend(cohort.tolist())
    for m in range(n):
        if tenure[m] <= 3 and rng.random() < 0.4:
            seniors = [o for o in cohort_of.get(m, []) if tenure[o] >= 10 and dept[o] != dept[m]]
            if seniors:
                tie(m, seniors[rng.integers(len(seniors))], "mentor")

    # Chance: an old colleague, a neighbour.
    for m in range(n):
        for _ in range(rng.poisson(0.8)):
            o = int(rng.integers(n))
            if dept[o] != dept[m]:
                tie(m, o, "random")

    # Fill up with everyday department ties to the wanted mean degree.
    missing = max(0, int(n * contacts_per_manager / 2) - len(source))
    a = rng.integers(n, size=missing)
    for x in a.tolist():
        group = members[dept[x]]
        tie(x, int(group[rng.integers(len(group))]), "department")

    managers = tuple(ManagerRow(ids[m], f"d{dept[m]:03d}", str(level[m]),
                                now_year - int(tenure[m])) for m in range(n))
    rows = NetworkRows(managers=managers,
                       contacts=tuple((ids[a], ids[b]) for a, b in sorted(source)),
                       memberships=memberships, attendance=attendance,
                       raised=raised, handled=handled)
    return PlantedOrg(rows, {(ids[a], ids[b]): why for (a, b), why in sorted(source.items())},
                      {ids[m]: f"d{dept[m]:03d}" for m in range(n)})


def _normalise(x: np.ndarray) -> np.ndarray:
    return x / x.sum()


def _neighbours(pairs: dict[tuple[int, int], str], n: int) -> list[set[int]]:
    out: list[set[int]] = [set() for _ in range(n)]
    for a, b in pairs:
        out[a].add(b)
        out[b].add(a)
    return out


__all__ = ["CATEGORIES", "PlantedOrg", "planted_org"]
