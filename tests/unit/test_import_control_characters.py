"""The importer refuses control characters the way the API does (issue 12): a name with a NUL
or a line break, or a free text with a NUL, is an error naming the file, line and column;
free texts keep their lines."""

from __future__ import annotations

import pytest

from peernet.errors import BadUserInput
from peernet.importer import fields
from peernet.importer.parse import parse_import
from peernet.importer.plan import all_errors
from peernet.resolvers import validation


def errors_of(existing=None, **texts: str) -> list[str]:
    parsed = parse_import({kind: (f"{kind}.csv", text) for kind, text in texts.items()})
    return [str(e) for e in all_errors(parsed, existing or {})]


def test_a_name_or_title_with_a_control_character_names_file_line_and_column():
    assert errors_of(departments='id,name\nd-1,Ok\nd-2,Bad\x00name\nd-3,"two\nlines"\n') == [
        "departments.csv:3: name must not contain control characters; found U+0000 at character 4",
        "departments.csv:4: name must not contain control characters; found U+000A at character 4",
    ]
    problems = ("id,title,description,category,raised_by\n"
                "p-1,T\u202e,D,OTHER,m-1\np-2,T,\"ok\r\nlines\tand tabs\",OTHER,m-1\n"
                "p-3,T,nul\x00here,OTHER,m-1\n")
    assert errors_of({"Manager": {"m-1"}}, problems=problems) == [
        "problems.csv:2: title must not contain control characters; found U+202E at character 2",
        "problems.csv:4: description must not contain control characters other than newline, "
        "carriage return and tab; found U+0000 at character 4",
    ]


@pytest.mark.parametrize("multiline", [False, True])
@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x85", "\u202e", "\u2066", "\ud800",
                                  "\n", "\r", "\t", "\u2028", "\u200f", "\u200d", "é"])
def test_the_importer_and_the_api_refuse_the_same_characters(char, multiline):
    text = f"a{char}b"
    try:
        fields.bounded(text, "x", fields.MAX_TEXT, multiline=multiline)
        importer_ok = True
    except fields.FieldError:
        importer_ok = False
    try:
        validation.no_controls(text, "x", multiline=multiline)
        api_ok = True
    except BadUserInput:
        api_ok = False
    assert importer_ok == api_ok
    expected = char in "\u200f\u200dé" or (multiline and char in "\n\r\t\u2028")
    assert api_ok == expected
