export const corsHeaders = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "authorization, x-client-info, apikey, content-type, x-telemetry-key",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
};
