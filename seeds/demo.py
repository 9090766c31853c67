"""The demo organisation: Ekby kommun, its leadership programme and its managers' dilemmas.

Everything is fictional and generated from a fixed seed, so `build_demo()` returns equal data on
every call. The shapes follow docs/model.md; `DemoData` is also what `seeds.synthetic` returns.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from peernet.seeds import words

SEED = 20190910

DEMO_MANAGER_ID = "m-001"  # Enhetschef in Vård och omsorg, Kohort 3, raised an IT-support problem
DEMO_SPONSOR_ID = "m-002"  # Kommundirektör, sponsor of Kohort 1 and Kohort 4
DEMO_ADMIN_ID = "m-003"  # HR-chef in Kommunledning; HR owns the programme, so HR administers it

PROGRAMME_START = date(2019, 9, 1)
DATA_END = date(2026, 4, 30)  # nothing in the demo happens after this day

CATEGORIES = ("STAFF_REASSIGNMENT", "SICK_LEAVE", "SUBSTANCE_ABUSE", "BUDGET", "CONFLICT",
              "IT_SUPPORT", "OTHER")
CONFIDENTIAL_BY_DEFAULT = frozenset({"SICK_LEAVE", "SUBSTANCE_ABUSE"})

# (id, name, kind, head count, middle managers); heads sum to 150.
DEPARTMENTS = (
    ("d-vo", "Vård och omsorg", "vo", 34, 5), ("d-bu", "Barn och utbildning", "bu", 32, 5),
    ("d-soc", "Socialtjänst", "soc", 22, 4), ("d-tek", "Teknik", "tek", 16, 3),
    ("d-kf", "Kultur och fritid", "kf", 12, 2), ("d-kl", "Kommunledning", "kl", 12, 5),
    ("d-sb", "Samhällsbyggnad", "sb", 12, 2), ("d-mh", "Miljö och hälsa", "mh", 10, 2),
)
# (id, name, department, level, title, managerSince) for the people the docs talk about.
CAST = (
    (DEMO_MANAGER_ID, "Sara Lindqvist", "d-vo", "FIRST_LINE", "Enhetschef", 2021),
    (DEMO_SPONSOR_ID, "Per Holmberg", "d-kl", "SENIOR", "Kommundirektör", 2004),
    (DEMO_ADMIN_ID, "Karin Ekström", "d-kl", "MIDDLE", "HR-chef", 2011),
)
# (start, participants); staggered so that two cohorts overlap at any time.
COHORTS = ((date(2019, 9, 10), 30), (date(2020, 9, 8), 31), (date(2022, 1, 18), 29),
           (date(2023, 9, 12), 30))
COHORT_DAYS = 912  # ~2.5 years from first to last session
PROBLEM_COUNTS = {"IT_SUPPORT": 46, "SICK_LEAVE": 52, "STAFF_REASSIGNMENT": 44, "CONFLICT": 46,
                  "BUDGET": 44, "SUBSTANCE_ABUSE": 18, "OTHER": 42}


# One node or relationship, keyed exactly like the graph properties (values as Neo4j takes them).
Row = dict[str, Any]
# A cohort's start and its members' roles, by cohort id.
_Members = dict[str, tuple[str, dict[str, str]]]
_T = TypeVar("_T")


@dataclass(frozen=True)
class DemoData:
    """One organisation as plain dicts, keyed exactly like the graph properties."""

    departments: tuple[Row, ...]
    managers: tuple[Row, ...]
    cohorts: tuple[Row, ...]
    memberships: tuple[Row, ...]
    sessions: tuple[Row, ...]
    attendance: tuple[Row, ...]
    problems: tuple[Row, ...]
    discussed: tuple[Row, ...]
    handled: tuple[Row, ...]
    contacts: tuple[Row, ...]


# ---- helpers shared with seeds.synthetic -------------------------------------------------

_DAY_ISO: dict[int, str] = {}


def iso_day(ordinal: int) -> str:
    """ISO date for a day ordinal; memoised because the big generator formats millions."""
    text = _DAY_ISO.get(ordinal)
    if text is None:
        text = _DAY_ISO[ordinal] = date.fromordinal(ordinal).isoformat()
    return text


def iso_datetime(ordinal: int, second_of_day: int) -> str:
    hours, rest = divmod(second_of_day, 3600)
    return f"{iso_day(ordinal)}T{hours:02d}:{rest // 60:02d}:{rest % 60:02d}Z"


def pick(rng: random.Random, items: Sequence[_T]) -> _T:
    """rng.choice at a tenth of the cost (the synthetic build draws millions); the float
    rounding bias is far below anything the data is used for."""
    return items[int(rng.random() * len(items))]


def between(rng: random.Random, low: int, high: int) -> int:
    """rng.randint(low, high), cheaper for the same reason as `pick`."""
    return low + int(rng.random() * (high - low + 1))


def working_second(rng: random.Random) -> int:
    """A second of the day between 07:00 and 18:00 UTC, when managers write."""
    return between(rng, 7 * 3600, 18 * 3600 - 1)


def compose_problem(rng: random.Random, category: str, kind: str) -> tuple[str, str]:
    """(title, description) in Swedish, built from a situation, a follow-up and a question."""
    titles, body = pick(rng, words.SITUATIONS[category])
    role, roles = pick(rng, words.ROLES[kind])
    slots = {
        "unit": pick(rng, words.UNITS[kind]), "role": role, "roles": roles,
        "system": pick(rng, words.SYSTEMS[kind]), "n": between(rng, 3, 12),
        "months": between(rng, 3, 14), "month": pick(rng, words.MONTHS),
        "pct": between(rng, 8, 15) if category == "SICK_LEAVE" else between(rng, 55, 85),
        "small": between(rng, 2, 6), "big": between(rng, 25, 60),
    }
    followup = pick(rng, words.FOLLOWUPS[category])
    if body.endswith("?"):  # the situation asks its own question: keep that question last
        situation, question = body.rsplit(". ", 1)
        parts = [situation + ".", followup, question]
    else:
        parts = [body, followup, pick(rng, words.ASKS)]
    description = " ".join(p for p in parts if p).format(**slots)
    return _capitalised(pick(rng, titles).format(**slots)), _capitalised(description)


def compose_note(rng: random.Random, category: str, outcome: str) -> str:
    if outcome == "RESOLVED":
        return pick(rng, words.RESOLVED_NOTES[category])
    return pick(rng, words.PARTLY_NOTES if outcome == "PARTLY" else words.NOT_RESOLVED_NOTES)


def is_confidential(rng: random.Random, category: str) -> bool:
    if category in CONFIDENTIAL_BY_DEFAULT:
        return True
    return rng.random() < (0.2 if category == "CONFLICT" else 0.03)


def problem_status(rng: random.Random, outcomes: list[str]) -> str:
    if "RESOLVED" in outcomes:
        return "RESOLVED"
    return "IN_PROGRESS" if outcomes or rng.random() < 0.25 else "OPEN"


def session_days(start: date, span_days: int, count: int = 10) -> list[int]:
    """Evenly spread weekday session ordinals, avoiding July when everyone is on holiday."""
    days = []
    for i in range(count):
        day = date.fromordinal(start.toordinal() + round(i * span_days / (count - 1)))
        if day.month == 7:
            day = date.fromordinal(day.toordinal() + 31)
        while day.weekday() >= 5:
            day = date.fromordinal(day.toordinal() + 1)
        days.append(day.toordinal())
    return days


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _contact(a: str, b: str, since: str | None, source: str, cohort_id: str | None) -> Row:
    a, b = (a, b) if a < b else (b, a)
    return {"a": a, "b": b, "since": since, "source": source, "cohortId": cohort_id}


# ---- the demo ---------------------------------------------------------------------------


def build_demo() -> DemoData:
    rng = random.Random(SEED)
    managers = _managers(rng)
    cohorts, memberships, sessions, cohort_of = _programme(rng, managers)
    members: _Members = {c["id"]: (c["start"], {}) for c in cohorts}
    for row in memberships:
        members[row["cohortId"]][1][row["managerId"]] = row["role"]
    attended = {(m, s["id"]) for s in sessions for m, role in members[s["cohortId"]][1].items()
                if _attends(rng, role, s)}
    contacts = _contacts(rng, managers, members, sessions, attended)
    problems, discussed, handled = _problems(rng, managers, members, cohort_of, sessions)
    raiser_of = {p["id"]: p["raisedBy"] for p in problems}
    attended |= {(raiser_of[row["problemId"]], row["sessionId"]) for row in discussed}
    return DemoData(
        departments=tuple({"id": d, "name": n} for d, n, _, _, _ in DEPARTMENTS),
        managers=tuple(managers), cohorts=tuple(cohorts), memberships=tuple(memberships),
        sessions=tuple(sessions),
        attendance=tuple({"managerId": m, "sessionId": s} for m, s in sorted(attended)),
        problems=tuple(problems), discussed=tuple(discussed), handled=tuple(handled),
        contacts=tuple(contacts),
    )


def _managers(rng: random.Random) -> list[Row]:
    slots: list[tuple[str, str, str]] = []  # (department, level, title) for every post
    for dept_id, _, kind, size, middle in DEPARTMENTS:
        titles = words.TITLES[kind]
        seniors = titles["SENIOR"] if dept_id == "d-kl" else titles["SENIOR"][:1]
        slots += [(dept_id, "SENIOR", t) for t in seniors]
        slots += [(dept_id, "MIDDLE", titles["MIDDLE"][i % len(titles["MIDDLE"])])
                  for i in range(middle)]
        slots += [(dept_id, "FIRST_LINE", rng.choice(titles["FIRST_LINE"]))
                  for _ in range(size - len(seniors) - middle)]
    for _, _, dept_id, level, title, _ in CAST:  # the cast fills posts, it does not add any
        slots.remove((dept_id, level, title))
    rng.shuffle(slots)
    managers: list[Row] = [{"id": i, "name": n, "title": t, "level": lv, "managerSince": y,
                            "departmentId": d} for i, n, d, lv, t, y in CAST]
    names = {c[1] for c in CAST}
    for number, (dept_id, level, title) in enumerate(slots, start=len(CAST) + 1):
        name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.SURNAMES)}"
        while name in names:
            name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.SURNAMES)}"
        names.add(name)
        if level == "SENIOR":
            since = rng.randint(1996, 2014)
        elif level == "MIDDLE":
            since = rng.randint(1993, 2019)
        else:
            since = int(rng.triangular(1990, 2026.99, 2018))
        managers.append({"id": f"m-{number:03d}", "name": name, "title": title, "level": level,
                         "managerSince": since, "departmentId": dept_id})
    # Show both ends of a career: brand-new managers and some close to retirement.
    first_line = [m for m in managers[len(CAST):] if m["level"] == "FIRST_LINE"]
    for m, year in zip(first_line, (2025, 2026, 2026, 2025, 1990, 1991, 1992, 1990)):
        m["managerSince"] = year
    return managers


def _programme(
    rng: random.Random, managers: list[Row]
) -> tuple[list[Row], list[Row], list[Row], dict[str, str]]:
    """Cohorts with 2 sponsors, ~30 participants from all over, and 10 sessions each."""
    kind_of = {dept_id: kind for dept_id, _, kind, _, _ in DEPARTMENTS}
    head = {m["departmentId"]: m["id"] for m in managers if m["level"] == "SENIOR"
            and m["title"] == words.TITLES[kind_of[m["departmentId"]]]["SENIOR"][0]}
    deputy = next(m["id"] for m in managers if m["title"] == "Biträdande kommundirektör")
    sponsor_pairs = ((head["d-kl"], head["d-vo"]), (head["d-bu"], head["d-soc"]),
                     (head["d-tek"], deputy), (head["d-kl"], head["d-sb"]))
    free = [m for m in managers if m["level"] != "SENIOR" and m["id"] != DEMO_MANAGER_ID]
    cohorts: list[Row] = []
    memberships: list[Row] = []
    sessions: list[Row] = []
    cohort_of: dict[str, str] = {}  # participant -> cohort
    for number, ((start, size), sponsors) in enumerate(zip(COHORTS, sponsor_pairs), start=1):
        cohort_id = f"c-{number}"
        days = session_days(start, COHORT_DAYS)
        eligible = [m["id"] for m in free if m["managerSince"] <= start.year]
        chosen = [DEMO_MANAGER_ID] if number == 3 else []
        chosen += rng.sample(eligible, size - len(chosen))
        free = [m for m in free if m["id"] not in chosen]
        cohorts.append({"id": cohort_id, "name": f"Kohort {number}", "start": iso_day(days[0]),
                        "end": iso_day(days[-1])})
        memberships += [{"managerId": s, "cohortId": cohort_id, "role": "SPONSOR"}
                        for s in sponsors]
        memberships += [{"managerId": m, "cohortId": cohort_id, "role": "PARTICIPANT"}
                        for m in sorted(chosen)]
        cohort_of.update((m, cohort_id) for m in chosen)
        sessions += [{"id": f"s-{number}-{i:02d}", "cohortId": cohort_id, "number": i,
                      "date": iso_day(day), "theme": words.SESSION_THEMES[i - 1]}
                     for i, day in enumerate(days, start=1)]
    return cohorts, memberships, sessions, cohort_of


def _attends(rng: random.Random, role: str, session: Row) -> bool:
    if role == "SPONSOR":  # sponsors open and close the programme and drop in now and then
        return session["number"] in (1, 10) or rng.random() < 0.25
    return rng.random() < 0.88


def _contacts(rng: random.Random, managers: list[Row], members: _Members, sessions: list[Row],
              attended: set[tuple[str, str]]) -> list[Row]:
    """Cohort peers first, then session acquaintances, colleagues, and a few across the house."""
    pairs: dict[tuple[str, str], Row] = {}

    def add(a: str, b: str, since: str | None, source: str, cohort_id: str | None = None) -> None:
        if a != b and (min(a, b), max(a, b)) not in pairs:
            pairs[(min(a, b), max(a, b))] = _contact(a, b, since, source, cohort_id)

    for cohort_id, (start, roles) in members.items():
        everyone = sorted(roles)
        for m in everyone:
            if roles[m] == "PARTICIPANT":
                for peer in rng.sample(everyone, 5):
                    add(m, peer, start, "COHORT", cohort_id)
    for s in sessions:
        present = sorted(m for m, sid in attended if sid == s["id"])
        for _ in range(3):
            a, b = rng.sample(present, 2)
            add(a, b, s["date"], "SESSION", s["cohortId"])
    since = {m["id"]: m["managerSince"] for m in managers}
    by_dept: dict[str, list[str]] = {}
    for manager in managers:
        by_dept.setdefault(manager["departmentId"], []).append(manager["id"])
    for manager in managers:
        me = manager["id"]
        for peer in rng.sample(by_dept[manager["departmentId"]], 3):
            add(me, peer, _met_on(rng, since[me], since[peer]), "MANUAL")
    leaders = [m["id"] for m in managers if m["level"] == "SENIOR"]  # the ledningsgrupp
    for i, a in enumerate(leaders):
        for b in leaders[i + 1:]:
            add(a, b, _met_on(rng, since[a], since[b]), "MANUAL")
    ids = [m["id"] for m in managers]
    for _ in range(25):
        a, b = rng.sample(ids, 2)
        add(a, b, _met_on(rng, since[a], since[b]), "MANUAL")
    return [pairs[k] for k in sorted(pairs)]


def _met_on(rng: random.Random, since_a: int, since_b: int) -> str:
    first = date(max(since_a, since_b, 2012), 1, 1).toordinal()
    return iso_day(rng.randint(first, DATA_END.toordinal()))


def _problems(
    rng: random.Random, managers: list[Row], members: _Members, cohort_of: dict[str, str],
    sessions: list[Row],
) -> tuple[list[Row], list[Row], list[Row]]:
    casebook = _Casebook(rng, managers, members, cohort_of, sessions)
    # The documented walk-through starts with this problem; None: anyone may raise it.
    wanted: list[tuple[str | None, str]] = [(DEMO_MANAGER_ID, "IT_SUPPORT")]
    wanted += [(None, c) for c, n in PROBLEM_COUNTS.items()
               for _ in range(n - (c == "IT_SUPPORT"))]
    drafts = [casebook.draft(raiser, category) for raiser, category in wanted]
    drafts.sort(key=lambda d: d["createdAt"])  # ids follow time, as they would in production
    problems: list[Row] = []
    discussed: list[Row] = []
    handled: list[Row] = []
    for number, draft in enumerate(drafts, start=1):
        problem_id = f"p-{number:04d}"
        discussed += [{"problemId": problem_id, "sessionId": s} for s in draft.pop("_talks")]
        handled += [{"problemId": problem_id, "managerId": h, "outcome": o, "note": n,
                     "handledAt": t} for h, o, n, t in draft.pop("_handlers")]
        problems.append({"id": problem_id, **draft})
    return problems, discussed, handled


class _Casebook:
    """Writes the demo's problems: who raised them, when, where they were discussed, who helped."""

    def __init__(self, rng: random.Random, managers: list[Row], members: _Members,
                 cohort_of: dict[str, str], sessions: list[Row]) -> None:
        self.rng, self.members, self.cohort_of = rng, members, cohort_of
        self.by_id = {m["id"]: m for m in managers}
        self.kind_of = {dept_id: kind for dept_id, _, kind, _, _ in DEPARTMENTS}
        self.ids: list[str] = [m["id"] for m in managers]
        # Participants bring most problems; the top leadership group rarely writes any.
        self.weights = [4 if i in cohort_of else 0.3 if self.by_id[i]["level"] == "SENIOR" else 1.5
                        for i in self.ids]
        self.experts = self._experts(managers)
        self.agenda: dict[str, list[tuple[int, str]]] = {}  # cohort -> [(day, session id)]
        for s in sessions:
            day = date.fromisoformat(s["date"]).toordinal()
            self.agenda.setdefault(s["cohortId"], []).append((day, s["id"]))
        self.written: set[str] = set()

    def _experts(self, managers: list[Row]) -> dict[str, list[str]]:
        """Managers known for handling a category well, deliberately in different departments."""
        taken = {DEMO_MANAGER_ID, DEMO_ADMIN_ID}

        def one_from(dept_id: str) -> str:
            pool: list[str] = [m["id"] for m in managers if m["departmentId"] == dept_id
                    and m["id"] in self.cohort_of and m["level"] == "FIRST_LINE"
                    and m["id"] not in taken]
            taken.add(chosen := self.rng.choice(pool))
            return chosen

        it_chef: str = next(m["id"] for m in managers if m["title"] == "IT-chef")
        experts = {"IT_SUPPORT": [it_chef] + [one_from(d) for d in ("d-bu", "d-tek", "d-vo")],
                   "SICK_LEAVE": [DEMO_ADMIN_ID] + [one_from(d) for d in ("d-vo", "d-soc", "d-bu")]}
        dept_ids = [d for d, *_ in DEPARTMENTS]
        for category in CATEGORIES:
            experts.setdefault(category, [one_from(d) for d in self.rng.sample(dept_ids, 2)])
        return experts

    def draft(self, raiser: str | None, category: str) -> Row:
        rng, end = self.rng, DATA_END.toordinal()
        demo_user = raiser == DEMO_MANAGER_ID
        raiser = raiser or rng.choices(self.ids, self.weights)[0]
        talks: list[str] = []
        if raiser in self.cohort_of and (demo_user or rng.random() < 0.75):
            days = self.agenda[self.cohort_of[raiser]]
            day = rng.randint(days[0][0], days[-1][0] - 1)
            upcoming = [sid for d, sid in days if d > day]
            talks = upcoming[:2] if rng.random() < 0.2 else upcoming[:1]
        else:
            since = date(self.by_id[raiser]["managerSince"], 1, 1)
            day = rng.randint(max(PROGRAMME_START, since).toordinal(), end - 1)
        handlers: list[tuple[str, str, str, str]] = []  # (handler, outcome, note, handledAt)
        chosen: list[str] = []
        count = 1 if demo_user else rng.choices((0, 1, 2, 3), (18, 42, 30, 10))[0]
        for _ in range(count):
            handled_day = min(day + rng.randint(1, 90), end)
            handler: str | None
            if demo_user:  # the IT-chef sorted out Sara's problem: the walk-through shows that
                handler = self.experts["IT_SUPPORT"][0]
            else:
                year = date.fromordinal(handled_day).year
                handler = self._handler(raiser, category, year, chosen)
            if handler is None:
                continue
            chosen.append(handler)
            weights = (75, 20, 5) if handler in self.experts[category] else (40, 35, 25)
            outcome = rng.choices(("RESOLVED", "PARTLY", "NOT_RESOLVED"), weights)[0]
            handlers.append((handler, outcome, compose_note(rng, category, outcome),
                             iso_datetime(handled_day, working_second(rng))))
        if not demo_user and rng.random() < 0.03:  # solved it oneself, and wrote down how
            outcome = rng.choice(("RESOLVED", "PARTLY"))
            handlers.append((raiser, outcome, compose_note(rng, category, outcome),
                             iso_datetime(min(day + 30, end), working_second(rng))))
        title, description = self._text(category, raiser)
        return {"title": title, "description": description, "category": category,
                "confidential": is_confidential(rng, category),
                "createdAt": iso_datetime(day, working_second(rng)),
                "status": problem_status(rng, [h[1] for h in handlers]), "raisedBy": raiser,
                "_talks": talks, "_handlers": handlers}

    def _handler(self, raiser: str, category: str, year: int, chosen: list[str]) -> str | None:
        """An expert, a cohort peer or anyone; never the raiser, never twice, and only someone
        who was already a manager that year."""
        for _ in range(50):
            r = self.rng.random()
            if r < 0.45:
                handler = self.rng.choice(self.experts[category])
            elif r < 0.8 and raiser in self.cohort_of:
                handler = self.rng.choice(sorted(self.members[self.cohort_of[raiser]][1]))
            else:
                handler = self.rng.choice(self.ids)
            if handler != raiser and handler not in chosen \
                    and self.by_id[handler]["managerSince"] <= year:
                return handler
        return None

    def _text(self, category: str, raiser: str) -> tuple[str, str]:
        kind = self.kind_of[self.by_id[raiser]["departmentId"]]
        title, description = compose_problem(self.rng, category, kind)
        while description in self.written:  # the demo shows variety: no two texts are identical
            title, description = compose_problem(self.rng, category, kind)
        self.written.add(description)
        return title, description


__all__ = [
    "CAST", "CATEGORIES", "CONFIDENTIAL_BY_DEFAULT", "DEMO_ADMIN_ID", "DEMO_MANAGER_ID",
    "DEMO_SPONSOR_ID", "DemoData", "Row", "between", "build_demo", "compose_note",
    "compose_problem", "is_confidential", "iso_datetime", "iso_day", "pick", "problem_status",
    "session_days", "working_second",
]
