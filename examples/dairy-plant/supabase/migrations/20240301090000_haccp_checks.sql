-- HACCP CCP checks are written by operators on the floor tablets; the table lives here rather than
-- in drizzle/ because it needs row level security for the tablet (anon + auth) clients.

create table if not exists public.haccp_checks (
  id uuid primary key default gen_random_uuid(),
  ccp varchar(32) not null,
  checked_at timestamptz not null,
  checked_by text not null,
  measured_value numeric(8, 2) not null,
  unit varchar(8) not null,
  critical_limit text not null,
  within_limit boolean not null,
  corrective_action text,
  verified_by text,
  verified_at timestamptz,
  constraint haccp_checks_ccp_check check (ccp in ('CCP1-pasteurisation', 'CCP2-metal-detection', 'CCP3-cold-storage')),
  constraint haccp_checks_corrective_action_required check (within_limit or corrective_action is not null)
);

create index if not exists haccp_checks_ccp_checked_at_idx on public.haccp_checks (ccp, checked_at desc);

alter table public.haccp_checks enable row level security;

create policy "plant staff can read haccp checks"
  on public.haccp_checks for select
  to authenticated
  using (true);

create policy "plant staff can record haccp checks"
  on public.haccp_checks for insert
  to authenticated
  with check (checked_by = (auth.jwt() ->> 'email'));

create policy "qa can verify haccp checks"
  on public.haccp_checks for update
  to authenticated
  using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'qa');
