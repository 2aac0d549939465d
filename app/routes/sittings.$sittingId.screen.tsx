import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAuth } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PollResult } from "~/components/live/poll-result";
import { SpeechTimer } from "~/components/live/speakers";
import { throwHttp } from "~/http-errors.server";
import { getSittingForReader } from "~/models/sitting.server";
import { ConnectionBanner, RealtimeProvider } from "~/realtime/realtime-provider";
import { useLiveSitting } from "~/realtime/use-live-sitting";

export const meta: MetaFunction = () => [{ title: "Màn hình hội trường — PhòngHọp" }];

/** The hall screen (issue #5): full screen for a 1920×1080 projector, high contrast, nothing to press. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const sitting = throwHttp(() => getSittingForReader({ sittingId: params.sittingId ?? "", reader: user }));
  return { sittingId: sitting.id, title: sitting.title };
}

export default function HallScreenPage() {
  const { sittingId } = useLoaderData<typeof loader>();
  return (
    <RealtimeProvider>
      <ConnectionBanner />
      <HallScreen sittingId={sittingId} />
    </RealtimeProvider>
  );
}

function HallScreen({ sittingId }: { sittingId: string }) {
  const { t } = useTranslation();
  const { state, clockOffset } = useLiveSitting(sittingId);
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

export const ErrorBoundary = GeneralErrorBoundary;
