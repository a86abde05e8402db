// `npm run generate`: rewrites src/generated/*.ts from the services' built OpenAPI documents.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { MissingDocumentError, SERVICES, render } from './openapi-types.mjs';

try {
  for (const entry of SERVICES) {
    const text = await render(entry);
    mkdirSync(dirname(entry.output), { recursive: true });
    writeFileSync(entry.output, text);
    console.log(`wrote ${relative(process.cwd(), entry.output)}`);
  }
} catch (error) {
  if (error instanceof MissingDocumentError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
