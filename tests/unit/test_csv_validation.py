"""The importer's CSV checks, without Neo4j: every kind of error with its exact file:line."""

from __future__ import annotations

import datetime as dt

import pytest

from peernet.importer import fields
from peernet.importer.parse import ContactRow, contact_pairs, parse_import
from peernet.importer.plan import all_errors, build_plan
from peernet.resolvers import validation

DEPARTMENTS = "id,name\nd-1,Digitalisering\n"
MANAGERS = (
    "id,name,department_id,title,level,manager_since\nm-1,Ann,d-1,Chef,MIDDLE,2015\nm-2,Bo,d-1,,,\n"
)


def errors_of(existing=None, **texts: str) -> list[str]:
    parsed = parse_import({kind: (f"{kind}.csv", text) for kind, text in texts.items()})
    return [str(e) for e in all_errors(parsed, existing or {})]


def test_a_valid_set_has_no_errors_and_typed_rows():
    parsed = parse_import(
        {
            "departments": ("departments.csv", DEPARTMENTS),
            "managers": ("managers.csv", MANAGERS),
            "contacts": ("contacts.csv", "source_id,target_id,since\nm-1,m-2,2020-01-31\n"),
            "problems": (
                "problems.csv",
                "id,title,description,category,confidential,raised_by,created_at\n"
                "p-1,T,D,sick_leave,,m-1,2024-03-05\n",
            ),
            "handled": (
                "handled.csv",
                "problem_id,manager_id,outcome,note,handled_at\np-1,m-2,PARTLY,,\n",
            ),
        }
    )
    assert all_errors(parsed, {}) == []
    assert (
        parsed.rows("managers")[1].title is None
        and parsed.rows("managers")[0].manager_since == 2015
    )
    problem = parsed.rows("problems")[0]
    assert (problem.category, problem.confidential, problem.created_at) == (
        "SICK_LEAVE",
        True,
        "2024-03-05T00:00:00Z",
    )
    assert parsed.rows("handled")[0].handled_at is None


def test_missing_column_names_the_file_and_the_column():
    assert errors_of(managers="id,name,title\nm-1,Ann,Chef\n") == [
        "managers.csv:1: missing column department_id"
    ]
    assert errors_of(contacts="") == [
        "contacts.csv:1: the file is empty; expected a header row: source_id,target_id,since"
    ]


def test_optional_columns_may_be_left_out_and_unknown_ones_are_warned_about():
    parsed = parse_import(
        {"contacts": ("contacts.csv", "source_id,target_id,comment\nm-1,m-2,met at lunch\n")}
    )
    assert parsed.errors == [] and parsed.rows("contacts") == [ContactRow(2, "m-1", "m-2", None)]
    assert parsed.warnings == [
        "contacts.csv: ignored column(s) comment; "
        "contacts are read from source_id, target_id, since"
    ]


def test_missing_required_fields_each_reported():
    assert errors_of(
        departments=DEPARTMENTS, managers="id,name,department_id\n,Ann,d-1\nm-2,,\n"
    ) == [
        "managers.csv:2: missing id",
        "managers.csv:3: missing name",
        "managers.csv:3: missing department_id",
    ]


def test_unknown_ids_name_the_column_and_where_they_were_looked_for():
    found = errors_of(
        {"Manager": {"m-9"}},
        managers="id,name,department_id\nm-1,Ann,d-404\n",
        contacts="source_id,target_id\nm-1,m-9\nm-9,m-777\n",
        handled="problem_id,manager_id,outcome\np-404,m-1,RESOLVED\n",
    )
    assert found == [
        "managers.csv:2: department_id 'd-404': no such department in the graph",
        "handled.csv:2: problem_id 'p-404': no such problem in the graph",
        "contacts.csv:3: target_id 'm-777': no such manager in managers.csv or in the graph",
    ]


def test_self_contact():
    assert errors_of({"Manager": {"m-1"}}, contacts="source_id,target_id,since\nm-1,m-1,\n") == [
        "contacts.csv:2: source_id and target_id are both 'm-1'; a manager is not their own contact"
    ]


