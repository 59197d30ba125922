/**
 * Serves the production build (`next build`) like `next start` does, with one difference: before Next sees a
 * request, `X-Forwarded-For` and `X-Real-IP` are replaced by the client's real address (the socket's, or
 * what trusted proxies say: lib/security/client-address.mjs). better-auth's sign-in rate limit reads that
 * header; served by `next start` a client could choose its own address with it (a new one per guess, or a
 * victim's to lock them out), because route handlers never see the socket.
 *
 * Started by scripts/serve.ts (`npm start`, `npm run demo`), scripts/e2e-server.ts and bench:pages.
 * Usage: node scripts/front-server.mjs [-p PORT] [-H HOST] [--keepAliveTimeout MS]
 * KLANTWAARDE_TRUSTED_PROXIES: comma-separated addresses or CIDR ranges of the proxies in front (none: the
 * socket's address is always the client's).
 *
 * Plain JavaScript run by plain Node, as `next start` is (no TypeScript loader in the server process).
 * Next's custom-server API (`next({ dev: false })` + `getRequestHandler()`) works with the default output;
 * `output: "standalone"` writes its own server.js instead and would bypass this file.
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { clientAddress, parseTrustedProxies, TrustedProxiesError } from "../lib/security/client-address.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p", default: process.env.PORT || "3000" },
    hostname: { type: "string", short: "H" },
    keepAliveTimeout: { type: "string" },
  },
});
const port = Number(values.port);
const keepAliveTimeout = values.keepAliveTimeout === undefined ? undefined : Number(values.keepAliveTimeout);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`-p ${values.port}: not a port number`);
if (keepAliveTimeout !== undefined && !(keepAliveTimeout >= 0)) fail(`--keepAliveTimeout ${values.keepAliveTimeout}: not a number of milliseconds`);

function fail(message) {
  process.stderr.write(`[klantwaarde] ${message}\n`);
  process.exit(1);
}

let trustedProxies;
try {
  trustedProxies = parseTrustedProxies(process.env.KLANTWAARDE_TRUSTED_PROXIES);
} catch (error) {
  if (error instanceof TrustedProxiesError) fail(error.message);
  throw error;
}

// As `next start`: a production server (Next reads NODE_ENV while loading its config and the build).
process.env.NODE_ENV = "production";
process.env.NEXT_PRIVATE_START_TIME ??= String(Date.now());
const { default: next } = await import("next");

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const hostname = values.hostname;
const server = http.createServer();
const app = next({ dev: false, dir, hostname: hostname ?? "localhost", port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

server.on("request", (request, response) => {
  const address = clientAddress({
    socketAddress: request.socket.remoteAddress,
    forwardedFor: request.headers["x-forwarded-for"],
    realIp: request.headers["x-real-ip"],
    trustedProxies: trustedProxies.list,
  });
  if (address) {
    request.headers["x-forwarded-for"] = address;
    request.headers["x-real-ip"] = address;
  } else {
    delete request.headers["x-forwarded-for"];
    delete request.headers["x-real-ip"];
  }
  handle(request, response).catch((error) => {
    console.error(`Failed to handle request for ${request.url}`, error);
    if (!response.headersSent) response.statusCode = 500;
    response.end();
  });
});
if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout;
server.on("error", (error) => fail(`the server could not start: ${error.message}`));
server.listen(port, hostname, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const shownHost = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname.includes(":") ? `[${hostname}]` : hostname;
  // What `next start` records once it listens: the report's PDF printer opens this origin (app/report/pdf).
  process.env.PORT = String(actualPort);
  process.env.__NEXT_PRIVATE_ORIGIN = `http://${shownHost}:${actualPort}`;
  const proxies = trustedProxies.entries.length > 0 ? `trusting proxies ${trustedProxies.entries.join(", ")}` : "no trusted proxies";
  process.stdout.write(` ✓ Ready on ${process.env.__NEXT_PRIVATE_ORIGIN} (client address from the socket; ${proxies})\n`);
});

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => process.exit(signal === "SIGINT" ? 130 : 143));
    server.closeIdleConnections();
    // Requests still running get a few seconds (a PDF being printed), then the process ends anyway.
    setTimeout(() => process.exit(signal === "SIGINT" ? 130 : 143), 5_000).unref();
  });
}
