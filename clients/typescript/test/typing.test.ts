import { describe, expect, it } from 'vitest';
import { TypingThrottle } from '../src/typing.js';

describe('typing', () => {
  it('sends at most one frame per conversation every 3.5 seconds, outside the 3-second window of the server', () => {
    let now = 0;
    const sent: unknown[] = [];
    const throttle = new TypingThrottle(() => now, (frame) => sent.push(frame) > 0);
    throttle.typing(4);
    now = 1000;
    throttle.typing(4);
    throttle.typing(5);
    now = 3499;
    throttle.typing(4);
    now = 3500;
    throttle.typing(4);
    expect(sent).toEqual([
      { type: 'typing', conversation_id: 4 },
      { type: 'typing', conversation_id: 5 },
      { type: 'typing', conversation_id: 4 },
    ]);
  });

  it('counts nothing while no socket is open, so typing right after connecting is sent', () => {
    let open = false;
    const sent: unknown[] = [];
    const throttle = new TypingThrottle(() => 0, (frame) => open && sent.push(frame) > 0);
    throttle.typing(4);
    open = true;
    throttle.typing(4);
    expect(sent).toHaveLength(1);
  });
});
