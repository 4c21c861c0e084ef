/**
 * The two HTTP API calls the evaluation needs: instant query and range query (Prometheus HTTP API v1).
 */

/** One result series: labels and either one value (instant) or values per step (range). */
export interface ResultSeries {
  readonly labels: Readonly<Record<string, string>>;
  /** [unix seconds, value] pairs; one pair for instant queries. */
  readonly points: readonly (readonly [number, number])[];
}

interface ApiResponse {
  status: 'success' | 'error';
  error?: string;
  data?: {
    resultType: 'vector' | 'matrix' | 'scalar' | 'string';
    result: unknown;
  };
}

async function call(baseUrl: string, path: string, params: Record<string, string>): Promise<ResultSeries[]> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  const body = (await response.json()) as ApiResponse;
  if (body.status !== 'success' || !body.data) {
    throw new Error(`Prometheus ${path} failed: ${body.error ?? response.status}\n  query: ${params.query}`);
  }
  const { resultType, result } = body.data;
  if (resultType === 'scalar') {
    const [t, v] = result as [number, string];
    return [{ labels: {}, points: [[t, Number(v)]] }];
  }
  if (resultType === 'vector') {
    return (result as { metric: Record<string, string>; value: [number, string] }[]).map((r) => ({
      labels: r.metric,
      points: [[r.value[0], Number(r.value[1])]],
    }));
  }
  if (resultType === 'matrix') {
    return (result as { metric: Record<string, string>; values: [number, string][] }[]).map((r) => ({
      labels: r.metric,
      points: r.values.map(([t, v]) => [t, Number(v)] as const),
    }));
  }
  throw new Error(`Prometheus ${path} returned a ${resultType}`);
}

/** Instant query at `timeMs`. */
export function queryInstant(baseUrl: string, query: string, timeMs: number): Promise<ResultSeries[]> {
  return call(baseUrl, '/api/v1/query', { query, time: String(timeMs / 1000) });
}

/** Range query over [startMs, endMs] with `stepMs`. */
export function queryRange(baseUrl: string, query: string, startMs: number, endMs: number, stepMs: number): Promise<ResultSeries[]> {
  return call(baseUrl, '/api/v1/query_range', {
    query,
    start: String(startMs / 1000),
    end: String(endMs / 1000),
    step: String(stepMs / 1000),
  });
}
