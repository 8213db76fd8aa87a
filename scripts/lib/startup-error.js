/**
 * Turns an error thrown while Strapi loads into one line an operator can act
 * on, instead of a stack trace. Used by scripts/serve.js and scripts/seed-demo.js.
 */
const CONFIG_PREFIX = /^Could not load js config file [^:]+: /;

const describeTarget = (connection) => {
  if (!connection || typeof connection !== 'object') return 'the database server';
  const { host, port, database } = connection;
  return host ? `PostgreSQL at ${host}:${port || 5432}${database ? ` (database "${database}")` : ''}` : 'the database server';
};

function describeStartupError(error, connection) {
  const err = error || {};
  const message = String(err.message || err).replace(CONFIG_PREFIX, '');
  const target = describeTarget(connection);
  switch (err.code) {
    case 'ECONNREFUSED':
      return `Cannot connect to ${target}: connection refused. Is PostgreSQL running? Check DATABASE_URL or DATABASE_HOST/DATABASE_PORT.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot connect to ${target}: host not found. Check DATABASE_URL or DATABASE_HOST.`;
    case 'ETIMEDOUT':
      return `Cannot connect to ${target}: timed out. Check DATABASE_URL and the network.`;
    case '28P01':
    case '28000':
      return `Cannot connect to ${target}: authentication failed. Check the user name and password in DATABASE_URL.`;
    case '3D000':
      return `Cannot connect to ${target}: the database does not exist. Create it (createdb) or fix the name in DATABASE_URL.`;
    default:
      break;
  }
  if (/timeout/i.test(message) && /connect|acquir/i.test(message)) {
    return `Cannot connect to ${target}: timed out. Check DATABASE_URL and that the server accepts connections.`;
  }
  return message;
}

module.exports = { describeStartupError };
