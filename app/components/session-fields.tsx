import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { sessionKinds } from "#db/schema";
import { InputField, SelectField } from "~/components/forms";

type Named = { id: string; name: string };

/** The fields of a session (kỳ họp), shared by "new session" and "edit session". */
export function SessionFields({ fields, bodies, terms }: { fields: Record<string, FieldMetadata<any>>; bodies: Named[]; terms: Named[] }) {
  const { t } = useTranslation();
  return (
    <div className="form-grid">
      <SelectField label={t("meetings.fields.body")} meta={fields.bodyId}>
        {bodies.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("meetings.fields.term")} meta={fields.termId}>
        <option value="">{t("meetings.fields.none")}</option>
        {terms.map((term) => (
          <option key={term.id} value={term.id}>
            {term.name}
          </option>
        ))}
      </SelectField>
      <InputField label={t("meetings.fields.number")} meta={fields.number} type="number" />
      <SelectField label={t("meetings.fields.kind")} meta={fields.kind}>
        {sessionKinds.map((k) => (
          <option key={k} value={k}>
            {t(`meetings.kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      <InputField label={t("meetings.fields.sessionTitle")} meta={fields.title} />
      <InputField label={t("meetings.fields.place")} meta={fields.place} />
      <InputField label={t("meetings.fields.startsOn")} meta={fields.startsOn} type="date" />
      <InputField label={t("meetings.fields.endsOn")} meta={fields.endsOn} type="date" />
    </div>
  );
}
