import { NextResponse } from "next/server";

/**
 * Machine clients of /api/v1 (ERP, LIMS, the co-op's milk-pricing system, agents) authenticate with
 * a bearer token from A2A_API_KEYS: "name:token:scope1|scope2,name2:token2:scope".
 */
type ApiClient = { name: string; token: string; scopes: Set<string> };

function loadClients(): ApiClient[] {
  return (process.env.A2A_API_KEYS ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, token, scopes = ""] = entry.split(":");
      return { name, token, scopes: new Set(scopes.split("|").filter(Boolean)) };
    });
}

export type ApiAuth = { ok: true; client: string } | { ok: false; response: NextResponse };

export function requireApiKey(request: Request, scope: string): ApiAuth {
  const header = request.headers.get("authorization") ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7) : null;
  if (!token) {
    return { ok: false, response: NextResponse.json({ error: "missing bearer token" }, { status: 401 }) };
  }
  const client = loadClients().find((c) => c.token === token);
  if (!client) {
    return { ok: false, response: NextResponse.json({ error: "invalid token" }, { status: 401 }) };
  }
  if (!client.scopes.has(scope) && !client.scopes.has("*")) {
    return { ok: false, response: NextResponse.json({ error: `token lacks scope ${scope}` }, { status: 403 }) };
  }
  return { ok: true, client: client.name };
}
