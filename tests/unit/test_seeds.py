"""The demo and synthetic organisations keep the promises the rest of peernet relies on."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from datetime import date, datetime

import pytest

from peernet.seeds.csv_export import write_csv
from peernet.seeds.demo import (
    DEMO_ADMIN_ID,
    DEMO_MANAGER_ID,
    DEMO_SPONSOR_ID,
    DemoData,
    build_demo,
)
from peernet.seeds.synthetic import build_synthetic

KEYS = {
    "departments": {"id", "name"},
    "managers": {"id", "name", "title", "level", "managerSince", "departmentId"},
    "cohorts": {"id", "name", "start", "end"},
    "memberships": {"managerId", "cohortId", "role"},
    "sessions": {"id", "cohortId", "number", "date", "theme"},
    "attendance": {"managerId", "sessionId"},
    "problems": {"id", "title", "description", "category", "confidential", "createdAt", "status",
                 "raisedBy"},
    "discussed": {"problemId", "sessionId"},
    "handled": {"problemId", "managerId", "outcome", "note", "handledAt"},
    "contacts": {"a", "b", "since", "source", "cohortId"},
}
CATEGORIES = {"STAFF_REASSIGNMENT", "SICK_LEAVE", "SUBSTANCE_ABUSE", "BUDGET", "CONFLICT",
              "IT_SUPPORT", "OTHER"}


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return build_demo()


@pytest.fixture(scope="module")
def synthetic() -> DemoData:
    return build_synthetic(1000)


@pytest.fixture(params=["demo", "synthetic"])
def data(request) -> DemoData:
    return request.getfixturevalue(request.param)


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


def _utc(text: str) -> datetime:
    assert text.endswith("Z"), text
    return datetime.fromisoformat(text[:-1] + "+00:00")


def _participants(data: DemoData) -> dict[str, list[str]]:
    by_cohort = defaultdict(list)
    for row in data.memberships:
        if row["role"] == "PARTICIPANT":
            by_cohort[row["cohortId"]].append(row["managerId"])
    return by_cohort


# ---- determinism -----------------------------------------------------------------------


def test_demo_is_deterministic(demo):
    assert build_demo() == demo


def test_synthetic_is_deterministic_per_seed(synthetic):
    assert build_synthetic(1000) == synthetic
    assert build_synthetic(1000, seed=8) != synthetic


# ---- shape and integrity, for both organisations ----------------------------------------


def test_every_row_has_exactly_the_documented_keys(data):
    for field, keys in KEYS.items():
        rows = getattr(data, field)
        assert isinstance(rows, tuple) and rows, field
        assert all(set(row) == keys for row in rows), field


def test_ids_are_unique(data):
    for field in ("departments", "managers", "cohorts", "sessions", "problems"):
        ids = [row["id"] for row in getattr(data, field)]
        assert len(ids) == len(set(ids)), field
    assert len({(r["managerId"], r["cohortId"]) for r in data.memberships}) == len(data.memberships)
    assert len({(r["managerId"], r["sessionId"]) for r in data.attendance}) == len(data.attendance)
    assert len({(r["problemId"], r["sessionId"]) for r in data.discussed}) == len(data.discussed)
    assert len({(r["problemId"], r["managerId"]) for r in data.handled}) == len(data.handled)


def test_every_referenced_id_exists(data):
    departments = {d["id"] for d in data.departments}
    managers = {m["id"] for m in data.managers}
    cohorts = {c["id"] for c in data.cohorts}
    sessions = {s["id"] for s in data.sessions}
    problems = {p["id"] for p in data.problems}
    assert {m["departmentId"] for m in data.managers} <= departments
    assert {r["managerId"] for r in data.memberships} <= managers
    assert {r["cohortId"] for r in data.memberships} <= cohorts
    assert {s["cohortId"] for s in data.sessions} <= cohorts
    assert {r["managerId"] for r in data.attendance} <= managers
    assert {r["sessionId"] for r in data.attendance} <= sessions
    assert {p["raisedBy"] for p in data.problems} <= managers
    assert {r["problemId"] for r in data.discussed} <= problems
    assert {r["sessionId"] for r in data.discussed} <= sessions
    assert {r["problemId"] for r in data.handled} <= problems
    assert {r["managerId"] for r in data.handled} <= managers
    assert {c["a"] for c in data.contacts} | {c["b"] for c in data.contacts} <= managers
    assert {c["cohortId"] for c in data.contacts} - {None} <= cohorts


def test_enums_and_types_follow_the_model(data):
    assert {m["level"] for m in data.managers} == {"FIRST_LINE", "MIDDLE", "SENIOR"}
    assert all(isinstance(m["managerSince"], int) and 1990 <= m["managerSince"] <= 2026
               for m in data.managers)
    assert {r["role"] for r in data.memberships} == {"PARTICIPANT", "SPONSOR"}
    assert {p["category"] for p in data.problems} == CATEGORIES
    assert {p["status"] for p in data.problems} <= {"OPEN", "IN_PROGRESS", "RESOLVED"}
    assert all(isinstance(p["confidential"], bool) for p in data.problems)
    assert {h["outcome"] for h in data.handled} == {"RESOLVED", "PARTLY", "NOT_RESOLVED"}
    assert {c["source"] for c in data.contacts} <= {"COHORT", "SESSION", "MANUAL"}


def test_dates_are_iso_and_in_order(data):
    cohorts = {c["id"]: c for c in data.cohorts}
    for c in data.cohorts:
        assert _day(c["end"]) >= _day(c["start"])
        assert 800 <= (_day(c["end"]) - _day(c["start"])).days <= 1000  # ~2.5 years
    for s in data.sessions:
        cohort = cohorts[s["cohortId"]]
        assert _day(cohort["start"]) <= date.fromisoformat(s["date"]) <= _day(cohort["end"])
    created = {p["id"]: _utc(p["createdAt"]) for p in data.problems}
    assert all(_utc(h["handledAt"]) > created[h["problemId"]] for h in data.handled)
    assert all(c["since"] is None or date.fromisoformat(c["since"]) for c in data.contacts)


def test_contacts_are_undirected_unique_pairs_without_self_loops(data):
    pairs = [(c["a"], c["b"]) for c in data.contacts]
    assert all(a < b for a, b in pairs)
    assert len(pairs) == len(set(pairs))


def test_cohort_contacts_name_a_cohort_both_people_were_in(data):
    members = defaultdict(set)
    for row in data.memberships:
        members[row["cohortId"]].add(row["managerId"])
    for c in data.contacts:
        if c["source"] in ("COHORT", "SESSION"):
            assert {c["a"], c["b"]} <= members[c["cohortId"]]
        else:
            assert c["cohortId"] is None


def test_cohorts_have_two_sponsors_ten_sessions_and_about_thirty_mixed_participants(data):
    level = {m["id"]: m["level"] for m in data.managers}
    department = {m["id"]: m["departmentId"] for m in data.managers}
    sponsors = Counter(r["cohortId"] for r in data.memberships if r["role"] == "SPONSOR")
    numbers = defaultdict(list)
    for s in data.sessions:
        numbers[s["cohortId"]].append(s["number"])
    participants = _participants(data)
    for cohort in data.cohorts:
        cid = cohort["id"]
        assert sponsors[cid] == 2
        assert sorted(numbers[cid]) == list(range(1, 11))
        assert 28 <= len(participants[cid]) <= 32
        assert len({department[m] for m in participants[cid]}) >= 4
    assert all(level[r["managerId"]] == "SENIOR"
               for r in data.memberships if r["role"] == "SPONSOR")
    everyone = [m for ms in participants.values() for m in ms]
    assert len(everyone) == len(set(everyone))  # nobody takes the programme twice


def test_most_participants_attend_most_sessions(data):
    cohort_of = {m: c for c, ms in _participants(data).items() for m in ms}
    session_cohort = {s["id"]: s["cohortId"] for s in data.sessions}
    attended = Counter(r["managerId"] for r in data.attendance
                       if cohort_of.get(r["managerId"]) == session_cohort[r["sessionId"]])
    assert sum(attended.values()) / (10 * len(cohort_of)) >= 0.75
    assert sum(1 for m in cohort_of if attended[m] >= 6) / len(cohort_of) >= 0.9


def test_problems_are_discussed_in_the_raisers_cohort_after_being_raised(data):
    cohort_of = {m: c for c, ms in _participants(data).items() for m in ms}
    sessions = {s["id"]: s for s in data.sessions}
    problems = {p["id"]: p for p in data.problems}
    for row in data.discussed:
        problem, session = problems[row["problemId"]], sessions[row["sessionId"]]
        assert cohort_of[problem["raisedBy"]] == session["cohortId"]
        assert date.fromisoformat(session["date"]) >= _day(problem["createdAt"])


def test_handlers_are_mostly_other_managers_often_in_other_departments(data):
    problems = {p["id"]: p for p in data.problems}
    department = {m["id"]: m["departmentId"] for m in data.managers}
    own = sum(h["managerId"] == problems[h["problemId"]]["raisedBy"] for h in data.handled)
    assert own / len(data.handled) < 0.05
    other_dept = sum(department[h["managerId"]] != department[problems[h["problemId"]]["raisedBy"]]
                     for h in data.handled)
    assert other_dept / len(data.handled) >= 0.3


def test_sick_leave_and_substance_abuse_are_confidential(data):
    for p in data.problems:
        if p["category"] in ("SICK_LEAVE", "SUBSTANCE_ABUSE"):
            assert p["confidential"] is True, p["id"]
    others = [p for p in data.problems if p["category"] not in ("SICK_LEAVE", "SUBSTANCE_ABUSE")]
    assert 0 < sum(p["confidential"] for p in others) < len(others) / 4


def test_status_agrees_with_the_handling(data):
    outcomes = defaultdict(set)
    for h in data.handled:
        outcomes[h["problemId"]].add(h["outcome"])
    for p in data.problems:
        assert (p["status"] == "RESOLVED") == ("RESOLVED" in outcomes[p["id"]]), p["id"]


# ---- the demo's particular promises -------------------------------------------------------


def test_demo_sizes_and_id_formats(demo):
    assert len(demo.departments) == 8
    assert 140 <= len(demo.managers) <= 160
    assert [c["id"] for c in demo.cohorts] == ["c-1", "c-2", "c-3", "c-4"]
    assert [c["name"] for c in demo.cohorts] == ["Kohort 1", "Kohort 2", "Kohort 3", "Kohort 4"]
    assert demo.cohorts[0]["start"].startswith("2019")
    assert [c["start"] for c in demo.cohorts] == sorted(c["start"] for c in demo.cohorts)
    assert 200 <= len(demo.problems) <= 400
    assert demo.managers[0]["id"] == "m-001" and demo.problems[0]["id"] == "p-0001"
    assert demo.sessions[0]["id"] == "s-1-01"
    assert all(d["id"].startswith("d-") for d in demo.departments)
    since = [m["managerSince"] for m in demo.managers]
    assert min(since) <= 1992 and max(since) >= 2025  # near retirement and brand new
    average_degree = 2 * len(demo.contacts) / len(demo.managers)
    assert 8 <= average_degree <= 20


def test_demo_contacts_are_mostly_within_department_or_cohort(demo):
    department = {m["id"]: m["departmentId"] for m in demo.managers}
    inside = sum(department[c["a"]] == department[c["b"]] or c["cohortId"] is not None
                 for c in demo.contacts)
    assert inside / len(demo.contacts) >= 0.85
    assert any(department[c["a"]] != department[c["b"]] for c in demo.contacts
               if c["source"] == "MANUAL")


def test_it_support_complaints_recur_across_departments_and_cohorts(demo):
    department = {m["id"]: m["departmentId"] for m in demo.managers}
    cohort_of = {m: c for c, ms in _participants(demo).items() for m in ms}
    it = [p for p in demo.problems if p["category"] == "IT_SUPPORT"]
    assert len({department[p["raisedBy"]] for p in it}) >= 5
    assert len({cohort_of[p["raisedBy"]] for p in it if p["raisedBy"] in cohort_of}) >= 3
    assert len({p["description"] for p in it}) == len(it)  # worded differently each time


@pytest.mark.parametrize("stems", [("sjukskriv", "rehabilit", "återgång"),
                                   ("omplacer", "omorganis")])
def test_personnel_dilemmas_recur_across_departments(demo, stems):
    department = {m["id"]: m["departmentId"] for m in demo.managers}
    hits = [p for p in demo.problems
            if any(s in (p["title"] + " " + p["description"]).lower() for s in stems)]
    assert len(hits) >= 15
    assert len({department[p["raisedBy"]] for p in hits}) >= 5


@pytest.mark.parametrize("category", ["IT_SUPPORT", "SICK_LEAVE"])
def test_managers_in_several_departments_resolved_the_common_problems(demo, category):
    department = {m["id"]: m["departmentId"] for m in demo.managers}
    problems = {p["id"]: p for p in demo.problems}
    resolvers = Counter(h["managerId"] for h in demo.handled if h["outcome"] == "RESOLVED"
                        and problems[h["problemId"]]["category"] == category)
    regulars = [m for m, n in resolvers.items() if n >= 2]
    assert len({department[m] for m in regulars}) >= 3


def test_demo_texts_are_swedish(demo):
    texts = [p["description"] for p in demo.problems]
    assert sum(any(ch in t for ch in "åäöÅÄÖ") for t in texts) / len(texts) > 0.9
    assert all(h["note"] for h in demo.handled)


def test_named_demo_users(demo):
    managers = {m["id"]: m for m in demo.managers}
    roles = {(r["managerId"], r["cohortId"]): r["role"] for r in demo.memberships}
    departments = {d["id"]: d["name"] for d in demo.departments}
    user = managers[DEMO_MANAGER_ID]
    assert user["level"] == "FIRST_LINE"
    assert "PARTICIPANT" in {role for (m, _), role in roles.items() if m == DEMO_MANAGER_ID}
    assert any(p["raisedBy"] == DEMO_MANAGER_ID and p["category"] == "IT_SUPPORT"
               for p in demo.problems)
    assert any(DEMO_MANAGER_ID in (c["a"], c["b"]) for c in demo.contacts)
    assert "SPONSOR" in {role for (m, _), role in roles.items() if m == DEMO_SPONSOR_ID}
    assert departments[managers[DEMO_ADMIN_ID]["departmentId"]] == "Kommunledning"


# ---- the synthetic organisation at N = 1000 ---------------------------------------------


def test_synthetic_sizes(synthetic):
    assert len(synthetic.managers) == 1000
    assert 8 <= len(synthetic.departments) <= 40
    sizes = Counter(m["departmentId"] for m in synthetic.managers).most_common()
    assert sizes[0][1] >= 3 * sizes[-1][1]  # skewed, like a real municipality
    assert 4.5 <= len(synthetic.problems) / 1000 <= 5.5
    assert 1.0 <= len(synthetic.handled) / len(synthetic.problems) <= 2.0
    assert abs(len(synthetic.contacts) - 7500) <= 375
    assert 0.15 <= len(_participants(synthetic)) * 30 / 1000 <= 0.5


def test_synthetic_contacts_are_mostly_within_department_or_cohort(synthetic):
    department = {m["id"]: m["departmentId"] for m in synthetic.managers}
    cohorts = defaultdict(set)
    for row in synthetic.memberships:
        cohorts[row["managerId"]].add(row["cohortId"])
    inside = sum(department[c["a"]] == department[c["b"]] or bool(cohorts[c["a"]] & cohorts[c["b"]])
                 for c in synthetic.contacts)
    assert inside / len(synthetic.contacts) >= 0.8


def test_synthetic_rejects_a_too_small_organisation():
    with pytest.raises(ValueError):
        build_synthetic(10)


# ---- CSV export ---------------------------------------------------------------------------

HEADERS = {
    "departments": ["id", "name"],
    "managers": ["id", "name", "department_id", "title", "level", "manager_since"],
    "contacts": ["source_id", "target_id", "since"],
    "problems": ["id", "title", "description", "category", "confidential", "raised_by",
                 "created_at"],
    "handled": ["problem_id", "manager_id", "outcome", "note", "handled_at"],
}


def test_write_csv_round_trips_through_dictreader(demo, tmp_path):
    paths = write_csv(demo, tmp_path / "csv")
    assert set(paths) == set(HEADERS)
    rows = {}
    for stem, path in paths.items():
        assert path.name == f"{stem}.csv" and path.parent == tmp_path / "csv"
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows[stem] = list(reader)
            assert reader.fieldnames == HEADERS[stem]
    assert len(rows["departments"]) == len(demo.departments)
    assert len(rows["contacts"]) == len(demo.contacts)
    assert len(rows["handled"]) == len(demo.handled)
    assert [r["id"] for r in rows["managers"]] == [m["id"] for m in demo.managers]
    first = demo.managers[0]
    assert rows["managers"][0] == {"id": first["id"], "name": first["name"],
                                   "department_id": first["departmentId"], "title": first["title"],
                                   "level": first["level"],
                                   "manager_since": str(first["managerSince"])}
    for row, problem in zip(rows["problems"], demo.problems, strict=True):
        assert row["description"] == problem["description"]  # commas, quotes, å ä ö survive
        assert row["confidential"] == ("true" if problem["confidential"] else "false")
        assert (row["raised_by"], row["created_at"]) == (problem["raisedBy"], problem["createdAt"])
    assert rows["contacts"][0] == {"source_id": demo.contacts[0]["a"],
                                   "target_id": demo.contacts[0]["b"],
                                   "since": demo.contacts[0]["since"] or ""}
    assert rows["handled"][-1]["note"] == demo.handled[-1]["note"]
