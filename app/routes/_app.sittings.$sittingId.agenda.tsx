import { useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm, InputField } from "~/components/forms";
import { formatMinutes } from "~/components/meeting-format";
import { useDragReorder } from "~/components/use-drag-reorder";
import { useLocale } from "~/components/use-user";
import { errorReply, invalidReply } from "~/forms.server";
import { throwHttp } from "~/http-errors.server";
import { formatDateTime } from "~/i18n/format";
import {
  addAgendaItem,
  listAgenda,
  listAgendaRevisions,
  removeAgendaItem,
  reorderAgenda,
  totalPlannedMinutes,
  updateAgendaItem,
  type AgendaRevisionResult,
} from "~/models/agenda.server";
import { getSittingForReader } from "~/models/sitting.server";
import { pushNotifications } from "~/realtime/broadcast.server";
import { announceSittingChange } from "~/realtime/sitting-broadcast.server";

const itemFields = {
  title: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(500, "validation.tooLong"),
  presenter: z.string().trim().max(300, "validation.tooLong").optional(),
  plannedMinutes: z.coerce.number({ error: "meetings.errors.number" }).int("meetings.errors.number").min(1, "meetings.errors.number").max(1440).optional(),
  description: z.string().trim().max(2000, "validation.tooLong").optional(),
};

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add-item"), ...itemFields }),
  z.object({ intent: z.literal("update-item"), itemId: z.string().uuid(), ...itemFields }),
  z.object({ intent: z.literal("remove-item"), itemId: z.string().uuid() }),
  z.object({ intent: z.literal("reorder"), order: z.string().transform((v, ctx) => {
    try {
      const parsed = z.array(z.string().uuid()).parse(JSON.parse(v));
      return parsed;
    } catch {
      ctx.addIssue({ code: "custom", message: "realtime.errors.invalid" });
      return z.NEVER;
    }
  }) }),
]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requirePermission(context, request, "manage:sitting:any");
  const sitting = throwHttp(() => getSittingForReader({ sittingId: params.sittingId ?? "", reader: user }));
  const agenda = listAgenda(sitting.id);
  return { sitting, agenda, totalMinutes: totalPlannedMinutes(agenda), revisions: listAgendaRevisions(sitting.id).reverse() };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requirePermission(context, request, "manage:sitting:any");
  const sittingId = params.sittingId ?? "";
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return invalidReply(submission, { intent: String(submission.payload.intent ?? ""), itemId: String(submission.payload.itemId ?? "") });
  const actor = actorFrom(context);
  const value = submission.value;
  const extra = { intent: value.intent as string, itemId: "itemId" in value ? value.itemId : "" };
  try {
    let revision: AgendaRevisionResult;
    switch (value.intent) {
      case "add-item":
        revision = addAgendaItem({ actor, reader: user, sittingId, input: value }).revision;
        break;
      case "update-item":
        revision = updateAgendaItem({ actor, reader: user, sittingId, itemId: value.itemId, input: value }).revision;
        break;
      case "remove-item":
        revision = removeAgendaItem({ actor, reader: user, sittingId, itemId: value.itemId }).revision;
        break;
      case "reorder":
        revision = reorderAgenda({ actor, reader: user, sittingId, orderedIds: value.order }).revision;
        break;
    }
    if (revision) pushNotifications(revision.notifications);
    announceSittingChange(sittingId, "agenda", revision?.revision);
    return data({ ...extra, ok: true as const, result: submission.reply({ resetForm: true }) });
  } catch (error) {
    return errorReply(submission, error, context.locale, extra);
  }
}

