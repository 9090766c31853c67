"""Sign-in, the menu each role sees, language, and that nothing loads from outside."""

from __future__ import annotations

import base64
import hashlib
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from peernet.auth import issue_dev_token
from peernet.config import get_settings
from peernet.seeds import demo as demo_data

from .conftest import DESKTOP, MOBILE, LiveServer, assert_accessible, screenshot, wait_ready

MENUS = {
    "manager": ["Hitta en kollega", "Mina förslag"],
    "sponsor": ["Hitta en kollega", "Mina förslag", "Sponsortavlan"],
    "admin": ["Hitta en kollega", "Mina förslag", "Sponsortavlan", "Adminöversikt"],
}
NAMES = {"manager": "Sara Lindqvist", "sponsor": "Per Holmberg", "admin": "Karin Ekström"}


@pytest.mark.parametrize("role", ["manager", "sponsor", "admin"])
def test_each_demo_role_signs_in_and_sees_only_its_menu(pages, role):
    page = pages.sign_in(role)
    assert page.locator("#site-nav a").all_inner_texts() == MENUS[role]
    assert NAMES[role] in page.inner_text("#who")
    assert page.get_attribute("html", "lang") == "sv"
    assert page.evaluate("sessionStorage.getItem('peernet.token')").count(".") == 2


def test_a_visitor_without_a_token_is_sent_to_sign_in_and_back(pages):
    page = pages.new()
    page.goto("/admin")
    wait_ready(page, "/signin")
    assert "next=%2Fadmin" in page.url
    page.click('button[data-role="admin"]')
    wait_ready(page, "/admin")
    assert page.locator("h1").inner_text() == "Adminöversikt"


def test_sign_out_forgets_the_token(pages):
    page = pages.sign_in("manager")
    page.click("#sign-out")
    wait_ready(page, "/signin")
    assert page.evaluate("sessionStorage.getItem('peernet.token')") is None
    page.goto("/find")
    wait_ready(page, "/signin")


def test_english_is_selectable_and_kept(pages):
    page = pages.sign_in("manager")
    page.select_option("#lang-select", "en")
    page.locator("html[lang=en]").wait_for(state="attached")
    assert page.locator("h1").inner_text() == "Find a peer"
    assert page.locator("#site-nav a").all_inner_texts() == ["Find a peer", "My suggestions"]
    page.reload()
    wait_ready(page, "/find")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("label[for^=problem]").inner_text() == "What problem do you need help with?"


def test_swedish_and_english_have_the_same_keys(pages):
    page = pages.sign_in("manager")
    missing = page.evaluate("""async () => {
        const {dictionaries} = await import('/static/js/i18n.js');
        const sv = Object.keys(dictionaries.sv), en = Object.keys(dictionaries.en);
        return {onlySv: sv.filter(k => !en.includes(k)), onlyEn: en.filter(k => !sv.includes(k))};
    }""")
    assert missing == {"onlySv": [], "onlyEn": []}


def test_sign_in_page_is_accessible_and_photographed(pages):
    for viewport, suffix in ((DESKTOP, "desktop"), (MOBILE, "mobile")):
        page = pages.new(viewport=viewport)
        page.goto("/signin")
        wait_ready(page, "/signin")
        assert_accessible(page, f"sign-in ({suffix})")
        screenshot(page, f"signin-{suffix}")


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_openid_connect_sign_in_with_pkce(browser, demo_graph, pages):
    """The browser half of the authorization-code flow with PKCE, against a stand-in identity
    provider: the token endpoint checks that the verifier hashes to the challenge."""
    idp = "https://idp.example.test"
    settings = get_settings().model_copy(update={
        "web_auth": "oidc", "oidc_authorization_endpoint": f"{idp}/authorize",
        "oidc_token_endpoint": f"{idp}/token", "oidc_client_id": "peernet-web",
        "oidc_scopes": "openid profile peernet",
    })
    seen: dict[str, str] = {}
    with LiveServer(settings) as server:
        page = pages.new(base_url=server.url)
        csp = page.goto("/signin").headers["content-security-policy"]
        assert f"connect-src 'self' {idp}" in csp

        def authorize(route):
            query = {k: v[0] for k, v in parse_qs(urlsplit(route.request.url).query).items()}
            seen.update(query)
            back = f"{query['redirect_uri']}?code=the-code&state={query['state']}"
            route.fulfill(status=302, headers={"location": back})

        def token(route):
            form = {k: v[0] for k, v in parse_qs(route.request.post_data).items()}
            challenge = _b64url(hashlib.sha256(form["code_verifier"].encode()).digest())
            ok = (form["grant_type"] == "authorization_code" and form["code"] == "the-code"
                  and form["client_id"] == "peernet-web" and challenge == seen["code_challenge"])
            access = issue_dev_token(settings, manager_id=demo_data.DEMO_SPONSOR_ID,
                                     roles=["manager", "sponsor"])
            route.fulfill(
                status=200 if ok else 400,
                content_type="application/json",
                headers={"access-control-allow-origin": server.url},
                body=json.dumps(
                    {"access_token": access, "token_type": "Bearer"}
                    if ok
                    else {"error": "invalid_grant"}
                ),
            )

        page.route(f"{idp}/authorize*", authorize)
        page.route(f"{idp}/token", token)
        wait_ready(page, "/signin")
        page.click("#oidc-sign-in")
        wait_ready(page, "/find")
        assert seen["code_challenge_method"] == "S256"
        assert seen["scope"] == "openid profile peernet"
        assert seen["redirect_uri"] == f"{server.url}/auth/callback"
        assert "Per Holmberg" in page.inner_text("#who")
        assert "Sponsortavlan" in page.locator("#site-nav a").all_inner_texts()
    pages.outside.clear()  # the stand-in identity provider was answered inside the browser
