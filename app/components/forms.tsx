import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Error messages are i18n keys (zod schemas) or sentences already translated on the server (domain errors). */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { t, i18n } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="errors">
      {errors.map((error) => (
        <li key={error}>{i18n.exists(error) ? t(error) : error}</li>
      ))}
    </ul>
  );
}

export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div className="form-errors" role="alert" id={id}>
      <ErrorList errors={errors} />
    </div>
  );
}

type InputType = "text" | "password" | "email" | "date" | "datetime-local" | "number" | "search";

export function InputField({
  label,
  meta,
  type = "text",
  hint,
  ...rest
}: {
  label: string;
  meta: FieldMetadata<any>;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
  autoFocus?: boolean;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input
        {...getInputProps(meta, { type, ariaDescribedBy: hintId })}
        key={meta.key}
        {...rest}
      />
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  label,
  meta,
  children,
}: {
  label: string;
  meta: FieldMetadata<any>;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...getSelectProps(meta)} key={meta.key}>
        {children}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