def test_malformed_dates():
    assert errors_of(
        {"Manager": {"m-1", "m-2"}},
        contacts="source_id,target_id,since\nm-1,m-2,2021-02-30\nm-1,m-2,05/03/2021\nm-1,m-2,2021-03-05T10:00\n",
        problems="id,title,description,category,raised_by,created_at\np-1,T,D,OTHER,m-1,yesterday\n",
        handled="problem_id,manager_id,outcome,handled_at\np-1,m-2,PARTLY,2024-13-01T10:00:00Z\n",
    ) == [
        ("problems.csv:2: created_at 'yesterday' is not an ISO date or date-time "
         "(e.g. 2024-03-05 or 2024-03-05T09:30:00Z)"),
        ("handled.csv:2: handled_at '2024-13-01T10:00:00Z' is not an ISO date or date-time "
         "(e.g. 2024-03-05 or 2024-03-05T09:30:00Z)"),
        "contacts.csv:2: since '2021-02-30' is not an ISO date (YYYY-MM-DD)",
        "contacts.csv:3: since '05/03/2021' is not an ISO date (YYYY-MM-DD)",
        "contacts.csv:4: since '2021-03-05T10:00' is not an ISO date (YYYY-MM-DD)",
    ]


def test_bad_enums():
    assert errors_of(
        {"Manager": {"m-1"}, "Department": {"d-1"}},
        managers="id,name,department_id,level\nm-2,Bo,d-1,BOSS\n",
        problems="id,title,description,category,confidential,raised_by\np-1,T,D,HEALTH,,m-1\np-2,T,D,OTHER,yes,m-1\n",
        handled="problem_id,manager_id,outcome\np-1,m-1,DONE\n",
    ) == [
        "managers.csv:2: level 'BOSS' is not one of FIRST_LINE, MIDDLE, SENIOR",
        "problems.csv:2: category 'HEALTH' is not one of STAFF_REASSIGNMENT, SICK_LEAVE, "
        "SUBSTANCE_ABUSE, BUDGET, CONFLICT, IT_SUPPORT, OTHER",
        "problems.csv:3: confidential 'yes' is not true or false (or empty for the default)",
        "handled.csv:2: outcome 'DONE' is not one of RESOLVED, PARTLY, NOT_RESOLVED",
    ]


def test_confidential_empty_means_the_categorys_default():
    parsed = parse_import({"problems": ("problems.csv", (
        "id,title,description,category,confidential,raised_by\n"
        "p-1,T,D,SUBSTANCE_ABUSE,,m-1\np-2,T,D,BUDGET,,m-1\np-3,T,D,SICK_LEAVE,False,m-1\n"))})
    assert [p.confidential for p in parsed.rows("problems")] == [True, False, False]


def test_duplicate_ids_within_a_file():
    assert errors_of({"Department": {"d-1"}, "Manager": {"m-1"}},
                     managers="id,name,department_id\nm-7,Ann,d-1\nm-8,Bo,d-1\nm-7,Cy,d-1\n",
                     handled="problem_id,manager_id,outcome\np-1,m-1,PARTLY\np-1,m-1,RESOLVED\n",
                     problems="id,title,description,category,raised_by\np-1,T,D,OTHER,m-1\n") == [
        "managers.csv:4: duplicate id 'm-7' (first on line 2)",
        "handled.csv:3: duplicate handling of problem 'p-1' by manager 'm-1' (first on line 2)",
    ]


def test_manager_since_must_be_a_whole_year():
    today = dt.date.today().year
    assert errors_of(
        {"Department": {"d-1"}},
        managers="id,name,department_id,manager_since\nm-1,A,d-1,2015.5\nm-2,B,d-1,ten\nm-3,C,d-1,1890\n",
    ) == [
        "managers.csv:2: manager_since '2015.5' is not a whole number (a year such as 2015)",
        "managers.csv:3: manager_since 'ten' is not a whole number (a year such as 2015)",
        f"managers.csv:4: manager_since 1890 is not a year between 1950 and {today}",
    ]


