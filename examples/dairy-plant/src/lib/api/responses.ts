import { NextResponse } from "next/server";
import type { ZodError } from "zod";

export function badRequest(error: ZodError) {
  return NextResponse.json({ error: "invalid request", issues: error.flatten() }, { status: 400 });
}

export function notFound(what: string) {
  return NextResponse.json({ error: `${what} not found` }, { status: 404 });
}

export function serverError(err: unknown) {
  console.error(err);
  return NextResponse.json({ error: "internal error" }, { status: 500 });
}

/** A page of results with an opaque cursor (ISO timestamp of the last row). */
export function page<T>(data: T[], limit: number, cursorOf: (row: T) => Date | string | null) {
  const last = data.length === limit ? data[data.length - 1] : undefined;
  const cursor = last ? cursorOf(last) : null;
  return NextResponse.json({
    data,
    next_cursor: cursor ? new Date(cursor).toISOString() : null,
  });
}
