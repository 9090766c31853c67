// Sign-in. The token lives in sessionStorage (gone when the tab closes) and goes out only
// as the bearer on same-origin requests. Three configured modes (docs/web.md):
//   demo  – development only: the server signs a token for a chosen demo user;
//   oidc  – authorization code with PKCE, done here in the browser;
//   proxy – a trusted reverse proxy signs people in and adds the Authorization header.

const TOKEN = 'peernet.token';
const OIDC_STATE = 'peernet.oidc.state';
const OIDC_VERIFIER = 'peernet.oidc.verifier';
const OIDC_NEXT = 'peernet.oidc.next';

// Where to go after signing in: only a path on this origin. Parsed as the browser will parse
// it, so `//evil.example`, `/\evil.example` (a backslash is a slash to the URL parser),
// `https://evil.example` and `javascript:` all fall back to `fallback`.
export function safeNext(next, origin = window.location.origin, fallback = '/find') {
  if (typeof next !== 'string' || !next.startsWith('/')) return fallback;
  let url;
  try {
    url = new URL(next, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin || !url.pathname.startsWith('/') || url.pathname === '/signin') return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

export const getToken = () => sessionStorage.getItem(TOKEN);
export const setToken = (token) => sessionStorage.setItem(TOKEN, token);
export const clearToken = () => sessionStorage.removeItem(TOKEN);

let configPromise = null;
export function authConfig() {
  configPromise ??= fetch('/auth/config', { headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : { signIn: 'demo', jobs: [] }));
  return configPromise;
}

// Who the API takes this bearer to be: { managerId, roles } or null when not signed in.
export async function whoami() {
  const token = getToken();
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const response = await fetch('/auth/me', { headers, credentials: 'same-origin' });
  if (response.status === 401) {
    if (token) clearToken(); // expired or from another server: sign in again
    return null;
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

export async function demoSignIn(role) {
  const response = await fetch('/auth/demo', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role }),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = await response.json();
  setToken(body.token);
  return body;
}

// ---- OpenID Connect: authorization code with PKCE (RFC 7636) ------------------------------

function base64url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(byteCount = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

export async function pkceChallenge(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(digest);
}

async function endpoints(oidc) {
  if (oidc.authorizationEndpoint && oidc.tokenEndpoint) return oidc;
  const issuer = String(oidc.issuer || '').replace(/\/$/, '');
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`OIDC discovery failed: HTTP ${response.status}`);
  const doc = await response.json();
  return {
    ...oidc,
    authorizationEndpoint: oidc.authorizationEndpoint || doc.authorization_endpoint,
    tokenEndpoint: oidc.tokenEndpoint || doc.token_endpoint,
  };
}

const redirectUri = (oidc) => oidc.redirectUri || `${window.location.origin}/auth/callback`;

export async function oidcStart(oidc, next = '/find') {
  const ep = await endpoints(oidc);
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(OIDC_VERIFIER, verifier);
  sessionStorage.setItem(OIDC_STATE, state);
  sessionStorage.setItem(OIDC_NEXT, safeNext(next));
  const url = new URL(ep.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: ep.clientId, redirect_uri: redirectUri(ep),
    scope: ep.scopes, state, code_challenge: await pkceChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

// On /auth/callback: check the state, trade the code (and the verifier) for tokens.
export async function oidcFinish(oidc) {
  const params = new URLSearchParams(window.location.search);
  const expected = sessionStorage.getItem(OIDC_STATE);
  const verifier = sessionStorage.getItem(OIDC_VERIFIER);
  sessionStorage.removeItem(OIDC_STATE);
  sessionStorage.removeItem(OIDC_VERIFIER);
  if (params.get('error')) throw new Error(params.get('error_description') || params.get('error'));
  if (!params.get('code') || !expected || params.get('state') !== expected || !verifier) {
    throw new Error('state mismatch');
  }
  const ep = await endpoints(oidc);
  const response = await fetch(ep.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(ep),
      client_id: ep.clientId, code_verifier: verifier,
    }),
  });
  if (!response.ok) throw new Error(`token endpoint: HTTP ${response.status}`);
  const body = await response.json();
  if (!body.access_token) throw new Error('no access_token in the token response');
  setToken(body.access_token);
  const next = sessionStorage.getItem(OIDC_NEXT);
  sessionStorage.removeItem(OIDC_NEXT);
  return safeNext(next);
}
