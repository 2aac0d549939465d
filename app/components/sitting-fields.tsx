import { useField, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorList, InputField, SelectField } from "~/components/forms";

type Person = { id: string; fullName: string; role: string };

/** The fields a sitting has, shared by "new sitting" and "edit sitting". */
export function SittingFields({
  fields,
  people,
}: {
  fields: Record<"title" | "date" | "startTime" | "endTime" | "place" | "chairId" | "secretaryId" | "closed", FieldMetadata<any>>;
  people: Person[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="form-grid">
        <InputField label={t("meetings.fields.sittingTitle")} meta={fields.title} />
        <InputField label={t("meetings.fields.place")} meta={fields.place} />
        <InputField label={t("meetings.fields.date")} meta={fields.date} type="date" />
        <InputField label={t("meetings.fields.startTime")} meta={fields.startTime} type="time" />
        <InputField label={t("meetings.fields.endTime")} meta={fields.endTime} type="time" />
        <SelectField label={t("meetings.fields.chair")} meta={fields.chairId}>
          <option value="">{t("meetings.fields.none")}</option>
          {people
            .filter((p) => p.role === "chair" || p.role === "delegate")
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.fullName}
              </option>
            ))}
        </SelectField>
        <SelectField label={t("meetings.fields.secretary")} meta={fields.secretaryId}>
          <option value="">{t("meetings.fields.none")}</option>
          {people
            .filter((p) => p.role === "secretary" || p.role === "delegate")
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.fullName}
              </option>
            ))}
        </SelectField>
      </div>
      <ClosedCheckbox meta={fields.closed} />
    </>
  );
}

function ClosedCheckbox({ meta }: { meta: FieldMetadata<any> }) {
  const { t } = useTranslation();
  const [field] = useField(meta.name, { formId: meta.formId });
  return (
    <div className="field">
      <label className="choice" htmlFor={field.id}>
        <input type="checkbox" id={field.id} name={field.name} form={field.formId} defaultChecked={field.initialValue === "on" || field.initialValue === "true"} aria-describedby={`${field.id}-hint`} />
        {t("meetings.fields.closed")}
      </label>
      <span className="hint" id={`${field.id}-hint`}>
        {t("meetings.fields.closedHint")}
      </span>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
