// The baseline for scripts/bench/voting.ts: a bare socket.io server on the same Node, doing the least a vote needs —
// count the ballot, acknowledge it, broadcast the count to a room. No database, no checks.
import { createServer } from "node:http";
import { Server } from "socket.io";

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
let voted = 0;
io.on("connection", (socket) => {
  socket.on("hall", () => void socket.join("hall"));
  socket.on("vote", (_choice: string, ack: (reply: { ok: true; voted: number }) => void) => {
    voted += 1;
    ack({ ok: true, voted });
    io.to("hall").emit("count", { voted });
  });
  socket.on("reset", (ack: () => void) => {
    voted = 0;
    ack();
  });
});
httpServer.listen(0, "127.0.0.1", () => {
  const address = httpServer.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
});
