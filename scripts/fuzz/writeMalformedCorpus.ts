/**
 * Write the malformed-file corpus (scripts/fuzz/malformedCorpus.ts) to tests/fixtures/malformed/:
 * one file per small entry under scenarios/ and attempts/, and manifest.json listing every entry
 * (in-memory ones too) with what it is and what should be refused.
 * Run: npx tsx scripts/fuzz/writeMalformedCorpus.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { CORPUS_DIR, corpusEntries, manifest } from './malformedCorpus';

const entries = corpusEntries();
for (const kind of ['scenarios', 'attempts']) {
  rmSync(`${CORPUS_DIR}/${kind}`, { recursive: true, force: true });
  mkdirSync(`${CORPUS_DIR}/${kind}`, { recursive: true });
}
let written = 0;
for (const e of entries) {
  if (e.inMemory) continue;
  const built = e.build();
  if (!('text' in built)) throw new Error(`${e.kind} ${e.name}: a committed entry needs text`);
  writeFileSync(`${CORPUS_DIR}/${e.kind}s/${e.name}.json`, built.text);
  written++;
}
writeFileSync(`${CORPUS_DIR}/manifest.json`, manifest(entries));
console.log(`${written} files and a manifest of ${entries.length} entries in ${CORPUS_DIR}/`);
