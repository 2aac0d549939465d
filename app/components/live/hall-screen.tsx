// The hall screen (issue #5, #10): full screen for a 1920×1080 projector, high contrast, nothing to press, read from the
// back row. A fixed band keeps the item on the floor and the present count in view whatever else is shown; above it,
// the vote (open: its count; closed: counts on the left, chart on the right) or the speaker. Sizes in vh, so it scales.
// Opened by staff (/sittings/<id>/screen) or by the sitting's screen link (/screen/<token>), which shows only what is
// public.
import { useTranslation } from "react-i18next";
import { useRealtime } from "~/realtime/realtime-provider";
import { useLiveSitting } from "~/realtime/use-live-sitting";
import { Countdown } from "./live-views";
import { PollResult } from "./poll-result";
import { SpeechTimer } from "./speakers";

export function HallScreen({ sittingId }: { sittingId: string }) {
  const { t } = useTranslation();
  const { state, clockOffset } = useLiveSitting(sittingId);
  const { status } = useRealtime();
  // A replaced link: what is on screen may be stale, so nothing of it stays up.
  if (status === "invalid") {
    return (
      <main className="hall-screen" data-testid="hall-screen">
        <p role="alert">{t("realtime.screenLinkInvalid")}</p>
      </main>
    );
  }
  if (!state) return <main className="hall-screen" data-testid="hall-screen" />;
  if (state.closed) {
    return (
      <main className="hall-screen" data-testid="hall-screen">
        <p>{t("live.screenClosed")}</p>
      </main>
    );
  }
  const item = state.items.find((i) => i.id === state.currentItemId);
  const open = state.polls.find((p) => p.status === "open");
  const last = state.polls.find((p) => p.status === "closed");
  const speaker = state.speakers.current;
  return (
    <main className="hall-screen hall-live" data-testid="hall-screen">
      <div className="hall-body">
        <h1 className="hall-title">{state.title}</h1>
        {open ? (
          <section className="hall-vote" aria-live="polite">
            <h2>{open.question}</h2>
            <p className="hall-voted" data-testid="hall-voted">
              {t("live.voted", { voted: open.voted ?? 0, n: open.n ?? 0 })}
            </p>
            {/* How far the count has come, as a bar across the screen. */}
            <div className="hall-progress" aria-hidden="true">
              <div style={{ width: `${open.n ? Math.min(100, ((open.voted ?? 0) * 100) / open.n) : 0}%` }} />
            </div>
            {open.closesAt ? (
              <p className="hall-countdown">
                <Countdown until={open.closesAt} clockOffset={clockOffset} inline={false} />
              </p>
            ) : null}
          </section>
        ) : speaker ? (
          <section className="hall-speaker" data-testid="hall-speaker">
            <h2>
              {t("live.speaking")}: {speaker.fullName}
            </h2>
            <SpeechTimer speech={speaker} clockOffset={clockOffset} large />
          </section>
        ) : last?.result ? (
          <section className="hall-result" data-testid="hall-result">
            <h2>{last.question}</h2>
            <PollResult result={last.result} large />
          </section>
        ) : null}
      </div>
      <div className="hall-band" data-testid="hall-band">
        <p className="hall-item" data-testid={item ? "hall-item" : undefined}>
          {item ? `${item.position}. ${item.title}` : t("live.noItem")}
        </p>
        <p className="hall-counts" data-testid="hall-present">
          {t("live.presentCount", { present: state.present, n: state.n })}{" "}
          <span className={`hall-quorum ${state.quorum ? "met" : "missing"}`}>{state.quorum ? t("live.quorumMet") : t("live.quorumMissing")}</span>
        </p>
      </div>
    </main>
  );
}
