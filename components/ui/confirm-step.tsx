// The page between a destructive button and the deed: what goes, the form that does it, and a way out.
// The form is the caller's (a plain post, so the step needs no JavaScript and no dialog).
import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "./card";

type Props = { title: ReactNode; children: ReactNode; form: ReactNode; cancelHref: string; cancelLabel: string };

export function ConfirmStep({ title, children, form, cancelHref, cancelLabel }: Props) {
  return (
    <Card tone="danger" className="grid gap-4">
      <h1>{title}</h1>
      <div className="grid gap-2">{children}</div>
      {form}
      <p>
        <Link href={cancelHref}>{cancelLabel}</Link>
      </p>
    </Card>
  );
}