def test_ids_follow_the_apis_rule_and_texts_its_limits():
    assert fields.ID_PATTERN.pattern == validation._ID.pattern
    assert errors_of(departments=f"id,name\nd 1,Bad id\nd-2,{'x' * 201}\n") == [
        ("departments.csv:2: id 'd 1' is not a valid id "
         "(1–64 letters, digits or _.:-, starting with a letter or digit)"),
        "departments.csv:3: name is 201 characters; at most 200 are allowed",
    ]


def test_line_numbers_are_spreadsheet_rows_with_bom_blank_rows_and_multiline_cells():
    text = ('\ufeffid,title,description,category,raised_by\n'
            'p-1,T,"two\nlines",OTHER,m-1\n'
            '\n'
            ',,,,\n'
            'p-2,T,D,NOPE,m-1\n')
    assert errors_of({"Manager": {"m-1"}}, problems=text) == [
        "problems.csv:5: category 'NOPE' is not one of STAFF_REASSIGNMENT, SICK_LEAVE, "
        "SUBSTANCE_ABUSE, BUDGET, CONFLICT, IT_SUPPORT, OTHER",
    ]


def test_semicolon_separated_files_and_stray_values():
    parsed = parse_import(
        {"departments": ("departments.csv", "id;name\nd-1;Vård; och omsorg\nd-2;Skola\n")}
    )
    assert [str(e) for e in parsed.errors] == [
        "departments.csv:2: the row has 3 values but the header names 2 columns (an unquoted ';'?)"]
    assert [d.name for d in parsed.rows("departments")] == ["Skola"]


def test_a_row_with_errors_still_defines_its_id_so_errors_do_not_cascade():
    found = errors_of(managers="id,name,department_id,level\nm-1,Ann,d-1,BOSS\n",
                      departments=DEPARTMENTS, contacts="source_id,target_id\nm-1,m-404\n")
    assert found == [
        "managers.csv:2: level 'BOSS' is not one of FIRST_LINE, MIDDLE, SENIOR",
        "contacts.csv:2: target_id 'm-404': no such manager in managers.csv or in the graph",
    ]


@pytest.mark.parametrize(("text", "stored"), [
    ("2024-03-05", "2024-03-05T00:00:00Z"),
    ("2024-03-05T09:30:00Z", "2024-03-05T09:30:00Z"),
    ("2024-03-05 09:30", "2024-03-05T09:30:00Z"),
    ("2024-03-05T10:30:00.250+01:00", "2024-03-05T09:30:00Z"),
])
def test_datetimes_are_stored_in_utc_like_the_api_stores_them(text, stored):
    assert fields.iso_datetime(text, "created_at") == stored


def test_contacts_are_undirected_single_and_keep_the_earliest_known_since():
    rows = [ContactRow(2, "m-2", "m-1", None), ContactRow(3, "m-1", "m-2", "2021-05-01"),
            ContactRow(4, "m-2", "m-1", "2020-01-15"), ContactRow(5, "m-1", "m-2", None),
            ContactRow(6, "m-3", "m-1", None)]
    assert contact_pairs(rows) == {("m-1", "m-2"): "2020-01-15", ("m-1", "m-3"): None}


def test_plan_counts_new_and_present_records():
    parsed = parse_import({
        "managers": ("managers.csv", MANAGERS),
        "contacts": ("contacts.csv", "source_id,target_id\nm-1,m-2\nm-2,m-1\nm-1,m-3\n"),
    })
    plan = build_plan(parsed, {"Manager": {"m-1", "m-3"}}, known_contacts={("m-1", "m-3")})
    managers, contacts = plan.step("managers"), plan.step("contacts")
    assert (managers.read, managers.new, managers.present) == (2, 1, 1)
    assert (contacts.read, len(contacts.rows), contacts.new, contacts.present) == (3, 2, 1, 1)
    assert contacts.rows[0] == {
        "a": "m-1",
        "b": "m-2",
        "since": None,
        "source": "IMPORT",
        "cohortId": None,
    }
    assert managers.rows[1] == {"id": "m-2", "name": "Bo", "departmentId": "d-1", "title": None,
                                "level": None, "managerSince": None}
