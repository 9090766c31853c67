"""The web module's HTTP side: pages, security headers, the vendor allow-list, and the
sign-in endpoints (demo sign-in only outside production)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.testclient import TestClient

from peernet.config import Mode, Settings, get_settings
from peernet.web import DEMO_USERS, content_security_policy, sign_in_mode, web_routes


def test_every_page_path_serves_the_shell_with_a_strict_csp(client):
    for path in ("/find", "/suggestions", "/admin", "/board", "/signin", "/auth/callback"):
        response = client.get(path)
        assert response.status_code == 200
        assert '<main id="main"' in response.text
        csp = response.headers["content-security-policy"]
        assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert client.get("/", follow_redirects=False).headers["location"] == "/find"


def test_only_the_listed_vendor_files_are_served(client):
    assert client.get("/vendor/chart.umd.min.js").status_code == 200
    assert client.get("/vendor/cytoscape.min.js").status_code == 200
    assert client.get("/vendor/axe.min.js").status_code == 404
    assert client.get("/vendor/..%2Fpackage.json").status_code == 404


def test_demo_sign_in_issues_a_token_the_api_accepts(client, demo_graph):
    config = client.get("/auth/config").json()
    assert config["signIn"] == "demo"
    assert [u["role"] for u in config["demoUsers"]] == [u[0] for u in DEMO_USERS]
    body = client.post("/auth/demo", json={"role": "sponsor"}).json()
    assert body["roles"] == ["manager", "sponsor"]
    me = client.get("/auth/me", headers={"Authorization": f"Bearer {body['token']}"}).json()
    assert me == {"managerId": demo_graph.DEMO_SPONSOR_ID, "roles": ["manager", "sponsor"]}
    graphql = client.post("/graphql", json={"query": "{ me { id } }"},
                          headers={"Authorization": f"Bearer {body['token']}"}).json()
    assert graphql["data"]["me"]["id"] == demo_graph.DEMO_SPONSOR_ID
    assert client.post("/auth/demo", json={"role": "root"}).status_code == 400
    assert client.get("/auth/me").status_code == 401


def _production(**extra) -> Settings:
    return get_settings().model_copy(update={
        "mode": Mode.PRODUCTION, "jwt_algorithm": "RS256",
        "jwt_jwks_url": "https://idp.example.test/jwks", **extra,
    })


def test_demo_sign_in_is_404_in_production():
    settings = _production(oidc_client_id="peernet", oidc_issuer="https://idp.example.test")
    assert sign_in_mode(settings) == "oidc"
    with TestClient(Starlette(routes=web_routes(settings))) as client:
        assert client.post("/auth/demo", json={"role": "admin"}).status_code == 404
        config = client.get("/auth/config").json()
        assert config["signIn"] == "oidc" and "demoUsers" not in config
        assert config["oidc"]["clientId"] == "peernet"


def test_sign_in_mode_and_csp_follow_the_configuration():
    assert sign_in_mode(_production()) == "proxy"
    assert sign_in_mode(get_settings()) == "demo"
    oidc = _production(oidc_client_id="c", oidc_authorization_endpoint="https://login.example.test/auth",
                       oidc_token_endpoint="https://token.example.test/token")
    assert "connect-src 'self' https://token.example.test;" in content_security_policy(oidc)
    try:
        sign_in_mode(_production(web_auth="demo"))
    except ValueError as exc:
        assert "development only" in str(exc)
    else:
        raise AssertionError("demo sign-in must be refused in production")
