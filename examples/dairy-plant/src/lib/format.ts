import { format, formatDistanceToNowStrict } from "date-fns";

const litres = new Intl.NumberFormat("en-IE", { maximumFractionDigits: 0 });

export function formatLitres(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  return `${litres.format(Number(value))} L`;
}

export function formatTemp(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  return `${Number(value).toFixed(1)} °C`;
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  return format(new Date(value), "dd MMM HH:mm");
}

export function formatAgo(value: Date | string | null | undefined): string {
  if (!value) return "never";
  return `${formatDistanceToNowStrict(new Date(value))} ago`;
}

export function fillPercent(volumeL: number, capacityL: number): number {
  if (capacityL <= 0) return 0;
  return Math.min(100, Math.round((volumeL / capacityL) * 1000) / 10);
}
