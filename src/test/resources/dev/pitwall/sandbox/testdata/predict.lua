-- wrk script: POST a prediction, and wait `pause_ms` between a connection's requests so that
-- a few connections make a steady rate (Debian's wrk is closed-loop).
wrk.method = "POST"
wrk.body = '{"instances":[[0.5,1.2,-0.3,2.0,0.0,1.1,-1.4,0.7]]}'
wrk.headers["Content-Type"] = "application/json"
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
function delay()
  return pause
end
