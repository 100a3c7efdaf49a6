/**
 * Development seed: `npm run db:seed` (after `supabase db reset`, which loads supabase/seed.sql).
 *
 * Seeds the intake side of the plant (farms, collections, silos), the customer list, the
 * dry-store lots used by the cheese vats and a week of shift rota. Idempotent: every insert
 * ignores conflicts on natural keys.
 *
 * Not seeded on purpose: tanker_routes (owned by the haulier's planner) and the CMMS mirror.
 */
import "dotenv/config";
import { addDays, setHours, startOfWeek, subHours } from "date-fns";
import { db } from "./index";
import * as schema from "./schema";
import {
  cheeseVats,
  customers,
  farms,
  milkCollections,
  pasteurisationRuns,
  siloTanks,
  tankLevelReadings,
} from "./schema";
import { createShift } from "./repositories/staff-shifts";

const FARMS: (typeof farms.$inferInsert)[] = [
  { supplierCode: "F-10231", name: "Ballinacurra Farm", ownerName: "Tom Hennessy", region: "Cork East", herdSize: 142, bulkTankCapacityL: 9000 },
  { supplierCode: "F-10245", name: "Rathcoole Dairy", ownerName: "Siobhan Keane", region: "Cork East", herdSize: 96, bulkTankCapacityL: 6000 },
  { supplierCode: "F-10302", name: "Knockraha Organics", ownerName: "Declan Ahern", region: "Cork North", herdSize: 64, organicCertified: true, bulkTankCapacityL: 4500 },
  { supplierCode: "F-10317", name: "Glenville Holdings", ownerName: "Mary O'Leary", region: "Cork North", herdSize: 210, bulkTankCapacityL: 14000 },
  { supplierCode: "F-10420", name: "Kilworth Hill", ownerName: "Pat Coughlan", region: "Waterford West", herdSize: 118, bulkTankCapacityL: 8000 },
];

const SILOS: (typeof siloTanks.$inferInsert)[] = [
  { code: "SILO-01", name: "Raw milk silo 1", capacityL: 60000, contents: "raw_milk", currentVolumeL: 41200 },
  { code: "SILO-02", name: "Raw milk silo 2", capacityL: 60000, contents: "raw_milk", currentVolumeL: 18650 },
  { code: "SILO-03", name: "Pasteurised milk", capacityL: 30000, contents: "past_milk", currentVolumeL: 9000 },
  { code: "CREAM-01", name: "Cream tank", capacityL: 10000, contents: "cream", currentVolumeL: 3100 },
];

async function seedIntake() {
  const insertedFarms = await db.insert(farms).values(FARMS).onConflictDoNothing().returning();
  const silos = await db.insert(siloTanks).values(SILOS).onConflictDoNothing().returning();
  if (insertedFarms.length === 0) {
    console.log("intake already seeded, skipping collections");
    return { silos };
  }

  const now = new Date();
  const collections = insertedFarms.flatMap((farm, i) =>
    [0, 1, 2].map((day) => ({
      docketNumber: `DK-${farm.supplierCode.slice(2)}-${day}${i}`,
      farmId: farm.id,
      collectedAt: subHours(now, 24 * day + 6 + i),
      volumeL: String(Math.round((farm.bulkTankCapacityL ?? 6000) * 0.8)),
      tempC: (3.1 + i * 0.2).toFixed(1),
      grade: "A" as const,
      intakeBay: i % 2 === 0 ? "BAY-1" : "BAY-2",
      driverName: "J. Fitzgerald",
    })),
  );
  await db.insert(milkCollections).values(collections).onConflictDoNothing();

  for (const silo of silos) {
    await db.insert(tankLevelReadings).values(
      [6, 4, 2, 0].map((h) => ({
        siloId: silo.id,
        readAt: subHours(now, h),
        volumeL: Math.max(0, silo.currentVolumeL - h * 1500),
        tempC: "3.6",
        agitatorOn: h % 4 === 0,
        source: "plc",
      })),
    );
  }
  return { silos };
}

