"""A synthetic organisation of any size, shaped like the demo, for load tests and benchmarks.

Managers are numbered by index inside the generator and each department is one contiguous index
range, so "a colleague" or "someone in my unit" is one random integer, not a list lookup. Every
step is linear in the number of managers; 100,000 managers build in well under a minute.
"""

from __future__ import annotations

import gc
import random
from bisect import bisect_right
from datetime import date

from peernet.seeds import words
from peernet.seeds.demo import (
    CATEGORIES,
    DATA_END,
    DemoData,
    Row,
    between,
    compose_note,
    compose_problem,
    is_confidential,
    iso_datetime,
    iso_day,
    pick,
    problem_status,
    session_days,
    working_second,
)

CONTACTS_PER_MANAGER = 15  # average degree, so 7.5 pairs per manager
PROBLEMS_PER_MANAGER = 5
COHORT_SHARE = 0.3  # fraction of managers who have been through the programme
COHORT_DAYS = 912
FIRST_COHORT = date(2019, 1, 8).toordinal()
LAST_COHORT = date(2023, 9, 30).toordinal()  # so every cohort has ended by DATA_END
UNIT_RADIUS = 20  # index distance that counts as "same unit" inside a department
# Share of problems per category, in CATEGORIES order.
CATEGORY_WEIGHTS = (14, 18, 5, 14, 16, 14, 19)
HANDLER_COUNT_WEIGHTS = (10, 40, 40, 10)  # 0, 1, 2 or 3 handlers: ~1.5 per problem
# Distinct texts kept per (category, department kind). Past that, texts are reused: at 100,000
# managers this saves most of the time and memory spent on strings, and templated texts
# repeat anyway.
TEXT_VARIANTS = 1000


def build_synthetic(n_managers: int, seed: int = 7) -> DemoData:
    if n_managers < 100:
        raise ValueError("build_synthetic needs at least 100 managers")
    rng = random.Random(seed)
    # Millions of small acyclic dicts would trigger repeated full collections that find nothing,
    # so the cyclic collector pauses for the build. Reference counting still frees memory.
    collecting = gc.isenabled()
    gc.disable()
    try:
        org = _Organisation(rng, n_managers)
        programme = _Programme(rng, org)
        contacts = _contacts(rng, org, programme)
        problems, discussed, handled = _problems(rng, org, programme)
    finally:
        if collecting:
            gc.enable()
    return DemoData(
        departments=org.departments, managers=org.managers, cohorts=programme.cohorts,
        memberships=programme.memberships, sessions=programme.sessions,
        attendance=programme.attendance, problems=problems, discussed=discussed,
        handled=handled, contacts=contacts,
    )


