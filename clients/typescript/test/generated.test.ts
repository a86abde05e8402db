import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MissingDocumentError, SERVICES, render } from '../scripts/openapi-types.mjs';

describe('the generated API types', () => {
  for (const entry of SERVICES) {
    it(`match ${entry.service}'s OpenAPI document`, async () => {
      let expected: string;
      try {
        expected = await render(entry);
      } catch (error) {
        if (error instanceof MissingDocumentError) throw new Error(`${error.message}, then run this test again.`);
        throw error;
      }
      const committed = readFileSync(entry.output, 'utf8');
      if (committed !== expected) {
        throw new Error(
          `${relative(process.cwd(), entry.output)} differs from what ${entry.service}'s OpenAPI document gives: ` +
            'run `npm run generate` and commit the result.',
        );
      }
      expect(committed).toBe(expected);
    });
  }
});
