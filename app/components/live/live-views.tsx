// The live sitting on a delegate's tablet and on the chair's or secretary's console (issue #5). Both read the same live
// state (app/realtime/use-live-sitting.ts); the console adds the controls.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LiveStatePayload } from "~/realtime/events";
import { useRealtime } from "~/realtime/realtime-provider";
import type { LiveSitting } from "~/realtime/use-live-sitting";
import { PollResult } from "./poll-result";
import { ConductorSpeakers, DelegateSpeakers, NotReached } from "./speakers";

type Poll = LiveStatePayload["polls"][number];

export function LiveHeader({ state }: { state: LiveStatePayload }) {
  const { t } = useTranslation();
  const item = state.items.find((i) => i.id === state.currentItemId);
  return (
    <section className="card live-header" aria-labelledby="live-item-heading">
      <p className="muted">
        <span className={`badge status-${state.status}`}>{t(`live.status.${state.status}`)}</span>{" "}
        <span data-testid="present-count">{t("live.presentCount", { present: state.present, n: state.n })}</span>{" "}
        <span className={`badge ${state.quorum ? "success" : "warning"}`} data-testid="quorum">
          {state.quorum ? t("live.quorumMet") : t("live.quorumMissing")}
        </span>
      </p>
      <h2 id="live-item-heading">{t("live.currentItem")}</h2>
      <p className="live-item" data-testid="current-item">
        {item ? `${item.position}. ${item.title}` : t("live.noItem")}
      </p>
    </section>
  );
}

/** The delegate's tablet: three large buttons when a vote is open (first, where the eye goes), and check-in. */
export function DelegateView({ live }: { live: LiveSitting & { state: LiveStatePayload } }) {
  const { t } = useTranslation();
  const { state, send, connected } = live;
  const open = state.polls.find((p) => p.status === "open");
  const lastClosed = state.polls.find((p) => p.status === "closed");
  return (
    <>
      <section className="card" aria-labelledby="vote-heading">
        <h2 id="vote-heading">{t("live.polls")}</h2>
        {!connected ? (
          <p className="notice warning" role="alert" data-testid="vote-offline">
            {t("live.offline")}
          </p>
        ) : open ? (
          <VoteButtons poll={open} send={send} />
        ) : (
          <p className="muted">{t("live.waiting")}</p>
        )}
        {!open && lastClosed?.result ? (
          <>
            <h3>{lastClosed.question}</h3>
            <PollResult result={lastClosed.result} />
            <ResultSheetLink sittingId={state.sittingId} pollId={lastClosed.id} />
          </>
        ) : null}
      </section>
      <DelegateSpeakers live={live} />
      <NotReached live={live} />
      {state.participant && state.status === "in_progress" ? (
        <section className="card" aria-labelledby="checkin-heading">
          <h2 id="checkin-heading">{t("live.attendance")}</h2>
          {state.participant.present ? (
            <p role="status">{t("live.checkedIn")}</p>
          ) : (
            <button type="button" className="button large" disabled={!connected} onClick={() => send("checkin:set", { present: true })}>
              {t("live.checkIn")}
            </button>
          )}
        </section>
      ) : null}
    </>
  );
}

