"""``peernet import`` against the real test Neo4j, through the CLI as a user runs it."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from peernet.cli import app as cli
from peernet.importer.service import read_files
from tests.conftest import cypher

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "import"
KINDS = ("departments", "managers", "contacts", "problems", "handled")

# The organisation's graph; audit entries and job runs written alongside it are not the import's.
ORGANISATION = "(n:Department OR n:Manager OR n:Cohort OR n:Session OR n:Problem)"
# One record each: the async driver's per-record overhead would dominate these tests.
NODES = f"MATCH (n) WHERE {ORGANISATION} RETURN collect([labels(n), properties(n)]) AS rows"
RELATIONSHIPS = f"""
MATCH (n)-[r]->(b) WHERE {ORGANISATION}
RETURN collect([n.id, type(r), b.id, properties(r)]) AS rows
"""


def snapshot() -> tuple[list[str], list[str]]:
    """Every node and relationship with all its properties, in a comparable order."""
    def entries(query: str) -> list[str]:
        return sorted(
            repr([*row[:-1], sorted(row[-1].items())]) for row in cypher(query)[0]["rows"]
        )

    return entries(NODES), entries(RELATIONSHIPS)


def run_import(*args: str):
    return CliRunner().invoke(cli, ["import", *args])


def example_args(directory: Path = EXAMPLES) -> list[str]:
    return [arg for kind in KINDS for arg in (f"--{kind}", str(directory / f"{kind}.csv"))]


def write(directory: Path, name: str, text: str) -> str:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_set_with_errors_is_rejected_with_line_numbers_and_nothing_is_written(
    demo_graph, tmp_path
):
    before = snapshot()
    managers = write(tmp_path, "managers.csv", "id,name,department_id,title,level,manager_since\n"
                                               "m-900,Ny Chef,d-vo,Enhetschef,FIRST_LINE,2020\n"
                                               "m-901,Annan Chef,d-nope,,BOSS,tjugo\n")
    contacts = write(tmp_path, "contacts.csv", "source_id,target_id,since\n"
                                               "m-900,m-001,2024-01-10\n"
                                               "m-001,m-001,\n"
                                               "m-900,m-999,2024-02-30\n")
    handled = write(
        tmp_path,
        "handled.csv",
        "problem_id,manager_id,outcome\n"
        + "".join(f"p-{i:04d},m-900,NOPE\n" for i in range(1, 61)),
    )
    result = run_import("--managers", managers, "--contacts", contacts, "--handled", handled)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[:7] == [
        "managers.csv:3: level 'BOSS' is not one of FIRST_LINE, MIDDLE, SENIOR",
        "managers.csv:3: manager_since 'tjugo' is not a whole number (a year such as 2015)",
        "managers.csv:3: department_id 'd-nope': no such department in the graph",
        "handled.csv:2: outcome 'NOPE' is not one of RESOLVED, PARTLY, NOT_RESOLVED",
        "handled.csv:3: outcome 'NOPE' is not one of RESOLVED, PARTLY, NOT_RESOLVED",
        "handled.csv:4: outcome 'NOPE' is not one of RESOLVED, PARTLY, NOT_RESOLVED",
        "handled.csv:5: outcome 'NOPE' is not one of RESOLVED, PARTLY, NOT_RESOLVED",
    ]
    # 3 + 60 + 3 errors: the first 50 listed, the rest counted, the contacts' at the end.
    self_contact = ("contacts.csv:3: source_id and target_id are both 'm-001'; "
                    "a manager is not their own contact")
    assert self_contact not in lines
    assert lines[50:] == ["… and 16 more", "error: 66 errors in the import; nothing was written"]
    assert snapshot() == before


def test_every_error_is_reported_even_beyond_the_display_cap(demo_graph, tmp_path):
    contacts = write(tmp_path, "contacts.csv", "source_id,target_id,since\n"
                                               "m-900,m-001,2024-01-10\nm-001,m-001,\nm-002,m-999,2024-02-30\n")
    result = run_import("--contacts", contacts)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "contacts.csv:2: source_id 'm-900': no such manager in the graph",
        ("contacts.csv:3: source_id and target_id are both 'm-001'; "
         "a manager is not their own contact"),
        "contacts.csv:4: since '2024-02-30' is not an ISO date (YYYY-MM-DD)",
        "contacts.csv:4: target_id 'm-999': no such manager in the graph",
        "error: 4 errors in the import; nothing was written",
    ]


def test_dry_run_checks_and_counts_but_writes_nothing(demo_graph):
    before = snapshot()
    result = run_import(*example_args(), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Would import (dry run)" in result.stdout and "nothing written" in result.stdout
    assert snapshot() == before


def test_the_example_set_imports_into_the_demo_and_importing_again_changes_nothing(fresh_demo):
    result = run_import(*example_args())
    assert result.exit_code == 0, result.output
    assert "Imported" in result.stdout

    in_department = cypher(
        "MATCH (m:Manager)-[:WORKS_IN]->(:Department {id: 'd-dig', name: 'Digitalisering och IT'}) "
        "RETURN m.id AS id ORDER BY id"
    )
    assert [r["id"] for r in in_department] == ["m-201", "m-202", "m-203"]
    assert cypher("MATCH (m:Manager {id: 'm-205'})-[:WORKS_IN]->(d) "
                  "RETURN d.id AS d, m.level AS level, m.managerSince AS since") == [
        {"d": "d-bu", "level": None, "since": 2019}]

    # Both directions and a duplicate collapse to one contact, lower id first, earliest since.
    pair = cypher("MATCH (a:Manager)-[k:KNOWS]-(b:Manager) WHERE a.id = 'm-201' AND b.id = 'm-202' "
                  "RETURN startNode(k).id AS start, k.since AS since, k.source AS source")
    assert pair == [{"start": "m-201", "since": "2020-11-15", "source": "IMPORT"}]
    # A contact the demo already had stays as it was, and single.
    demo_pair = cypher(
        "MATCH (:Manager {id: 'm-001'})-[k:KNOWS]-(:Manager {id: 'm-020'}) "
        "RETURN k.source AS source"
    )
    assert demo_pair == [{"source": "SESSION"}]
    assert cypher("MATCH (:Manager {id: 'm-204'})-[:KNOWS]-(o) RETURN o.id AS id") == [
        {"id": "m-001"}
    ]

    problems = {r["id"]: r for r in cypher(
        "MATCH (m:Manager)-[:RAISED]->(p:Problem) WHERE p.id STARTS WITH 'p-10' "
        "RETURN p.id AS id, m.id AS raiser, p.confidential AS confidential, p.status AS status, "
        "p.createdAt AS createdAt")}
    assert problems["p-1001"] == {"id": "p-1001", "raiser": "m-204", "confidential": False,
                                  "status": "RESOLVED", "createdAt": "2024-10-02T08:15:00Z"}
    assert problems["p-1002"]["confidential"] is True and problems["p-1002"]["status"] == "OPEN"
    assert problems["p-1003"]["status"] == "IN_PROGRESS"
    assert problems["p-1003"]["createdAt"].endswith("Z")
    # A handling of a problem that was already in the demo.
    assert cypher(
        "MATCH (:Manager {id: 'm-201'})-[h:HANDLED]->(:Problem {id: 'p-0292'}) "
        "RETURN h.outcome AS outcome, h.note AS note"
    ) == [{"outcome": "PARTLY", "note": None}]

    after_first = snapshot()
    again = run_import(*example_args())
    assert again.exit_code == 0, again.output
    assert snapshot() == after_first
    summary = [line.split() for line in again.stdout.splitlines() if line.startswith("│ contacts")]
    assert summary == [["│", "contacts", "│", "8", "│", "7", "│", "0", "│", "7", "│"]]


def test_a_file_with_a_bom_and_semicolons_reads_like_the_example(tmp_path):
    shutil.copy(EXAMPLES / "departments.csv", tmp_path / "departments.csv")
    text = (EXAMPLES / "managers.csv").read_text(encoding="utf-8").replace(",", ";")
    (tmp_path / "managers.csv").write_bytes("\ufeff".encode() + text.encode("utf-8"))
    (tmp_path / "problems.csv").write_bytes("id,title\np-1,Åtgärd\n".encode("cp1252"))
    parsed = read_files(
        {kind: tmp_path / f"{kind}.csv" for kind in ("departments", "managers", "problems")}
    )
    reference = read_files({kind: EXAMPLES / f"{kind}.csv" for kind in ("departments", "managers")})
    assert parsed.rows("managers") == reference.rows("managers")
    assert [str(e) for e in parsed.errors] == [
        "problems.csv:2: byte 13 is not UTF-8; save the file as CSV UTF-8 and import it again"]
