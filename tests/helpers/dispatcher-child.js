/**
 * A dispatcher in its own process, so a test can kill it (SIGKILL) in the
 * middle of a send. It runs the application's compiled dispatcher
 * (dist/src/notifications/dispatcher.js) on the test's database, sending with
 * nodemailer to the test's SMTP server, and prints the result of its pass.
 * With CRASH_AFTER_SEND=1 it dies right after the server accepted
 * the first message, before marking it sent.
 */
const path = require('path');

const knexFactory = require('knex');
const nodemailer = require('nodemailer');

const { createDispatcher } = require(path.join(__dirname, '..', '..', 'dist', 'src', 'notifications', 'dispatcher.js'));

const client = process.env.DATABASE_CLIENT === 'postgres' ? 'pg' : 'better-sqlite3';
const knex = knexFactory(
  client === 'pg'
    ? { client, connection: process.env.DATABASE_URL, pool: { min: 0, max: 2 } }
    : { client, connection: { filename: process.env.DATABASE_FILENAME }, useNullAsDefault: true }
);
const transport = nodemailer.createTransport({
  host: '127.0.0.1',
  port: Number(process.env.SMTP_PORT),
  secure: false,
  ignoreTLS: true,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASSWORD },
});

const dispatcher = createDispatcher({
  knex,
  owner: 'child',
  leaseMs: Number(process.env.LEASE_MS),
  async send(mail) {
    const info = await transport.sendMail({ from: 'Dân vận khéo <no-reply@danvan.test>', ...mail });
    if (process.env.CRASH_AFTER_SEND === '1') process.kill(process.pid, 'SIGKILL');
    return info;
  },
});

dispatcher.runOnce().then(
  async (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    await knex.destroy();
    transport.close();
  },
  (error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  }
);
