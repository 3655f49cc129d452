// Regenerate docs/*.schema.json from the zod schemas (npm run schema). A unit test fails when
// they drift, so the documented format is always the enforced one.
import { writeFileSync } from 'node:fs';
import { jsonSchemas } from './schemas';

for (const [path, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${path}`);
}
