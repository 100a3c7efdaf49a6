"use client";

import { useActionState } from "react";
import { signIn } from "@/app/login/actions";
import { initialActionState } from "@/lib/action-result";
import { Input, Label } from "@/components/ui/input";
import { FormMessage, SubmitButton } from "@/components/ui/form-bits";

export function LoginForm({ next }: { next?: string }) {
  const [state, formAction] = useActionState(signIn, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="next" value={next ?? "/intake"} />
      <div className="flex flex-col gap-1">
        <Label htmlFor="email">Work email</Label>
        <Input id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="password">Password</Label>
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
