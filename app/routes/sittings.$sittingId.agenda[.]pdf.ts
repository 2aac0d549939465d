import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAuth } from "~/auth/guards.server";
import { contentDisposition } from "~/file-response.server";
import { throwHttp, withErrorPage } from "~/http-errors.server";
import { getAgendaDocument } from "~/models/agenda.server";
import { getSittingForReader } from "~/models/sitting.server";
import { buildAgendaPdf } from "~/pdf/build-agenda-pdf.server";
import { agendaRecipients, councilIssuerCode, programmeSignerCapacity } from "~/pdf/official-text";

// The sitting's programme (chương trình) as an official document. Anyone who may see the sitting may download it.
export async function loader(args: LoaderFunctionArgs) {
  return withErrorPage(args.context.locale, () => serve(args));
}

async function serve({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const sitting = throwHttp(() => getSittingForReader({ sittingId: params.sittingId ?? "", reader: user }));
  const doc = getAgendaDocument(sitting.id);
  const bytes = await buildAgendaPdf({
    bodyName: doc.bodyName,
    parentBodyName: doc.parentBodyName ?? undefined,
    issuerCode: councilIssuerCode,
    placeName: doc.placeName,
    number: "",
    date: doc.sitting.publishedAt ?? new Date(),
    sittingTitle: doc.sitting.title,
    sessionTitle: doc.sessionTitle ?? undefined,
    startsAt: doc.sitting.startsAt,
    endsAt: doc.sitting.endsAt ?? undefined,
    venue: doc.sitting.place ?? "",
    items: doc.items.map((i) => ({ title: i.title, presenter: i.presenter ?? "", plannedMinutes: i.plannedMinutes ?? 0, description: i.description ?? undefined })),
    signer: doc.chair ? { capacity: programmeSignerCapacity({ kind: doc.bodyKind, name: doc.bodyName }), position: (doc.chair.position ?? "").toLocaleUpperCase("vi"), name: doc.chair.name } : undefined,
    recipients: agendaRecipients,
  });
  return new Response(bytes as unknown as BodyInit, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition("attachment", `Chương trình — ${doc.sitting.title}.pdf`),
      "Cache-Control": "private, no-store",
    },
  });
}
