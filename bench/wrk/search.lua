-- wrk script: POST /api/v1/rag/search with a query from queries.lua (make it with queries.py). Environment: TOKEN (a
-- bearer token), UNCACHED=1 (a random number appended to each query and Cache-Control: no-cache), WRK_DIR (this folder).
dofile((os.getenv("WRK_DIR") or "bench/wrk") .. "/queries.lua")
local token = os.getenv("TOKEN")
local uncached = os.getenv("UNCACHED") == "1"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
if uncached then wrk.headers["Cache-Control"] = "no-cache" end
local counter = 0
function init(args) math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0)) end
request = function()
  counter = counter + 1
  local q
  if uncached then
    q = queries[math.random(#queries)] .. " " .. math.random(1, 1000000000)
  else
    q = queries[1]
  end
  local body = '{"query":"' .. q .. '","topK":10,"collection":"scifact"}'
  return wrk.format(nil, "/api/v1/rag/search", nil, body)
end
local statuses = {}
response = function(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p90 %.1f, p95 %.1f, p99 %.1f, max %.1f; non-2xx %d; errors connect %d read %d write %d timeout %d\n",
    latency:percentile(50)/1000, latency:percentile(90)/1000, latency:percentile(95)/1000, latency:percentile(99)/1000, latency.max/1000,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
