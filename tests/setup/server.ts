// Starts the real server (server.ts over the production build) as a child process on a free loopback port,
// with its own SQLite file. Integration and browser tests talk to it over HTTP and socket.io.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export type TestServer = {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

/** A loopback port nobody listens on right now. */
export async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise<number>((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startServer(
  options: { dataDir?: string; port?: number; env?: Record<string, string> } = {},
): Promise<TestServer> {
  if (!existsSync(resolve("build/index.js"))) throw new Error("No build: run `npm run build` before the integration tests.");
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "phonghop-it-"));
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port ?? 0),
      HOST: "127.0.0.1",
      DATABASE_PATH: join(dataDir, "app.db"),
      DATA_DIR: dataDir,
      // Kept apart from the data folder, as in production; the same for a server restarted on the same data.
      SECRETS_DIR: secretsDirOf(dataDir),
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolveExit) => child.on("exit", (code) => resolveExit(code)));

  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const onData = () => {
      const match = output.match(/"port":(\d+)/);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        resolvePort(Number(match[1]));
      }
    };
    child.stdout!.on("data", onData);
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });

  return {
    url: `http://localhost:${port}`,
    port,
    dataDir,
    process: child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Where a test server on `dataDir` keeps its secrets (the ballot secret's file): beside the data folder, not in it. */
export function secretsDirOf(dataDir: string) {
  return `${dataDir.replace(/\/+$/, "")}-secrets`;
}

export function removeDataDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
  rmSync(secretsDirOf(dir), { recursive: true, force: true });
}
