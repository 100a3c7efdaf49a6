/** Vercel Cron sends `Authorization: Bearer $CRON_SECRET`. */
export function verifyCronSecret(request: Request): boolean {
  const secret = process.env.CRON_SECRET;
  if (!secret) return false;
  return request.headers.get("authorization") === `Bearer ${secret}`;
}

export function unauthorized(): Response {
  return new Response("Unauthorized", { status: 401 });
}
