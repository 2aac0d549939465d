// The baseline for scripts/bench/voting.ts: a bare socket.io server on the same Node, doing the least a vote needs —
// count the ballot, acknowledge it, broadcast the count to the room. No database, no checks, no throttling.
//
// Who is in the room decides the set-up the bench measures: "hall-only" (only the hall screen sends `join`: the counts
// go to one socket) or "room" (every tablet sends `join` too: each count goes to everyone).
import { createServer } from "node:http";
import { Server } from "socket.io";

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
let voted = 0;
io.on("connection", (socket) => {
  const join = (...args: unknown[]) => {
    const ack = args.at(-1);
    void socket.join("room");
    if (typeof ack === "function") ack({ ok: true });
  };
  socket.on("join", join);
  socket.on("vote", (_choice: string, ack: (reply: { ok: true; voted: number }) => void) => {
    voted += 1;
    ack({ ok: true, voted });
    io.to("room").emit("count", { voted });
  });
  socket.on("reset", (ack: () => void) => {
    voted = 0;
    ack();
  });
});
httpServer.listen(0, "127.0.0.1", () => {
  const address = httpServer.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0, pid: process.pid }));
});
