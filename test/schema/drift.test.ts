import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateSchemaFiles } from '../../scripts/generate-schema.js';

describe('generated schemas', () => {
  it('regenerating from the installed SDK gives the committed files byte for byte', () => {
    const fresh = generateSchemaFiles();
    const committed = readdirSync(GENERATED_DIR).filter((f) => f.endsWith('.json') || f.endsWith('.ts')).sort();
    expect(committed).toEqual(Object.keys(fresh).sort());
    for (const [name, text] of Object.entries(fresh)) {
      expect(readFileSync(path.join(GENERATED_DIR, name), 'utf8'), `${name} drifted: run npm run generate:schema`).toBe(text);
    }
  });
});
