// Socket commands of the live sitting (issue #5): thin — validate, call the model, broadcast after the commit.
import { z } from "zod";
import { endSitting, getLiveState, openSitting, screenLink, setCheckin, setCurrentItem } from "~/models/live-sitting.server";
import { cancelPoll, castBallot, choiceInput, closePoll, createPoll, listPolls, openPoll, pollInput, recordBallot } from "~/models/poll.server";
import { speechKinds } from "#db/schema";
import { endSpeech, giveFloor, moveSpeech, registerSpeech, submitInWriting, withdrawSpeech, writtenText } from "~/models/speakers.server";
import { getReader } from "~/models/user.server";
import type { Actor } from "~/models/audit.server";
import { command } from "./commands.server";
import { announceLive, announcePollClosed, announcePollCount } from "./live-broadcast.server";
import { schedulePollClose } from "./poll-timers.server";
import { dropScreens, type AppServerSocket } from "./server.server";

const sittingRef = z.object({ sittingId: z.string().uuid() });
const pollRef = sittingRef.extend({ pollId: z.string().uuid() });

/** The live state and the polls, as this user may see them. */
export function liveStateFor(sittingId: string, userId: string) {
  const reader = getReader(userId);
  const state = getLiveState({ sittingId, reader });
  return { ...state, polls: listPolls({ sittingId, reader, conductor: state.canConduct }) };
}

export function registerLiveHandlers(socket: AppServerSocket) {
  const reader = () => getReader(socket.data.userId);
  const actor = (): Actor => ({ userId: socket.data.userId, ip: socket.handshake.address, userAgent: socket.handshake.headers["user-agent"] ?? null });

  socket.on(
    "live:state",
    command(socket, sittingRef, ({ sittingId }) => ({ state: liveStateFor(sittingId, socket.data.userId) })),
  );

  socket.on(
    "live:open",
    command(socket, sittingRef, ({ sittingId }) => {
      const { seq } = openSitting({ actor: actor(), reader: reader(), sittingId });
      announceLive(sittingId, seq, "status");
      return { seq };
    }),
  );

  socket.on(
    "live:end",
    command(socket, sittingRef, ({ sittingId }) => {
      const { seq } = endSitting({ actor: actor(), reader: reader(), sittingId });
      announceLive(sittingId, seq, "status");
      return { seq };
    }),
  );

  socket.on(
    "live:item",
    command(socket, sittingRef.extend({ itemId: z.string().uuid() }), ({ sittingId, itemId }) => {
      const { seq } = setCurrentItem({ actor: actor(), reader: reader(), sittingId, itemId });
      announceLive(sittingId, seq, "item");
      return { seq };
    }),
  );

  socket.on(
    "checkin:set",
    command(socket, sittingRef.extend({ userId: z.string().uuid().optional(), present: z.boolean() }), ({ sittingId, userId, present }) => {
      const { seq, changed } = setCheckin({ actor: actor(), reader: reader(), sittingId, userId, present });
      if (changed) announceLive(sittingId, seq, "attendance");
      return { seq };
    }),
  );

  socket.on(
    "poll:create",
    command(socket, pollInput.extend(sittingRef.shape), ({ sittingId, ...input }) => {
      const created = createPoll({ actor: actor(), reader: reader(), sittingId, input });
      announceLive(sittingId, created.seq, "polls");
      return created;
    }),
  );

  socket.on(
    "poll:open",
    command(socket, pollRef.extend({ withoutQuorum: z.boolean().optional() }), ({ sittingId, pollId, withoutQuorum }) => {
      const { seq, closesAt } = openPoll({ actor: actor(), reader: reader(), sittingId, pollId, withoutQuorum });
      announceLive(sittingId, seq, "polls");
      if (closesAt) schedulePollClose({ id: pollId, sittingId, closesAt });
      return { seq, closesAt: closesAt?.toISOString() ?? null };
    }),
  );

  socket.on(
    "poll:vote",
    command(socket, pollRef.extend({ choice: choiceInput }), ({ sittingId, pollId, choice }) => {
      const counted = castBallot({ reader: reader(), sittingId, pollId, choice });
      announcePollCount(sittingId, counted.seq, pollId, counted.voted, counted.n);
      return { seq: counted.seq, voted: counted.voted, n: counted.n };
    }),
  );

  socket.on(
    "poll:record",
    command(socket, pollRef.extend({ userId: z.string().uuid(), choice: choiceInput }), ({ sittingId, pollId, userId, choice }) => {
      const counted = recordBallot({ actor: actor(), reader: reader(), sittingId, pollId, userId, choice });
      announcePollCount(sittingId, counted.seq, pollId, counted.voted, counted.n);
      return counted;
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

  socket.on(
    "poll:cancel",
    command(socket, pollRef, ({ sittingId, pollId }) => {
      const { seq } = cancelPoll({ actor: actor(), reader: reader(), sittingId, pollId });
      announceLive(sittingId, seq, "polls");
      return { seq };
    }),
  );

  const speechRef = sittingRef.extend({ speechId: z.string().uuid() });

  socket.on(
    "speaker:register",
    command(socket, sittingRef.extend({ kind: z.enum(speechKinds) }), ({ sittingId, kind }) => {
      const done = registerSpeech({ actor: actor(), reader: reader(), sittingId, kind });
      announceLive(sittingId, done.seq, "speakers");
      return done;
    }),
  );

  socket.on(
    "speaker:withdraw",
    command(socket, speechRef, ({ sittingId, speechId }) => {
      const { seq } = withdrawSpeech({ actor: actor(), reader: reader(), sittingId, speechId });
      announceLive(sittingId, seq, "speakers");
      return { seq };
    }),
  );

  socket.on(
    "speaker:move",
    command(socket, speechRef.extend({ to: z.number().int().min(0).max(10_000) }), ({ sittingId, speechId, to }) => {
      const { seq } = moveSpeech({ reader: reader(), sittingId, speechId, to });
      announceLive(sittingId, seq, "speakers");
      return { seq };
    }),
  );

  socket.on(
    "speaker:write",
    command(socket, speechRef.extend({ text: writtenText }), ({ sittingId, speechId, text }) => {
      const { seq } = submitInWriting({ actor: actor(), reader: reader(), sittingId, speechId, text });
      announceLive(sittingId, seq, "speakers");
      return { seq };
    }),
  );

  socket.on(
    "speaker:floor",
    command(socket, speechRef, ({ sittingId, speechId }) => {
      const { seq } = giveFloor({ actor: actor(), reader: reader(), sittingId, speechId });
      announceLive(sittingId, seq, "speakers");
      return { seq };
    }),
  );

  socket.on(
    "speaker:end",
    command(socket, sittingRef, ({ sittingId }) => {
      const { seq } = endSpeech({ actor: actor(), reader: reader(), sittingId });
      announceLive(sittingId, seq, "speakers");
      return { seq };
    }),
  );

  socket.on(
    "live:screen-link",
    command(socket, sittingRef.extend({ renew: z.boolean().optional() }), async ({ sittingId, renew }) => {
      const token = screenLink({ actor: actor(), reader: reader(), sittingId, renew });
      // Screens still on the old link are let go; their handshake with it now fails.
      if (renew) await dropScreens(sittingId);
      return { path: `/screen/${token}` };
    }),
  );
}
