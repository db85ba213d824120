"use client";

// "12/200" under a limited field, following what is typed. The server renders the count of the field's initial
// value; without JavaScript it stays there and the browser's maxlength still holds the limit.
import { useEffect, useState } from "react";
import { cx } from "./cx";

export function CharacterCount({ inputId, max, initial }: { inputId: string; max: number; initial: number }) {
  const [count, setCount] = useState(initial);
  useEffect(() => {
    const input = document.getElementById(inputId) as HTMLInputElement | HTMLTextAreaElement | null;
    if (!input) return;
    const update = () => setCount(input.value.length);
    update();
    input.addEventListener("input", update);
    // A form reset (React resets a form after its action) changes the value without an input event.
    const form = input.form;
    const afterReset = () => queueMicrotask(update);
    form?.addEventListener("reset", afterReset);
    return () => {
      input.removeEventListener("input", update);
      form?.removeEventListener("reset", afterReset);
    };
  }, [inputId]);
  return (
    <span aria-hidden="true" data-testid={`${inputId}-count`} className={cx("shrink-0 tabular-nums", count >= max && "font-semibold text-danger")}>
      {count}/{max}
    </span>
  );
}
