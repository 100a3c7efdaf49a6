-- The tank board subscribes to new level readings.
alter publication supabase_realtime add table public.tank_level_readings;

grant usage on schema lab to authenticated;
grant select on all tables in schema lab to authenticated;
