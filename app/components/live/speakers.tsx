// Speakers on the item on the floor (issue #5, RULES.md 12): a delegate asks for the floor; the chair orders the list,
// gives the floor and ends the turn; the timer runs on every screen from the server's clock, warns 30 seconds before
// the limit and counts the overtime.
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDragReorder } from "~/components/use-drag-reorder";
import { useLocale } from "~/components/use-user";
import { formatTime } from "~/i18n/format";
import type { LiveStatePayload } from "~/realtime/events";
import type { LiveSitting } from "~/realtime/use-live-sitting";

type Ready = LiveSitting & { state: LiveStatePayload };
type Speech = NonNullable<LiveStatePayload["speakers"]["current"]>;

export function SpeechTimer({ speech, clockOffset, large = false }: { speech: Speech; clockOffset: number; large?: boolean }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + clockOffset), 250);
    return () => clearInterval(timer);
  }, [clockOffset]);
  const elapsed = Math.max(0, Math.floor((now - Date.parse(speech.startedAt!)) / 1000));
  const left = speech.limitSeconds - elapsed;
  const state = left < 0 ? "overtime" : left <= 30 ? "warning" : "running";
  return (
    <div className={`speech-timer ${state}${large ? " large" : ""}`} data-testid="speech-timer" data-state={state}>
      <span className="speech-timer-clock" aria-hidden="true">
        {left < 0 ? `+${minutesAndSeconds(-left)}` : minutesAndSeconds(left)}
      </span>
      <span className="speech-timer-note">{state === "overtime" ? t("live.overtime") : state === "warning" ? t("live.timeWarning") : t("live.limit", { minutes: Math.round(speech.limitSeconds / 60) })}</span>
    </div>
  );
}

