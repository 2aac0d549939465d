// socket.io clients for integration tests: as a demo user (their session cookie) or as a hall screen (its link's
// token). Every socket opened here is closed by `closeSockets()` in the test file's afterAll.
import { io, type Socket } from "socket.io-client";
import { demoPassword } from "#db/seed";
import { Browserless } from "./http";

const open: Socket[] = [];

/** A connected socket, or the handshake's refusal (`connect_error`) as a rejection. */
export function openSocket(url: string, options: { cookie?: string; screenToken?: string } = {}) {
  const socket = io(url, {
    transports: ["websocket"],
    reconnection: false,
    ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
    ...(options.screenToken ? { auth: { screenToken: options.screenToken } } : {}),
  });
  open.push(socket);
  return new Promise<Socket>((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

/** Logs a demo user in over HTTP and opens their socket. */
export async function socketAs(url: string, username: string) {
  const client = new Browserless(url);
  await client.login(username, demoPassword);
  return openSocket(url, { cookie: client.cookieHeader });
}

export function closeSockets() {
  for (const socket of open.splice(0)) socket.disconnect();
}

/** The demo sittings' ids, as the secretary's list shows them. */
export async function demoSittingIds(url: string) {
  const secretary = new Browserless(url);
  await secretary.login("thuky1", demoPassword);
  const html = await (await secretary.get("/sittings")).text();
  return [...new Set([...html.matchAll(/href="\/sittings\/([0-9a-f-]{36})"/g)].map((m) => m[1]))];
}

/** Awaits a command's acknowledgement and fails the test (showing the refusal) unless it is `{ ok: true }`. */
export async function ok<T extends { ok: boolean }>(reply: Promise<T>) {
  const { expect } = await import("vitest");
  const answer = await reply;
  expect(answer, JSON.stringify(answer)).toMatchObject({ ok: true });
  return answer as T & { ok: true } & Record<string, unknown>;
}
