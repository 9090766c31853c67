"""A manager's two pages: find a peer (ranked peers, reasons, confidential matches as their
category only, how one is connected, one click to record the contact) and my suggestions
(accept or dismiss)."""

from __future__ import annotations

import asyncio
import re

import pytest

from peernet.jobs.runner import run_job
from tests.conftest import _with_db, cypher, reseed

from .conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    off_loop,
    screenshot,
    wait_ready,
    write_cypher,
)

ME = "m-001"  # Sara Lindqvist, Vård och omsorg
# Words of the API's English reasons (jobs/suggest_contacts/reasons.py, resolvers/ranking.py) that
# must not reach a Swedish page.
ENGLISH_REASON = re.compile(r"\b(handled|resolved|similar|recently|department|in common|attended|"
                            r"together|years? as|works in|you|know|introduce)\b")


def assert_swedish_reasons(reasons: list[str]) -> None:
    assert reasons
    english = [r for r in reasons if ENGLISH_REASON.search(r)]
    assert not english, f"reasons left in English: {english}"


def search(page, text: str, *, other_departments: bool = False) -> None:
    page.fill("input[name=problem]", text)
    page.set_checked("input[name=exclude]", other_departments)
    page.get_by_role("button", name="Sök", exact=True).click()
    page.locator("#peer-results > li").first.wait_for()


def test_it_support_trouble_finds_peers_with_reasons_outcomes_and_connection(pages):
    page = pages.sign_in("manager")
    search(page, "IT-supporten svarar aldrig")
    cards = page.locator("#peer-results .peer-card")
    assert cards.count() >= 3
    page.locator("main [role=status]", has_text="chefer hittades").wait_for()
    first = cards.first
    reasons = first.locator(".reasons li").all_inner_texts()
    assert_swedish_reasons(reasons)
    assert re.fullmatch(r"har hanterat \d+ liknande problem, .*löste.*", reasons[0]), reasons[0]
    assert first.locator(".matched-problem").count() >= 1
    assert first.locator(".outcome").first.inner_text() in {"Löst", "Delvis löst", "Inte löst"}
    assert first.locator(".connection").inner_text().startswith("Så känner ni varandra:")
    ids = cards.evaluate_all("cs => cs.map(c => c.dataset.peer)")
    assert ME not in ids

    search(page, "IT-supporten svarar aldrig", other_departments=True)
    metas = page.locator("#peer-results .peer-meta").all_inner_texts()
    assert metas and not any("Vård och omsorg" in m for m in metas)


def test_confidential_matches_show_only_their_category(pages):
    page = pages.sign_in("manager")
    search(page, "sjukskrivningar")
    hidden = off_loop(cypher, """
        MATCH (p:Problem {confidential: true})
        WHERE NOT EXISTS { MATCH (:Manager {id: $me})-[:RAISED|HANDLED]->(p) }
        RETURN DISTINCT p.title AS title""", me=ME)
    assert page.locator("#peer-results .confidential").count() >= 1
    text = page.locator("#peer-results").inner_text()
    assert "Konfidentiellt" in text and "Sjukskrivning och hälsa" in text
    leaked = [h["title"] for h in hidden if h["title"] and h["title"] in text]
    assert not leaked, f"confidential titles shown: {leaked[:3]}"


def test_one_click_records_the_contact(pages):
    page = pages.sign_in("manager")
    search(page, "IT-supporten svarar aldrig", other_departments=True)
    card = page.locator("#peer-results .peer-card").first
    peer = card.get_attribute("data-peer")
    known = "MATCH (:Manager {id: $a})-[k:KNOWS]-(:Manager {id: $b}) RETURN k.source AS source"
    existed = bool(off_loop(cypher, known, a=ME, b=peer))
    try:
        card.locator("button.record-contact").click()
        card.locator("button.record-contact", has_text="Kontakt registrerad").wait_for()
        assert card.locator("button.record-contact").is_disabled()
        page.locator("main [role=status]", has_text="är registrerad").wait_for()
        assert off_loop(cypher, known, a=ME, b=peer)
    finally:
        if not existed:
            write_cypher(
                "MATCH (:Manager {id: $a})-[k:KNOWS]-(:Manager {id: $b}) DELETE k", a=ME, b=peer
            )


def test_reasons_follow_the_page_language(pages):
    page = pages.sign_in("manager")
    page.select_option("#lang-select", "en")
    page.locator("html[lang=en]").wait_for(state="attached")
    page.fill("input[name=problem]", "IT-supporten svarar aldrig")
    page.get_by_role("button", name="Search", exact=True).click()
    first = page.locator("#peer-results .peer-card").first
    first.wait_for()
    # In English the API's own sentence.
    assert re.fullmatch(r"handled \d+ similar problems?, .*resolve.*",
                        first.locator(".reasons li").first.inner_text())


def test_find_page_is_accessible_and_photographed(pages):
    for viewport, suffix in ((DESKTOP, "desktop"), (MOBILE, "mobile")):
        page = pages.sign_in("manager", viewport=viewport)
        assert_accessible(page, f"find ({suffix}, empty)")
        page.fill("input[name=problem]", "")
        page.get_by_role("button", name="Sök", exact=True).click()
        assert page.get_attribute("input[name=problem]", "aria-invalid") == "true"
        search(page, "IT-supporten svarar aldrig")
        assert_accessible(page, f"find ({suffix}, results)")
        screenshot(page, f"find-{suffix}")


@pytest.fixture
def suggestions_computed():
    """The suggestion job run on the demo data; the data reloaded afterwards, since
    accepting and dismissing write to it."""
    off_loop(asyncio.run, _with_db(lambda db: run_job(db, "suggest-contacts")))
    yield
    off_loop(asyncio.run, _with_db(reseed))


def test_accepting_and_dismissing_suggestions(pages, suggestions_computed):
    page = pages.sign_in("manager", next_path="/suggestions")
    cards = page.locator("#suggestions .suggestion")
    assert cards.count() >= 2
    first, second = (cards.nth(i).get_attribute("data-manager") for i in (0, 1))
    reasons = cards.first.locator(".reasons li").all_inner_texts()
    assert_swedish_reasons(reasons)
    # The candidate's department is always the last reason.
    assert reasons[-1].startswith("arbetar på "), reasons
    assert_accessible(page, "suggestions")
    for viewport, suffix in ((DESKTOP, "desktop"), (MOBILE, "mobile")):
        shot = pages.sign_in("manager", viewport=viewport, next_path="/suggestions")
        screenshot(shot, f"suggestions-{suffix}")

    cards.first.locator("button.accept").click()
    page.locator(f'#suggestions [data-manager="{first}"]').wait_for(state="detached")
    page.locator("main [role=status]", has_text="är registrerad").wait_for()
    assert off_loop(cypher, "MATCH (:Manager {id: $a})-[k:KNOWS]-(:Manager {id: $b}) RETURN k",
                    a=ME, b=first)

    page.locator(f'#suggestions [data-manager="{second}"] button.dismiss').click()
    page.locator(f'#suggestions [data-manager="{second}"]').wait_for(state="detached")
    page.locator("main [role=status]", has_text="visas inte igen").wait_for()
    # Focus stays on the list, not lost to the top of the page.
    assert page.evaluate("document.activeElement.tagName") in {"BUTTON", "MAIN"}

    page.reload()
    wait_ready(page, "/suggestions")
    shown = page.locator("#suggestions .suggestion").evaluate_all(
        "cs => cs.map(c => c.dataset.manager)"
    )
    assert first not in shown and second not in shown
