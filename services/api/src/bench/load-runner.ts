import autocannon from 'autocannon';

/** One HTTP request to replay under load. */
export interface LoadTarget {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** CPU time of the server process per successful response: steadier than req/s on a busy box. */
  cpuMsPerRequest: number;
  /** Non-2xx responses, connection errors and timeouts. */
  failures: number;
}

/** Warms the target up (JIT, pools, caches), then replays the request on `connections` connections for `seconds`. */
export async function measureLoad(target: LoadTarget, options: LoadOptions, serverCpuMicros: () => Promise<number>): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await fire(target, options.connections, options.warmupSeconds);
  const cpuBefore = await serverCpuMicros();
  const result = await fire(target, options.connections, options.seconds);
  const cpuMicros = (await serverCpuMicros()) - cpuBefore;
  return {
    rps: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    cpuMsPerRequest: cpuMicros / 1000 / result['2xx'],
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

function fire(target: LoadTarget, connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: target.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: target.body,
    connections,
    duration: seconds,
  });
}
