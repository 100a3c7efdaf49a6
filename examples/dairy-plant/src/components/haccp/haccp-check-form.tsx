"use client";

import { useActionState, useState } from "react";
import { recordHaccpCheckAction } from "@/app/(dashboard)/haccp/actions";
import { initialActionState } from "@/lib/action-result";
import { Input, Label, Select } from "@/components/ui/input";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form-bits";

const CCP_LABELS = {
  "CCP1-pasteurisation": "CCP1 · Pasteurisation hold temperature (°C)",
  "CCP2-metal-detection": "CCP2 · Metal detector test pieces (1 = all rejected)",
  "CCP3-cold-storage": "CCP3 · Cold store temperature (°C)",
} as const;

export function HaccpCheckForm() {
  const [state, formAction] = useActionState(recordHaccpCheckAction, initialActionState);
  const [ccp, setCcp] = useState<keyof typeof CCP_LABELS>("CCP1-pasteurisation");
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Record HACCP check">
      <div className="flex flex-col gap-1">
        <Label htmlFor="ccp">Control point</Label>
        <Select id="ccp" name="ccp" value={ccp} onChange={(e) => setCcp(e.target.value as keyof typeof CCP_LABELS)}>
          {Object.entries(CCP_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="measuredValue">Measured</Label>
        <Input id="measuredValue" name="measuredValue" type="number" step="0.1" required />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="correctiveAction">Corrective action (if out of limit)</Label>
        <Input id="correctiveAction" name="correctiveAction" />
        <FieldError state={state} name="correctiveAction" />
      </div>
      <FormMessage state={state} />
      <SubmitButton>Record check</SubmitButton>
    </form>
  );
}
