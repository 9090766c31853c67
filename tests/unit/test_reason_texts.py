"""The pages show the API's English reasons in Swedish (web/static/js/reasons.js): every
sentence the Python code can say must be known there, in Swedish without an English word left
and in English unchanged. The sentences are made by the Python functions themselves, so a
template added or changed there without a translation fails here."""

from __future__ import annotations

import inspect
import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from peernet.domain import ranking, records
from peernet.domain.matches import Hit, Hop, PeerDetails
from peernet.jobs.suggest_contacts.reasons import describe_reason
from peernet.schema.enums import Category

JS = Path(__file__).resolve().parents[2] / "web" / "static" / "js"
MODULES = ("i18n.js", "format.js", "reasons.js")

# Names are carried over as they are; they are taken out before looking for English words.
NAMES = {"c-1": "Kohort 2", "c-2": "Ledarskap våren", "c-3": "Chefsprogrammet",
         "d-1": "Socialtjänst", "d-2": "Vård och omsorg"}
ANNA, BO = "Anna Berg", "Bo Ek"
# Words English and Swedish share, which may stay.
SHARED_WORDS = {"problem", "budget"}

# Node has no page: i18n.setLang only needs somewhere to put <html lang>.
RUN = """
globalThis.document = { documentElement: {} };
const dir = process.argv[1];
const { setLang } = await import(dir + '/i18n.js');
const { knownReason, reasonText } = await import(dir + '/reasons.js');
const { readFileSync } = await import('fs');
const texts = JSON.parse(readFileSync(0, 'utf8'));
const out = {};
for (const lang of ['sv', 'en']) {
  setLang(lang);
  out[lang] = texts.map(knownReason);
  out[lang + 'Shown'] = texts.map(reasonText);
}
process.stdout.write(JSON.stringify(out));
"""


