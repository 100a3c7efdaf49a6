import type { ZodError } from "zod";

/** Shape every server action returns to `useActionState`. */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
};

export const initialActionState: ActionState = { ok: false };

export function invalid(error: ZodError): ActionState {
  return {
    ok: false,
    message: "Please correct the highlighted fields.",
    fieldErrors: error.flatten().fieldErrors as Record<string, string[] | undefined>,
  };
}

export function failed(err: unknown, fallback = "Something went wrong, nothing was saved."): ActionState {
  console.error(err);
  if (err instanceof Error && /duplicate key/.test(err.message)) {
    return { ok: false, message: "A record with that number already exists." };
  }
  return { ok: false, message: fallback };
}