class _Organisation:
    """Departments with skewed sizes and the managers in them, as index-addressed lists."""

    def __init__(self, rng: random.Random, n: int):
        self.n = n
        n_depts = min(40, max(8, round(n ** (1 / 3))))
        weights = [1 / (rank + 1) ** 0.9 for rank in range(n_depts)]  # Zipf-like: a few big ones
        sizes = [max(5, int(n * w / sum(weights))) for w in weights]
        sizes[0] += n - sum(sizes)
        self.dept_start, self.dept_size, self.dept_leaders = [], [], []
        self.dept_of: list[int] = []
        self.since: list[int] = []
        self.level: list[str] = []
        rows = []
        for d, size in enumerate(sizes):
            _name, kind = words.DEPARTMENT_NAMES[d]
            titles = words.TITLES[kind]
            seniors = max(1, round(size * 0.01))
            middles = max(1, round(size * 0.15))
            self.dept_start.append(len(self.dept_of))
            self.dept_size.append(size)
            self.dept_leaders.append(seniors + middles)  # the leaders sit at the front of a range
            for position in range(size):
                if position < seniors:
                    level = "SENIOR"
                    head = position == 0
                    title = titles["SENIOR"][0] if head else "Biträdande förvaltningschef"
                    since = rng.randint(1992, 2016)
                elif position < seniors + middles:
                    level, title = "MIDDLE", rng.choice(titles["MIDDLE"])
                    since = rng.randint(1990, 2021)
                else:
                    level, title = "FIRST_LINE", rng.choice(titles["FIRST_LINE"])
                    since = int(rng.triangular(1990, 2026.99, 2018))
                self.dept_of.append(d)
                self.since.append(since)
                self.level.append(level)
                rows.append((title, level, since, d))
        self.kind = [words.DEPARTMENT_NAMES[d][1] for d in range(n_depts)]
        dept_ids = [f"d-{d + 1:02d}" for d in range(n_depts)]
        self.departments = tuple({"id": dept_ids[d], "name": words.DEPARTMENT_NAMES[d][0]}
                                 for d in range(n_depts))
        # Ids are a shuffled numbering so that an id says nothing about the department.
        width = max(3, len(str(n)))
        numbers = list(range(1, n + 1))
        rng.shuffle(numbers)
        self.ids = [f"m-{k:0{width}d}" for k in numbers]
        first, last = words.FIRST_NAMES, words.SURNAMES
        managers: list[Row] = [
            {"id": self.ids[i], "name": f"{rng.choice(first)} {rng.choice(last)}",
             "title": title, "level": level, "managerSince": since, "departmentId": dept_ids[d]}
            for i, (title, level, since, d) in enumerate(rows)]
        managers.sort(key=lambda m: m["id"])
        self.managers = tuple(managers)

    def colleague(self, rng: random.Random, i: int) -> int:
        """Someone in i's department: mostly from i's own unit, sometimes a leader, or anyone."""
        d = self.dept_of[i]
        start, size = self.dept_start[d], self.dept_size[d]
        r = rng.random()
        if r < 0.7:
            j = i + between(rng, -UNIT_RADIUS, UNIT_RADIUS)
            return min(max(j, start), start + size - 1)
        if r < 0.8:
            return start + int(rng.random() * self.dept_leaders[d])
        return start + int(rng.random() * size)


