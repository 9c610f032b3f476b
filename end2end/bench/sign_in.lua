-- Wrong PINs, as forty clients guessing would send them (benchmark only, on
-- loopback): every request costs one argon2 run on the server.
local n = 0
request = function()
  n = n + 1
  local body = string.format("number=%d&pin=%04d", 40000001 + (n % 3), (n * 7919) % 10000)
  return wrk.format("POST", "/api/sign_in_person", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }, body)
end
