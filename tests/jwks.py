"""An identity provider's JWKS endpoint for tests: RS256 and ES256 keys made with
``cryptography``, served on 127.0.0.1 from a thread. Import the ``idp`` fixture from here."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

ISSUER = "https://idp.example/realms/kommun"
AUDIENCE = "peernet-api"


class Keys:
    def __init__(self) -> None:
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ec = ec.generate_private_key(ec.SECP256R1())
        self.jwks = {"keys": [
            {**json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.rsa.public_key())),
             "kid": "rsa-1", "alg": "RS256", "use": "sig"},
            {**json.loads(jwt.algorithms.ECAlgorithm.to_jwk(self.ec.public_key())),
             "kid": "ec-1", "alg": "ES256", "use": "sig"},
        ]}
        self.url = ""

    def sign(self, claims: dict, algorithm: str = "RS256", kid: str | None = None) -> str:
        key, default_kid = (self.rsa, "rsa-1") if algorithm == "RS256" else (self.ec, "ec-1")
        return jwt.encode(claims, key, algorithm=algorithm, headers={"kid": kid or default_kid})


@pytest.fixture(scope="module")
def idp():
    keys = Keys()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # http.server's naming
            body = json.dumps(keys.jwks).encode()
            self.send_response(200 if self.path == "/jwks.json" else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    keys.url = f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    yield keys
    server.shutdown()
    server.server_close()


__all__ = ["AUDIENCE", "ISSUER", "Keys", "idp"]
