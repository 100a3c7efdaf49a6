import { signOut } from "@/app/login/actions";
import { Button } from "@/components/ui/button";

export function UserMenu({ email, role }: { email: string; role: string }) {
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="text-slate-600">
        {email} <span className="text-slate-400">({role})</span>
      </span>
      <form action={signOut}>
        <Button type="submit" variant="ghost">
          Sign out
        </Button>
      </form>
    </div>
  );
}
