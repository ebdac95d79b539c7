// The peer's side of `bench/run peer`: every login of logins-peer.txt retrieved at once through
// @rizwannur/flinks' one-call flow (getAccountDetails: token, cached /Authorize, /GetAccountsDetail, then
// /GetAccountsDetailAsync polled every <poll ms> until 200). Same protocol as OurSide.java: READY, wait for "go",
// DONE ..., exit when stdin closes. Usage: node peer-side.mjs <node_modules dir> <outDir> <poll ms>
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [modules, out, pollMs] = process.argv.slice(2);
const { FlinksClient } = await import(pathToFileURL(join(modules, '@rizwannur/flinks/dist/index.js')).href);
const sandbox = Object.fromEntries(readFileSync(join(out, 'sandbox.properties'), 'utf8').trim().split('\n')
  .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
const loginIds = readFileSync(join(out, 'logins-peer.txt'), 'utf8').trim().split('\n');

const flinks = new FlinksClient({
  instance: 'toolbox',
  hosts: { banking: sandbox.baseUrl },
  customerId: sandbox.customerId,
  secretKey: sandbox.secretKey,
  xApiKey: sandbox.apiKey,
});
const options = {
  detail: { withTransactions: true, withAccountIdentity: true, withBalance: true, daysOfTransactions: 'Days90' },
  poll: { intervalMs: Number(pollMs), timeoutMs: 5 * 60_000 },
};

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
console.log('READY');
await lines.next();
const start = process.hrtime.bigint();
const results = await Promise.all(loginIds.map((loginId) => flinks.getAccountDetails({ loginId }, options)));
const wallMs = Number((process.hrtime.bigint() - start) / 1_000_000n);
const ok = results.filter((r) => r.status === 'done' && r.accounts.length > 0).length;
const transactions = results.reduce((n, r) => n + r.accounts.reduce((m, a) => m + (a.transactions?.length ?? 0), 0), 0);
console.log(`DONE wallMs=${wallMs} ok=${ok} transactions=${transactions}`);
await lines.next();
process.exit(0);
