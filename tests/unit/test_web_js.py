"""The pages' own pure JavaScript functions, run in Node (installed with the browser tests'
tooling): CSV cells cannot become spreadsheet formulas, and sign-in's `next` stays on this
origin."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

from peernet.config import PROJECT_ROOT

JS = PROJECT_ROOT / "web" / "static" / "js"
ORIGIN = "http://127.0.0.1:8000"


def _node(script: str) -> Any:
    node = shutil.which("node")
    assert node, "node is needed for the web pages' unit tests (Debian package nodejs)"
    done = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True,
                          text=True, timeout=30, check=True, cwd=JS)
    return json.loads(done.stdout)


def _neutralised(values: list[Any]) -> list[str]:
    return _node(f"import {{ neutralise }} from '{JS / 'csv.js'}';"
                 f"console.log(JSON.stringify({json.dumps(values)}.map(neutralise)));")


def test_text_that_a_spreadsheet_would_run_is_prefixed_with_an_apostrophe():
    dangerous = ['=HYPERLINK("https://evil.example","x")', "+1+cmd|' /C calc'!A0",
                 "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "-cmd"]
    assert _neutralised(dangerous) == ["'" + v for v in dangerous]


def test_numbers_and_ordinary_text_stay_as_they_are():
    values = [-0.4, 12, 0, "-0.4", "+1,5", "−0,3", "-12 %", "Sara Lindqvist", "IT-stöd", "", None]
    assert _neutralised(values) == ["-0.4", "12", "0", "-0.4", "+1,5", "−0,3", "-12 %",
                                    "Sara Lindqvist", "IT-stöd", "", ""]


def test_a_csv_file_quotes_neutralised_cells_and_keeps_negative_numbers():
    csv = _node(
        f"import {{ toCsv }} from '{JS / 'csv.js'}';"
        "const columns = [{key: 'name', label: 'Namn'}, {key: 'ei', label: 'E-I'},"
        " {key: 'list', label: 'Lista', csv: (r) => r.list}];"
        "const rows = [{name: '=HYPERLINK(\"https://evil.example\",\"x\")', ei: -0.4,"
        " list: ['Vård', '@evil']}];"
        "console.log(JSON.stringify(toCsv(columns, rows)));")
    assert csv.split("\r\n") == [
        "Namn,E-I,Lista",
        "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",-0.4,Vård; '@evil",
        "",
    ]


def _safe_next(values: list[Any]) -> list[str]:
    return _node(f"import {{ safeNext }} from '{JS / 'auth.js'}';"
                 f"console.log(JSON.stringify({json.dumps(values)}"
                 f".map((v) => safeNext(v, '{ORIGIN}'))));")


def test_sign_in_next_accepts_paths_on_this_origin():
    assert _safe_next(["/admin", "/board?since=2024-01-01#x", "/%5Cevil.example"]) == [
        "/admin", "/board?since=2024-01-01#x", "/%5Cevil.example"]


def test_sign_in_next_refuses_anything_that_leaves_the_origin():
    leaving = ["//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example/",
               "javascript:alert(1)", "evil.example", " /admin", "/signin", None, ""]
    assert _safe_next(leaving) == ["/find"] * len(leaving)
