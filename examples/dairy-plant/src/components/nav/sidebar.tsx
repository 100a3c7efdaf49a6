"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  Beaker,
  ClipboardCheck,
  Droplets,
  Factory,
  Flame,
  MessageSquareWarning,
  Milk,
  Package,
  Snowflake,
  SprayCan,
  Tractor,
  Truck,
} from "lucide-react";
import { cn } from "@/lib/utils";

const SECTIONS = [
  {
    title: "Intake",
    items: [
      { href: "/intake", label: "Milk intake", icon: Milk },
      { href: "/farms", label: "Farms", icon: Tractor },
    ],
  },
  {
    title: "Lab",
    items: [
      { href: "/lab/samples", label: "Samples", icon: Beaker },
      { href: "/lab/calibrations", label: "Calibrations", icon: ClipboardCheck },
    ],
  },
  {
    title: "Processing",
    items: [
      { href: "/tanks", label: "Silos & tanks", icon: Droplets },
      { href: "/pasteuriser", label: "Pasteuriser", icon: Flame },
      { href: "/cip", label: "CIP", icon: SprayCan },
      { href: "/batches", label: "Batches", icon: Factory },
    ],
  },
  {
    title: "Packing & dispatch",
    items: [
      { href: "/products", label: "Products", icon: Package },
      { href: "/cold-store", label: "Cold store", icon: Snowflake },
      { href: "/dispatch", label: "Dispatch", icon: Truck },
      { href: "/dispatch/notes", label: "Delivery notes", icon: Truck },
    ],
  },
  {
    title: "Quality",
    items: [
      { href: "/haccp", label: "HACCP", icon: ClipboardCheck },
      { href: "/complaints", label: "Complaints", icon: MessageSquareWarning },
    ],
  },
];

export function Sidebar() {
  const pathname = usePathname();
  return (
    <nav className="flex w-60 shrink-0 flex-col gap-6 border-r border-slate-200 bg-slate-50 px-3 py-5">
      <div className="px-2 text-sm font-bold uppercase tracking-wide text-sky-800">Glenmore Creamery</div>
      {SECTIONS.map((section) => (
        <div key={section.title}>
          <div className="px-2 pb-1 text-xs font-semibold uppercase text-slate-400">{section.title}</div>
          <ul>
            {section.items.map(({ href, label, icon: Icon }) => (
              <li key={href}>
                <Link
                  href={href}
                  className={cn(
                    "flex items-center gap-2 rounded px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-200",
                    pathname === href && "bg-sky-100 font-medium text-sky-900",
                  )}
                >
                  <Icon className="h-4 w-4" aria-hidden />
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
