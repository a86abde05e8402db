import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaughtMail } from './mail-catcher';

/** The mails the catcher of tests/global-setup.ts received so far. */
export function caughtMails(): CaughtMail[] {
  const directory = process.env.PARLEY_MAILBOX_DIR;
  if (!directory) throw new Error('PARLEY_MAILBOX_DIR is not set: run the tests through playwright test (global setup)');
  return readdirSync(directory)
    .sort()
    .map((file) => JSON.parse(readFileSync(join(directory, file), 'utf8')) as CaughtMail);
}

/** The verification link mailed to `email`, waiting for the mail (the outbox is polled every 2 s). */
export async function verificationLink(email: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const mail of caughtMails()) {
      if (!mail.to.includes(email.toLowerCase())) continue;
      const link = /https?:\/\/\S+\/v1\/accounts\/verify\/[^\s]+/.exec(mail.text)?.[0];
      if (link) return link;
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`No verification mail for ${email} within ${timeoutMs / 1000} s`);
}