async function seedPasteuriser(silos: (typeof siloTanks.$inferSelect)[]) {
  const raw = silos.find((s) => s.code === "SILO-01");
  if (!raw) return;
  await db.insert(pasteurisationRuns).values([
    { unitCode: "HTST-1", sourceSiloId: raw.id, startedAt: subHours(new Date(), 9), endedAt: subHours(new Date(), 5), holdingTempC: "72.8", holdingTimeS: 16, flowRateLph: 15000, divertCount: 0, chartRef: "HTST1-CH-0412A", operatorName: "D. Kelly", passed: true },
    { unitCode: "HTST-1", sourceSiloId: raw.id, startedAt: subHours(new Date(), 4), holdingTempC: "72.4", holdingTimeS: 15, flowRateLph: 15000, divertCount: 1, chartRef: "HTST1-CH-0412B", operatorName: "D. Kelly" },
  ]);
}

async function seedCustomers() {
  await db
    .insert(customers)
    .values([
      { accountCode: "DUNNES-DC1", name: "Dunnes Stores Distribution Centre", channel: "retail", deliveryAddress: "Unit 4, Kilcarbery Park, Dublin 22", deliveryWindow: "04:00-08:00" },
      { accountCode: "MUSGRAVE-BLC", name: "Musgrave Ballymun", channel: "wholesale", deliveryAddress: "Ballymun Industrial Estate, Dublin 11", deliveryWindow: "05:00-09:00" },
      { accountCode: "SYSCO-IE-LMK", name: "Sysco Ireland Limerick", channel: "foodservice", deliveryAddress: "Raheen Business Park, Limerick", deliveryWindow: "06:00-10:00" },
      { accountCode: "ARLA-UK-EXP", name: "Arla Foods UK (export)", channel: "export", deliveryAddress: "Lockerbie Creamery, Dumfries DG11", requiresTempLog: true },
    ])
    .onConflictDoNothing();
}

async function seedCheeseRoom() {
  const lots = await db
    .insert(schema.ingredientLots)
    .values([
      { material: "Chymosin rennet (Chy-Max M)", supplier: "Chr. Hansen", lotNumber: "CHY-3391827", receivedOn: "2024-03-28", expiresOn: "2025-03-28", quantity: "20.00", unit: "L", coaReceived: true },
      { material: "Mesophilic culture R-704", supplier: "Chr. Hansen", lotNumber: "R704-24-0213", receivedOn: "2024-04-02", expiresOn: "2025-01-31", quantity: "50.00", unit: "unit", coaReceived: true },
      { material: "Vacuum salt", supplier: "Irish Salt Co.", lotNumber: "VS-24-118", receivedOn: "2024-04-05", quantity: "1000.00", unit: "kg" },
    ])
    .returning();

  const rennet = lots.find((l) => l.material.startsWith("Chymosin"));
  const culture = lots.find((l) => l.material.startsWith("Mesophilic"));
  await db.insert(cheeseVats).values(
    [1, 2, 3, 4].map((vat) => ({
      vatNumber: vat,
      milkVolumeL: 10000,
      rennetLotId: rennet?.id,
      cultureLotId: culture?.id,
      setTempC: "31.0",
      filledAt: subHours(new Date(), 8 - vat),
      status: vat < 3 ? "cooking" : "setting",
    })),
  );
}

async function seedRota() {
  const monday = startOfWeek(new Date(), { weekStartsOn: 1 });
  const crew = [
    { employeeNumber: "E0142", staffName: "Dermot Kelly", area: "processing" },
    { employeeNumber: "E0188", staffName: "Sinead Nolan", area: "processing" },
    { employeeNumber: "E0201", staffName: "Karen Doyle", area: "lab" },
    { employeeNumber: "E0233", staffName: "Paul Ryan", area: "dispatch" },
  ];
  for (let d = 0; d < 5; d++) {
    for (const [i, person] of crew.entries()) {
      const early = i % 2 === 0;
      const startsAt = setHours(addDays(monday, d), early ? 6 : 14);
      await createShift({
        ...person,
        shift: early ? "early" : "late",
        startsAt,
        endsAt: setHours(addDays(monday, d), early ? 14 : 22),
        supervisor: "Aoife Byrne",
      });
    }
  }
}

async function main() {
  const { silos } = await seedIntake();
  await seedPasteuriser(silos);
  await seedCustomers();
  await seedCheeseRoom();
  await seedRota();
  console.log("seed complete");
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
