import {
  data,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { ToastMessage } from "~/components/toast";
import { createI18n, defaultLocale, getT } from "~/i18n/i18n";
import appStyles from "~/styles/app.css";
import { can } from "~/auth/permissions";
import { pendingCounts } from "~/models/signoff.server";
import { countUnread } from "~/models/notification.server";
import { readToast } from "~/toast.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "PhòngHọp" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { toast, headers } = await readToast(request);
  const user = context.auth?.user;
  return data(
    {
      locale: context.locale,
      title: getT(context.locale)("app.title"),
      user: user ? { id: user.id, fullName: user.fullName, username: user.username, position: user.position, role: user.role } : null,
      unread: user ? countUnread(user.id) : 0,
      // Documents waiting on this leader, shown on the "Trình ký" link.
      pendingSignoffs: user && can(user, "sign:document:any") ? pendingCounts(user.id).total : 0,
      toast,
    },
    { headers },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const cookie = loaderHeaders.get("Set-Cookie");
  return cookie ? { "Set-Cookie": cookie } : new Headers();
};

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? defaultLocale;
  const i18n = useMemo(() => createI18n(locale), [locale]);
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { toast } = useLoaderData<typeof loader>();
  return (
    <>
      <Outlet />
      <ToastMessage toast={toast} />
    </>
  );
}

export function ErrorBoundary() {
  return (
    <main id="main">
      <GeneralErrorBoundary />
    </main>
  );
}
