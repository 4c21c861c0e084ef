/**
 * Checks of the configuration that relate fields to each other (zod refinements), kept apart from the
 * schema in config.ts: the pipeline's timing must make sense against the scrape interval.
 */
import type { z } from 'zod';
import { parseDuration } from './duration.js';

type PipelineInput = { scrapeInterval: string; pipeline: { exporterExpiry: string; seriesMemory: string; evaluationDelay?: string | undefined } };

/** A duration in ms, or NaN when the text is not one (the field's own regex has reported it then). */
function safeMs(text: string): number {
  try {
    return parseDuration(text);
  } catch {
    return Number.NaN;
  }
}

/** Reports pipeline timings that cannot work: a zero scrape interval, a memory not past the expiry, a delay under one scrape. */
export function checkPipeline(cfg: PipelineInput, ctx: z.RefinementCtx): void {
  const scrape = safeMs(cfg.scrapeInterval);
  if (scrape <= 0) ctx.addIssue({ code: 'custom', path: ['scrapeInterval'], message: 'must be longer than zero' });
  const expiry = safeMs(cfg.pipeline.exporterExpiry);
  const memory = safeMs(cfg.pipeline.seriesMemory);
  if (memory < expiry + 2 * scrape) {
    ctx.addIssue({
      code: 'custom',
      path: ['pipeline', 'seriesMemory'],
      message: `must exceed pipeline.exporterExpiry (${cfg.pipeline.exporterExpiry}) by at least two scrape intervals`,
    });
  }
  const delay = cfg.pipeline.evaluationDelay;
  if (delay !== undefined && safeMs(delay) < scrape) {
    ctx.addIssue({ code: 'custom', path: ['pipeline', 'evaluationDelay'], message: `must be at least the scrape interval (${cfg.scrapeInterval})` });
  }
}
