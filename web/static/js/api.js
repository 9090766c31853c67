// GraphQL over fetch, with the bearer token from the sign-in. Errors keep the API's code
// (FORBIDDEN, UNAUTHENTICATED, …) so pages can say "not permitted" rather than "failed".
import { getToken } from './auth.js';

export class ApiError extends Error {
  constructor(message, code, status = 200) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

// A field or argument this server does not have yet: the page says "not available".
const MISSING = /^(Cannot query field|Unknown argument|Unknown type|Field .* argument .* of type .* is required)/;

export async function gql(query, variables = {}) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST', headers, body: JSON.stringify({ query, variables }), credentials: 'same-origin',
    });
  } catch (err) {
    throw new ApiError(String(err), 'NETWORK', 0);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    /* not JSON: handled below */
  }
  if (response.status === 401) {
    throw new ApiError(body?.errors?.[0]?.message || 'unauthenticated', 'UNAUTHENTICATED', 401);
  }
  if (!body) throw new ApiError(`HTTP ${response.status}`, 'HTTP', response.status);
  if (body.errors?.length) {
    const first = body.errors[0];
    const code = first.extensions?.code || (MISSING.test(first.message) ? 'UNAVAILABLE' : 'ERROR');
    const err = new ApiError(first.message, code, response.status);
    err.data = body.data;
    throw err;
  }
  return body.data;
}

// Follows a connection's pages (first ≤ the server's max page size) until the end.
export async function gqlAll(query, variables, pick, { pageSize = 100, limit = 5000 } = {}) {
  const nodes = [];
  let after = null;
  for (;;) {
    const data = await gql(query, { ...variables, first: pageSize, after });
    const conn = pick(data);
    nodes.push(...conn.edges.map((e) => e.node));
    if (!conn.pageInfo.hasNextPage || nodes.length >= limit) return nodes;
    after = conn.pageInfo.endCursor;
  }
}
