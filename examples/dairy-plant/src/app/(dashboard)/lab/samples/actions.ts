"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordSampleResult, registerSample } from "@/lib/data/lab-samples";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireRole } from "@/lib/auth";
import { sampleResultInput } from "@/lib/validation/lab";

const newSample = z.object({
  sampleCode: z.string().regex(/^S\d{2}-\d{4}-[A-Z0-9]+$/),
  source: z.enum(["collection", "silo", "product"]),
  collectionId: z.string().uuid().optional().or(z.literal("").transform(() => undefined)),
  sampledAt: z.coerce.date(),
});

export async function registerSampleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireRole("qa", "operator");
  const parsed = newSample.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await registerSample(parsed.data);
  } catch (err) {
    return failed(err);
  }
  revalidatePath("/lab/samples");
  return { ok: true, message: `Sample ${parsed.data.sampleCode} registered.` };
}

export async function recordResultAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const analyst = await requireRole("qa");
  const parsed = sampleResultInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const sample = await recordSampleResult(parsed.data, analyst.email);
    revalidatePath("/lab/samples");
    return sample?.status === "failed"
      ? { ok: true, message: `Sample ${sample.sampleCode} FAILED — notify the intake supervisor.` }
      : { ok: true, message: "Result saved." };
  } catch (err) {
    return failed(err);
  }
}
