"""Write ``bench/data/labelled_problems.json``: Swedish problem reports with known groups.

Usage::

    .venv/bin/python bench/make_labelled_problems.py [--out bench/data/labelled_problems.json]

The texts are hand-written (``labelled_texts.py``); this script only decides, with a fixed
seed, who reported each (department, cohorts), when, under which category, and adds typos:

* a quarter of the grouped reports get one or two keyboard slips (a dropped, doubled or
  swapped letter) and one in ten is typed without å, ä, ö, as on a foreign keyboard;
* 15 % carry a wrong category, because managers pick categories in a hurry -- grouping
  must not lean on them;
* ``parking_2023`` happened only in 2023, so it is not recurring on ``asOf``; the three
  small groups test the department rule (``access_cards`` spans three departments, the
  others do not); ``NOISE`` reports (label null) belong to no group.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from labelled_texts import GROUPS, NOISE

SEED = 20240611
AS_OF = "2025-06-30"
DEPARTMENTS = [
    "dep-soc", "dep-vof", "dep-utb", "dep-ksf", "dep-sbf",
    "dep-kof", "dep-mhf", "dep-tkf", "dep-amf", "dep-fsf",
]
CATEGORIES = [
    "STAFF_REASSIGNMENT", "SICK_LEAVE", "SUBSTANCE_ABUSE", "BUDGET", "CONFLICT",
    "IT_SUPPORT", "OTHER",
]
COHORTS = ["c-2023a", "c-2023b", "c-2024a", "c-2024b", "c-2025a"]

# Where each group is reported from and when (first, last day). Departments are weighted by
# repetition: IT trouble is everywhere, payroll errors hit the shift-working departments.
PLACES: dict[str, tuple[list[str], str, str]] = {
    "it_support": (DEPARTMENTS, "2023-09-01", "2025-06-25"),
    "sick_leave_rehab": (
        ["dep-vof", "dep-vof", "dep-soc", "dep-utb", "dep-utb", "dep-kof", "dep-tkf"],
        "2023-06-01",
        "2025-06-20",
    ),
    "substance_abuse": (
        ["dep-vof", "dep-tkf", "dep-tkf", "dep-soc", "dep-amf", "dep-sbf"],
        "2023-10-01",
        "2025-06-10",
    ),
    "budget": (DEPARTMENTS, "2024-01-10", "2025-06-28"),
    "team_conflict": (
        ["dep-utb", "dep-utb", "dep-vof", "dep-soc", "dep-kof", "dep-mhf"],
        "2023-08-01",
        "2025-05-30",
    ),
    "reorg_reassignment": (
        ["dep-ksf", "dep-ksf", "dep-soc", "dep-utb", "dep-vof", "dep-fsf"],
        "2024-03-01",
        "2025-06-15",
    ),
    "recruitment": (
        ["dep-soc", "dep-soc", "dep-utb", "dep-vof", "dep-sbf", "dep-mhf"],
        "2023-05-01",
        "2025-06-27",
    ),
    "indoor_climate": (
        ["dep-utb", "dep-utb", "dep-ksf", "dep-vof", "dep-kof", "dep-fsf"],
        "2023-06-01",
        "2025-06-29",
    ),
    "threats_violence": (
        ["dep-soc", "dep-soc", "dep-vof", "dep-utb", "dep-kof", "dep-amf"],
        "2023-11-01",
        "2025-06-18",
    ),
    "payroll_errors": (["dep-vof", "dep-vof", "dep-soc"], "2024-02-01", "2025-06-26"),
    "parking_2023": (["dep-vof", "dep-tkf"], "2023-02-01", "2023-11-30"),
    "coffee_machine": (["dep-mhf"], "2024-09-01", "2025-05-30"),
    "access_cards": (["dep-ksf", "dep-sbf", "dep-amf"], "2024-10-01", "2025-06-01"),
    "wellness_allowance": (["dep-kof", "dep-fsf"], "2024-08-01", "2025-04-30"),
}

_PLAIN = str.maketrans("åäöÅÄÖ", "aaoAAO")


def _slip(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 2)
    kind = rng.choice(["drop", "double", "swap"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def add_typos(text: str, rng: random.Random) -> str:
    """One or two keyboard slips in words of six letters or more."""
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    for i in rng.sample(long_words, k=min(len(long_words), rng.choice([1, 1, 2]))):
        words[i] = _slip(words[i], rng)
    return " ".join(words)


def _moment(first: str, last: str, rng: random.Random) -> str:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    day = start + timedelta(days=rng.randrange((end - start).days + 1))
    at = datetime(day.year, day.month, day.day, rng.randrange(7, 18), rng.randrange(60), tzinfo=UTC)
    return at.isoformat().replace("+00:00", "Z")


def build(seed: int = SEED) -> dict:
    rng = random.Random(seed)
    rows = []
    for label, (category, texts) in GROUPS.items():
        departments, first, last = PLACES[label]
        for k, (title, description) in enumerate(texts):
            if len(texts) > 6 and rng.random() < 0.25:
                description = add_typos(description, rng)
            if len(texts) > 6 and rng.random() < 0.10:
                title, description = title.translate(_PLAIN), description.translate(_PLAIN)
            # Small groups must keep their department pattern exactly; others draw at random.
            dept = departments[k % len(departments)] if len(texts) <= 6 else rng.choice(departments)
            rows.append({
                "title": title,
                "description": description,
                "category": rng.choice(CATEGORIES) if rng.random() < 0.15 else category,
                "departmentId": dept,
                "createdAt": _moment(first, last, rng),
                "label": label,
            })
    for category, title, description in NOISE:
        rows.append({
            "title": title,
            "description": description,
            "category": category,
            "departmentId": rng.choice(DEPARTMENTS),
            "createdAt": _moment("2023-03-01", AS_OF, rng),
            "label": None,
        })
    rows.sort(key=lambda r: (r["createdAt"], r["title"]))
    reports = []
    for i, row in enumerate(rows, start=1):
        cohorts = sorted(rng.sample(COHORTS, k=rng.choice([0, 1, 1, 2])))
        reports.append({
            "id": f"p{i:04d}",
            "text": f"{row['title']}. {row['description']}",
            **row,
            "cohortIds": cohorts,
        })
    return {
        "asOf": AS_OF,
        "description": "Swedish manager problem reports with known groups (label); "
                       "null label = one-off.",
        "reports": reports,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent / "data" / "labelled_problems.json"
    parser.add_argument("--out", type=Path, default=default)
    args = parser.parse_args(argv)
    data = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    labels = [r["label"] for r in data["reports"]]
    print(
        f"wrote {len(labels)} reports, {len(set(labels) - {None})} groups, "
        f"{labels.count(None)} one-offs to {args.out}"
    )


if __name__ == "__main__":
    main()
