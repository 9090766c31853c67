// Runs graphql-http's server audits (the GraphQL-over-HTTP specification's public audit
// suite) against a running peernet: `node audit.mjs URL TOKEN`. Prints one JSON object per
// audit on stdout and exits 1 when any MUST or SHOULD audit fails.
import { serverAudits } from 'graphql-http';

const [url, token] = process.argv.slice(2);
if (!url || !token) {
  console.error('usage: node audit.mjs URL TOKEN');
  process.exit(2);
}

// Every request carries the bearer token, as a real client's would.
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers || {});
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

const results = await Promise.all(serverAudits({ url, fetchFn }).map(({ fn }) => fn()));
let failed = 0;
for (const result of results) {
  const level = result.name.split(' ')[0];
  const ok = result.status === 'ok';
  if (!ok && (level === 'MUST' || level === 'SHOULD')) failed += 1;
  console.log(JSON.stringify({ id: result.id, name: result.name, status: result.status,
                               reason: ok ? undefined : result.reason }));
}
process.exit(failed ? 1 : 0);
