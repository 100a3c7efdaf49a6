import { differenceInCalendarDays } from "date-fns";
import { listCalibrations } from "@/lib/data/calibrations";
import { Badge, Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Instrument calibrations" };
export const revalidate = 300;

/** Read-only register. Calibrations are entered by the QA manager in the LIMS. */
export default async function CalibrationsPage() {
  const calibrations = await listCalibrations();
  const today = new Date();

  return (
    <>
      <PageHeader title="Instrument calibrations" description="Lab instruments and their calibration due dates." />
      <Card>
        <CardContent className="pt-5">
          <table className="data">
            <thead>
              <tr>
                <th>Instrument</th>
                <th>Serial</th>
                <th>Calibrated</th>
                <th>Due</th>
                <th>By</th>
                <th>Certificate</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {calibrations.map((c) => {
                const daysLeft = differenceInCalendarDays(new Date(c.dueAt), today);
                return (
                  <tr key={c.id}>
                    <td>{c.instrument}</td>
                    <td className="font-mono">{c.serialNumber}</td>
                    <td>{c.calibratedAt}</td>
                    <td>
                      {c.dueAt}{" "}
                      {daysLeft < 0 ? <Badge tone="bad">overdue</Badge> : daysLeft <= 14 ? <Badge tone="warn">{daysLeft} d</Badge> : null}
                    </td>
                    <td>{c.calibratedBy}</td>
                    <td className="font-mono">{c.certificateNo ?? "—"}</td>
                    <td>{c.passed ? <Badge tone="good">pass</Badge> : <Badge tone="bad">fail</Badge>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </CardContent>
      </Card>
    </>
  );
}
