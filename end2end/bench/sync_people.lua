-- wrk script: POST /api/v1/sync as many people's phones, each sending its own
-- taps (one new op per request), the way a day of real use looks.
-- WAYMARK_PEOPLE: a file of lines "<session cookie> <step id>" (bench_people).
-- Each wrk thread takes its own share of the people and sends for them in turn.
local people = {}
for line in io.lines(os.getenv("WAYMARK_PEOPLE")) do
  local cookie, step = line:match("^(%S+) (%S+)$")
  if cookie then people[#people + 1] = { cookie = cookie, step = step } end
end
local threads = 0
local n = 0
local mine = {}

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  local count = 0
  for _ in pairs(people) do count = count + 1 end
  -- Thread t takes people t+1, t+1+T, … (T threads), so no two threads share a phone.
  local total = tonumber(os.getenv("WAYMARK_THREADS") or "2")
  for i = tid + 1, count, total do mine[#mine + 1] = people[i] end
end

function request()
  n = n + 1
  local p = mine[(n % #mine) + 1]
  local status = (math.floor(n / #mine) % 2 == 0) and "in_progress" or "done"
  local op = string.format('{"id":"wrk-%d-%09d","kind":"step","step":%s,"status":"%s"}', tid, n, p.step, status)
  local body = string.format('{"version":1,"since":0,"ops":[%s]}', op)
  return wrk.format("POST", "/api/v1/sync", { ["Content-Type"] = "application/json", ["Cookie"] = p.cookie }, body)
end
