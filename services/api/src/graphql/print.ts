import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from './schema';

/** The schema as checked in to schema.graphql: sorted, so the file only changes when the API does. */
export async function printSchemaFile(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}
