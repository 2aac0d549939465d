import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { bodyKinds, bodyRoles } from "#db/schema";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { bodyFields, isoDate, leadTimeFields } from "~/components/body-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppForm, FormErrors, InputField, SelectField } from "~/components/forms";
import { useLocale } from "~/components/use-user";
import { errorReply, invalidReply } from "~/forms.server";
import { formatDate, toVnIsoDate, vnDayEndExclusive, vnDayStart } from "~/i18n/format";
import { throwHttp } from "~/http-errors.server";
import {
  addMembership,
  createTerm,
  endMembership,
  getBody,
  listBodies,
  listMemberships,
  listTerms,
  updateBody,
} from "~/models/body.server";
import { getUser, listUsers } from "~/models/user.server";
import { toastHeaders } from "~/toast.server";

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update-body"), ...bodyFields, ...leadTimeFields }),
  z.object({
    intent: z.literal("add-term"),
    name: bodyFields.name,
    startsOn: isoDate,
    endsOn: isoDate.optional(),
  }),
  z.object({
    intent: z.literal("add-member"),
    userId: z.string({ error: "validation.choose" }).min(1, "validation.choose"),
    role: z.enum(bodyRoles, { error: "validation.choose" }),
    title: z.string().trim().max(120, "validation.tooLong").optional(),
    termId: z.string().optional(),
    startsOn: isoDate,
    endsOn: isoDate.optional(),
  }),
  z.object({ intent: z.literal("end-member"), membershipId: z.string().min(1), lastDay: isoDate }),
]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requirePermission(context, request, "manage:body:any");
  const body = throwHttp(() => getBody(params.bodyId ?? ""));
  const council = body.kind === "council" ? body : body.parentId ? getBody(body.parentId) : null;
  return {
    body,
    bodies: listBodies().filter((b) => b.kind === "council" && b.id !== body.id),
    terms: council ? listTerms(council.id) : [],
    memberships: listMemberships(body.id),
    users: listUsers({ status: "active" }).map((u) => ({ id: u.id, fullName: u.fullName, position: u.position })),
    today: toVnIsoDate(new Date()),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requirePermission(context, request, "manage:body:any");
  const bodyId = params.bodyId ?? "";
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return invalidReply(submission, { intent: String(submission.payload.intent ?? "") });
  const actor = actorFrom(context);
  const value = submission.value;
  const back = async (message: string, params?: Record<string, string>) =>
    redirect(`/admin/bodies/${bodyId}`, { headers: await toastHeaders({ kind: "success", message, params }) });
  try {
    switch (value.intent) {
      case "update-body": {
        const { intent: _, ...input } = value;
        updateBody({ actor, bodyId, input });
        return back("admin.bodies.saved");
      }
      case "add-term": {
        const body = getBody(bodyId);
        createTerm({
          actor,
          input: {
            bodyId: body.kind === "council" || !body.parentId ? body.id : body.parentId,
            name: value.name,
            startsAt: vnDayStart(value.startsOn),
            endsAt: value.endsOn ? vnDayEndExclusive(value.endsOn) : null,
          },
        });
        return back("admin.bodies.termCreated", { name: value.name });
      }
      case "add-member": {
        addMembership({
          actor,
          input: {
            bodyId,
            userId: value.userId,
            role: value.role,
            title: value.title,
            termId: value.termId || null,
            startsAt: vnDayStart(value.startsOn),
            endsAt: value.endsOn ? vnDayEndExclusive(value.endsOn) : null,
          },
        });
        return back("admin.bodies.memberAdded", { name: getUser(value.userId).fullName, body: getBody(bodyId).name });
      }
      case "end-member": {
        endMembership({ actor, membershipId: value.membershipId, endsAt: vnDayEndExclusive(value.lastDay) });
        return back("admin.bodies.membershipEnded");
      }
    }
  } catch (error) {
    return errorReply(submission, error, context.locale, { intent: value.intent as string });
  }
}

