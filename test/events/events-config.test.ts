/** The `events` section of the build configuration: defaults keep prompts and tool details hidden; bad values name the fix. */
import { describe, expect, it } from 'vitest';
import { parseConfig, resolveConfig, RESERVED_VARIABLES } from '../../queries/config.js';

describe('events configuration', () => {
  it('defaults: the provisioned Loki uid, both Claude Code service names, nothing sensitive shown', () => {
    expect(resolveConfig({}).events).toEqual({ datasourceUid: 'loki', serviceNames: ['claude-code', 'claude-code-desktop'], showPrompts: false, showToolDetails: false });
  });

  it('rejects a bad uid, an empty service list and unknown fields, naming the field and the fix', () => {
    expect(() => parseConfig({ events: { datasourceUid: 'no spaces' } })).toThrow(/events\.datasourceUid: .*fix: use the pinned uid of your provisioned Loki datasource/);
    expect(() => parseConfig({ events: { serviceNames: [] } })).toThrow(/events\.serviceNames/);
    expect(() => parseConfig({ events: { showPrompt: true } })).toThrow(/unknown field\(s\) "showPrompt"/);
  });

  it('reserves the event dashboards’ variable names, so a team label cannot take them', () => {
    for (const name of ['loki_datasource', 'session', 'event', 'tool']) expect(RESERVED_VARIABLES).toContain(name);
    expect(() => resolveConfig({ teamLabels: ['session'] })).toThrow(/would become the dashboard variable "session"/);
  });
});
