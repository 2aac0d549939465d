// PhòngHọp's process: Express (security headers, origin check, static files, the Remix request handler) and
// socket.io on one http.Server. The app itself — database, auth, realtime — lives in the Remix build and reaches
// this file through `build.entry.module.runtime`, so each of its modules exists once per process.
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";

type Runtime = typeof import("./app/runtime.server");

const buildPath = path.resolve("build/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
const runtime = (build.entry.module as unknown as { runtime: Runtime }).runtime;
const { env, logger } = runtime;
const isDev = env.NODE_ENV === "development";

await runtime.prepareDatabase();

const app = express();
app.disable("x-powered-by");
if (env.TRUST_PROXY) app.set("trust proxy", env.TRUST_PROXY);

app.get("/healthz", (_req, res) => {
  try {
    const ok = runtime.checkDatabase();
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "error", database: ok ? "ok" : "error" });
  } catch (error) {
    logger.error({ err: error }, "health check failed");
    res.status(503).json({ status: "error", database: "error" });
  }
});

app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
});
app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        // wasm-unsafe-eval: PDF.js decodes some images (JPEG 2000) with WebAssembly; nothing else is evaluated.
        "script-src": ["'self'", "'wasm-unsafe-eval'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`, ...(isDev ? ["'unsafe-inline'"] : [])],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", ...(isDev ? ["ws://localhost:*"] : [])],
        "worker-src": ["'self'", "blob:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        ...(env.NODE_ENV === "production" && env.SECURE_COOKIES ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    // Served over plain HTTP in the hall's LAN as often as behind TLS; HSTS belongs to the TLS terminator.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  }),
);
app.use(compression());
app.use(
  pinoHttp({
    logger,
    autoLogging: { ignore: (req) => req.url?.startsWith("/build/") === true || req.url === "/favicon.ico" },
    serializers: {
      req: (req) => ({ method: req.method, url: req.url }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
  }),
);

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
// PDF.js lives in a versioned folder: cache it like the build.
app.use("/pdfjs", express.static("public/pdfjs", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

app.use(runtime.checkOrigin);
app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => runtime.getLoadContext(req, res),
  }),
);

const server = http.createServer(app);
// Idle keep-alive connections live longer than clients' (and load balancers') own timeouts, so a client never
// sends a request on a socket the server is closing at that moment.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
runtime.attachRealtime(server);

server.listen(env.PORT, env.HOST, async () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  logger.info({ port }, `PhòngHọp đang chạy tại http://localhost:${port}`);
  // Under `npm run dev`, tell remix dev that this build is being served.
  if (process.env.REMIX_DEV_ORIGIN) {
    const { broadcastDevReady } = await import("@remix-run/node");
    await broadcastDevReady(build);
  }
});

// Graceful shutdown: stop accepting, close sockets, let running requests finish, then close the database.
let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => {
    logger.warn("requests did not finish in 10 s; exiting");
    process.exit(1);
  }, 10_000);
  force.unref();
  // io.close() also closes the http server: no new connections, and it waits for running requests.
  await runtime.closeRealtime();
  await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  runtime.closeDatabase();
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
