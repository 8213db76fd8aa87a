/**
 * Baseline (c): a bare Node `http` server answering every request with one
 * pre-serialised JSON body (the portal's cached list response) and the same
 * caching headers. Runs as a child of the bench so it does not share an event
 * loop with autocannon. Started by bench/run.js:
 *   fork('bench/lib/bare-server.js', [bodyFile, etag]) → message { port }
 */
const fs = require('fs');
const http = require('http');

const [bodyFile, etag = 'W/"bench"'] = process.argv.slice(2);
const body = fs.readFileSync(bodyFile);
const headers = {
  'Content-Type': 'application/json; charset=utf-8',
  'Content-Length': body.length,
  ETag: etag,
  'Cache-Control': 'public, max-age=60, stale-while-revalidate=300',
  Vary: 'Accept-Encoding',
};

const server = http.createServer((req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => {
  if (process.send) process.send({ port: server.address().port });
  else console.log(`bare server on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
