"use client";

import { useFormStatus } from "react-dom";
import type { ActionState } from "@/lib/action-result";
import { Button } from "./button";

export function SubmitButton({ children, pendingLabel = "Saving…" }: { children: React.ReactNode; pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending} aria-disabled={pending}>
      {pending ? pendingLabel : children}
    </Button>
  );
}

export function FieldError({ state, name }: { state: ActionState; name: string }) {
  const errors = state.fieldErrors?.[name];
  if (!errors?.length) return null;
  return (
    <p className="text-xs text-red-600" id={`${name}-error`}>
      {errors[0]}
    </p>
  );
}

export function FormMessage({ state }: { state: ActionState }) {
  if (!state.message) return null;
  return (
    <p role="status" className={state.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
      {state.message}
    </p>
  );
}
