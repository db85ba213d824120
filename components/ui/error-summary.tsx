"use client";

// The box at the top of a refused form: what went wrong and links to each field. It is in the server's HTML (so a
// reader without JavaScript meets it first); with JavaScript, focus moves to it each time the form is refused.
import { useEffect, useRef } from "react";

type Props = { title: string; errors?: { id: string; message: string }[]; children?: React.ReactNode };

export function ErrorSummary({ title, errors = [], children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // On mount only: a form renders a new summary (keyed on its answer) for each refusal, not on each keystroke.
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      data-testid="error-summary"
      className="rounded-lg border border-red-200 bg-danger-soft px-4 py-3 text-danger focus-visible:outline-danger"
    >
      <p className="font-semibold">
        {title}
      </p>
      {errors.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {errors.map((error) => (
            <li key={error.id}>
              <a href={`#${error.id}`} className="text-danger underline">
                {error.message}
              </a>
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
