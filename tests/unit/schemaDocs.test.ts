import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../scripts/schemas';

describe('docs/*.schema.json', () => {
  it('match the zod schemas the code enforces (run npm run schema after changing a format)', () => {
    for (const [path, schema] of Object.entries(jsonSchemas())) {
      expect(JSON.parse(readFileSync(path, 'utf8')), path).toEqual(schema);
    }
  });
});
