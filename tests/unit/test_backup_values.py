"""The dump's value encoding: every Neo4j property type survives a JSON round trip."""

import json

import pytest
from neo4j import spatial
from neo4j.time import Date, DateTime, Duration, Time

from peernet.graph.backup import (
    DumpError,
    create_nodes_query,
    create_relationships_query,
    decode,
    encode,
)

VALUES = [
    "text", 42, 1.5, True, None, [1, 2], ["a", "b"],
    Date(2019, 9, 10), DateTime(2020, 1, 2, 3, 4, 5, 123456789),
    DateTime.from_iso_format("2020-01-02T03:04:05+02:00"), Time(12, 30, 0),
    Duration(months=1, days=2, seconds=3, nanoseconds=4), b"\x00\xffbytes",
    spatial.CartesianPoint((1.0, 2.0)), spatial.WGS84Point((18.06, 59.33)),
    [Date(2020, 1, 1), Date(2021, 2, 2)], float("inf"),
]


@pytest.mark.parametrize(
    "value", VALUES, ids=[type(v).__name__ + str(i) for i, v in enumerate(VALUES)]
)
def test_values_round_trip_through_json(value):
    back = decode(json.loads(json.dumps(encode(value))))
    assert back == value and type(back) is type(value)


def test_dates_are_tagged_readably():
    assert encode(Date(2019, 9, 10)) == {"$date": "2019-09-10"}


@pytest.mark.parametrize("bad", ["Manager) DETACH DELETE (n", "A-B", "", "1abc", "`x`"])
def test_labels_and_types_from_a_dump_must_be_identifiers(bad):
    with pytest.raises(DumpError):
        create_nodes_query(["Manager", bad])
    with pytest.raises(DumpError):
        create_relationships_query(bad, "Manager", "Manager")


def test_unknown_tags_are_refused():
    with pytest.raises(DumpError):
        decode({"$evil": 1})
