"""``python -m bench.report``: bench/results.json as the Markdown table in BENCHMARKS.md."""

from __future__ import annotations

import json
from pathlib import Path

from .results import markdown_table

HERE = Path(__file__).resolve().parent


def main() -> None:
    rows = json.loads((HERE / "results.json").read_text())
    print(markdown_table(rows))


if __name__ == "__main__":
    main()
