"""Problem groups: reports of the same underlying problem, grouped, and their keys carried
across runs. Used by the ``recurring-problems`` job's compute step (:mod:`.compute`), which
then applies the recurrence rules (:mod:`.recurrence`), and by ``bench/eval_recurring.py``,
``bench/bench_recurring.py`` and the unit tests.

ITIL calls the cause behind recurring incidents a *problem*; ServiceNow groups similar
incidents and Zendesk suggests new topics weekly (``/work/shared/ANCHORS.md``). Here the
incidents are managers' reports in Swedish, and the grouping is offline and deterministic:

1. character n-gram TF-IDF of title + description (:mod:`.similarity`),
2. a sparse graph joining each report to its nearest neighbours by cosine similarity
   (:mod:`.neighbours`: exhaustive up to 6,000 reports, an inverted-file search
   above: never ``n × n``),
3. Louvain communities of that graph (igraph's multilevel method, seeded), fragments of
   one topic merged again by centroid similarity (:mod:`.clusters`),
4. members barely similar to their group's centroid let go as one-offs, because Louvain
   must put every report somewhere, one-offs included.

Categories can add a small bonus to an edge but never create one: in the labelled set
some reports carry a wrong category and some problems have no category but ``OTHER``
(counts in ``BENCHMARKS.md``).

Every step's memory and time grow with the number of reports, not its square, so the
grouping scales to the largest organisations (``bench/bench_recurring.py``; figures in
``BENCHMARKS.md``).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

from .clusters import louvain_labels, merge_similar, prune_members
from .neighbours import knn_similarity_edges
from .similarity import char_tfidf, characteristic_terms


@dataclass(frozen=True)
class QuarterCount:
    quarter: str  # "2024Q1"
    count: int


@dataclass(frozen=True)
class ReportRef:
    """What the recurrence rules need to know of one member report."""

    id: str
    department_id: str | None
    cohort_ids: tuple[str, ...]
    created_at: datetime
    category: str | None


@dataclass(frozen=True)
class ProblemGroup:
    """Reports describing one underlying problem.

    ``key`` is ``pg-`` + a hash of the founding (earliest) report's id: stable while that
    report stays in the group; :func:`match_groups` carries keys across other changes.
    """

    key: str
    label: str
    terms: tuple[str, ...]
    reports: int
    departments: tuple[str, ...]
    cohorts: tuple[str, ...]
    category: str | None
    first_seen: str
    last_seen: str
    trend: tuple[QuarterCount, ...]
    member_ids: tuple[str, ...]
    members: tuple[ReportRef, ...] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """camelCase JSON; ``members`` is left out (``memberIds`` carries the ids)."""
        out = {_camel(f.name): getattr(self, f.name) for f in fields(self) if f.name != "members"}
        for name in ("terms", "departments", "cohorts", "memberIds"):
            out[name] = list(out[name])
        out["trend"] = [{"quarter": q.quarter, "count": q.count} for q in self.trend]
        return out


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _parse_time(value: Any) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    # Stored times are UTC (docs/model.md); naive ones are read as UTC too.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def quarter_of(moment: datetime) -> str:
    """``"2024Q1"`` for any moment in January-March 2024 (UTC)."""
    moment = moment.astimezone(UTC)
    return f"{moment.year}Q{(moment.month - 1) // 3 + 1}"


def quarterly_trend(moments: Iterable[datetime]) -> tuple[QuarterCount, ...]:
    """Reports per quarter from the first to the last, quiet quarters included as 0."""
    counts = Counter(quarter_of(m) for m in moments)
    if not counts:
        return ()
    (y0, q0), (y1, q1) = (tuple(map(int, k.split("Q"))) for k in (min(counts), max(counts)))
    out = []
    for index in range(y0 * 4 + q0 - 1, y1 * 4 + q1):
        name = f"{index // 4}Q{index % 4 + 1}"
        out.append(QuarterCount(name, counts.get(name, 0)))
    return tuple(out)


def _text(report: Mapping[str, Any]) -> str:
    if report.get("text"):
        return str(report["text"])
    return f"{report.get('title') or ''}. {report.get('description') or ''}"


def _ref(report: Mapping[str, Any]) -> ReportRef:
    return ReportRef(
        id=str(report["id"]),
        department_id=report.get("departmentId"),
        cohort_ids=tuple(sorted(report.get("cohortIds") or ())),
        created_at=_parse_time(report["createdAt"]),
        category=report.get("category"),
    )


def _key(founder_id: str) -> str:
    return "pg-" + hashlib.sha1(founder_id.encode("utf-8")).hexdigest()[:12]


def _group(refs: list[ReportRef], members: np.ndarray, terms: list[str]) -> ProblemGroup:
    chosen = sorted((refs[i] for i in members), key=lambda r: (r.created_at, r.id))
    categories = Counter(r.category for r in chosen if r.category)
    return ProblemGroup(
        key=_key(chosen[0].id),
        label=", ".join(terms),
        terms=tuple(terms),
        reports=len(chosen),
        departments=tuple(sorted({r.department_id for r in chosen if r.department_id})),
        cohorts=tuple(sorted({c for r in chosen for c in r.cohort_ids})),
        category=min(categories, key=lambda c: (-categories[c], c)) if categories else None,
        first_seen=_iso(chosen[0].created_at),
        last_seen=_iso(chosen[-1].created_at),
        trend=quarterly_trend(r.created_at for r in chosen),
        member_ids=tuple(sorted(r.id for r in chosen)),
        members=tuple(chosen),
    )


def group_problems(
    reports: Iterable[Mapping[str, Any]],
    *,
    threshold: float = 0.1,
    neighbours: int = 15,
    resolution: float = 2.0,
    merge_similarity: float = 0.3,
    min_similarity_to_group: float = 0.25,
    category_bonus: float = 0.0,
    min_size: int = 2,
    label_terms: int = 4,
    seed: int = 0,
) -> list[ProblemGroup]:
    """Group reports that describe the same underlying problem.

    Parameters
    ----------
    reports : iterable of dict
        ``{id, text, category, departmentId, cohortIds, createdAt}``; ``text`` is title and
        description (or give ``title`` and ``description`` instead). Order does not matter.
    threshold : float
        Least cosine similarity for a neighbour edge. Low on purpose: Louvain weighs the
        edges, and the centroid test below removes loose members.
    neighbours : int
        Nearest neighbours per report in the similarity graph.
    resolution : float
        Louvain resolution; above 1 favours smaller communities, so that a small problem is
        not swallowed by a big neighbour (fragments of one big topic are merged again).
    merge_similarity : float
        Communities whose TF-IDF centroids have at least this cosine are merged.
    min_similarity_to_group : float
        Least cosine between a member and its group's centroid; others become one-offs.
    category_bonus : float
        Added to the weight of an existing edge whose ends share a category (other than
        ``OTHER``). It cannot create an edge: text similarity decides who is compared.
    min_size : int
        Smallest group returned; smaller ones (one-offs) are left out.
    label_terms : int
        Characteristic words per label.
    seed : int
        Seeds every random step: the same reports and parameters give the same groups.

    Returns
    -------
    list of ProblemGroup
        Largest first, then by first report and key.

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008). "Fast
       unfolding of communities in large networks". J. Stat. Mech. P10008.
    .. [2] Salton, G. and Buckley, C. (1988). "Term-weighting approaches in automatic text
       retrieval". Information Processing & Management 24(5): 513-523.

    Examples
    --------
    >>> groups = group_problems([
    ...     {"id": "1", "text": "IT-supporten svarar inte", "createdAt": "2024-01-02"},
    ...     {"id": "2", "text": "Problem med IT-support, ingen svarar", "createdAt": "2024-02-01"},
    ...     {"id": "3", "text": "Budgeten räcker inte till vikarier", "createdAt": "2024-02-03"},
    ... ])
    >>> [g.member_ids for g in groups]
    [('1', '2')]
    """
    ordered = sorted(reports, key=lambda r: str(r["id"]))  # input order must not matter
    refs = [_ref(r) for r in ordered]
    if len({r.id for r in refs}) != len(refs):
        raise ValueError("report ids must be unique")
    if not refs:
        return []
    texts = [_text(r) for r in ordered]
    X = char_tfidf(texts)
    a, b, w = knn_similarity_edges(X, neighbours=neighbours, threshold=threshold, seed=seed)
    if category_bonus:
        category = np.array([r.category or "OTHER" for r in refs], dtype=object)
        same = (category[a] == category[b]) & (category[a] != "OTHER")
        w = w + category_bonus * same
    labels = louvain_labels(
        len(refs), a, b, w, resolution=resolution, seed=seed, keep_whole=neighbours + 1
    )
    labels = merge_similar(X, labels, min_similarity=merge_similarity)
    labels = prune_members(X, labels, min_similarity=min_similarity_to_group)

    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    kept = [m for m in np.split(order, bounds) if m.size >= max(1, min_size)]
    words = characteristic_terms(texts, [m.tolist() for m in kept], top=label_terms)
    groups = [_group(refs, m, t) for m, t in zip(kept, words)]
    return sorted(groups, key=lambda g: (-g.reports, g.first_seen, g.key))


def match_groups(
    old_groups_members: Mapping[str, Collection[str]],
    new_groups: Sequence[ProblemGroup],
    *,
    min_jaccard: float = 0.3,
) -> dict[str, str]:
    """Map new group keys to the old keys they continue, by member-id Jaccard overlap.

    Pairs are taken greedily from the highest Jaccard index down, each old and new group
    used once, so a group that split keeps its key in the larger part and two groups
    that merged keep the key of the one that overlaps most.

    Returns
    -------
    dict
        ``{new_key: old_key}`` for the matched new groups only.

    Examples
    --------
    >>> g = group_problems([{"id": i, "text": "IT-supporten svarar inte",
    ...                      "createdAt": "2024-01-02"} for i in "abc"])
    >>> match_groups({"pg-old": {"a", "b"}}, g)
    {'pg-86f7e437faa5': 'pg-old'}
    """
    owner: dict[str, list[str]] = {}
    for old_key, ids in old_groups_members.items():
        for report_id in ids:
            owner.setdefault(str(report_id), []).append(old_key)
    pairs = []
    for group in new_groups:
        shared = Counter(k for rid in group.member_ids for k in owner.get(rid, ()))
        for old_key, overlap in shared.items():
            union = len(group.member_ids) + len(set(old_groups_members[old_key])) - overlap
            pairs.append((-overlap / union, group.key, old_key))
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for negative_jaccard, new_key, old_key in sorted(pairs):
        if -negative_jaccard < min_jaccard:
            break
        if new_key not in mapping and old_key not in used:
            mapping[new_key] = old_key
            used.add(old_key)
    return mapping


def carry_keys(
    new_groups: Sequence[ProblemGroup],
    old_groups_members: Mapping[str, Collection[str]],
    *,
    min_jaccard: float = 0.3,
) -> list[ProblemGroup]:
    """``new_groups`` with the keys of the old groups they continue (see :func:`match_groups`).

    An unmatched group whose founder key is already taken by a matched one (an old group
    split) gets a key hashed from all its member ids instead.
    """
    mapping = match_groups(old_groups_members, new_groups, min_jaccard=min_jaccard)
    taken = set(mapping.values())
    out = []
    for group in new_groups:
        if group.key in mapping:
            out.append(replace(group, key=mapping[group.key]))
        elif group.key in taken or group.key in old_groups_members:
            out.append(replace(group, key=_key("|".join(group.member_ids))))
        else:
            out.append(group)
    return out


__all__ = [
    "ProblemGroup",
    "QuarterCount",
    "ReportRef",
    "carry_keys",
    "group_problems",
    "match_groups",
    "quarter_of",
    "quarterly_trend",
]
