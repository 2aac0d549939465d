// Socket commands of the live sitting (issue #5): thin — validate, call the model, broadcast after the commit.
import { z } from "zod";
import { speechKinds } from "#db/schema";
import type { Actor } from "~/models/audit.server";
import { endSitting, getLiveState, openSitting, screenLink, setCheckin, setCurrentItem } from "~/models/live-sitting.server";
import { cancelPoll, castBallot, choiceInput, closePoll, createPoll, openPoll, pollInput, recordBallot } from "~/models/poll.server";
import { endSpeech, giveFloor, moveSpeech, registerSpeech, submitInWriting, withdrawSpeech, writtenText } from "~/models/speakers.server";
import { getReader } from "~/models/user.server";
import { command } from "./commands.server";
import type { LivePart } from "./events";
import { announceAttendance, announceLive, announcePollClosed, announcePollCount } from "./sitting-broadcast.server";
import { schedulePollClose } from "./poll-timers.server";
import { dropScreens, type AppServerSocket } from "./server.server";

// The commands' payloads, built once for the process (not for every connection: a full hall has thousands).
const sittingRef = z.object({ sittingId: z.string().uuid() });
const pollRef = sittingRef.extend({ pollId: z.string().uuid() });
const speechRef = sittingRef.extend({ speechId: z.string().uuid() });
const input = {
  item: sittingRef.extend({ itemId: z.string().uuid() }),
  checkin: sittingRef.extend({ userId: z.string().uuid().optional(), present: z.boolean() }),
  createPoll: pollInput.extend(sittingRef.shape),
  openPoll: pollRef.extend({ withoutQuorum: z.boolean().optional() }),
  vote: pollRef.extend({ choice: choiceInput }),
  record: pollRef.extend({ userId: z.string().uuid(), choice: choiceInput }),
  register: sittingRef.extend({ kind: z.enum(speechKinds) }),
  move: speechRef.extend({ to: z.number().int().min(0).max(10_000) }),
  write: speechRef.extend({ text: writtenText }),
  screenLink: sittingRef.extend({ renew: z.boolean().optional() }),
};

export function registerLiveHandlers(socket: AppServerSocket) {
  const reader = () => getReader(socket.data.userId);
  const actor = (): Actor => ({ userId: socket.data.userId, ip: socket.handshake.address, userAgent: socket.handshake.headers["user-agent"] ?? null });

  /** Most commands: the model commits and returns the sitting's new `seq`; the sitting hears that `what` changed. */
  const change = <S extends z.ZodType<{ sittingId: string }>, R extends { seq: number }>(schema: S, what: LivePart, run: (input: z.infer<S>) => R) =>
    command(socket, schema, (input) => {
      const done = run(input);
      announceLive(input.sittingId, done.seq, what);
      return done;
    });

  socket.on(
    "live:state",
    command(socket, sittingRef, ({ sittingId }) => ({ state: getLiveState({ sittingId, reader: reader() }) })),
  );

  socket.on("live:open", change(sittingRef, "status", ({ sittingId }) => openSitting({ actor: actor(), reader: reader(), sittingId })));
  socket.on("live:end", change(sittingRef, "status", ({ sittingId }) => endSitting({ actor: actor(), reader: reader(), sittingId })));
  socket.on(
    "live:item",
    change(input.item, "item", ({ sittingId, itemId }) => setCurrentItem({ actor: actor(), reader: reader(), sittingId, itemId })),
  );

  socket.on(
    "checkin:set",
    command(socket, input.checkin, ({ sittingId, userId, present }) => {
      const { seq, changed } = setCheckin({ actor: actor(), reader: reader(), sittingId, userId, present });
      if (changed) announceAttendance(sittingId, seq, userId !== socket.data.userId ? userId : undefined);
      return { seq };
    }),
  );

  socket.on(
    "poll:create",
    change(input.createPoll, "polls", ({ sittingId, ...input }) => createPoll({ actor: actor(), reader: reader(), sittingId, input })),
  );

  socket.on(
    "poll:open",
    command(socket, input.openPoll, ({ sittingId, pollId, withoutQuorum }) => {
      const { seq, closesAt } = openPoll({ actor: actor(), reader: reader(), sittingId, pollId, withoutQuorum });
      announceLive(sittingId, seq, "polls");
      if (closesAt) schedulePollClose({ id: pollId, sittingId, closesAt });
      return { seq, closesAt: closesAt?.toISOString() ?? null };
    }),
  );

  socket.on(
    "poll:vote",
    command(socket, input.vote, ({ sittingId, pollId, choice }) => {
      const { voted, n } = castBallot({ reader: reader(), sittingId, pollId, choice });
      announcePollCount(sittingId, pollId, voted, n);
      return { voted, n };
    }),
  );

  socket.on(
    "poll:record",
    command(socket, input.record, ({ sittingId, pollId, userId, choice }) => {
      const { voted, n } = recordBallot({ actor: actor(), reader: reader(), sittingId, pollId, userId, choice });
      announcePollCount(sittingId, pollId, voted, n);
      return { voted, n };
    }),
  );

  socket.on(
    "poll:close",
    command(socket, pollRef, ({ sittingId, pollId }) => {
      const { seq, result } = closePoll({ actor: actor(), reader: reader(), sittingId, pollId });
      announcePollClosed(sittingId, seq, pollId, result);
      return { seq, result };
    }),
  );

  socket.on("poll:cancel", change(pollRef, "polls", ({ sittingId, pollId }) => cancelPoll({ actor: actor(), reader: reader(), sittingId, pollId })));

  socket.on(
    "speaker:register",
    change(input.register, "speakers", ({ sittingId, kind }) => registerSpeech({ actor: actor(), reader: reader(), sittingId, kind })),
  );
  socket.on(
    "speaker:withdraw",
    change(speechRef, "speakers", ({ sittingId, speechId }) => withdrawSpeech({ actor: actor(), reader: reader(), sittingId, speechId })),
  );
  socket.on(
    "speaker:move",
    change(input.move, "speakers", ({ sittingId, speechId, to }) => moveSpeech({ reader: reader(), sittingId, speechId, to })),
  );
  socket.on(
    "speaker:write",
    change(input.write, "speakers", ({ sittingId, speechId, text }) => submitInWriting({ actor: actor(), reader: reader(), sittingId, speechId, text })),
  );
  socket.on(
    "speaker:floor",
    change(speechRef, "speakers", ({ sittingId, speechId }) => giveFloor({ actor: actor(), reader: reader(), sittingId, speechId })),
  );
  socket.on("speaker:end", change(sittingRef, "speakers", ({ sittingId }) => endSpeech({ actor: actor(), reader: reader(), sittingId })));

  socket.on(
    "live:screen-link",
    command(socket, input.screenLink, async ({ sittingId, renew }) => {
      const token = screenLink({ actor: actor(), reader: reader(), sittingId, renew });
      // Screens still on the old link are let go; their handshake with it now fails.
      if (renew) await dropScreens(sittingId);
      return { path: `/screen/${token}` };
    }),
  );
}
