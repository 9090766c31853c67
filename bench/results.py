"""One benchmark figure, its floor and target, and the table ``make bench`` prints.

``ratio`` always reads "times the cost of the floor": value / floor for times, floor / value
for rates (rows/s, requests/s). So 1.0 is as cheap as the floor and 2.0 twice as costly,
whatever the unit.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

RATE_UNITS = ("rows/s", "req/s")


@dataclass
class Entry:
    name: str
    size: int
    value: float
    unit: str
    floor_name: str | None = None
    floor_value: float | None = None
    ratio: float | None = None
    target: str | None = None  # the target, in words
    met: bool | None = None  # whether this figure meets it
    note: str | None = None

    def __post_init__(self) -> None:
        if self.ratio is None and self.floor_value and self.value:
            rate = self.unit in RATE_UNITS
            self.ratio = self.floor_value / self.value if rate else self.value / self.floor_value
        for key in ("value", "floor_value", "ratio"):
            number = getattr(self, key)
            if isinstance(number, float):
                setattr(self, key, round(number, 4 if abs(number) < 10 else 1))


class Results:
    """Entries of this run, merged into ``path`` (same name and size replaced, others kept),
    so running one size or one part does not drop the figures of the others."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[Entry] = []

    def add(self, entry: Entry) -> Entry:
        self.entries.append(entry)
        print("  " + format_row(entry), flush=True)
        return entry

    def save(self) -> None:
        kept = []
        if self.path.exists():
            fresh = {(e.name, e.size) for e in self.entries}
            kept = [e for e in json.loads(self.path.read_text())
                    if (e["name"], e["size"]) not in fresh]
        rows = kept + [_compact(asdict(e)) for e in self.entries]
        rows.sort(key=lambda e: (e["size"], _section(e["name"]), e["name"]))
        self.path.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")


def _compact(row: dict) -> dict:
    # NaN (a failed figure) is not JSON: it is left out, and `met` says it failed.
    return {k: v for k, v in row.items() if v is not None and v == v}


def _section(name: str) -> int:
    order = ("api.", "import.", "jobs.")
    return next((i for i, p in enumerate(order) if name.startswith(p)), len(order))


def _num(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"


HEADER = ("figure", "managers", "value", "unit", "floor", "floor value", "ratio", "target", "met")


def format_row(e: Entry) -> str:
    met = "" if e.met is None else ("yes" if e.met else "NO")
    return (
        f"{e.name:<44} {e.size:>7,} {_num(e.value):>9} {e.unit:<7} "
        f"{(e.floor_name or '-'):<26} {_num(e.floor_value):>9} "
        f"{(f'{e.ratio:.2f}x' if e.ratio is not None else '-'):>7} {(e.target or ''):<16} {met}"
    )


def markdown_table(rows: list[dict]) -> str:
    """The results file as a Markdown table (for BENCHMARKS.md)."""
    out = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for r in rows:
        met = r.get("met")
        ratio = r.get("ratio")
        out.append(
            "| "
            + " | ".join(
                [
                    f"`{r['name']}`",
                    f"{r['size']:,}",
                    _num(r.get("value")),
                    r["unit"],
                    r.get("floor_name") or "",
                    _num(r.get("floor_value")) if r.get("floor_value") is not None else "",
                    f"{ratio:.2f}×" if ratio is not None else "",
                    r.get("target") or "",
                    "" if met is None else ("yes" if met else "**no**"),
                ]
            )
            + " |"
        )
    return "\n".join(out)


def print_table(entries: list[Entry]) -> None:
    print()
    print(f"{'figure':<44} {'managers':>7} {'value':>9} {'unit':<7} {'floor':<26} "
          f"{'floor val':>9} {'ratio':>7} {'target':<16} met")
    for e in entries:
        print(format_row(e))


__all__ = ["Entry", "Results", "format_row", "markdown_table", "print_table"]
