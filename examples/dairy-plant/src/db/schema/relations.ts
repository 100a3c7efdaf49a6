import { relations } from "drizzle-orm";
import { farms, milkCollections, tankerRoutes } from "./intake";
import { milkSamples } from "./lab";
import { pasteurisationRuns, productionBatches, siloTanks, tankLevelReadings } from "./processing";
import { dispatchNotes, dispatchOrders } from "./dispatch";

export const farmsRelations = relations(farms, ({ many }) => ({
  collections: many(milkCollections),
}));

export const milkCollectionsRelations = relations(milkCollections, ({ one, many }) => ({
  farm: one(farms, { fields: [milkCollections.farmId], references: [farms.id] }),
  route: one(tankerRoutes, { fields: [milkCollections.routeId], references: [tankerRoutes.id] }),
  samples: many(milkSamples),
}));

export const milkSamplesRelations = relations(milkSamples, ({ one }) => ({
  collection: one(milkCollections, { fields: [milkSamples.collectionId], references: [milkCollections.id] }),
}));

export const siloTanksRelations = relations(siloTanks, ({ many }) => ({
  readings: many(tankLevelReadings),
}));

export const tankLevelReadingsRelations = relations(tankLevelReadings, ({ one }) => ({
  silo: one(siloTanks, { fields: [tankLevelReadings.siloId], references: [siloTanks.id] }),
}));

export const productionBatchesRelations = relations(productionBatches, ({ many }) => ({
  pasteurisationRuns: many(pasteurisationRuns),
}));

export const pasteurisationRunsRelations = relations(pasteurisationRuns, ({ one }) => ({
  batch: one(productionBatches, { fields: [pasteurisationRuns.batchId], references: [productionBatches.id] }),
}));

export const dispatchOrdersRelations = relations(dispatchOrders, ({ many }) => ({
  notes: many(dispatchNotes),
}));

export const dispatchNotesRelations = relations(dispatchNotes, ({ one }) => ({
  order: one(dispatchOrders, { fields: [dispatchNotes.dispatchOrderId], references: [dispatchOrders.id] }),
}));