/** "7:00", "0:05": a speaking time as a clock shows it. */
function minutesAndSeconds(seconds: number) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** A delegate's own part: ask to speak, debate or question, see their place, withdraw. */
export function DelegateSpeakers({ live }: { live: Ready }) {
  const { t } = useTranslation();
  const { state, send, connected, clockOffset } = live;
  const { queue, current } = state.speakers;
  const mine = queue.find((s) => s.userId === state.me);
  if (!state.participant || state.status !== "in_progress" || !state.currentItemId) return null;
  return (
    <section className="card" aria-labelledby="speakers-heading">
      <h2 id="speakers-heading">{t("live.speakers")}</h2>
      {current ? (
        <div className="current-speaker">
          <p>
            {t("live.speaking")}: <strong>{current.fullName}</strong> ({t(`live.kinds.${current.kind}`)})
          </p>
          <SpeechTimer speech={current} clockOffset={clockOffset} />
        </div>
      ) : null}
      {mine ? (
        <>
          <div className="row">
            <p role="status" data-testid="my-turn">
              {t("live.youAreWaiting", { kind: t(`live.kinds.${mine.kind}`), place: queue.indexOf(mine) + 1 })}
            </p>
            <button type="button" className="button secondary" disabled={!connected} onClick={() => send("speaker:withdraw", { speechId: mine.id })}>
              {t("live.withdraw")}
            </button>
          </div>
          <WriteSpeech live={live} speechId={mine.id} />
        </>
      ) : (
        <div className="row">
          {(["speak", "debate", "question"] as const).map((kind) => (
            <button key={kind} type="button" className="button" disabled={!connected} onClick={() => send("speaker:register", { kind })}>
              {t("live.register", { kind: t(`live.kinds.${kind}`) })}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

/** Sending a speech in writing instead (RULES.md 12): opened by a button, so the tablet view stays short. */
function WriteSpeech({ live, speechId, open: startOpen = false }: { live: Ready; speechId: string; open?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(startOpen);
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button secondary" onClick={() => setOpen(true)}>
        {t("live.writeInstead")}
      </button>
    );
  }
  return (
    <form
      className="stack written-speech"
      onSubmit={async (event) => {
        event.preventDefault();
        setSending(true);
        // The text stays in the box if the server refuses it or the connection dropped; the reason shows above.
        if ((await live.send("speaker:write", { speechId, text })).ok) setText("");
        setSending(false);
      }}
    >
      <div className="field">
        <label htmlFor={id}>{t("live.writeLabel")}</label>
        <textarea id={id} rows={5} value={text} maxLength={10_000} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-hint`} />
        <p id={`${id}-hint`} className="muted">
          {t("live.writeHint")}
        </p>
      </div>
      <div className="row">
        <button type="submit" className="button" disabled={sending || !live.connected}>
          {t("live.writeSend")}
        </button>
        {startOpen ? null : (
          <button type="button" className="button secondary" onClick={() => setOpen(false)}>
            {t("live.writeCancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/** A participant's turns the chair did not reach, each to send in writing — also after the sitting ended. */
export function NotReached({ live }: { live: Ready }) {
  const { t } = useTranslation();
  const { notReached } = live.state;
  if (!notReached.length) return null;
  return (
    <section className="card" aria-labelledby="not-reached-heading" data-testid="not-reached">
      <h2 id="not-reached-heading">{t("live.notReached")}</h2>
      <p className="muted">{t("live.notReachedHint")}</p>
      <ul className="plain-list stack">
        {notReached.map((s) => (
          <li key={s.id} className="stack">
            <strong>{t("live.notReachedOn", { kind: t(`live.kinds.${s.kind}`), item: s.itemTitle })}</strong>
            <WriteSpeech live={live} speechId={s.id} open />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The chair's list: in order, with the time each asked; move, give the floor, end the turn; who spoke and how long. */
export function ConductorSpeakers({ live }: { live: Ready }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { state, send, clockOffset } = live;
  const { queue, current, done, written } = state.speakers;
  const { listRef, startDrag, rowClass } = useDragReorder((speechId, to) => send("speaker:move", { speechId, to }));
  if (state.status !== "in_progress" || !state.currentItemId) return null;
  return (
    <section className="card" aria-labelledby="speakers-heading">
      <h2 id="speakers-heading">{t("live.speakers")}</h2>
      {current ? (
        <div className="current-speaker row">
          <p>
            {t("live.speaking")}: <strong>{current.fullName}</strong> ({t(`live.kinds.${current.kind}`)})
          </p>
          <SpeechTimer speech={current} clockOffset={clockOffset} />
          <button type="button" className="button" onClick={() => send("speaker:end", {})}>
            {t("live.endTurn")}
          </button>
        </div>
      ) : null}
      <h3>{t("live.queue")}</h3>
      {queue.length ? (
        <ol className="list speaker-queue" data-testid="speaker-queue" ref={listRef}>
          {queue.map((s, i) => (
            <li key={s.id} className={rowClass(s.id, i)}>
              <button type="button" className="drag-handle" aria-label={`${t("live.dragSpeaker")}: ${s.fullName}`} title={t("live.dragSpeaker")} onPointerDown={(e) => startDrag(e, s.id, i)}>
                ⠿
              </button>
              <span className="speaker-name">
                <strong>{s.fullName}</strong> — {t(`live.kinds.${s.kind}`)}{" "}
                <span className="muted">{t("live.registeredAt", { time: formatTime(new Date(s.registeredAt), locale) })}</span>
              </span>
              <span className="row">
                <button type="button" className="button secondary" disabled={i === 0} onClick={() => send("speaker:move", { speechId: s.id, to: i - 1 })} aria-label={`${t("live.up")}: ${s.fullName}`}>
                  ↑
                </button>
                <button type="button" className="button secondary" disabled={i === queue.length - 1} onClick={() => send("speaker:move", { speechId: s.id, to: i + 1 })} aria-label={`${t("live.down")}: ${s.fullName}`}>
                  ↓
                </button>
                <button type="button" className="button" onClick={() => send("speaker:floor", { speechId: s.id })} aria-label={`${t("live.floor")}: ${s.fullName}`}>
                  {t("live.floor")}
                </button>
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t("live.noQueue")}</p>
      )}
      {done.length ? (
        <>
          <h3>{t("live.spoke")}</h3>
          <ul className="plain-list" data-testid="speakers-done">
            {done.map((s) => (
              <li key={s.id}>{t("live.spokeFor", { name: s.fullName, kind: t(`live.kinds.${s.kind}`), duration: minutesAndSeconds(s.seconds ?? 0) })}</li>
            ))}
          </ul>
        </>
      ) : null}
      {written.length ? (
        <>
          <h3>{t("live.written")}</h3>
          <ul className="plain-list stack" data-testid="speakers-written">
            {written.map((s) => (
              <li key={s.id}>
                <strong>{t("live.writtenBy", { name: s.fullName, kind: t(`live.kinds.${s.kind}`) })}</strong>
                <p className="written-text">{s.writtenText}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
