"""Many synthetic problem reports made by perturbing the labelled Swedish ones.

Each synthetic report takes the title of one labelled report and the description of
another from the same group (a new paraphrase), names a workplace, and gets keyboard slips,
dropped words and sometimes no å/ä/ö -- so that a large run is not thousands of exact
copies, which would make the neighbour search unrealistically easy.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

LABELLED = Path(__file__).resolve().parent / "data" / "labelled_problems.json"

_PLACES = [
    "Solrosens förskola", "Björkhagens äldreboende", "hemtjänst Norr", "hemtjänst Centrum",
    "Ekbackeskolan", "socialkontoret i Väst", "stadshuset", "kulturhuset", "Lindens LSS-boende",
    "fritidsgården Lugnet", "gatukontoret", "simhallen", "biblioteket i Söder", "Tallåsens skola",
    "korttidsboendet Ljuset", "miljöförvaltningen", "vuxenutbildningen", "ungdomsmottagningen",
]
_OPENERS = ["", "", "", "Hej! ", "Fråga: ", "Behöver råd. ", "Akut: ", "Återkommande problem: "]
_PLAIN = str.maketrans("åäöÅÄÖ", "aaoAAO")


def _slip(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _perturb(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(rng.choice([0, 1, 1, 2])):
        long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
        if long_words:
            i = rng.choice(long_words)
            words[i] = _slip(words[i], rng)
    if len(words) > 8 and rng.random() < 0.3:
        del words[rng.randrange(len(words))]
    text = " ".join(words)
    return text.translate(_PLAIN) if rng.random() < 0.05 else text


def synthetic_reports(count: int, *, seed: int = 1, labelled: Path = LABELLED) -> list[dict]:
    """``count`` report dicts in the shape ``group_problems`` takes, plus ``label``."""
    data = json.loads(labelled.read_text(encoding="utf-8"))
    base = data["reports"]
    by_label: dict[str, list[dict]] = {}
    for r in base:
        if r["label"]:
            by_label.setdefault(r["label"], []).append(r)
    labels = sorted(by_label)
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    out = []
    for i in range(count):
        if rng.random() < 0.1:  # one-off: a noise report at a random workplace
            source = rng.choice([r for r in base if not r["label"]] or base)
            title, description, label = source["title"], source["description"], None
        else:
            label = rng.choice(labels)
            title = rng.choice(by_label[label])["title"]
            source = rng.choice(by_label[label])
            description = source["description"]
        place = rng.choice(_PLACES)
        text = (f"{rng.choice(_OPENERS)}{_perturb(title, rng)}. "
                f"{_perturb(description, rng)} Gäller {place}.")
        day = start + timedelta(days=rng.randrange(900))
        created = datetime(day.year, day.month, day.day, rng.randrange(7, 18), tzinfo=UTC)
        out.append({
            "id": f"s{i:06d}",
            "text": text,
            "category": source["category"],
            "departmentId": f"dep-{rng.randrange(40):02d}",
            "cohortIds": [f"c-{rng.randrange(60):02d}"] if rng.random() < 0.5 else [],
            "createdAt": created.isoformat().replace("+00:00", "Z"),
            "label": label,
        })
    return out


__all__ = ["synthetic_reports"]
