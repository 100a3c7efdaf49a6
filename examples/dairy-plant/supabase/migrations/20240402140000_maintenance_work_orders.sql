-- Read-only mirror of the Limble CMMS work orders, refreshed by the cmms-sync cron job.

create table if not exists public.maintenance_work_orders (
  id uuid primary key default gen_random_uuid(),
  cmms_id text not null unique,
  wo_number varchar(16) not null,
  asset_tag varchar(24) not null,
  description text not null,
  priority varchar(8) not null default 'normal',
  status varchar(16) not null default 'open',
  requested_by text,
  assigned_to text,
  due_at timestamptz,
  completed_at timestamptz,
  updated_at timestamptz not null default now()
);

create index if not exists maintenance_work_orders_asset_idx on public.maintenance_work_orders (asset_tag);

alter table public.maintenance_work_orders enable row level security;

create policy "authenticated read work orders" on public.maintenance_work_orders
  for select to authenticated using (true);
