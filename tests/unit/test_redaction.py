"""Removing one person from stored JSON and text (domain/redaction.py)."""

from __future__ import annotations

import json

from peernet.domain.redaction import REMOVED, person, redact_text, scrub, scrub_json

ANNA = person("m-017", "Anna Berg", ["Anna Lind", "Per Ek", "Lars Bergström"])


def test_a_first_or_last_name_counts_only_when_no_one_else_has_it():
    assert ANNA.names == ("Anna Berg", "Berg")
    assert person("m-1", "Bo", []).names == ("Bo",)


def test_text_loses_the_id_and_the_names_as_whole_words_only():
    text = "Asked Anna Berg (m-017) and Berg's team; Bergström and m-0170 stay."
    assert redact_text(text, ANNA) == (
        f"Asked {REMOVED} ({REMOVED}) and {REMOVED}'s team; Bergström and m-0170 stay.")


def test_entries_about_the_person_leave_their_lists_and_mentions_are_redacted():
    snapshot = {"brokers": [{"id": "m-017", "betweenness": 0.3},
                            {"id": "m-002", "betweenness": 0.2}],
                "isolates": ["m-017", "m-003"], "m-017": {"degree": 4},
                "note": "Anna Berg bridges two departments", "managers": 150}
    assert scrub(snapshot, ANNA) == {
        "brokers": [{"id": "m-002", "betweenness": 0.2}], "isolates": ["m-003"],
        "note": f"{REMOVED} bridges two departments", "managers": 150}


def test_json_strings_are_parsed_and_other_text_is_redacted_as_text():
    stored = json.dumps({"params": {"managerId": "m-017", "top_k": 10}})
    scrubbed = json.loads(scrub_json(stored, ANNA) or "")
    assert scrubbed == {"params": {"managerId": REMOVED, "top_k": 10}}
    assert scrub_json("no contacts for m-017", ANNA) == f"no contacts for {REMOVED}"
    untouched = json.dumps({"id": "m-002"})
    assert scrub_json(untouched, ANNA) is untouched
