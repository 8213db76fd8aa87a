/**
 * A real SMTP server inside the test (the `smtp-server` package) that keeps
 * what it accepted, parsed with `mailparser`. A message counts as accepted
 * only when the server answers 250 to its DATA, as a real relay does. The
 * test can make it refuse (a relay down) or hold a message mid-DATA (to kill
 * the sender then).
 */
import type { AddressInfo } from 'net';

import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string[]; from: string; messageId: string; subject: string; text: string; html: string };

export type TestSmtp = {
  port: number;
  mails: ReceivedMail[];
  /** 'accept' (default), 'refuse' (451 to every message), or 'hold' (the next DATA is never answered). */
  mode: 'accept' | 'refuse' | 'hold';
  /** Resolves when a held DATA has started arriving. */
  held: Promise<void>;
  /** Waits (no time limit of its own) until `count` mails are accepted. */
  waitFor(count: number): Promise<ReceivedMail[]>;
  /** Waits (no time limit of its own) until an accepted mail matches. */
  waitUntil(match: (mail: ReceivedMail) => boolean): Promise<ReceivedMail>;
  /** Mails to one address. */
  to(address: string): ReceivedMail[];
  /** Distinct Message-IDs, as a mailbox that drops duplicates holds them. */
  mailboxOf(address: string): ReceivedMail[];
  stop(): Promise<void>;
};

export const SMTP_USER = 'relay-user';
export const SMTP_PASSWORD = 'relay-secret';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startSmtp(): Promise<TestSmtp> {
  let releaseHeld: () => void = () => undefined;
  const state: TestSmtp = {
    port: 0,
    mails: [],
    mode: 'accept',
    held: new Promise<void>((resolve) => (releaseHeld = resolve)),
    async waitFor(count) {
      while (state.mails.length < count) await sleep(20);
      return state.mails;
    },
    async waitUntil(match) {
      for (;;) {
        const found = state.mails.find(match);
        if (found) return found;
        await sleep(20);
      }
    },
    to: (address) => state.mails.filter((mail) => mail.to.includes(address.toLowerCase())),
    mailboxOf: (address) => {
      const seen = new Set<string>();
      return state.to(address).filter((mail) => !seen.has(mail.messageId) && Boolean(seen.add(mail.messageId)));
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      if (state.mode === 'hold') {
        // Read what arrives, never answer: the sender is killed meanwhile.
        stream.on('data', () => undefined);
        releaseHeld();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.mode === 'refuse') {
          const error = new Error('Service temporarily unavailable') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            state.mails.push({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              messageId: parsed.messageId ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  // A sender killed mid-conversation resets its connection: expected here, not a failure of the server.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.server.address() as AddressInfo).port;
  return state;
}