def translate(texts: list[str], tmp_path: Path) -> dict[str, list[str | None]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    # A copy in a folder that says "ES modules", as the browser takes them.
    for name in MODULES:
        shutil.copy(JS / name, tmp_path / name)
    (tmp_path / "package.json").write_text('{"type": "module"}')
    done = subprocess.run([node, "--input-type=module", "-e", RUN, tmp_path.as_uri()],
                          input=json.dumps(texts), capture_output=True, text=True, check=False,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# ---- every sentence the suggestion job can store ----------------------------------------------

def suggestion_reasons() -> list[str]:
    said = [describe_reason({"kind": "common_contacts", "count": n, "ids": []}) for n in (1, 2, 3)]
    said += [
        describe_reason({"kind": "shared_cohort", "cohortId": c}, NAMES) for c in ("c-1", "c-2")
    ]
    said += [describe_reason({"kind": "shared_sessions", "count": n, "ids": []}) for n in (1, 4)]
    # Every split of up to four handled problems into resolved, partly and not resolved.
    for category in Category:
        for handled in range(1, 5):
            for resolved in range(handled + 1):
                for partly in range(handled - resolved + 1):
                    said.append(describe_reason({
                        "kind": "experience", "category": category.value, "handled": handled,
                        "resolved": resolved, "partly": partly,
                        "notResolved": handled - resolved - partly}))
    said += [describe_reason({"kind": "experienced_peer", "years": y}) for y in (1, 14)]
    said += [describe_reason({"kind": "other_department", "departmentId": d}, NAMES)
             for d in ("d-1", "d-2")]
    return said


def test_every_kind_of_suggestion_reason_is_exercised():
    kinds = set(re.findall(r'kind == "(\w+)"', inspect.getsource(describe_reason)))
    exercised = {"common_contacts", "shared_cohort", "shared_sessions", "experience",
                 "experienced_peer", "other_department"}
    assert kinds == exercised, "a new kind of reason: add it to suggestion_reasons() here"


# ---- every sentence find-a-peer can say --------------------------------------------------------

def _manager(mid: str, name: str) -> records.Manager:
    return records.Manager(id=mid, name=name, title=None, level=None, manager_since=None,
                           department_id=None)


def _cohort(cid: str) -> records.Cohort:
    return records.Cohort(id=cid, name=NAMES[cid], start="2024-01-01", end="2024-06-30")


def _ranked(outcomes: tuple[str, ...], handled_at: str | None = None) -> ranking.Ranked:
    hits = [ranking.Scored(hit=Hit(problem_id=f"p-{i}", category="IT_SUPPORT", outcome=o,
                                   handled_at=handled_at, text_score=1.0, gram_score=1.0),
                           relevance=1.0) for i, o in enumerate(outcomes)]
    return ranking.Ranked(manager_id="m-b", score=0.5, matches=tuple(hits))


def _details(*, department: str | None = None, same: bool = False, cohorts: tuple[str, ...] = (),
             knows: bool = False, hops: tuple[Hop, ...] = ()) -> PeerDetails:
    dept = records.Department(id=department, name=NAMES[department]) if department else None
    return PeerDetails(manager=_manager("m-b", BO), department=dept, same_department=same,
                       knows=knows, shared_cohorts=tuple(_cohort(c) for c in cohorts), shown=(),
                       hops=hops)


def find_peer_reasons() -> list[str]:
    outcomes = ("RESOLVED", "PARTLY", "NOT_RESOLVED")
    said = [ranking.experience_reason(o) for n in range(1, 5)
            for o in itertools.product(outcomes, repeat=n)]
    paths = [
        None,
        ranking.connection([Hop(manager=_manager("m-x", ANNA), cohort=None),
                            Hop(manager=_manager("m-b", BO), cohort=None)]),
        ranking.connection([Hop(manager=_manager("m-x", ANNA), cohort=None),
                            Hop(manager=None, cohort=_cohort("c-1")),
                            Hop(manager=_manager("m-b", BO), cohort=None)]),
        ranking.connection([Hop(manager=None, cohort=_cohort("c-1")),
                            Hop(manager=_manager("m-x", ANNA), cohort=None),
                            Hop(manager=_manager("m-b", BO), cohort=None)]),
    ]
    for month in range(1, 13):
        said += ranking.reasons(_ranked(("RESOLVED",), f"2024-{month:02d}-15"), _details(), None)
    for department, same in (("d-1", True), ("d-2", False)):
        said += ranking.reasons(_ranked(("PARTLY",)), _details(department=department, same=same),
                                None)
    for cohorts in (("c-1",), ("c-1", "c-2"), ("c-1", "c-2", "c-3")):
        said += ranking.reasons(_ranked(("RESOLVED",)), _details(cohorts=cohorts), None)
    said += ranking.reasons(_ranked(("RESOLVED",)), _details(knows=True), paths[1])
    for path in paths:
        said += ranking.reasons(_ranked(("RESOLVED",)), _details(), path)
    for category in Category:  # a consented own-team case: its category alone
        said.append(ranking.consented_reason(category.value))
    return said


# ---- the checks --------------------------------------------------------------------------------

def _words(text: str) -> set[str]:
    for name in (*NAMES.values(), ANNA, BO):
        text = text.replace(name, " ")
    return set(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)) - SHARED_WORDS


@pytest.fixture(scope="module")
def english() -> list[str]:
    return sorted(set(suggestion_reasons() + find_peer_reasons()))


@pytest.fixture(scope="module")
def shown(english, tmp_path_factory) -> dict[str, list[str | None]]:
    return translate(english, tmp_path_factory.mktemp("reasons"))


def test_the_sentences_cover_every_template(english):
    # If the Python side stops producing a variant, this list shrinks; a sanity floor.
    assert len(english) > 60
    for fragment in ("resolved both", "resolved all 3", "partly resolved 2", "none resolved",
                     "resolved none of them", "did not resolve it", "you both know",
                     "can introduce you", "most recently in May 2024", "different department"):
        assert any(fragment in s for s in english), fragment


def test_every_reason_is_known_in_both_languages(english, shown):
    unknown = {
        lang: [e for e, s in zip(english, shown[lang]) if s is None] for lang in ("sv", "en")
    }
    assert unknown == {"sv": [], "en": []}


def test_english_is_given_back_unchanged(english, shown):
    assert shown["en"] == english


def test_swedish_leaves_no_english_word(english, shown):
    vocabulary = set().union(*map(_words, english))
    left = {s: sorted(_words(s) & vocabulary) for s in shown["sv"] if _words(s) & vocabulary}
    assert left == {}
    assert all(s != e for s, e in zip(shown["sv"], english))


@pytest.mark.parametrize(
    ("text", "swedish"),
    [
        ("1 contact in common", "1 gemensam kontakt"),
        ("3 contacts in common", "3 gemensamma kontakter"),
        ("you were both in Kohort 2", "ni gick båda i Kohort 2"),
        (
            "you were both in Kohort 2, Ledarskap våren and Chefsprogrammet",
            "ni gick båda i Kohort 2, Ledarskap våren och Chefsprogrammet",
        ),
        ("attended 1 session together", "deltog i 1 träff tillsammans"),
        ("attended 4 sessions together", "deltog i 4 träffar tillsammans"),
        (
            "handled 2 IT support problems, resolved both",
            "har hanterat 2 problem med IT-stöd, löste båda",
        ),
        (
            "handled 1 sick leave problem, resolved it",
            "har hanterat 1 problem med sjukskrivning och hälsa, löste det",
        ),
        (
            "handled 3 other problems, partly resolved 2",
            "har hanterat 3 övriga problem, löste 2 delvis",
        ),
        (
            "handled 3 similar problems, resolved 1, partly resolved 1",
            "har hanterat 3 liknande problem, löste 1 helt och 1 delvis",
        ),
        ("1 year as a manager", "1 år som chef"),
        ("14 years as a manager", "14 år som chef"),
        ("works in Socialtjänst", "arbetar på Socialtjänst"),
        ("most recently in May 2024", "senast i maj 2024"),
        ("same department: Socialtjänst", "samma förvaltning: Socialtjänst"),
        ("different department: Vård och omsorg", "annan förvaltning: Vård och omsorg"),
        ("you already know each other", "ni känner redan varandra"),
        ("you both know Anna Berg", "ni känner båda Anna Berg"),
        ("Anna Berg can introduce you", "Anna Berg kan presentera er"),
    ],
)
def test_natural_swedish(english, shown, text, swedish):
    assert text in english, "the example is no longer what Python says"
    assert shown["sv"][english.index(text)] == swedish


def test_an_unknown_reason_is_shown_as_it_is(tmp_path):
    odd = ["met at the Christmas party", "handled 2 parking problems, resolved both",
           "handled 2 IT support problems, resolved most"]
    out = translate(odd, tmp_path)
    assert out["sv"] == [None, None, None]
    assert out["svShown"] == odd and out["enShown"] == odd
