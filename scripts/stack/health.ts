/** HTTP health probes for the stack's services, run from the host. */

/** Outcome of one probe. */
export interface ProbeResult {
  readonly url: string;
  readonly ok: boolean;
  /** HTTP status, or the network error in words. */
  readonly detail: string;
}

/**
 * GETs `url` and reports whether it answered 2xx within `timeoutMs`. Never throws.
 *
 * @param url - health endpoint
 * @param timeoutMs - give up after this long
 */
export async function probe(url: string, timeoutMs = 3_000): Promise<ProbeResult> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return { url, ok: response.ok, detail: `HTTP ${response.status}` };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = (cause as { code?: unknown }).code;
    const message = typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause);
    return { url, ok: false, detail: message };
  }
}
