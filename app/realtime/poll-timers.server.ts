// Polls with a time limit close on the server's clock, not a client's. The timers live in this process; after a
// restart `resumePollTimers` sets them again from the database (closing at once any whose time ran out meanwhile).
import { AppError } from "~/models/app-error";
import { closePoll, openPollsWithDeadline } from "~/models/poll.server";
import { logger } from "~/logger.server";
import { announcePollClosed } from "./sitting-broadcast.server";

const timers = new Map<string, ReturnType<typeof setTimeout>>();

export function schedulePollClose(poll: { id: string; sittingId: string; closesAt: Date | null }) {
  if (!poll.closesAt) return;
  clearTimeout(timers.get(poll.id));
  const close = () => {
    timers.delete(poll.id);
    try {
      const { seq, result } = closePoll({ actor: { userId: null }, reader: null, sittingId: poll.sittingId, pollId: poll.id });
      announcePollClosed(poll.sittingId, seq, poll.id, result);
    } catch (error) {
      // Closed by hand meanwhile: nothing to do.
      if (!(error instanceof AppError)) logger.error({ err: error, pollId: poll.id }, "closing a poll on time failed");
    }
  };
  timers.set(poll.id, setTimeout(close, Math.max(0, poll.closesAt.getTime() - Date.now())));
}

export function resumePollTimers() {
  for (const poll of openPollsWithDeadline()) schedulePollClose(poll);
}

export function stopPollTimers() {
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
}
