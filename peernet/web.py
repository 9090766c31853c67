"""The web pages: one HTML shell for every page path, the static ES modules and CSS from
``web/static``, the few front-end libraries from ``web/node_modules`` (installed by
``npm ci``; never a CDN), and the small sign-in endpoints the pages need.

The pages read and write only through ``/graphql``, so they see exactly what the signed-in
role may see. Sign-in is configured, not coded per customer (docs/web.md):

- ``demo`` (development and test only): ``POST /auth/demo`` signs a dev token for one of the
  demo users; it answers 404 in production.
- ``oidc``: the browser does the authorization-code flow with PKCE against the configured
  identity provider and sends its access token as the bearer.
- ``proxy``: a trusted reverse proxy signs the user in and adds the Authorization header.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from peernet.auth import Authenticator, AuthError, TokenVerifier, issue_dev_token
from peernet.config import Settings
from peernet.errors import DbUnavailable
from peernet.seeds import demo as demo_data

PAGES = ("/find", "/suggestions", "/admin", "/board", "/signin", "/auth/callback")

# The only files served from node_modules: name in the URL → path under web/node_modules.
VENDOR = {
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
}

# (role, manager id, roles in the token), as `peernet demo` prints them.
DEMO_USERS = (
    ("manager", demo_data.DEMO_MANAGER_ID, ["manager"]),
    ("sponsor", demo_data.DEMO_SPONSOR_ID, ["manager", "sponsor"]),
    ("admin", demo_data.DEMO_ADMIN_ID, ["manager", "admin"]),
)
_CAST = {row[0]: {"name": row[1], "title": row[4]} for row in demo_data.CAST}


def sign_in_mode(settings: Settings) -> str:
    """How the pages sign people in; demo sign-in never runs in production."""
    if settings.web_auth == "demo" and settings.production:
        raise ValueError("PEERNET_WEB_AUTH=demo is for development only")
    if settings.web_auth:
        return settings.web_auth
    if not settings.production:
        return "demo"
    configured = settings.oidc_client_id and (
        settings.oidc_issuer or settings.oidc_authorization_endpoint)
    return "oidc" if configured else "proxy"


def _origin(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def content_security_policy(settings: Settings) -> str:
    """Scripts and styles from this server only; the browser may also call the identity
    provider (discovery and the token endpoint) when OIDC is configured."""
    origins = (_origin(settings.oidc_issuer), _origin(settings.oidc_token_endpoint))
    idp = sorted({o for o in origins if o})
    connect = " ".join(["'self'", *idp])
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: blob:; connect-src {connect}; font-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )


def web_routes(settings: Settings, authenticator: Authenticator | None = None) -> list[BaseRoute]:
    mode = sign_in_mode(settings)
    web_dir = Path(settings.web_dir)
    shell = web_dir / "index.html"
    headers = {
        "Content-Security-Policy": content_security_policy(settings),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }
    sign_in = authenticator or Authenticator(TokenVerifier(settings))

    async def page(request: Request) -> Response:
        return FileResponse(shell, media_type="text/html", headers=headers)

    async def home(request: Request) -> Response:
        return RedirectResponse("/find", status_code=302)

    async def vendor(request: Request) -> Response:
        rel = VENDOR.get(request.path_params["name"])
        path = web_dir / "node_modules" / rel if rel else None
        if path is None or not path.is_file():
            return Response("not found (run `make setup`, which runs `npm ci` in web/)",
                            status_code=404, media_type="text/plain")
        return FileResponse(path, media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    async def config(request: Request) -> JSONResponse:
        from peernet.jobs import registry

        body: dict[str, object] = {
            "signIn": mode, "jobs": [job.name for job in registry.all_jobs()],
        }
        if mode == "demo":
            body["demoUsers"] = [
                {"role": role, "id": manager_id, **_CAST.get(manager_id, {})}
                for role, manager_id, _ in DEMO_USERS
            ]
        if mode == "oidc":
            body["oidc"] = {
                "issuer": settings.oidc_issuer,
                "authorizationEndpoint": settings.oidc_authorization_endpoint,
                "tokenEndpoint": settings.oidc_token_endpoint,
                "clientId": settings.oidc_client_id, "scopes": settings.oidc_scopes,
                "redirectUri": settings.oidc_redirect_uri,
            }
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    async def demo_token(request: Request) -> JSONResponse:
        if settings.production or mode != "demo":
            return JSONResponse({"error": "not found"}, status_code=404)
        try:
            role = (await request.json()).get("role")
        except ValueError:
            role = None
        user = next((u for u in DEMO_USERS if u[0] == role), None)
        if user is None:
            return JSONResponse({"error": "role must be manager, sponsor or admin"},
                                status_code=400)
        _, manager_id, roles = user
        token = issue_dev_token(settings, manager_id=manager_id, roles=roles)
        return JSONResponse({"token": token, "managerId": manager_id, "roles": roles},
                            headers={"Cache-Control": "no-store"})

    async def whoami(request: Request) -> JSONResponse:
        """The roles the API will apply to this bearer, so the pages can choose their menu."""
        try:
            viewer = await sign_in.viewer(request.app.state.db,
                                          request.headers.get("authorization"))
        except AuthError as exc:
            return JSONResponse({"error": str(exc)}, status_code=401,
                                headers={"WWW-Authenticate": 'Bearer realm="peernet"'})
        except DbUnavailable as exc:
            return JSONResponse({"error": exc.message}, status_code=503,
                                headers={"Retry-After": "2"})
        return JSONResponse({"managerId": viewer.manager_id, "roles": sorted(viewer.roles)},
                            headers={"Cache-Control": "no-store"})

    # Demo sign-in exists only outside production: there is no route to reach in production.
    demo = [] if settings.production else [Route("/auth/demo", demo_token, methods=["POST"])]
    return [
        Route("/", home),
        *(Route(path, page) for path in PAGES),
        Route("/auth/config", config),
        *demo,
        Route("/auth/me", whoami),
        Route("/vendor/{name}", vendor),
        Mount("/static", app=StaticFiles(directory=web_dir / "static", check_dir=False),
              name="static"),
    ]


__all__ = ["DEMO_USERS", "PAGES", "VENDOR", "content_security_policy", "sign_in_mode", "web_routes"]