export default function AgendaBuilder() {
  const { sitting, agenda, totalMinutes, revisions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const reorder = useFetcher<typeof action>();
  const [announcement, setAnnouncement] = useState("");

  // Show the order being saved at once; the loader's order takes over when it arrives.
  const pendingOrder = reorder.formData ? (JSON.parse(String(reorder.formData.get("order"))) as string[]) : null;
  const items = pendingOrder ? pendingOrder.map((id) => agenda.find((i) => i.id === id)).filter((i) => i !== undefined) : agenda;

  function move(id: string, to: number) {
    const ids = items.map((i) => i.id);
    const from = ids.indexOf(id);
    if (from < 0 || to < 0 || to >= ids.length || from === to) return;
    ids.splice(to, 0, ...ids.splice(from, 1));
    reorder.submit({ intent: "reorder", order: JSON.stringify(ids) }, { method: "post" });
    setAnnouncement(t("meetings.agenda.moved", { title: items[from].title, position: to + 1 }));
  }

  const { listRef, startDrag, rowClass } = useDragReorder(move);

  return (
    <div className="stack">
      <section className="card" aria-labelledby="builder-heading">
        <div className="page-header">
          <div>
            <h2 id="builder-heading">{t("meetings.agenda.title")}</h2>
            <p className="muted">{t("meetings.agenda.dragHint")}</p>
          </div>
          <p data-testid="agenda-total">
            <strong>{t("meetings.agenda.total", { time: formatMinutes(t, totalMinutes) })}</strong>
          </p>
        </div>
        <div aria-live="polite" className="visually-hidden">
          {announcement}
        </div>
        {items.length === 0 ? (
          <p className="muted">{t("meetings.agenda.empty")}</p>
        ) : (
          <ol className="agenda-list" ref={listRef} data-testid="agenda-builder">
            {items.map((item, index) => (
              <li
                key={item.id}
                className={`agenda-item${rowClass(item.id, index)}`}
              >
                <button
                  type="button"
                  className="drag-handle"
                  aria-label={t("meetings.agenda.dragHint")}
                  title={t("meetings.agenda.dragHint")}
                  onPointerDown={(e) => startDrag(e, item.id, index)}
                >
                  ⠿
                </button>
                <ItemEditor item={item} number={index + 1} />
                <div className="item-actions">
                  <button type="button" className="button secondary" onClick={() => move(item.id, index - 1)} disabled={index === 0} aria-label={`${t("meetings.agenda.moveUp")}: ${item.title}`}>
                    ↑
                  </button>
                  <button type="button" className="button secondary" onClick={() => move(item.id, index + 1)} disabled={index === items.length - 1} aria-label={`${t("meetings.agenda.moveDown")}: ${item.title}`}>
                    ↓
                  </button>
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <AddItem sittingId={sitting.id} />
      {revisions.length ? (
        <section className="card" aria-labelledby="revisions-heading">
          <h2 id="revisions-heading">{t("meetings.agenda.revisions")}</h2>
          <ul className="list" data-testid="agenda-revisions">
            {revisions.map((r) => (
              <li key={r.id}>
                <strong>{t("meetings.agenda.revision", { revision: r.revision })}</strong> · {formatDateTime(new Date(r.createdAt), locale)}
                {r.changes.length === 0 ? (
                  <div className="muted">{t("meetings.agenda.revisionPublished")}</div>
                ) : (
                  <ul>
                    {r.changes.map((c, i) => (
                      <li key={i}>{t(`meetings.agenda.changes.${c.kind}`, c)}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["agenda"][number];

function ItemEditor({ item, number }: { item: Item; number: number }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const [editing, setEditing] = useState(false);
  const actionData = fetcher.data;
  const [form, fields] = useForm({
    id: `item-${item.id}`,
    lastResult: actionData?.intent === "update-item" ? actionData.result : undefined,
    defaultValue: { title: item.title, presenter: item.presenter ?? "", plannedMinutes: item.plannedMinutes ? String(item.plannedMinutes) : "", description: item.description ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  useEffect(() => {
    if (fetcher.state === "idle" && actionData && "ok" in actionData && actionData.ok && actionData.intent === "update-item") setEditing(false);
  }, [fetcher.state, actionData]);
  if (!editing) {
    return (
      <div>
        <strong>
          {number}. {item.title}
        </strong>
        <div className="muted">
          {[item.presenter, item.plannedMinutes ? formatMinutes(t, item.plannedMinutes) : null].filter(Boolean).join(" · ")}
        </div>
        <div className="row">
          <button type="button" className="button link" onClick={() => setEditing(true)}>
            {t("meetings.agenda.edit")}
          </button>
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="remove-item" />
            <input type="hidden" name="itemId" value={item.id} />
            <button type="submit" className="button link" aria-label={`${t("meetings.agenda.remove")}: ${item.title}`}>
              {t("meetings.agenda.remove")}
            </button>
          </fetcher.Form>
        </div>
      </div>
    );
  }
  return (
    <AppForm form={form} intent="update-item" fetcher={fetcher}>
      <input type="hidden" name="itemId" value={item.id} />
      <ItemFields fields={fields} />
      <div className="row">
        <button type="submit" className="button">
          {t("meetings.agenda.save")}
        </button>
        <button type="button" className="button secondary" onClick={() => setEditing(false)}>
          {t("meetings.agenda.cancel")}
        </button>
      </div>
    </AppForm>
  );
}

function AddItem({ sittingId }: { sittingId: string }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `add-item-${sittingId}`,
    lastResult: actionData?.intent === "add-item" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="card" aria-labelledby="add-item-heading">
      <h2 id="add-item-heading">{t("meetings.agenda.add")}</h2>
      <AppForm form={form} intent="add-item">
        <ItemFields fields={fields} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("meetings.agenda.add")}
        </button>
      </AppForm>
    </section>
  );
}

function ItemFields({ fields }: { fields: Record<string, FieldMetadata<any>> }) {
  const { t } = useTranslation();
  const f = fields as Record<"title" | "presenter" | "plannedMinutes" | "description", FieldMetadata<any>>;
  return (
    <div className="form-grid">
      <InputField label={t("meetings.agenda.itemTitle")} meta={f.title} />
      <InputField label={t("meetings.agenda.presenter")} meta={f.presenter} />
      <InputField label={t("meetings.agenda.plannedMinutes")} meta={f.plannedMinutes} type="number" />
      <InputField label={t("meetings.agenda.description")} meta={f.description} />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
