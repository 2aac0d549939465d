import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { bodyKinds } from "#db/schema";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { bodyFields } from "~/components/body-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm, InputField, SelectField } from "~/components/forms";
import { errorReply, invalidReply } from "~/forms.server";
import { createBody, listBodiesWithSeats } from "~/models/body.server";
import { toastHeaders } from "~/toast.server";

const schema = z.object(bodyFields);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(context, request, "manage:body:any");
  return { bodies: listBodiesWithSeats(new Date()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(context, request, "manage:body:any");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return invalidReply(submission);
  try {
    const bodyId = createBody({ actor: actorFrom(context), input: submission.value });
    return redirect(`/admin/bodies/${bodyId}`, {
      headers: await toastHeaders({ kind: "success", message: "admin.bodies.created", params: { name: submission.value.name } }),
    });
  } catch (error) {
    return errorReply(submission, error, context.locale);
  }
}

export default function BodiesPage() {
  const { bodies } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-body",
    lastResult: useActionData<typeof action>()?.result,
    defaultValue: { kind: "committee", parentId: bodies.find((b) => b.kind === "council")?.id ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit", shouldRevalidate: "onInput",
  });
  return (
    <>
      <h1>{t("admin.bodies.title")}</h1>
      <div className="table-wrap card">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.bodies.name")}</th>
              <th scope="col">{t("admin.bodies.kind")}</th>
              <th scope="col">{t("admin.bodies.members")}</th>
            </tr>
          </thead>
          <tbody>
            {bodies.map((body) => (
              <tr key={body.id}>
                <td>
                  <Link to={`/admin/bodies/${body.id}`}>{body.name}</Link>
                  {body.shortName ? <span className="muted"> ({body.shortName})</span> : null}
                </td>
                <td>{t(`bodyKinds.${body.kind}`)}</td>
                <td>{t("admin.bodies.membersInOffice", { count: body.seats })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="new-body-heading">
        <h2 id="new-body-heading">{t("admin.bodies.new")}</h2>
        <AppForm form={form}>
          <div className="form-grid">
            <InputField label={t("admin.bodies.name")} meta={fields.name} />
            <InputField label={t("admin.bodies.shortName")} meta={fields.shortName} />
            <SelectField label={t("admin.bodies.kind")} meta={fields.kind}>
              {bodyKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`bodyKinds.${kind}`)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("admin.bodies.parent")} meta={fields.parentId}>
              <option value="">{t("admin.bodies.noParent")}</option>
              {bodies
                .filter((b) => b.kind === "council")
                .map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
            </SelectField>
          </div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("admin.bodies.create")}
          </button>
        </AppForm>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
