// The chair's votes (issue #5, #10): create a poll on an agenda item, open it (without quorum only after saying why and
// asking), close or cancel it after asking, record ballots by hand; each item keeps its history.
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmButton } from "~/components/confirm-button";
import type { LiveStatePayload } from "~/realtime/events";
import type { LiveSitting } from "~/realtime/use-live-sitting";
import { PollResult } from "./poll-result";

type Ready = LiveSitting & { state: LiveStatePayload };
type Poll = LiveStatePayload["polls"][number];

/** The fewest members present for quorum (RULES.md 7, `quorumMet` in app/models/vote-rules.ts: 3·present ≥ 2·N). */
export function quorumNeeded(n: number) {
  return Math.ceil((2 * n) / 3);
}

export function PollConsole({ live }: { live: Ready }) {
  const { t } = useTranslation();
  const { state } = live;
  return (
    <section className="card poll-console" aria-labelledby="polls-heading">
      <h2 id="polls-heading">{t("live.polls")}</h2>
      <CreatePoll live={live} />
      <h3 className="poll-history-heading">{t("live.history")}</h3>
      {state.polls.length === 0 ? <p className="muted">{t("live.noPolls")}</p> : null}
      {pollsByItem(state).map((group) => (
        <section key={group.itemId ?? "none"} className="poll-history" data-testid="poll-history" aria-label={group.title ?? t("live.noItemPolls")}>
          <h4>{group.title ?? t("live.noItemPolls")}</h4>
          <ul className="list poll-list">
            {group.polls.map((poll) => (
              <PollRow key={poll.id} live={live} poll={poll} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function CreatePoll({ live }: { live: Ready }) {
  const { t } = useTranslation();
  const { state, send, connected } = live;
  const id = useId();
  const [question, setQuestion] = useState("");
  const [rule, setRule] = useState<"majority" | "two_thirds">("majority");
  const [secret, setSecret] = useState(false);
  const [allowChange, setAllowChange] = useState(false);
  const [byHand, setByHand] = useState(false);
  const [duration, setDuration] = useState("");
  // The item the poll belongs to: the one on the floor (following it as it changes) until the chair picks one.
  const [pickedItem, setPickedItem] = useState<string | null>(null);
  const itemId = pickedItem ?? state.currentItemId ?? "";
  const [sending, setSending] = useState(false);
  return (
    <form
      className="poll-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setSending(true);
        const { ok } = await send("poll:create", {
          agendaItemId: itemId || null,
          question: question.trim(),
          rule,
          secret,
          allowChange,
          recordedByHand: byHand && !secret,
          durationSeconds: duration ? Number(duration) : null,
        });
        setSending(false);
        if (ok) setQuestion("");
      }}
    >
      <div className="field poll-question-field">
        <label htmlFor={`${id}-question`}>{t("live.question")}</label>
        <textarea id={`${id}-question`} value={question} onChange={(e) => setQuestion(e.target.value)} rows={2} required minLength={3} maxLength={500} />
      </div>
      <div className="poll-form-grid">
        <div className="field poll-item-field">
          <label htmlFor={`${id}-item`}>{t("live.pollItem")}</label>
          <select id={`${id}-item`} value={itemId} onChange={(e) => setPickedItem(e.target.value)} aria-describedby={`${id}-item-hint`}>
            {state.items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.position}. {item.title}
              </option>
            ))}
            <option value="">{t("live.noItemPolls")}</option>
          </select>
          <span className="hint" id={`${id}-item-hint`}>
            {pickedItem === null ? t("live.pollItemFollows") : t("live.pollItemPicked")}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-rule`}>{t("live.rule")}</label>
          <select id={`${id}-rule`} value={rule} onChange={(e) => setRule(e.target.value as typeof rule)}>
            <option value="majority">{t("live.rules.majority")}</option>
            <option value="two_thirds">{t("live.rules.two_thirds")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-duration`}>{t("live.duration")}</label>
          <input
            id={`${id}-duration`}
            inputMode="numeric"
            value={duration}
            onChange={(e) => setDuration(e.target.value.replace(/\D/g, ""))}
            aria-describedby={`${id}-duration-hint`}
          />
          <span className="hint" id={`${id}-duration-hint`}>
            {t("live.durationHint")}
          </span>
        </div>
      </div>
      <div className="poll-form-choices">
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
      </div>
      <button type="submit" className="button" disabled={sending || !connected}>
        {t("live.create")}
      </button>
    </form>
  );
}

function PollRow({ live, poll }: { live: Ready; poll: Poll }) {
  const { t } = useTranslation();
  const { state, send, connected } = live;
  // Why "Mở biểu quyết" was refused, said beside this poll (not at the top of the page).
  const [refusal, setRefusal] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  // A refusal for want of quorum is stale once the count changes.
  useEffect(() => setRefusal(null), [state.present, state.quorum]);
  const needed = quorumNeeded(state.n);
  const quorumFigures = { present: state.present, n: state.n, needed, missing: Math.max(0, needed - state.present) };

  const openWithoutQuorum = (
    <ConfirmButton
      className="button secondary"
      disabled={!connected}
      title={t("live.confirmWithoutQuorum.title")}
      description={<p>{t("live.confirmWithoutQuorum.description", quorumFigures)}</p>}
      confirmLabel={t("live.confirmWithoutQuorum.confirm")}
      danger
      onConfirm={async () => {
        const reply = await send("poll:open", { pollId: poll.id, withoutQuorum: true }, { quiet: true });
        setRefusal(reply.ok ? null : reply.error.message || t("live.offline"));
      }}
    >
      {t("live.openWithoutQuorum")}
    </ConfirmButton>
  );

  return (
    <li className="poll-row" data-testid="poll" data-status={poll.status}>
      <div className="poll-main">
        <p className="poll-question">{poll.question}</p>
        <p className="poll-meta muted">
          {t(`live.statuses.${poll.status}`)} · {t(`live.kind.${poll.secret ? "secret" : "named"}`)} · {t(`live.rules.${poll.rule}`)}
        </p>
        {poll.status === "open" ? (
          <p className="poll-count" data-testid="console-voted">
            {t("live.voted", { voted: poll.voted ?? 0, n: poll.n ?? 0 })}
          </p>
        ) : null}
        {poll.notVoted?.length ? (
          <details className="not-voted">
            <summary>{t("live.notVotedCount", { count: poll.notVoted.length })}</summary>
            <p className="muted">{t("live.notVotedYet", { names: poll.notVoted.map((u) => u.fullName).join(", ") })}</p>
          </details>
        ) : null}
        {poll.recordedByHand || poll.openedWithoutQuorum ? (
          <p className="row">
            {poll.recordedByHand ? <span className="badge warning">{t("live.byHandBadge")}</span> : null}
            {poll.openedWithoutQuorum ? <span className="badge warning">{t("live.withoutQuorum")}</span> : null}
          </p>
        ) : null}
        {poll.status === "open" && poll.recordedByHand && poll.notVoted?.length ? <RecordByHand live={live} poll={poll} /> : null}
        {poll.result ? (
          <>
            <PollResult result={poll.result} />
            <ResultSheetLink sittingId={state.sittingId} pollId={poll.id} />
          </>
        ) : null}
        {poll.status === "draft" && refusal ? (
          <div className="notice warning poll-refusal" data-testid="poll-refusal">
            <p role="alert">{state.quorum ? refusal : t("live.quorumExplain", quorumFigures)}</p>
            {state.quorum ? null : openWithoutQuorum}
          </div>
        ) : null}
      </div>
      <div className="poll-actions">
        {poll.status === "draft" ? (
          <>
            <button
              type="button"
              className="button"
              disabled={!connected || opening}
              onClick={async () => {
                setOpening(true);
                const reply = await send("poll:open", { pollId: poll.id }, { quiet: true });
                setOpening(false);
                setRefusal(reply.ok ? null : reply.error.message || t("live.offline"));
              }}
            >
              {t("live.openPoll")}
            </button>
            {!state.quorum && !refusal ? openWithoutQuorum : null}
          </>
        ) : null}
        {poll.status === "open" ? (
          <ConfirmButton
            disabled={!connected}
            title={t("live.confirmClose.title")}
            description={<p>{t("live.confirmClose.description", { voted: poll.voted ?? 0, n: poll.n ?? 0 })}</p>}
            confirmLabel={t("live.confirmClose.confirm")}
            onConfirm={() => send("poll:close", { pollId: poll.id })}
          >
            {t("live.closePoll")}
          </ConfirmButton>
        ) : null}
        {poll.status === "draft" || poll.status === "open" ? (
          <ConfirmButton
            className="button secondary"
            disabled={!connected}
            title={t("live.confirmCancel.title")}
            description={<p>{t(poll.status === "open" ? "live.confirmCancel.descriptionOpen" : "live.confirmCancel.descriptionDraft")}</p>}
            confirmLabel={t("live.confirmCancel.confirm")}
            danger
            onConfirm={() => send("poll:cancel", { pollId: poll.id })}
          >
            {t("live.cancelPoll")}
          </ConfirmButton>
        ) : null}
      </div>
    </li>
  );
}

function RecordByHand({ live, poll }: { live: Ready; poll: Poll }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list" data-testid="record-by-hand">
      {poll.notVoted!.map((u) => (
        <li key={u.userId} className="row">
          <span>{u.fullName}</span>
          {(["yes", "no", "abstain"] as const).map((choice) => (
            <button
              key={choice}
              type="button"
              className="button secondary"
              onClick={() => live.send("poll:record", { pollId: poll.id, userId: u.userId, choice })}
              aria-label={`${t("live.recordFor", { name: u.fullName })}: ${t(`live.choices.${choice}`)}`}
            >
              {t(`live.choices.${choice}`)}
            </button>
          ))}
        </li>
      ))}
    </ul>
  );
}

export function ResultSheetLink({ sittingId, pollId }: { sittingId: string; pollId: string }) {
  const { t } = useTranslation();
  return (
    <a className="button secondary" href={`/sittings/${sittingId}/polls/${pollId}/result.pdf`} download>
      {t("live.resultSheet")}
    </a>
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
