import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";

/** The signed-in user, from the root loader. Only for components under the signed-in layout. */
export function useUser() {
  const user = useRouteLoaderData<typeof rootLoader>("root")?.user;
  if (!user) throw new Error("useUser() outside the signed-in area");
  return user;
}

export function useLocale() {
  return useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "vi";
}
