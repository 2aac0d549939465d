import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getT } from "~/i18n/i18n";
import { ConductorView, DelegateView, LiveHeader } from "~/components/live/live-views";
import { useLiveSitting } from "~/realtime/use-live-sitting";

export async function loader({ context }: LoaderFunctionArgs) {
  // The sitting's layout has checked who may see it; the live state comes over the socket.
  return { title: getT(context.locale)("live.pageTitle") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "PhòngHọp" }];

/** The live sitting (issue #5): the console for those who conduct it, the tablet view for the others. */
export default function LiveSittingTab() {
  const { sittingId } = useParams();
  const live = useLiveSitting(sittingId ?? "");
  const { t } = useTranslation();
  if (!live.state) {
    return (
      <p className="muted" role="status">
        {live.error ?? t("viewer.loading")}
      </p>
    );
  }
  const ready = { ...live, state: live.state };
  return (
    <div className="stack live-sitting" data-testid="live-sitting">
      {live.error ? (
        <p className="notice warning" role="alert">
          {live.error}
        </p>
      ) : null}
      <LiveHeader state={live.state} />
      {live.state.canConduct ? <ConductorView live={ready} /> : <DelegateView live={ready} />}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
