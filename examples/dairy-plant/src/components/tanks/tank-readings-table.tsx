"use client";

import useSWR from "swr";
import { formatDateTime, formatLitres, formatTemp } from "@/lib/format";

type Reading = {
  id: number;
  siloCode: string;
  readAt: string;
  volumeL: number;
  tempC: string;
  source: string;
};

const fetcher = (url: string) => fetch(url).then((r) => r.json() as Promise<{ data: Reading[] }>);

/** Live table: polls the readings endpoint every 30 s (PLC readings arrive every minute). */
export function TankReadingsTable() {
  const { data, error, isLoading } = useSWR("/api/tanks/readings", fetcher, { refreshInterval: 30_000 });
  if (error) return <p className="text-sm text-red-700">Could not load readings.</p>;
  if (isLoading || !data) return <p className="text-sm text-slate-500">Loading…</p>;
  return (
    <table className="data">
      <thead>
        <tr>
          <th>Silo</th>
          <th>Read at</th>
          <th className="text-right">Volume</th>
          <th className="text-right">Temp</th>
          <th>Source</th>
        </tr>
      </thead>
      <tbody>
        {data.data.map((r) => (
          <tr key={r.id}>
            <td>{r.siloCode}</td>
            <td>{formatDateTime(r.readAt)}</td>
            <td className="text-right">{formatLitres(r.volumeL)}</td>
            <td className="text-right">{formatTemp(r.tempC)}</td>
            <td>{r.source}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
