// One way to ask before something that cannot be undone (issue #10: "the chair cannot trip"): ending a sitting,
// publishing, opening a poll without quorum, closing or cancelling a poll. A native modal <dialog> (labelled, focus on
// the safe choice, Escape cancels) that a double tap cannot pass:
// - its buttons are never where the trigger was (the dialog moves to the other half of the screen if they would be);
// - the confirm button takes no activation for a moment after the dialog opens (it is disabled, so it looks so), nor
//   the click of a pointer that went down before it opened.
// In a form (`submit`), the trigger is the form's submit button, so the form still posts without JavaScript; with it,
// the trigger checks the form and asks, and the dialog's confirm button submits the form.
import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** How long the confirm button ignores activation after the dialog opens. */
export const confirmGuardMs = 600;

type ConfirmButtonProps = {
  /** The trigger's text. */
  children: ReactNode;
  /** The dialog's heading: a question ("Bế mạc phiên họp?"). */
  title: string;
  /** What will happen, in a sentence or two. */
  description?: ReactNode;
  /** The confirm button's text; distinct from the trigger's, so each is found by its own name. */
  confirmLabel: string;
  cancelLabel?: string;
  /** Runs on confirmation (not with `submit`). The trigger stays disabled while the promise runs. */
  onConfirm?: () => unknown;
  /** The trigger submits its form; confirming submits it. */
  submit?: boolean;
  className?: string;
  disabled?: boolean;
  /** Styles the confirm button as dangerous. */
  danger?: boolean;
  "aria-label"?: string;
  "data-testid"?: string;
  /** Data attributes for the trigger. */
  triggerData?: Record<`data-${string}`, string>;
};

export function ConfirmButton({
  children,
  title,
  description,
  confirmLabel,
  cancelLabel,
  onConfirm,
  submit = false,
  className = "button",
  disabled = false,
  danger = false,
  triggerData,
  ...rest
}: ConfirmButtonProps) {
  const { t } = useTranslation();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const actions = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const openedAt = useRef(0);
  // A pointer went down on the confirm button since the dialog opened (a click needs one, unless from the keyboard).
  const pressedSinceOpen = useRef(false);
  const [open, setOpen] = useState(false);
  const [armed, setArmed] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => setArmed(true), confirmGuardMs);
    return () => clearTimeout(timer);
  }, [open]);

  function show(event: MouseEvent<HTMLButtonElement>) {
    if (submit) {
      // Without JavaScript this button posts the form; with it, the form is checked first and then the dialog asks.
      event.preventDefault();
      const form = event.currentTarget.form;
      if (form && !form.reportValidity()) return;
    }
    const box = dialog.current;
    if (!box || box.open) return;
    openedAt.current = performance.now();
    pressedSinceOpen.current = false;
    setArmed(false);
    box.style.marginTop = "";
    box.style.marginBottom = "";
    box.showModal();
    keepAwayFrom(box, actions.current, event.currentTarget.getBoundingClientRect());
    cancel.current?.focus();
    setOpen(true);
  }

  function close() {
    dialog.current?.close();
  }

  function onConfirmClick(event: MouseEvent<HTMLButtonElement>) {
    const tooSoon = performance.now() - openedAt.current < confirmGuardMs;
    // `detail` is 0 for a click made with the keyboard; a pointer's click must have gone down here, after opening.
    const strayPointer = event.detail > 0 && !pressedSinceOpen.current;
    if (!armed || tooSoon || strayPointer) {
      event.preventDefault();
      return;
    }
    close();
    if (submit) return; // the button's default action submits the form
    const result = onConfirm?.();
    if (result instanceof Promise) {
      setBusy(true);
      result.finally(() => setBusy(false));
    }
  }

  return (
    <>
      <button
        ref={trigger}
        type={submit ? "submit" : "button"}
        className={className}
        disabled={disabled || busy}
        aria-haspopup="dialog"
        onClick={show}
        aria-label={rest["aria-label"]}
        data-testid={rest["data-testid"]}
        {...triggerData}
      >
        {children}
      </button>
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-description` : undefined}
        data-testid="confirm-dialog"
        onClose={() => {
          setOpen(false);
          setArmed(false);
          // Back to where the user was, if it is still there.
          if (trigger.current?.isConnected) trigger.current.focus();
        }}
        onMouseDown={(event) => {
          // A tap on the backdrop (a double tap's second, say) leaves the focus on the safe choice.
          if (event.target === event.currentTarget) event.preventDefault();
        }}
        onClick={(event) => {
          // A click on the backdrop (the dialog itself, outside its box) cancels, once the guard has passed.
          if (event.target !== event.currentTarget || !armed) return;
          const r = event.currentTarget.getBoundingClientRect();
          const inside = event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom;
          if (!inside) close();
        }}
      >
        <h2 id={`${id}-title`} className="confirm-title">
          {title}
        </h2>
        {description ? (
          <div id={`${id}-description`} className="confirm-description">
            {description}
          </div>
        ) : null}
        <div className="confirm-actions" ref={actions}>
          <button ref={cancel} type="button" className="button secondary" onClick={close}>
            {cancelLabel ?? t("confirm.back")}
          </button>
          <button
            type={submit ? "submit" : "button"}
            className={`button${danger ? " danger" : ""}`}
            disabled={!open || !armed}
            onPointerDown={() => {
              pressedSinceOpen.current = true;
            }}
            onClick={onConfirmClick}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}

/**
 * If the dialog's buttons would sit over the trigger (where a second tap lands), the dialog goes to the other half of
 * the screen: to the top when the trigger is in the lower half, to the bottom otherwise.
 */
function keepAwayFrom(box: HTMLDialogElement, buttons: HTMLElement | null, trigger: DOMRect) {
  if (!buttons) return;
  const margin = 16;
  const overlaps = () => {
    const r = buttons.getBoundingClientRect();
    return r.left < trigger.right + margin && r.right > trigger.left - margin && r.top < trigger.bottom + margin && r.bottom > trigger.top - margin;
  };
  if (!overlaps()) return;
  const triggerLow = trigger.top + trigger.height / 2 > window.innerHeight / 2;
  box.style.marginTop = triggerLow ? `${margin}px` : "auto";
  box.style.marginBottom = triggerLow ? "auto" : `${margin}px`;
}
