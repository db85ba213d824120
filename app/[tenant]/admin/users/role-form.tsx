"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import type { Role } from "@/lib/auth/users";
import type { RoleFormState } from "../actions";

type Props = { action: (prev: RoleFormState, formData: FormData) => Promise<RoleFormState>; username: string; role: Role };

export function RoleForm({ action, username, role }: Props) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  const current = state.ok && state.values?.role ? state.values.role : role;
  const selectId = `role-${username}`;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <label htmlFor={selectId} className="sr-only">
        Role of {username}
      </label>
      <select id={selectId} name="role" defaultValue={current} key={current} className={`${controlClass} min-h-9 w-auto py-1`}>
        <option value="voter">Voter</option>
        <option value="admin">Admin</option>
      </select>
      <Button type="submit" variant="secondary" size="sm" disabled={pending}>
        Save<span className="sr-only"> role of {username}</span>
      </Button>
      {state.message && (
        <span className={state.ok ? "text-sm text-success" : "text-sm font-medium text-danger"} role={state.ok ? "status" : "alert"}>
          {state.message}
        </span>
      )}
    </form>
  );
}
