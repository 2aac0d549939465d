import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { HallScreen } from "~/components/live/hall-screen";
import { getT } from "~/i18n/i18n";
import { throwHttp } from "~/http-errors.server";
import { AppError } from "~/models/app-error";
import { sittingIdOfScreen } from "~/models/live-sitting.server";
import { ConnectionBanner, RealtimeProvider } from "~/realtime/realtime-provider";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "PhòngHọp" }, { name: "robots", content: "noindex" }];

/** The hall screen by its link: no login, read-only, only what is public of one sitting. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const sittingId = throwHttp(() => {
    const id = sittingIdOfScreen(token);
    if (!id) throw new AppError("not_found", "live.errors.screenLink");
    return id;
  });
  return { sittingId, token, title: `${getT(context.locale)("live.screen")} — PhòngHọp` };
}

export default function ScreenByLink() {
  const { sittingId, token } = useLoaderData<typeof loader>();
  return (
    <RealtimeProvider screenToken={token}>
      <ConnectionBanner />
      <HallScreen sittingId={sittingId} />
    </RealtimeProvider>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
