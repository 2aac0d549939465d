import {
  FormProvider,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useField,
  useFormMetadata,
  type FieldMetadata,
  type FormMetadata,
} from "@conform-to/react";
import { Form } from "@remix-run/react";
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

/**
 * A Conform form posted through Remix. Fields inside read their state with `useField` (through the provider):
 * Conform re-renders only what subscribed, so metadata passed down as props would show stale errors.
 */
export function AppForm({
  form,
  intent,
  className,
  fetcher,
  children,
}: {
  form: FormMetadata<any, string[]>;
  intent?: string;
  className?: string;
  /** Submit through this fetcher (no navigation), e.g. for forms repeated in a list. */
  fetcher?: { Form: typeof Form };
  children: ReactNode;
}) {
  const FormComponent = fetcher?.Form ?? Form;
  return (
    <FormProvider context={form.context}>
      <FormComponent method="post" className={className} {...getFormProps(form)}>
        {intent ? <input type="hidden" name="intent" value={intent} /> : null}
        <FormLevelErrors formId={form.id} />
        {children}
      </FormComponent>
    </FormProvider>
  );
}

function FormLevelErrors({ formId }: { formId: string }) {
  const form = useFormMetadata(formId);
  return <FormErrors id={form.errorId} errors={form.errors} />;
}

type InputType = "text" | "password" | "email" | "date" | "time" | "datetime-local" | "number" | "search";

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
  const [field] = useField(meta.name, { formId: meta.formId });
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input {...getInputProps(field, { type, ariaDescribedBy: hintId })} {...rest} />
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
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
  const [field] = useField(meta.name, { formId: meta.formId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select {...getSelectProps(field)}>
        {children}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextareaField({ label, meta, hint, rows = 3 }: { label: string; meta: FieldMetadata<any>; hint?: string; rows?: number }) {
  const [field] = useField(meta.name, { formId: meta.formId });
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <textarea {...getTextareaProps(field, { ariaDescribedBy: hintId })} rows={rows} />
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
