-- Cold store rooms and their temperature log. Sensor gateways post readings every 5 minutes.

create table if not exists public.cold_rooms (
  id uuid primary key default gen_random_uuid(),
  code varchar(12) not null unique,
  name text not null,
  setpoint_c numeric(4, 1) not null,
  alarm_high_c numeric(4, 1) not null,
  pallet_positions integer not null,
  active boolean not null default true,
  created_at timestamptz not null default now()
);

create table if not exists public.cold_room_temperature_logs (
  id bigserial primary key,
  cold_room_id uuid not null references public.cold_rooms (id),
  recorded_at timestamptz not null,
  temp_c numeric(4, 1) not null,
  door_open boolean not null default false,
  source varchar(12) not null default 'sensor',
  sensor_id text,
  recorded_by text
);

create index if not exists cold_room_temperature_logs_room_idx
  on public.cold_room_temperature_logs (cold_room_id, recorded_at);

alter table public.cold_rooms enable row level security;
alter table public.cold_room_temperature_logs enable row level security;

create policy "authenticated read cold rooms" on public.cold_rooms
  for select to authenticated using (true);

create policy "authenticated read temperature logs" on public.cold_room_temperature_logs
  for select to authenticated using (true);

alter publication supabase_realtime add table public.cold_room_temperature_logs;
