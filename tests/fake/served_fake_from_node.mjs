// A JavaScript suite's use of `pexip-engage fake serve`, with nothing but Node.js's fetch
// (tests/fake/test_fake_from_other_languages.py runs it): a fixed token after the fake's clock moves,
// a client's token expired and renewed by a reset, the seed back after a reset, two webhook
// receivers told of one change, and a base URL pasted with the enterprise. Prints what it saw as JSON.
const { ROOT, TOKEN, CONTROL, CLIENT_ID, CLIENT_SECRET } = process.env;
const api = `${ROOT}/enterprises/acme`;

async function call(method, url, token, body) {
  const headers = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const control = (path, body) => call("POST", `${ROOT}/_fake/${path}`, CONTROL, body);
const seen = {};

const form = new URLSearchParams({ grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
const issued = await (await fetch(`${ROOT}/realms/acme/protocol/openid-connect/token`, { method: "POST", body: form })).json();

await control("clock", { advance: "PT2H" });
seen.fixedAfterTwoHours = (await call("GET", `${api}/employees`, TOKEN)).status;
const expired = await call("GET", `${api}/employees`, issued.access_token);
seen.issuedAfterTwoHours = [expired.status, expired.body.errors[0].message];

const segment = await call("POST", `${api}/lead-segments`, TOKEN, { code: "FROM-NODE" });
seen.accepted = (await call("POST", `${api}/appointments/a1/_actions/accept`, TOKEN)).status;
seen.reset = (await control("reset")).status;
seen.issuedAfterReset = (await call("GET", `${api}/employees`, issued.access_token)).status;
seen.segmentAfterReset = (await call("GET", `${api}/lead-segments/${segment.body.data.id}`, TOKEN)).status;
seen.employeesAfterReset = (await call("GET", `${api}/employees`, TOKEN)).body.data.map((employee) => employee.id);

const doubled = await call("GET", `${api}/enterprises/acme/employees`, TOKEN);
seen.doubled = [doubled.status, doubled.body.errors[0].message];
console.log(JSON.stringify(seen));
