"use client";

import { useActionState } from "react";
import { rejectCollectionAction } from "@/app/(dashboard)/intake/actions";
import { initialActionState } from "@/lib/action-result";
import { Input } from "@/components/ui/input";
import { Button } from "@/components/ui/button";

export function RejectCollectionForm({ id }: { id: string }) {
  const [state, formAction, pending] = useActionState(rejectCollectionAction, initialActionState);
  if (state.ok) return <span className="text-xs text-red-700">rejected</span>;
  return (
    <form action={formAction} className="flex gap-1">
      <input type="hidden" name="id" value={id} />
      <Input name="reason" placeholder="Reason" className="h-7 w-40 text-xs" required />
      <Button type="submit" variant="destructive" className="h-7 px-2 text-xs" disabled={pending}>
        Reject
      </Button>
    </form>
  );
}
