// The stored signature or seal image, for the administrators' page that manages them (Quản trị → Chữ ký số).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { throwHttp } from "~/http-errors.server";
import { AppError } from "~/models/app-error";
import { signatureImageOf } from "~/models/signature-image.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "manage:certificate:any");
  const id = params.ownerId ?? "";
  const image = throwHttp(() => {
    const found = params.kind === "person" ? signatureImageOf({ kind: "person", userId: id }) : params.kind === "agency" ? signatureImageOf({ kind: "agency", bodyId: id }) : null;
    if (!found) throw new AppError("not_found", "signoff.images.none");
    return found;
  });
  return new Response(new Uint8Array(image.png), { headers: { "Content-Type": "image/png", "Cache-Control": "private, no-cache", "X-Content-Type-Options": "nosniff" } });
}
