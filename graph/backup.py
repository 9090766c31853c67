"""A logical dump of the whole graph as JSON lines, and its restore into an empty database.

One JSON object per line: a header, every node (``labels``, ``properties``), every
relationship (``type``, ``start`` and ``end`` as ``{label, id}``, ``properties``), and a
footer with the counts, so a truncated file is refused. Lines are in a canonical order and
keys sorted, so dumping, restoring and dumping again gives the same bytes. Neo4j's temporal,
spatial and byte values are written as tagged objects (``{"$date": "2019-09-10"}``) and read
back as the same types.

Labels and relationship types come from the file, so they are checked against a strict
identifier pattern before they are put into Cypher (they cannot be parameters).
"""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import neo4j
from neo4j import spatial
from neo4j.time import Date, DateTime, Duration, Time

from peernet.errors import BadUserInput, Conflict

from .driver import Database, run
from .migrations import UNIQUE_ID_LABELS

FORMAT = "peernet-dump"
VERSION = 1
BATCH = 2000

# Each node is referred to by one label and its id (ids are unique per label): the first of
# peernet's id-constrained labels it has, else its alphabetically first label.
KEY_LABEL = (
    "coalesce(head([l IN $keyed WHERE l IN labels({v})]), "
    "reduce(m = null, l IN labels({v}) | CASE WHEN m IS NULL OR l < m THEN l ELSE m END))"
)
NODES = f"""
MATCH (n)
WITH n, {KEY_LABEL.format(v='n')} AS key
RETURN key, n.id AS id, labels(n) AS labels, properties(n) AS properties
ORDER BY key, id
"""
RELATIONSHIPS = f"""
MATCH (a)-[r]->(b)
WITH r, a, b, {KEY_LABEL.format(v='a')} AS aKey, {KEY_LABEL.format(v='b')} AS bKey
RETURN type(r) AS type, aKey, a.id AS aId, bKey, b.id AS bId, properties(r) AS properties
ORDER BY type, aKey, aId, bKey, bId
"""
NON_EMPTY = "RETURN EXISTS { MATCH (n) } AS nonEmpty"

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")
_CARTESIAN = {7203, 9157}


class DumpError(BadUserInput):
    """The dump file is not one this module wrote, or is damaged."""


# --- values -------------------------------------------------------------------------------

def encode(value: Any) -> Any:
    """A property value as JSON, reversibly (see ``decode``)."""
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": repr(value)}
    if isinstance(value, DateTime):
        return {"$datetime" if value.tzinfo else "$localdatetime": value.iso_format()}
    if isinstance(value, Date):
        return {"$date": value.iso_format()}
    if isinstance(value, Time):
        return {"$time" if value.tzinfo else "$localtime": value.iso_format()}
    if isinstance(value, Duration):
        return {"$duration": [value.months, value.days, value.seconds, value.nanoseconds]}
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, spatial.Point):
        return {"$point": [value.srid, *list(value)]}
    raise TypeError(f"cannot dump a value of type {type(value).__name__}")


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) != 1:
        raise DumpError(f"not a dumped value: {value!r}")
    (tag, raw), = value.items()
    if tag in ("$datetime", "$localdatetime"):
        return DateTime.from_iso_format(raw)
    if tag == "$date":
        return Date.from_iso_format(raw)
    if tag in ("$time", "$localtime"):
        return Time.from_iso_format(raw)
    if tag == "$duration":
        months, days, seconds, nanoseconds = raw
        return Duration(months=months, days=days, seconds=seconds, nanoseconds=nanoseconds)
    if tag == "$bytes":
        return base64.b64decode(raw)
    if tag == "$float":
        return float(raw)
    if tag == "$point":
        srid, *coords = raw
        cls = spatial.CartesianPoint if srid in _CARTESIAN else spatial.WGS84Point
        return cls(coords)
    raise DumpError(f"unknown value tag {tag!r}")


def _properties(props: dict[str, Any]) -> dict[str, Any]:
    return {k: encode(props[k]) for k in sorted(props)}


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# --- export -------------------------------------------------------------------------------

async def _stream(db: Database, query: str) -> AsyncIterator[dict[str, Any]]:
    async with db.driver.session(
        database=db.database, default_access_mode=neo4j.READ_ACCESS
    ) as session:
        result = await session.run(query, keyed=list(UNIQUE_ID_LABELS))
        async for record in result:
            yield record.data()


def _canonical(group: list[str]) -> Iterator[str]:
    # Parallel relationships of one type between the same two nodes come back in storage
    # order; sorting their lines keeps the dump independent of it.
    yield from sorted(group)


