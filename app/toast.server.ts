import { createCookie } from "@remix-run/node";
import { z } from "zod";

// A one-time message shown after a redirect ("Đã lưu"). `message` is an i18n key; `params` its values.
const toastSchema = z.object({
  kind: z.enum(["success", "error", "info"]),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Toast = z.infer<typeof toastSchema>;

const toastCookie = createCookie("phonghop_toast", { path: "/", httpOnly: true, sameSite: "lax", maxAge: 60 });

export async function toastHeaders(toast: Toast) {
  return { "Set-Cookie": await toastCookie.serialize(toast) };
}

/** The pending toast, and the header that clears it once read. */
export async function readToast(request: Request) {
  const parsed = toastSchema.safeParse(await toastCookie.parse(request.headers.get("Cookie")));
  if (!parsed.success) return { toast: null, headers: undefined };
  return { toast: parsed.data, headers: { "Set-Cookie": await toastCookie.serialize("", { maxAge: 0 }) } };
}
