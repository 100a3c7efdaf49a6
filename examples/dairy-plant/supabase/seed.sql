-- Development seed for `supabase db reset`.
-- Farms, collections, silos, customers, shifts and cheese vats come from src/db/seed.ts
-- (run `npm run db:seed` after the reset); everything below is plain SQL.
-- tanker_routes are not seeded: they come from the haulier's route planner.

-- ---------------------------------------------------------------------------
-- Production batches (products are loaded by seeds/020_product_catalogue.sql)
-- ---------------------------------------------------------------------------
insert into public.production_batches (id, batch_number, product_sku, status, planned_volume_l, actual_volume_l, started_at, completed_at, released_by, released_at, notes)
values
  ('7b0e3d0c-1a11-4d11-9a01-000000000001', 'B24-0412-01', 'GM-WM-2L', 'released', 18000, 17840, '2024-04-12 05:10+01', '2024-04-12 11:45+01', 'a.byrne@glenmore-creamery.ie', '2024-04-12 14:02+01', null),
  ('7b0e3d0c-1a11-4d11-9a01-000000000002', 'B24-0412-02', 'GM-SS-2L', 'released', 12000, 11920, '2024-04-12 12:00+01', '2024-04-12 16:30+01', 'a.byrne@glenmore-creamery.ie', '2024-04-12 18:10+01', null),
  ('7b0e3d0c-1a11-4d11-9a01-000000000003', 'B24-0413-01', 'GM-CR-250', 'on_hold', 3000, 2950, '2024-04-13 06:00+01', '2024-04-13 09:15+01', null, null, 'Fat standardisation out by 0.4% - awaiting QA'),
  ('7b0e3d0c-1a11-4d11-9a01-000000000004', 'B24-0413-02', 'GM-CH-RB20', 'in_progress', 40000, null, '2024-04-13 07:30+01', null, null, null, 'Vats 1-4'),
  ('7b0e3d0c-1a11-4d11-9a01-000000000005', 'B24-0414-01', 'GM-WM-1L', 'planned', 15000, null, null, null, null, null, null);

-- ---------------------------------------------------------------------------
-- Lab: silo and finished-product samples (farm samples arrive with collections)
-- ---------------------------------------------------------------------------
insert into lab.milk_samples (sample_code, source, sampled_at, fat_pct, protein_pct, lactose_pct, somatic_cell_count, total_bacterial_count, freezing_point_c, status, analyst, tested_at)
values
  ('S24-0412-SILO01', 'silo', '2024-04-12 04:30+01', 4.12, 3.41, 4.71, 182, 14, -0.522, 'tested', 'M. Walsh', '2024-04-12 05:05+01'),
  ('S24-0412-SILO02', 'silo', '2024-04-12 04:35+01', 4.05, 3.38, 4.69, 201, 22, -0.520, 'tested', 'M. Walsh', '2024-04-12 05:07+01'),
  ('S24-0412-P0101', 'product', '2024-04-12 11:50+01', 3.52, 3.30, 4.70, null, 1, -0.521, 'tested', 'M. Walsh', '2024-04-12 13:20+01'),
  ('S24-0413-P0301', 'product', '2024-04-13 09:30+01', 38.6, 2.05, 2.90, null, 2, null, 'failed', 'K. Doyle', '2024-04-13 10:45+01');

insert into lab.equipment_calibrations (instrument, serial_number, calibrated_at, due_at, calibrated_by, certificate_no, passed)
values
  ('MilkoScan FT+', 'MS-91833417', '2024-01-15', '2024-07-15', 'FOSS Service Ireland', 'FOSS-IE-24-0113', true),
  ('Fossomatic 7 DC', 'FO-70021876', '2024-01-15', '2024-07-15', 'FOSS Service Ireland', 'FOSS-IE-24-0114', true),
  ('Cryoscope 4250', 'CR-4250-2291', '2024-02-02', '2024-08-02', 'Advanced Instruments', 'AI-CAL-7731', true),
  ('Delvotest reader', 'DV-55810', '2024-03-01', '2024-09-01', 'K. Doyle', null, true),
  ('pH meter (cheese room)', 'HI-98161-0042', '2024-04-08', '2024-04-22', 'K. Doyle', null, false);

-- ---------------------------------------------------------------------------
-- CIP
-- ---------------------------------------------------------------------------
insert into public.cip_cycles (circuit, plc_cycle_id, started_at, ended_at, caustic_conc_pct, caustic_temp_c, acid_conc_pct, final_rinse_conductivity_ms, result, operator_name, verified_by)
values
  ('SILO-01', 'PLC-CIP-240412-0007', '2024-04-12 02:10+01', '2024-04-12 03:05+01', 1.62, 78.5, 0.85, 0.210, 'pass', 'D. Kelly', 'A. Byrne'),
  ('HTST-1', 'PLC-CIP-240412-0012', '2024-04-12 16:45+01', '2024-04-12 18:00+01', 1.55, 80.1, 0.90, 0.185, 'pass', 'D. Kelly', 'A. Byrne'),
  ('FILL-2', 'PLC-CIP-240413-0003', '2024-04-13 01:20+01', '2024-04-13 02:02+01', 1.21, 71.0, 0.80, 0.640, 'fail', 'S. Nolan', null),
  ('TANKER-BAY', 'PLC-CIP-240413-0004', '2024-04-13 02:30+01', null, null, null, null, null, 'running', 'S. Nolan', null);

