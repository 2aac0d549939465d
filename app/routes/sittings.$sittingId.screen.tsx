import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAuth } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { HallScreen } from "~/components/live/hall-screen";
import { getT } from "~/i18n/i18n";
import { throwHttp } from "~/http-errors.server";
import { getSittingForReader } from "~/models/sitting.server";
import { ConnectionBanner, RealtimeProvider } from "~/realtime/realtime-provider";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "PhòngHọp" }];

/** The hall screen (issue #5): full screen for a 1920×1080 projector, high contrast, nothing to press. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const sitting = throwHttp(() => getSittingForReader({ sittingId: params.sittingId ?? "", reader: user }));
  return { sittingId: sitting.id, title: `${getT(context.locale)("live.screen")} — ${sitting.title}` };
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

export const ErrorBoundary = GeneralErrorBoundary;
