-- wrk script: POST /api/v1/sync as the demo person's phone.
-- WAYMARK_COOKIE: the session cookie; WAYMARK_SINCE: the cursor to send;
-- WAYMARK_STEP: a step id, or empty for a quiet sync (nothing to send).
-- With a step, every request carries one new op (a unique id), like a tap.
local cookie = os.getenv("WAYMARK_COOKIE")
local since = os.getenv("WAYMARK_SINCE")
local step = os.getenv("WAYMARK_STEP") or ""
local threads = 0
local n = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function request()
  n = n + 1
  local ops = ""
  if step ~= "" then
    local status = (n % 2 == 0) and "done" or "in_progress"
    ops = string.format('{"id":"wrk-%d-%09d","kind":"step","step":%s,"status":"%s"}', tid, n, step, status)
  end
  local body = string.format('{"version":1,"since":%s,"ops":[%s]}', since, ops)
  return wrk.format("POST", "/api/v1/sync", { ["Content-Type"] = "application/json", ["Cookie"] = cookie }, body)
end
