"use client";

import { useActionState } from "react";
import type { Role } from "@/lib/auth/users";
import type { RoleFormState } from "../actions";

type Props = { action: (prev: RoleFormState, formData: FormData) => Promise<RoleFormState>; username: string; role: Role };

export function RoleForm({ action, username, role }: Props) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  const current = state.ok && state.values?.role ? state.values.role : role;
  const selectId = `role-${username}`;
  return (
    <form action={formAction} className="role-form">
      <label htmlFor={selectId} className="sr-only">
        Role of {username}
      </label>
      <select id={selectId} name="role" defaultValue={current} key={current}>
        <option value="voter">Voter</option>
        <option value="admin">Admin</option>
      </select>
      <button type="submit" className="button small secondary" disabled={pending}>
        Save<span className="sr-only"> role of {username}</span>
      </button>
      {state.message && (
        <span className={state.ok ? "inline-status success" : "inline-status error"} role={state.ok ? "status" : "alert"}>
          {state.message}
        </span>
      )}
    </form>
  );
}