class _Programme:
    """Cohorts of ~30 from all departments, each with 2 senior sponsors and 10 sessions."""

    def __init__(self, rng: random.Random, org: _Organisation):
        n = org.n
        self.cohort_of = [-1] * n
        self.members: list[list[int]] = []  # participants first, then the two sponsors
        self.days: list[list[int]] = []
        self.session_ids: list[list[str]] = []
        eligible = [i for i in range(n) if org.level[i] != "SENIOR" and org.since[i] <= 2023]
        n_cohorts = max(1, min(round(n * COHORT_SHARE / 30), len(eligible) // 32))
        sizes = [30] * n_cohorts
        for k in range(0, n_cohorts - 1, 2):  # 28..32 per cohort, still 30 on average
            shift = rng.randint(-2, 2)
            sizes[k] += shift
            sizes[k + 1] -= shift
        pool = rng.sample(eligible, sum(sizes))
        pool.sort(key=org.since.__getitem__)  # newer managers join later cohorts
        chunks, at = [], 0
        for size in sizes:
            chunks.append(pool[at:at + size])
            at += size
        seniors = [i for i in range(n) if org.level[i] == "SENIOR"]
        cohorts, memberships, sessions, attendance = [], [], [], []
        for k, participants in enumerate(chunks, start=1):
            cohort_id = f"c-{k}"
            spread = (LAST_COHORT - FIRST_COHORT) * (k - 1) // max(1, len(chunks) - 1)
            planned = FIRST_COHORT + spread  # staggered evenly over the programme years
            newest = date(max(org.since[i] for i in participants), 1, 1).toordinal()
            start = min(max(planned + rng.randint(-20, 20), newest, FIRST_COHORT), LAST_COHORT)
            days = session_days(date.fromordinal(start), COHORT_DAYS)
            sponsors = rng.sample(seniors, 2)
            while org.dept_of[sponsors[0]] == org.dept_of[sponsors[1]] and len(org.dept_size) > 1:
                sponsors = rng.sample(seniors, 2)
            ids = [f"s-{k}-{s:02d}" for s in range(1, 11)]
            cohorts.append({"id": cohort_id, "name": f"Kohort {k}", "start": iso_day(days[0]),
                            "end": iso_day(days[-1])})
            memberships += [{"managerId": org.ids[i], "cohortId": cohort_id, "role": "PARTICIPANT"}
                            for i in participants]
            memberships += [{"managerId": org.ids[i], "cohortId": cohort_id, "role": "SPONSOR"}
                            for i in sponsors]
            sessions += [{"id": sid, "cohortId": cohort_id, "number": s, "date": iso_day(day),
                          "theme": words.SESSION_THEMES[s - 1]}
                         for s, (sid, day) in enumerate(zip(ids, days), start=1)]
            for s, sid in enumerate(ids, start=1):
                attendance += [{"managerId": org.ids[i], "sessionId": sid} for i in participants
                               if rng.random() < 0.85]
                attendance += [{"managerId": org.ids[i], "sessionId": sid} for i in sponsors
                               if s in (1, 10) or rng.random() < 0.25]
            for i in participants:
                self.cohort_of[i] = k - 1
            self.members.append(participants + sponsors)
            self.days.append(days)
            self.session_ids.append(ids)
        self.cohorts, self.memberships = tuple(cohorts), tuple(memberships)
        self.sessions, self.attendance = tuple(sessions), tuple(attendance)


def _contacts(rng: random.Random, org: _Organisation, programme: _Programme) -> tuple[Row, ...]:
    n = org.n
    target = round(n * CONTACTS_PER_MANAGER / 2)
    seen: set[int] = set()  # i * n + j with i < j; ints keep the dedupe set small
    rows: list[Row] = []
    ids, since = org.ids, org.since
    end = DATA_END.toordinal()
    jan1 = {y: date(y, 1, 1).toordinal() for y in range(1990, DATA_END.year + 1)}

    def add(i: int, j: int, met: str, source: str, cohort_id: str | None) -> None:
        key = i * n + j if i < j else j * n + i
        if i == j or key in seen:
            return
        seen.add(key)
        a, b = (ids[i], ids[j]) if ids[i] < ids[j] else (ids[j], ids[i])
        rows.append({"a": a, "b": b, "since": met, "source": source, "cohortId": cohort_id})

    def met_on(i: int, j: int) -> str:
        return iso_day(between(rng, jan1[max(since[i], since[j], 2010)], end))

    # Cohort peers: every participant gets to know about five of the ~32 in the room.
    for k, members in enumerate(programme.members):
        cohort_id, days = f"c-{k + 1}", programme.days[k]
        for i in members[:-2]:
            for _ in range(5):
                if rng.random() < 0.85:
                    add(i, pick(rng, members), iso_day(days[0]), "COHORT", cohort_id)
                else:
                    add(i, pick(rng, members), iso_day(pick(rng, days[1:])), "SESSION", cohort_id)
    # A tenth across the whole organisation, then colleagues until the target is reached.
    across = len(rows) + target // 10
    while len(rows) < min(across, target):
        i, j = int(rng.random() * n), int(rng.random() * n)
        add(i, j, met_on(i, j), "MANUAL", None)
    for _ in range(target * 4):
        if len(rows) >= target:
            break
        i = int(rng.random() * n)
        j = org.colleague(rng, i)
        add(i, j, met_on(i, j), "MANUAL", None)
    return tuple(rows)


def _problems(
    rng: random.Random, org: _Organisation, programme: _Programme
) -> tuple[tuple[Row, ...], tuple[Row, ...], tuple[Row, ...]]:
    n = org.n
    count = n * PROBLEMS_PER_MANAGER
    end = DATA_END.toordinal()
    first_day = {y: max(date(y, 1, 1).toordinal(), FIRST_COHORT)
                 for y in range(1990, DATA_END.year + 1)}
    year_of = {d: date.fromordinal(d).year for d in range(FIRST_COHORT, end + 1)}
    cohort_of, since = programme.cohort_of, org.since
    # (day, second of the day, raiser, category, talks): talks are (cohort, session numbers...)
    drafts: list[tuple[int, int, int, str, tuple[int, ...]]] = []
    raisers = [int(rng.random() * n) for _ in range(count)]
    categories = rng.choices(CATEGORIES, weights=CATEGORY_WEIGHTS, k=count)
    for raiser, category in zip(raisers, categories):
        k = cohort_of[raiser]
        talks: tuple[int, ...] = ()
        if k >= 0 and rng.random() < 0.6:  # raised during the programme and taken to a session
            days = programme.days[k]
            day = between(rng, days[0], days[-1] - 1)
            nxt = bisect_right(days, day)
            talks = (k, nxt, nxt + 1) if rng.random() < 0.15 and nxt < 9 else (k, nxt)
        else:
            day = between(rng, first_day[since[raiser]], end - 1)
        drafts.append((day, working_second(rng), raiser, category, talks))
    del raisers, categories
    drafts.sort(key=lambda d: (d[0], d[1]))  # ids follow time
    experts = {c: rng.sample(range(n), max(3, n // 200)) for c in CATEGORIES}
    expert_sets = {c: set(v) for c, v in experts.items()}
    handler_counts = rng.choices((0, 1, 2, 3), weights=HANDLER_COUNT_WEIGHTS, k=count)
    width = max(4, len(str(count)))
    texts: dict[tuple[str, str], list[tuple[str, str]]] = {}
    problems: list[Row] = []
    discussed: list[Row] = []
    handled: list[Row] = []
    for number, ((day, second, raiser, category, talks), wanted) in enumerate(
            zip(drafts, handler_counts), start=1):
        problem_id = f"p-{number:0{width}d}"
        year = year_of[day]
        chosen: list[int] = []
        outcomes: list[str] = []
        for _ in range(wanted * 3):  # a few retries for handlers who were not managers yet
            if len(chosen) == wanted:
                break
            handler = _handler(rng, org, programme, experts[category], raiser)
            if handler == raiser or handler in chosen or since[handler] > year:
                continue
            chosen.append(handler)
            r = rng.random()
            good = 0.75 if handler in expert_sets[category] else 0.45
            outcome = "RESOLVED" if r < good else "PARTLY" if r < good + 0.3 else "NOT_RESOLVED"
            outcomes.append(outcome)
            handled.append({"problemId": problem_id, "managerId": org.ids[handler],
                            "outcome": outcome, "note": compose_note(rng, category, outcome),
                            "handledAt": iso_datetime(min(day + between(rng, 1, 120), end),
                                                      working_second(rng))})
        if talks:
            ids = programme.session_ids[talks[0]]
            discussed += [{"problemId": problem_id, "sessionId": ids[s]} for s in talks[1:]]
        kind = org.kind[org.dept_of[raiser]]
        pool = texts.setdefault((category, kind), [])
        if len(pool) < TEXT_VARIANTS:
            pool.append(compose_problem(rng, category, kind))
            title, description = pool[-1]
        else:
            title, description = pick(rng, pool)
        problems.append({"id": problem_id, "title": title, "description": description,
                         "category": category, "confidential": is_confidential(rng, category),
                         "createdAt": iso_datetime(day, second),
                         "status": problem_status(rng, outcomes), "raisedBy": org.ids[raiser]})
    return tuple(problems), tuple(discussed), tuple(handled)


def _handler(rng: random.Random, org: _Organisation, programme: _Programme, experts: list[int],
             raiser: int) -> int:
    """Who handled it: a known expert, a cohort peer, a colleague, or anyone at all."""
    r = rng.random()
    if r < 0.35:
        return pick(rng, experts)
    if r < 0.65 and programme.cohort_of[raiser] >= 0:
        return pick(rng, programme.members[programme.cohort_of[raiser]])
    if r < 0.9:
        return org.colleague(rng, raiser)
    return int(rng.random() * org.n)


__all__ = ["build_synthetic"]