async def dump(db: Database) -> AsyncIterator[str]:
    """The dump, line by line (without newlines)."""
    yield _line({"kind": "header", "format": FORMAT, "version": VERSION})
    nodes = rels = 0
    async for row in _stream(db, NODES):
        if row["id"] is None:
            raise DumpError(f"a node labelled {':'.join(row['labels'])} has no id")
        nodes += 1
        yield _line({"kind": "node", "labels": sorted(row["labels"]),
                     "properties": _properties(row["properties"])})
    group: list[str] = []
    group_key: tuple[Any, ...] | None = None
    async for row in _stream(db, RELATIONSHIPS):
        key = (row["type"], row["aKey"], row["aId"], row["bKey"], row["bId"])
        if key != group_key:
            for line in _canonical(group):
                yield line
            group, group_key = [], key
        rels += 1
        group.append(_line({
            "kind": "relationship", "type": row["type"],
            "start": {"label": row["aKey"], "id": row["aId"]},
            "end": {"label": row["bKey"], "id": row["bId"]},
            "properties": _properties(row["properties"]),
        }))
    for line in _canonical(group):
        yield line
    yield _line({"kind": "footer", "nodes": nodes, "relationships": rels})


# --- import -------------------------------------------------------------------------------

def _ident(name: Any, what: str) -> str:
    if not isinstance(name, str) or not _IDENT.match(name):
        raise DumpError(f"{what} {name!r} is not a valid identifier")
    return f"`{name}`"


def create_nodes_query(labels: Iterable[str]) -> str:
    label_text = ":".join(_ident(label, "label") for label in labels)
    return f"UNWIND $rows AS r CREATE (n:{label_text}) SET n = r RETURN count(n) AS n"


def create_relationships_query(rel_type: str, start_label: str, end_label: str) -> str:
    return (
        f"UNWIND $rows AS r MATCH (a:{_ident(start_label, 'label')} {{id: r.start}}) "
        f"MATCH (b:{_ident(end_label, 'label')} {{id: r.end}}) "
        f"CREATE (a)-[x:{_ident(rel_type, 'relationship type')}]->(b) SET x = r.properties "
        "RETURN count(x) AS n"
    )


def _parse(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DumpError(f"line {number} is not JSON: {exc.msg}") from exc
        if not isinstance(obj, dict) or "kind" not in obj:
            raise DumpError(f"line {number} is not a dump record")
        obj["_line"] = number
        yield obj


async def _write_batch(db: Database, query: str, rows: list[dict[str, Any]]) -> None:
    async def work(tx: neo4j.AsyncManagedTransaction) -> int:
        written: int = (await run(tx, query, rows=rows))[0]["n"]
        return written

    written = await db.write(work)
    if written != len(rows):
        raise DumpError(
            f"{len(rows) - written} relationships refer to nodes missing from the dump"
        )


async def restore(db: Database, lines: Iterable[str]) -> dict[str, int]:
    """Load a dump into an empty database; return the node and relationship counts."""
    if (await db.read(NON_EMPTY))[0]["nonEmpty"]:
        raise Conflict("the database is not empty; import-dump restores into an empty one only")
    records = _parse(lines)
    header = next(records, None)
    if not header or header.get("kind") != "header" or header.get("format") != FORMAT:
        raise DumpError("the file does not start with a peernet dump header")
    if header.get("version") != VERSION:
        raise DumpError(f"dump version {header.get('version')!r} is not supported")
    counts = {"nodes": 0, "relationships": 0}
    batch: list[dict[str, Any]] = []
    query = ""  # the batch's query; the batch is empty until the first record sets it
    footer = None
    for record in records:
        kind = record["kind"]
        if kind == "footer":
            footer = record
            break
        if kind == "node":
            next_query = create_nodes_query(record["labels"])
            row = {k: decode(v) for k, v in record["properties"].items()}
        elif kind == "relationship":
            next_query = create_relationships_query(
                record["type"], record["start"]["label"], record["end"]["label"]
            )
            row = {"start": record["start"]["id"], "end": record["end"]["id"],
                   "properties": {k: decode(v) for k, v in record["properties"].items()}}
        else:
            raise DumpError(f"line {record['_line']}: unknown record kind {kind!r}")
        if batch and (next_query != query or len(batch) >= BATCH):
            await _write_batch(db, query, batch)
            batch = []
        query = next_query
        batch.append(row)
        counts["nodes" if kind == "node" else "relationships"] += 1
    if batch:
        await _write_batch(db, query, batch)
    if footer is None:
        raise DumpError("the dump has no footer: the file is truncated")
    expected = {"nodes": footer.get("nodes"), "relationships": footer.get("relationships")}
    if expected != counts:
        raise DumpError(f"the footer promises {expected} but the file holds {counts}")
    return counts


__all__ = [
    "DumpError", "FORMAT", "VERSION", "create_nodes_query", "create_relationships_query",
    "decode", "dump", "encode", "restore",
]
