/**
 * docker-compose.yml as data: parsed, then interpolated value by value the way Compose does
 * (Compose interpolates values after parsing YAML, so comments never matter).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { interpolate, listVariableReferences, type VariableReference } from './compose-interpolate.js';

/** The parts of a compose service this project reads; everything else stays `unknown`. */
export interface ComposeService {
  readonly image?: string;
  readonly command?: string | readonly string[];
  readonly environment?: Readonly<Record<string, string | number | boolean | null>> | readonly string[];
  readonly ports?: readonly (string | number)[];
  readonly volumes?: readonly string[];
  readonly healthcheck?: { readonly test?: string | readonly string[]; readonly disable?: boolean };
  readonly depends_on?: readonly string[] | Readonly<Record<string, { readonly condition?: string }>>;
  readonly restart?: string;
  /** Compose profiles that start the service; without any, it always starts. */
  readonly profiles?: readonly string[];
  readonly [key: string]: unknown;
}

/** The top level of a compose file. */
export interface ComposeDocument {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes?: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

/** A `[HOST_IP:]HOST_PORT:CONTAINER_PORT[/PROTOCOL]` short-syntax port mapping. */
export interface PortMapping {
  readonly hostIp: string | undefined;
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol: string;
}

function mapStrings(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, fn));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, fn)]));
  }
  return value;
}

/**
 * Reads and parses a compose file without interpolating it.
 *
 * @param file - path of the compose file
 */
export function readComposeRaw(file: string): unknown {
  return parse(readFileSync(file, 'utf8')) as unknown;
}

/**
 * Interpolates every string value of a parsed compose document.
 *
 * @param raw - the parsed, uninterpolated document
 * @param env - the variables Compose would see
 * @throws MissingVariableError where Compose would refuse to start
 */
export function interpolateCompose(raw: unknown, env: Readonly<Record<string, string | undefined>>): ComposeDocument {
  const doc = mapStrings(raw, (text) => interpolate(text, env));
  if (doc === null || typeof doc !== 'object' || !('services' in doc)) {
    throw new Error('not a compose file: no services');
  }
  return doc as ComposeDocument;
}

/**
 * Every variable reference in the string values of a parsed compose document.
 *
 * @param raw - the parsed, uninterpolated document
 */
export function composeVariableReferences(raw: unknown): VariableReference[] {
  const found: VariableReference[] = [];
  mapStrings(raw, (text) => {
    found.push(...listVariableReferences(text));
    return text;
  });
  return found;
}

/**
 * Parses one interpolated short-syntax port entry.
 *
 * @throws Error for forms this project does not use (ranges, container-only ports)
 */
export function parsePortMapping(entry: string | number): PortMapping {
  const text = String(entry);
  const match = /^(?:(\[[^\]]+\]|[^:]+):)?(\d+):(\d+)(?:\/(tcp|udp))?$/.exec(text);
  if (match === null) throw new Error(`unsupported port mapping "${text}": use HOST_IP:HOST_PORT:CONTAINER_PORT`);
  return {
    hostIp: match[1]?.replace(/^\[|\]$/g, ''),
    hostPort: Number(match[2]),
    containerPort: Number(match[3]),
    protocol: match[4] ?? 'tcp',
  };
}
