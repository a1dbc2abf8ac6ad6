/**
 * Times routes of a running dashboard: logs in through the form like a browser, then for each route a few warm-up
 * requests and N sequential timed ones (body read to the end). A route that does not answer 200 is skipped.
 */
export interface RouteTiming {
  path: string;
  page: boolean;
  status: number;
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** A route is given at most this long in all (warm-up included), so one slow route cannot hold the run. */
const ROUTE_BUDGET_MS = 30_000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function login(origin: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${origin}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  const loginCookie = form.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.includes('rr_login'));
  if (!csrf || !loginCookie) throw new Error('the login form has no CSRF token');
  const response = await fetch(`${origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ _csrf: csrf, email, password }),
  });
  const session = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.includes('rr_session') && !pair.endsWith('='));
  if (response.status !== 303 || !session) throw new Error(`login answered ${response.status}`);
  return session;
}

export async function timeRoutes(options: {
  origin: string;
  email: string;
  password: string;
  requests: number;
  warmup: number;
  routes: { path: string; page: boolean }[];
  log(message: string): void;
}): Promise<RouteTiming[]> {
  const cookie = await login(options.origin, options.email, options.password);
  const get = async (path: string): Promise<{ status: number; ms: number }> => {
    const started = performance.now();
    const response = await fetch(`${options.origin}${path}`, { headers: { cookie }, redirect: 'manual' });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  };
  const out: RouteTiming[] = [];
  for (const route of options.routes) {
    const first = await get(route.path);
    if (first.status !== 200) {
      options.log(`${route.path}: answered ${first.status}, skipped`);
      out.push({ ...route, status: first.status, n: 0, p50: 0, p95: 0, max: 0 });
      continue;
    }
    // Warm-up and timed requests share the route's budget.
    const deadline = Date.now() + ROUTE_BUDGET_MS;
    for (let i = 1; i < options.warmup && Date.now() < deadline - ROUTE_BUDGET_MS / 2; i++)
      await get(route.path);
    const times: number[] = [];
    while (times.length < options.requests && Date.now() < deadline) {
      const { status, ms } = await get(route.path);
      if (status !== 200) throw new Error(`${route.path} answered ${status} during the run`);
      times.push(ms);
    }
    times.sort((a, b) => a - b);
    const timing = {
      ...route,
      status: 200,
      n: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: times.at(-1) ?? 0,
    };
    options.log(
      `${route.path}: p50 ${timing.p50.toFixed(0)} ms, p95 ${timing.p95.toFixed(0)} ms (${timing.n} requests)`,
    );
    out.push(timing);
  }
  return out;
}
