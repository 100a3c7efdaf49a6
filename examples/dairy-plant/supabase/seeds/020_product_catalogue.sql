--
-- Product catalogue, dumped from the ERP staging database with
--   pg_dump --data-only --table=public.products --column-inserts=false
-- Runs before seed.sql (see [db.seed] in config.toml) because batches reference products.sku.
--

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

COPY public.products (sku, name, category, pack_size, gtin, shelf_life_days, storage_temp_max_c, active) FROM stdin;
GM-WM-2L	Glenmore Whole Milk	milk	2L	05391234500017	12	5	t
GM-WM-1L	Glenmore Whole Milk	milk	1L	05391234500024	12	5	t
GM-SS-2L	Glenmore Semi-Skimmed Milk	milk	2L	05391234500031	12	5	t
GM-CR-250	Glenmore Fresh Cream	cream	250ml	05391234500048	10	5	t
GM-BU-227	Glenmore Salted Butter	butter	227g	05391234500055	90	5	t
GM-CH-RB20	Mature Cheddar Block	cheese	20kg block	05391234500062	365	4	t
GM-YO-500	Natural Yoghurt	yoghurt	500g	05391234500079	21	5	t
GM-WM-BULK	Bulk Pasteurised Milk	milk	1000L IBC	\N	5	4	f
\.