-- ---------------------------------------------------------------------------
-- Quality
-- ---------------------------------------------------------------------------
insert into public.quality_holds (batch_id, reason, placed_by, placed_at, status)
values
  ('7b0e3d0c-1a11-4d11-9a01-000000000003', 'Cream fat 38.6% vs spec 40.0 +/- 0.5%', 'k.doyle@glenmore-creamery.ie', '2024-04-13 10:50+01', 'open');

insert into public.haccp_checks (ccp, checked_at, checked_by, measured_value, unit, critical_limit, within_limit, corrective_action, verified_by, verified_at)
values
  ('CCP1-pasteurisation', '2024-04-12 06:00+01', 'd.kelly@glenmore-creamery.ie', 72.6, 'C', '>= 72.0 C for 15 s', true, null, 'a.byrne@glenmore-creamery.ie', '2024-04-12 14:00+01'),
  ('CCP1-pasteurisation', '2024-04-12 10:00+01', 'd.kelly@glenmore-creamery.ie', 71.8, 'C', '>= 72.0 C for 15 s', false, 'Flow diversion valve diverted automatically; product re-pasteurised', 'a.byrne@glenmore-creamery.ie', '2024-04-12 14:00+01'),
  ('CCP2-metal-detection', '2024-04-12 07:00+01', 's.nolan@glenmore-creamery.ie', 1, 'pass', 'Fe 1.5 mm / NFe 2.0 mm / SS 2.5 mm test pieces rejected', true, null, null, null),
  ('CCP3-cold-storage', '2024-04-12 08:00+01', 'p.ryan@glenmore-creamery.ie', 3.4, 'C', '<= 5.0 C', true, null, null, null);

-- ---------------------------------------------------------------------------
-- Packing
-- ---------------------------------------------------------------------------
insert into public.packaging_runs (id, batch_id, line, product_sku, started_at, ended_at, units_packed, units_rejected, packaging_lot)
values
  ('4c1f2a77-0b0e-4c52-8d3e-000000000101', '7b0e3d0c-1a11-4d11-9a01-000000000001', 'FILL-1', 'GM-WM-2L', '2024-04-12 07:00+01', '2024-04-12 11:40+01', 8874, 36, 'HDPE-2L-L2403-118'),
  ('4c1f2a77-0b0e-4c52-8d3e-000000000102', '7b0e3d0c-1a11-4d11-9a01-000000000002', 'FILL-2', 'GM-SS-2L', '2024-04-12 12:30+01', '2024-04-12 16:20+01', 5931, 12, 'HDPE-2L-L2403-119');

insert into public.pallet_labels (sscc, packaging_run_id, product_sku, units, best_before, gross_weight_g)
values
  ('053912340000000017', '4c1f2a77-0b0e-4c52-8d3e-000000000101', 'GM-WM-2L', 480, '2024-04-24', 1012000),
  ('053912340000000024', '4c1f2a77-0b0e-4c52-8d3e-000000000101', 'GM-WM-2L', 480, '2024-04-24', 1012000),
  ('053912340000000031', '4c1f2a77-0b0e-4c52-8d3e-000000000102', 'GM-SS-2L', 480, '2024-04-24', 1009000);

-- ---------------------------------------------------------------------------
-- Cold store
-- ---------------------------------------------------------------------------
insert into public.cold_rooms (id, code, name, setpoint_c, alarm_high_c, pallet_positions)
values
  ('c01d0000-0000-4000-8000-000000000001', 'CR-1', 'Despatch chill', 2.0, 5.0, 120),
  ('c01d0000-0000-4000-8000-000000000002', 'CR-2', 'Cheese maturing', 8.0, 10.0, 340),
  ('c01d0000-0000-4000-8000-000000000003', 'CR-4', 'Butter freezer', -20.0, -15.0, 60);

insert into public.cold_room_temperature_logs (cold_room_id, recorded_at, temp_c, door_open, source, sensor_id)
values
  ('c01d0000-0000-4000-8000-000000000001', '2024-04-12 08:00+01', 2.4, false, 'sensor', 'TT-CR1-A'),
  ('c01d0000-0000-4000-8000-000000000001', '2024-04-12 08:05+01', 3.9, true, 'sensor', 'TT-CR1-A'),
  ('c01d0000-0000-4000-8000-000000000002', '2024-04-12 08:00+01', 8.1, false, 'sensor', 'TT-CR2-A'),
  ('c01d0000-0000-4000-8000-000000000003', '2024-04-12 08:00+01', -21.3, false, 'sensor', 'TT-CR4-A');

-- ---------------------------------------------------------------------------
-- Dispatch
-- ---------------------------------------------------------------------------
insert into public.dispatch_orders (id, order_number, customer_account, requested_delivery_date, status, vehicle_reg, pallet_count, loaded_at, dispatched_at)
values
  ('d15a0000-0000-4000-8000-000000000001', 'SO-240412-0031', 'DUNNES-DC1', '2024-04-13', 'delivered', '231-D-40871', 6, '2024-04-13 03:40+01', '2024-04-13 04:05+01'),
  ('d15a0000-0000-4000-8000-000000000002', 'SO-240412-0032', 'MUSGRAVE-BLC', '2024-04-13', 'dispatched', '222-KK-1193', 4, '2024-04-13 04:10+01', '2024-04-13 04:30+01'),
  ('d15a0000-0000-4000-8000-000000000003', 'SO-240413-0007', 'SYSCO-IE-LMK', '2024-04-14', 'picking', null, 3, null, null);

insert into public.dispatch_notes (dispatch_order_id, note_number, issued_at, received_by, temperature_on_arrival_c, discrepancies)
values
  ('d15a0000-0000-4000-8000-000000000001', 'DN-240413-0031', '2024-04-13 07:12+01', 'J. Murphy (goods-in)', 3.8, null);
