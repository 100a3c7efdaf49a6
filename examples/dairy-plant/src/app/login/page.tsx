import { LoginForm } from "@/components/auth/login-form";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4">
      <div>
        <h1 className="text-xl font-semibold">Plant Ops</h1>
        <p className="text-sm text-slate-500">Glenmore Creamery · sign in with your work account</p>
      </div>
      <LoginForm next={next} />
    </main>
  );
}
