import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAuth } from "~/auth/guards.server";
import { contentDisposition } from "~/file-response.server";
import { throwHttp, withErrorPage } from "~/http-errors.server";
import { getAgendaDocument } from "~/models/agenda.server";
import { getPollResultSheet } from "~/models/poll.server";
import { buildPollResultPdf } from "~/pdf/build-poll-result-pdf.server";

// Phiếu kết quả biểu quyết: the stored result of a closed poll, for anyone who may see the sitting.
export async function loader(args: LoaderFunctionArgs) {
  return withErrorPage(args.context.locale, () => serve(args));
}

async function serve({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const sheet = throwHttp(() => getPollResultSheet({ reader: user, sittingId: params.sittingId ?? "", pollId: params.pollId ?? "" }));
  const agenda = getAgendaDocument(sheet.sitting.id);
  const bytes = await buildPollResultPdf({
    bodyName: agenda.bodyName,
    parentBodyName: agenda.parentBodyName ?? undefined,
    placeName: agenda.placeName,
    sittingTitle: sheet.sitting.title,
    itemTitle: sheet.itemTitle,
    question: sheet.poll.question,
    rule: sheet.poll.rule,
    secret: sheet.poll.secret,
    openedWithoutQuorum: sheet.poll.openedWithoutQuorum,
    openedAt: sheet.poll.openedAt,
    closedAt: sheet.poll.closedAt,
    result: sheet.poll.result,
    named: sheet.named,
  });
  return new Response(bytes as unknown as BodyInit, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition("attachment", `Phiếu kết quả biểu quyết — ${sheet.poll.question.slice(0, 80)}.pdf`),
      "Cache-Control": "private, no-store",
    },
  });
}
