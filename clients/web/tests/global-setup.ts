import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MailCatcher } from './support/mail-catcher';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const ROOT = resolve(WEB, '../..');
const SERVICES = ['account-service', 'friendship-service', 'chat-service'];
const FRONT_DOOR = 8080;
const SMTP_PORT = 1025;
const START_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 60_000;

/**
 * Starts what the browser tests talk to: a mail catcher on 127.0.0.1:1025 (so account-service sends its mails
 * there) and the real product through scripts/run.sh, with its own database, and waits until http://localhost:8080/
 * serves the app. Answers the teardown, which stops the product with SIGTERM, waits for it, and closes the catcher.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  checkPrerequisites();
  if (await listening(FRONT_DOOR)) {
    throw new Error(`Port ${FRONT_DOOR} is taken: something (another scripts/run.sh?) already serves it. Stop it, then run the tests again.`);
  }
  if (await listening(SMTP_PORT)) {
    throw new Error(`Port ${SMTP_PORT} is taken: the tests need it for their own mail catcher.`);
  }

  const mailbox = mkdtempSync(join(tmpdir(), 'parley-mail-'));
  process.env.PARLEY_MAILBOX_DIR = mailbox; // the workers start after this and inherit it
  const catcher = new MailCatcher(mailbox);
  await catcher.listen(SMTP_PORT);

  const logFile = join(WEB, 'test-results', 'product.log');
  const product = startProduct(logFile);
  try {
    await waitForApp(product, logFile);
  } catch (error) {
    await stopProduct(product);
    await catcher.close();
    throw error;
  }

  return async () => {
    await stopProduct(product);
    await catcher.close();
  };
}

function checkPrerequisites(): void {
  const missing = SERVICES.map((service) => join(ROOT, service, 'target/quarkus-app/quarkus-run.jar')).filter((jar) => !existsSync(jar));
  if (missing.length > 0) {
    throw new Error(`The services are not packaged (missing ${missing.join(', ')}). Run ./mvnw -B -ntp -o install -DskipTests in ${ROOT} first.`);
  }
  if (!existsSync(join(WEB, 'dist', 'index.html'))) {
    throw new Error('The app is not built (dist/index.html is missing): run npm run build first, or npm test, which builds.');
  }
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(`No Chromium at ${chromium}: apt-get install chromium, or set CHROMIUM_PATH.`);
  }
}

function startProduct(logFile: string): ChildProcess {
  mkdirSync(join(WEB, 'test-results'), { recursive: true });
  const log = openSync(logFile, 'w');
  // Its own process group, so that a teardown that has to force it can reach every process it started.
  return spawn(join(ROOT, 'scripts/run.sh'), [], {
    cwd: ROOT,
    env: { ...process.env, PARLEY_SKIP_BUILD: '1', PARLEY_DB_NAME: process.env.PARLEY_DB_NAME ?? 'parley_browser' },
    stdio: ['ignore', log, log],
    detached: true,
  });
}

async function waitForApp(product: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exited: number | null = null;
  product.once('exit', (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new Error(`scripts/run.sh exited (${exited}) before the app was served. Its output:\n${tail(logFile)}`);
    }
    try {
      const answer = await fetch(`http://localhost:${FRONT_DOOR}/`);
      if (answer.ok && (await answer.text()).includes('<div id="app">')) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 1000));
  }
  throw new Error(`http://localhost:${FRONT_DOOR}/ did not serve the app within ${START_TIMEOUT_MS / 1000} s. scripts/run.sh said:\n${tail(logFile)}`);
}

/** SIGTERM to scripts/run.sh, which stops the services and nginx and waits for them; forced after a minute. */
async function stopProduct(product: ChildProcess): Promise<void> {
  if (product.exitCode !== null || product.signalCode !== null) return;
  const exited = new Promise<void>((done) => product.once('exit', () => done()));
  product.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((done) => setTimeout(() => done(false), STOP_TIMEOUT_MS))]);
  if (!stopped && product.pid) {
    process.kill(-product.pid, 'SIGKILL');
    await exited;
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}
