// Writes docs/scenarios.md from the scenario files (scenarioCatalogue.ts): npm run catalogue
import { writeFileSync } from 'node:fs';
import { CATALOGUE_PATH, catalogueMarkdown, loadLibrary } from './scenarioCatalogue';

const library = loadLibrary();
writeFileSync(CATALOGUE_PATH, catalogueMarkdown(library));
console.log(`wrote ${CATALOGUE_PATH}: ${library.length} scenarios`);
