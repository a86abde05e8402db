import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail the catcher received. */
export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

/**
 * A plain SMTP server on 127.0.0.1 that accepts every mail and keeps it: in memory, and as one JSON file per mail in
 * `directory`, where the test workers (other processes) read them.
 */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  private readonly server: SMTPServer;

  constructor(private readonly directory: string) {
    mkdirSync(directory, { recursive: true });
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream).then(
          (parsed) => {
            const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((address) =>
              address.value.map((entry) => (entry.address ?? '').toLowerCase()),
            );
            const mail: CaughtMail = { to, subject: parsed.subject ?? '', text: parsed.text ?? '', receivedAt: new Date().toISOString() };
            this.mails.push(mail);
            writeFileSync(join(this.directory, `${Date.now()}-${this.mails.length}.json`), JSON.stringify(mail, null, 2));
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
