import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printSchemaFile } from './print';

describe('schema.graphql', () => {
  it('is what the code prints (run `npm run schema` after changing the API)', async () => {
    const checkedIn = readFileSync(resolve(__dirname, '../../../../schema.graphql'), 'utf8');
    expect(await printSchemaFile()).toBe(checkedIn);
  });
});
