// The hall screen (issue #5): full screen for a 1920×1080 projector, high contrast, nothing to press. Opened by staff
// (/sittings/<id>/screen) or by the sitting's screen link (/screen/<token>), which shows only what is public.
import { useTranslation } from "react-i18next";
import { useRealtime } from "~/realtime/realtime-provider";
import { useLiveSitting } from "~/realtime/use-live-sitting";
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
  return (
    <main className="hall-screen" data-testid="hall-screen">
      <h1>{state.title}</h1>
      {item ? (
        <p className="hall-item" data-testid="hall-item">
          {item.position}. {item.title}
        </p>
      ) : null}
      <p className="hall-counts" data-testid="hall-present">
        {t("live.presentCount", { present: state.present, n: state.n })} · {state.quorum ? t("live.quorumMet") : t("live.quorumMissing")}
      </p>
      {state.speakers.current ? (
        <section className="hall-speaker" data-testid="hall-speaker">
          <h2>
            {t("live.speaking")}: {state.speakers.current.fullName}
          </h2>
          <SpeechTimer speech={state.speakers.current} clockOffset={clockOffset} large />
        </section>
      ) : null}
      {open ? (
        <section aria-live="polite">
          <h2>{open.question}</h2>
          <p data-testid="hall-voted">{t("live.voted", { voted: open.voted ?? 0, n: open.n ?? 0 })}</p>
        </section>
      ) : last?.result ? (
        <section data-testid="hall-result">
          <h2>{last.question}</h2>
          <PollResult result={last.result} large />
        </section>
      ) : null}
    </main>
  );
}