function VoteButtons({ poll, send }: { poll: Poll; send: LiveSitting["send"] }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const chosen = poll.myBallot;
  const canVote = poll.entitled && (!chosen || poll.allowChange);
  return (
    <div className="vote-panel" data-testid="vote-panel">
      <h3>{t("live.vote", { question: poll.question })}</h3>
      <p aria-live="polite" data-testid="voted-count">
        {t("live.voted", { voted: poll.voted ?? 0, n: poll.n ?? 0 })}
        {poll.closesAt ? <Countdown until={poll.closesAt} /> : null}
      </p>
      {chosen ? (
        <p className="notice success" role="status" data-testid="my-ballot">
          {chosen === "secret" ? t("live.secretDone") : t("live.yourChoice", { choice: t(`live.choices.${chosen}`) })}
        </p>
      ) : null}
      {canVote ? (
        <div className="vote-buttons">
          {(["yes", "no", "abstain"] as const).map((choice) => (
            <button
              key={choice}
              type="button"
              className={`vote-button ${choice}`}
              aria-pressed={chosen === choice}
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                await send("poll:vote", { pollId: poll.id, choice });
                setBusy(false);
              }}
            >
              {t(`live.choices.${choice}`)}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function Countdown({ until }: { until: string }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((Date.parse(until) - now) / 1000));
  return <span className="countdown"> · {t("live.timeLeft", { seconds })}</span>;
}

/** The chair's or secretary's console. */
export function ConductorView({ live }: { live: LiveSitting & { state: LiveStatePayload } }) {
  const { t } = useTranslation();
  const { state, send, connected } = live;
  const absent = state.attendance.filter((p) => !p.present && p.role !== "guest");
  return (
    <>
      <section className="card" aria-labelledby="conduct-heading">
        <h2 id="conduct-heading" className="visually-hidden">
          {t("live.tab")}
        </h2>
        <div className="row">
          {state.status === "published" ? (
            <button type="button" className="button" disabled={!connected} onClick={() => send("live:open", {})}>
              {t("live.open")}
            </button>
          ) : null}
          {state.status === "in_progress" ? (
            <button type="button" className="button secondary" disabled={!connected} onClick={() => send("live:end", {})}>
              {t("live.end")}
            </button>
          ) : null}
          <a className="button secondary" href={`/sittings/${state.sittingId}/screen`} target="_blank" rel="noreferrer">
            {t("live.screen")}
          </a>
          <ScreenLink sittingId={state.sittingId} />
        </div>
        {state.status === "in_progress" ? (
          <ol className="live-items">
            {state.items.map((item) => (
              <li key={item.id} aria-current={item.id === state.currentItemId ? "step" : undefined}>
                <span>
                  {item.position}. {item.title}
                </span>
                {item.id !== state.currentItemId ? (
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => send("live:item", { itemId: item.id })}
                    aria-label={`${t("live.setItem")}: ${item.title}`}
                  >
                    {t("live.setItem")}
                  </button>
                ) : null}
              </li>
            ))}
          </ol>
        ) : null}
      </section>
      <ConductorSpeakers live={live} />
      {state.status === "in_progress" ? <PollConsole live={live} /> : null}
      {state.status === "in_progress" ? <PresentList live={live} /> : null}
      <section className="card" aria-labelledby="absent-heading">
        <h2 id="absent-heading">
          {t("live.absentList")} ({absent.length})
        </h2>
        <ul className="list" data-testid="absent-list">
          {absent.map((p) => (
            <li key={p.userId}>
              <span>
                {p.fullName}
                <span className="muted">
                  {" "}
                  — {p.reply === "absent" ? t("live.absentReason", { reason: p.absenceReason || t("live.noReason") }) : t(`attendance.${p.reply}`)}
                </span>
              </span>
              {state.status === "in_progress" ? (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => send("checkin:set", { userId: p.userId, present: true })}
                  aria-label={`${t("live.markPresent")}: ${p.fullName}`}
                >
                  {t("live.markPresent")}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function PollConsole({ live }: { live: LiveSitting & { state: LiveStatePayload } }) {
  const { t } = useTranslation();
  const { state, send } = live;
  const [question, setQuestion] = useState("");
  const [rule, setRule] = useState<"majority" | "two_thirds">("majority");
  const [secret, setSecret] = useState(false);
  const [allowChange, setAllowChange] = useState(false);
  const [byHand, setByHand] = useState(false);
  const [duration, setDuration] = useState("");
  return (
    <section className="card" aria-labelledby="polls-heading">
      <h2 id="polls-heading">{t("live.polls")}</h2>
      <form
        className="poll-form stack"
        onSubmit={async (e) => {
          e.preventDefault();
          const { ok } = await send("poll:create", {
            agendaItemId: state.currentItemId,
            question: question.trim(),
            rule,
            secret,
            allowChange,
            recordedByHand: byHand && !secret,
            durationSeconds: duration ? Number(duration) : null,
          });
          if (ok) setQuestion("");
        }}
      >
        <label className="field">
          <span>{t("live.question")}</span>
          <textarea value={question} onChange={(e) => setQuestion(e.target.value)} rows={2} required minLength={3} maxLength={500} />
        </label>
        <label className="field">
          <span>{t("live.rule")}</span>
          <select value={rule} onChange={(e) => setRule(e.target.value as typeof rule)}>
            <option value="majority">{t("live.rules.majority")}</option>
            <option value="two_thirds">{t("live.rules.two_thirds")}</option>
          </select>
        </label>
        <label className="choice">
          <input type="checkbox" checked={secret} onChange={(e) => setSecret(e.target.checked)} />
          {t("live.secret")}
        </label>
        <label className="choice">
          <input type="checkbox" checked={allowChange && !secret} disabled={secret} onChange={(e) => setAllowChange(e.target.checked)} />
          {t("live.allowChange")}
        </label>
        <label className="choice">
          <input type="checkbox" checked={byHand && !secret} disabled={secret} onChange={(e) => setByHand(e.target.checked)} />
          {t("live.recordedByHand")}
        </label>
        <label className="field">
          <span>{t("live.duration")}</span>
          <input inputMode="numeric" value={duration} onChange={(e) => setDuration(e.target.value.replace(/\D/g, ""))} />
        </label>
        <button type="submit" className="button">
          {t("live.create")}
        </button>
      </form>
      <h3>{t("live.history")}</h3>
      {pollsByItem(state).map((group) => (
        <section key={group.itemId ?? "none"} className="poll-history" data-testid="poll-history" aria-label={group.title ?? t("live.noItemPolls")}>
          <h4>{group.title ?? t("live.noItemPolls")}</h4>
          <ul className="list poll-list">
            {group.polls.map((poll) => (
              <li key={poll.id} data-testid="poll" data-status={poll.status}>
                <div className="stack">
                  <strong>{poll.question}</strong>
                  <span className="muted">
                    {t(`live.statuses.${poll.status}`)} · {t(`live.kind.${poll.secret ? "secret" : "named"}`)} · {t(`live.rules.${poll.rule}`)}
                  </span>
                  {poll.status === "open" ? <span data-testid="console-voted">{t("live.voted", { voted: poll.voted ?? 0, n: poll.n ?? 0 })}</span> : null}
                  {poll.notVoted?.length ? (
                    <span className="muted">{t("live.notVotedYet", { names: poll.notVoted.map((u) => u.fullName).join(", ") })}</span>
                  ) : null}
                  {poll.recordedByHand ? <span className="badge warning">{t("live.byHandBadge")}</span> : null}
                  {poll.status === "open" && poll.recordedByHand && poll.notVoted?.length ? (
                    <ul className="plain-list" data-testid="record-by-hand">
                      {poll.notVoted.map((u) => (
                        <li key={u.userId} className="row">
                          <span>{u.fullName}</span>
                          {(["yes", "no", "abstain"] as const).map((choice) => (
                            <button
                              key={choice}
                              type="button"
                              className="button secondary"
                              onClick={() => send("poll:record", { pollId: poll.id, userId: u.userId, choice })}
                              aria-label={`${t("live.recordFor", { name: u.fullName })}: ${t(`live.choices.${choice}`)}`}
                            >
                              {t(`live.choices.${choice}`)}
                            </button>
                          ))}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {poll.openedWithoutQuorum ? <span className="badge warning">{t("live.withoutQuorum")}</span> : null}
                  {poll.result ? (
                    <>
                      <PollResult result={poll.result} />
                      <ResultSheetLink sittingId={state.sittingId} pollId={poll.id} />
                    </>
                  ) : null}
                </div>
                <div className="row">
                  {poll.status === "draft" ? (
                    <>
                      <button type="button" className="button" onClick={() => send("poll:open", { pollId: poll.id })}>
                        {t("live.openPoll")}
                      </button>
                      {!state.quorum ? (
                        <button type="button" className="button secondary" onClick={() => send("poll:open", { pollId: poll.id, withoutQuorum: true })}>
                          {t("live.openWithoutQuorum")}
                        </button>
                      ) : null}
                    </>
                  ) : null}
                  {poll.status === "open" ? (
                    <button type="button" className="button" onClick={() => send("poll:close", { pollId: poll.id })}>
                      {t("live.closePoll")}
                    </button>
                  ) : null}
                  {poll.status === "draft" || poll.status === "open" ? (
                    <button type="button" className="button secondary" onClick={() => send("poll:cancel", { pollId: poll.id })}>
                      {t("live.cancelPoll")}
                    </button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

/** Each agenda item's polls, in the agenda's order (RULES.md: each item keeps its poll history); then any without an item. */
function pollsByItem(state: LiveStatePayload) {
  const groups = state.items.map((item) => ({
    itemId: item.id as string | null,
    title: `${item.position}. ${item.title}` as string | null,
    polls: state.polls.filter((p) => p.agendaItemId === item.id),
  }));
  const known = new Set(state.items.map((i) => i.id));
  groups.push({ itemId: null, title: null, polls: state.polls.filter((p) => !p.agendaItemId || !known.has(p.agendaItemId)) });
  return groups.filter((g) => g.polls.length);
}

/** The hall screen's link, fetched on request, to open on the projector without a login. */
function ScreenLink({ sittingId }: { sittingId: string }) {
  const { t } = useTranslation();
  const { socket } = useRealtime();
  const [path, setPath] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ask = (renew?: boolean) =>
    socket?.emit("live:screen-link", { sittingId, renew }, (reply) => {
      setError(reply.ok ? null : reply.error.message);
      if (reply.ok) setPath(reply.path);
    });
  const refused = error ? (
    <span className="notice warning" role="alert">
      {error}
    </span>
  ) : null;
  if (path) {
    const url = typeof window === "undefined" ? path : new URL(path, window.location.origin).toString();
    return (
      <p className="screen-link">
        {t("live.screenLinkHint")}{" "}
        <a href={path} data-testid="screen-link">
          {url}
        </a>{" "}
        <button type="button" className="button secondary" onClick={() => ask(true)}>
          {t("live.screenLinkRenew")}
        </button>
        {refused}
      </p>
    );
  }
  return (
    <>
      <button type="button" className="button secondary" onClick={() => ask()}>
        {t("live.screenLinkMake")}
      </button>
      {refused}
    </>
  );
}

function ResultSheetLink({ sittingId, pollId }: { sittingId: string; pollId: string }) {
  const { t } = useTranslation();
  return (
    <a className="button secondary" href={`/sittings/${sittingId}/polls/${pollId}/result.pdf`} download>
      {t("live.resultSheet")}
    </a>
  );
}

/** Those checked in, each of whom the secretary can check out (someone who left the hall). */
function PresentList({ live }: { live: LiveSitting & { state: LiveStatePayload } }) {
  const { t } = useTranslation();
  const { state, send } = live;
  const present = state.attendance.filter((p) => p.present);
  return (
    <section className="card" aria-labelledby="present-heading">
      <h2 id="present-heading">
        {t("live.present")} ({present.length})
      </h2>
      <ul className="list" data-testid="present-list">
        {present.map((p) => (
          <li key={p.userId}>
            <span>{p.fullName}</span>
            <button
              type="button"
              className="button secondary"
              onClick={() => send("checkin:set", { userId: p.userId, present: false })}
              aria-label={`${t("live.markAbsent")}: ${p.fullName}`}
            >
              {t("live.markAbsent")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
