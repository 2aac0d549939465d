import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm } from "~/components/forms";
import { sittingFields } from "~/components/meeting-forms";
import { SittingFields } from "~/components/sitting-fields";
import { errorReply, invalidReply } from "~/forms.server";
import { throwHttp } from "~/http-errors.server";
import { toVnIsoDate, toVnTime, vnDateTime } from "~/i18n/format";
import { getSittingForReader, updateSitting } from "~/models/sitting.server";
import { listUsers } from "~/models/user.server";
import { pushNotifications } from "~/realtime/broadcast.server";
import { announceSittingChange } from "~/realtime/sitting-broadcast.server";
import { toastHeaders } from "~/toast.server";

const schema = z.object(sittingFields);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requirePermission(context, request, "manage:sitting:any");
  const sitting = throwHttp(() => getSittingForReader({ sittingId: params.sittingId ?? "", reader: user }));
  return { sitting, people: listUsers({ status: "active" }).map((u) => ({ id: u.id, fullName: u.fullName, role: u.role })) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requirePermission(context, request, "manage:sitting:any");
  const sittingId = params.sittingId ?? "";
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return invalidReply(submission);
  const { date, startTime, endTime, ...rest } = submission.value;
  try {
    const { notifications } = updateSitting({
      actor: actorFrom(context),
      reader: user,
      sittingId,
      input: { ...rest, startsAt: vnDateTime(date, startTime), endsAt: endTime ? vnDateTime(date, endTime) : null },
    });
    pushNotifications(notifications);
    announceSittingChange(sittingId, "details");
    return redirect(`/sittings/${sittingId}`, { headers: await toastHeaders({ kind: "success", message: "meetings.saved" }) });
  } catch (error) {
    return errorReply(submission, error, context.locale);
  }
}

export default function EditSitting() {
  const { sitting, people } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const startsAt = new Date(sitting.startsAt);
  const [form, fields] = useForm({
    id: "edit-sitting",
    lastResult: useActionData<typeof action>()?.result,
    defaultValue: {
      title: sitting.title,
      date: toVnIsoDate(startsAt),
      startTime: toVnTime(startsAt),
      endTime: sitting.endsAt ? toVnTime(new Date(sitting.endsAt)) : "",
      place: sitting.place ?? "",
      chairId: sitting.chairId ?? "",
      secretaryId: sitting.secretaryId ?? "",
      closed: sitting.closed ? "on" : "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="card">
      <h2>{t("meetings.tabs.edit")}</h2>
      <AppForm form={form}>
        <SittingFields fields={fields} people={people} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("meetings.save")}
        </button>
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
