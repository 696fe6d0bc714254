import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printSchemaFile } from '../graphql/print';

/** Writes schema.graphql at the repo root from the code (`npm run schema`). */
printSchemaFile().then((sdl) => {
  const path = resolve(__dirname, '../../../../schema.graphql');
  writeFileSync(path, sdl);
  console.log(`wrote ${path}`);
});
