import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamFrame } from '../../src/events.js';
import type { Message, SyncPage } from '../../src/types.js';

/** One recorded step of a client's life: what the socket, the catch-up or a history read brought. */
export type Step =
  | { beginSync: true }
  | { syncPage: SyncPage }
  | { endSync: true }
  | { suspend: true }
  | { frame: StreamFrame }
  | { history: { conversation_id: number; page: { items: Message[]; next_cursor: string | null } } }
  | { expectGap: { conversation_id: number; after_seq: number } }
  | { expectNoGap: number };

export interface Recording {
  description: string;
  self: number;
  steps: Step[];
  expected: {
    created: Record<string, number[]>;
    updated?: string[];
    order?: string[];
    conversationsCreated?: number[];
  };
}

/** A recorded sequence from test/fixtures. */
export function recording(name: string): Recording {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', `${name}.json`), 'utf8')) as Recording;
}