export default function BodyPage() {
  const { body, bodies, terms, memberships, users, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const validate = ({ formData }: { formData: FormData }) => parseWithZod(formData, { schema });

  const [bodyForm, bodyFieldsMeta] = useForm({
    id: "update-body",
    lastResult: resultFor("update-body"),
    defaultValue: {
      name: body.name,
      shortName: body.shortName ?? "",
      kind: body.kind,
      parentId: body.parentId ?? "",
      invitationLeadDays: String(body.invitationLeadDays),
      documentLeadDays: String(body.documentLeadDays),
      leadDaysAreWorkingDays: body.leadDaysAreWorkingDays ? "on" : "",
    },
    onValidate: validate,
    shouldValidate: "onSubmit", shouldRevalidate: "onInput",
  });
  const [termForm, termFields] = useForm({ id: "add-term", lastResult: resultFor("add-term"), onValidate: validate, shouldValidate: "onSubmit", shouldRevalidate: "onInput" });
  const [memberForm, memberFields] = useForm({
    id: "add-member",
    lastResult: resultFor("add-member"),
    defaultValue: { role: "member", startsOn: today, termId: terms.at(-1)?.id ?? "" },
    onValidate: validate,
    shouldValidate: "onSubmit", shouldRevalidate: "onInput",
  });
  const now = Date.now();
  const inOffice = (m: (typeof memberships)[number]) =>
    new Date(m.startsAt).getTime() <= now && (!m.endsAt || new Date(m.endsAt).getTime() > now);
  const endErrors = actionData?.intent === "end-member" ? actionData.result.error?.[""] : undefined;

  return (
    <>
      <div className="page-header">
        <div>
          <p className="muted breadcrumb">
            <Link to="/admin/bodies">{t("admin.bodies.title")}</Link>
          </p>
          <h1>{body.name}</h1>
          <p className="muted">
            {t(`bodyKinds.${body.kind}`)} · {t("admin.bodies.membersInOffice", { count: memberships.filter(inOffice).filter((m) => m.role !== "secretary").length })}
          </p>
        </div>
      </div>

      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">{t("admin.bodies.members")}</h2>
        <FormErrors errors={endErrors} />
        {memberships.length === 0 ? (
          <p className="muted">{t("admin.bodies.noMembers")}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="memberships">
              <thead>
                <tr>
                  <th scope="col">{t("admin.bodies.member")}</th>
                  <th scope="col">{t("admin.bodies.memberTitle")}</th>
                  <th scope="col">{t("admin.bodies.startsOn")}</th>
                  <th scope="col">{t("admin.bodies.endsOn")}</th>
                  <th scope="col">{t("admin.users.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {memberships.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/admin/users/${m.userId}`}>{m.fullName}</Link>
                      <div className="muted">{m.position}</div>
                    </td>
                    <td>{m.title ?? t(`bodyRoles.${m.role}`)}</td>
                    <td>{formatDate(new Date(m.startsAt), locale)}</td>
                    <td>
                      {m.endsAt ? formatDate(new Date(new Date(m.endsAt).getTime() - 1), locale) : ""}{" "}
                      {inOffice(m) ? (
                        <span className="badge success">{t("admin.bodies.inOffice")}</span>
                      ) : (
                        <span className="badge">{t("admin.bodies.ended")}</span>
                      )}
                    </td>
                    <td>
                      {!m.endsAt ? (
                        <Form method="post" className="row">
                          <input type="hidden" name="intent" value="end-member" />
                          <input type="hidden" name="membershipId" value={m.id} />
                          <label className="visually-hidden" htmlFor={`last-day-${m.id}`}>
                            {t("admin.bodies.lastDay")} — {m.fullName}
                          </label>
                          <input id={`last-day-${m.id}`} type="date" name="lastDay" defaultValue={today} required />
                          <button type="submit" className="button secondary" disabled={busy}>
                            {t("admin.bodies.endMembership")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="grid">
        <section className="card" aria-labelledby="add-member-heading">
          <h2 id="add-member-heading">{t("admin.bodies.addMember")}</h2>
          <AppForm form={memberForm} intent="add-member">
            <SelectField label={t("admin.bodies.member")} meta={memberFields.userId}>
              <option value="">{t("admin.bodies.chooseUser")}</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.fullName}
                  {u.position ? ` — ${u.position}` : ""}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("admin.bodies.bodyRole")} meta={memberFields.role}>
              {bodyRoles.map((role) => (
                <option key={role} value={role}>
                  {t(`bodyRoles.${role}`)}
                </option>
              ))}
            </SelectField>
            <InputField label={t("admin.bodies.memberTitle")} meta={memberFields.title} />
            {terms.length ? (
              <SelectField label={t("admin.bodies.term")} meta={memberFields.termId}>
                <option value="">—</option>
                {terms.map((term) => (
                  <option key={term.id} value={term.id}>
                    {term.name}
                  </option>
                ))}
              </SelectField>
            ) : null}
            <InputField label={t("admin.bodies.startsOn")} meta={memberFields.startsOn} type="date" />
            <InputField label={t("admin.bodies.endsOn")} meta={memberFields.endsOn} type="date" hint={t("admin.bodies.endsOnHint")} />
            <button type="submit" className="button" disabled={busy}>
              {t("admin.bodies.addMember")}
            </button>
          </AppForm>
        </section>

        <section className="card" aria-labelledby="terms-heading">
          <h2 id="terms-heading">{t("admin.bodies.terms")}</h2>
          {terms.length === 0 ? (
            <p className="muted">{t("admin.bodies.noTerms")}</p>
          ) : (
            <ul className="list">
              {terms.map((term) => (
                <li key={term.id}>
                  <strong>{term.name}</strong>
                  <div className="muted">
                    {formatDate(new Date(term.startsAt), locale)}
                    {term.endsAt ? ` – ${formatDate(new Date(new Date(term.endsAt).getTime() - 1), locale)}` : ""}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <AppForm form={termForm} intent="add-term">
            <InputField label={t("admin.bodies.termName")} meta={termFields.name} />
            <InputField label={t("admin.bodies.termStartsOn")} meta={termFields.startsOn} type="date" />
            <InputField label={t("admin.bodies.termEndsOn")} meta={termFields.endsOn} type="date" />
            <button type="submit" className="button secondary" disabled={busy}>
              {t("admin.bodies.addTerm")}
            </button>
          </AppForm>
        </section>

        <section className="card" aria-labelledby="edit-body-heading">
          <h2 id="edit-body-heading">{t("admin.bodies.edit")}</h2>
          <AppForm form={bodyForm} intent="update-body">
            <InputField label={t("admin.bodies.name")} meta={bodyFieldsMeta.name} />
            <InputField label={t("admin.bodies.shortName")} meta={bodyFieldsMeta.shortName} />
            <SelectField label={t("admin.bodies.kind")} meta={bodyFieldsMeta.kind}>
              {bodyKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`bodyKinds.${kind}`)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("admin.bodies.parent")} meta={bodyFieldsMeta.parentId}>
              <option value="">{t("admin.bodies.noParent")}</option>
              {bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </SelectField>
            <InputField label={t("admin.bodies.invitationLeadDays")} meta={bodyFieldsMeta.invitationLeadDays} type="number" />
            <InputField label={t("admin.bodies.documentLeadDays")} meta={bodyFieldsMeta.documentLeadDays} type="number" />
            <label className="choice">
              <input type="checkbox" name="leadDaysAreWorkingDays" defaultChecked={body.leadDaysAreWorkingDays} />
              {t("admin.bodies.workingDays")}
            </label>
            <button type="submit" className="button secondary" disabled={busy}>
              {t("admin.bodies.save")}
            </button>
          </AppForm>
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
