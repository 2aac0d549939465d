// The live sitting on a delegate's tablet and on the chair's or secretary's console (issue #5). Both read the same live
// state (app/realtime/use-live-sitting.ts); the console adds the controls.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LiveStatePayload } from "~/realtime/events";
import { useRealtime } from "~/realtime/realtime-provider";
import type { LiveSitting } from "~/realtime/use-live-sitting";
import { ConfirmButton } from "~/components/confirm-button";
import { AttendanceCard } from "./attendance";
import { PollConsole, ResultSheetLink } from "./poll-console";
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
  const { state, connected } = live;
  const open = state.polls.find((p) => p.status === "open");
  const lastClosed = state.polls.find((p) => p.status === "closed");
  // Only members checked in may vote: a vote that would be refused is not offered; checking in is, right there.
  const couldVote = !!open && open.entitled && (!open.myBallot || open.allowChange);
  const mustCheckIn = couldVote && !!state.participant && !state.participant.present && state.status === "in_progress";
  return (
    <>
      <section className="card" aria-labelledby="vote-heading">
        <h2 id="vote-heading">{t("live.polls")}</h2>
        {!connected ? (
          <p className="notice warning" role="alert" data-testid="vote-offline">
            {t("live.offline")}
          </p>
        ) : open ? (
          <VoteButtons live={live} poll={open} mustCheckIn={mustCheckIn} />
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
      {state.participant && state.status === "in_progress" && !mustCheckIn ? (
        <section className="card" aria-labelledby="checkin-heading">
          <h2 id="checkin-heading">{t("live.attendance")}</h2>
          {state.participant.present ? <p role="status">{t("live.checkedIn")}</p> : <CheckInButton live={live} />}
        </section>
      ) : null}
    </>
  );
}

/** Checking oneself in; a refusal is said beside the button. */
function CheckInButton({ live }: { live: LiveSitting & { state: LiveStatePayload } }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button large"
        disabled={!live.connected || busy}
        onClick={async () => {
          setBusy(true);
          const reply = await live.send("checkin:set", { present: true }, { quiet: true });
          setBusy(false);
          setRefusal(reply.ok ? null : reply.error.message || t("live.offline"));
        }}
      >
        {t("live.checkIn")}
      </button>
      {refusal ? (
        <p className="notice warning" role="alert">
          {refusal}
        </p>
      ) : null}
    </>
  );
}

function VoteButtons({ live, poll, mustCheckIn }: { live: LiveSitting & { state: LiveStatePayload }; poll: Poll; mustCheckIn: boolean }) {
  const { t } = useTranslation();
  // The ballot being sent: the server answers only once it is stored.
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const chosen = poll.myBallot;
  const canVote = poll.entitled && (!chosen || poll.allowChange);
  return (
    <div className="vote-panel" data-testid="vote-panel">
      <h3>{t("live.vote", { question: poll.question })}</h3>
      <p aria-live="polite" data-testid="voted-count">
        {t("live.voted", { voted: poll.voted ?? 0, n: poll.n ?? 0 })}
        {poll.closesAt ? <Countdown until={poll.closesAt} clockOffset={live.clockOffset} /> : null}
      </p>
      {chosen ? (
        <p className="notice success" role="status" data-testid="my-ballot">
          {chosen === "secret" ? t("live.secretDone") : t("live.yourChoice", { choice: t(`live.choices.${chosen}`) })}
        </p>
      ) : null}
      {canVote && mustCheckIn ? (
        <div className="notice warning vote-check-in" data-testid="vote-check-in">
          <p>{t("live.checkInToVote")}</p>
          <CheckInButton live={live} />
        </div>
      ) : canVote ? (
        <>
          <div className="vote-buttons">
            {(["yes", "no", "abstain"] as const).map((choice) => (
              <button
                key={choice}
                type="button"
                className={`vote-button ${choice}`}
                aria-pressed={chosen === choice}
                disabled={sending}
                onClick={async () => {
                  setSending(true);
                  setRefusal(null);
                  const reply = await live.send("poll:vote", { pollId: poll.id, choice }, { quiet: true });
                  setSending(false);
                  if (!reply.ok) setRefusal(reply.error.message || t("live.offline"));
                }}
              >
                {t(`live.choices.${choice}`)}
              </button>
            ))}
          </div>
          <div className="vote-feedback" role="status" data-testid="ballot-sending">
            {sending ? t("live.sending") : null}
          </div>
          {refusal ? (
            <p className="notice warning" role="alert" data-testid="ballot-refused">
              {refusal}
            </p>
          ) : null}
        </>
      ) : !poll.entitled ? (
        <p className="muted">{t("live.notOnList")}</p>
      ) : null}
    </div>
  );
}

/** The time left in a vote with a limit, by the server's clock when the offset is known. */
export function Countdown({ until, clockOffset = 0, inline = true }: { until: string; clockOffset?: number; inline?: boolean }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + clockOffset), 1000);
    return () => clearInterval(timer);
  }, [clockOffset]);
  const seconds = Math.max(0, Math.ceil((Date.parse(until) - now) / 1000));
  return <span className="countdown">{inline ? " · " : ""}{t("live.timeLeft", { seconds })}</span>;
}

/** The chair's or secretary's console. */
export function ConductorView({ live }: { live: LiveSitting & { state: LiveStatePayload } }) {
  const { t } = useTranslation();
  const { state, send, connected } = live;
  // "Khai mạc" stays disabled from the first tap until the sitting is open: a second tap does nothing.
  const [opening, setOpening] = useState(false);
  const [endRefusal, setEndRefusal] = useState<string | null>(null);
  const openPoll = state.polls.some((p) => p.status === "open");
  return (
    <div className="console">
      <div className="console-main">
        <section className="card" aria-labelledby="conduct-heading">
          <h2 id="conduct-heading" className="visually-hidden">
            {t("live.tab")}
          </h2>
          <div className="row">
            {state.status === "published" ? (
              <button
                type="button"
                className="button"
                disabled={!connected || opening}
                onClick={async () => {
                  setOpening(true);
                  if (!(await send("live:open", {})).ok) setOpening(false);
                }}
              >
                {t("live.open")}
              </button>
            ) : null}
            {state.status === "in_progress" ? (
              <ConfirmButton
                className="button secondary"
                disabled={!connected}
                title={t("live.confirmEnd.title")}
                description={<p>{t(openPoll ? "live.confirmEnd.descriptionPollOpen" : "live.confirmEnd.description")}</p>}
                confirmLabel={t("live.confirmEnd.confirm")}
                danger
                onConfirm={async () => {
                  const reply = await send("live:end", {}, { quiet: true });
                  setEndRefusal(reply.ok ? null : reply.error.message || t("live.offline"));
                }}
              >
                {t("live.end")}
              </ConfirmButton>
            ) : null}
            <a className="button secondary" href={`/sittings/${state.sittingId}/screen`} target="_blank" rel="noreferrer">
              {t("live.screen")}
            </a>
            <ScreenLink sittingId={state.sittingId} />
          </div>
          {endRefusal && state.status === "in_progress" ? (
            <p className="notice warning" role="alert" data-testid="end-refusal">
              {endRefusal}
            </p>
          ) : null}
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
                  ) : (
                    <span className="badge success">{t("live.onTheFloor")}</span>
                  )}
                </li>
              ))}
            </ol>
          ) : null}
        </section>
        <ConductorSpeakers live={live} />
        {state.status === "in_progress" ? <PollConsole live={live} /> : null}
      </div>
      <div className="console-side">
        <AttendanceCard live={live} />
      </div>
    </div>
  );
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
