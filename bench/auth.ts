// Costs on the sign-in path, per operation, with ratios against named peers.
//   npx tsx bench/auth.ts
// - argon2id (our OWASP parameters, @node-rs/argon2) vs node's built-in scrypt
//   at its defaults, the other memory-hard KDF a Node app reaches for.
// - SIWE verification: our checkSiweMessage + viem verifyMessage vs viem's own
//   parseSiweMessage + validateSiweMessage + verifyMessage pipeline.
import { hash, verify } from "@node-rs/argon2";
import crypto from "node:crypto";
import { verifyMessage } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createSiweMessage, parseSiweMessage, validateSiweMessage } from "viem/siwe";
import { checkSiweMessage } from "@/server/user/siwe";

async function time(label: string, n: number, fn: () => Promise<unknown> | unknown) {
  for (let i = 0; i < Math.min(3, n); i++) await fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  console.log(`${label.padEnd(58)} ${us >= 1000 ? (us / 1000).toFixed(2) + " ms" : us.toFixed(1) + " µs"} / op`);
  return us;
}

const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const stored = await hash("correct horse battery staple", ARGON2);
const argon = await time("argon2id verify (19 MiB, t=2, p=1)", 20, () => verify(stored, "correct horse battery staple"));
const scrypt = await time("node:crypto scrypt (N=16384, r=8, p=1) [peer]", 20, () =>
  new Promise((res, rej) => crypto.scrypt("correct horse battery staple", "salt", 64, (e, k) => (e ? rej(e) : res(k)))),
);
console.log(`  ratio argon2id / scrypt: ${(argon / scrypt).toFixed(2)}x (cost an attacker pays per guess, per core)`);

const account = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const now = new Date();
const message = createSiweMessage({
  domain: "localhost:3000",
  uri: "http://localhost:3000",
  address: account.address,
  chainId: 31337,
  nonce: "a1b2c3d4e5f6a7b8c9",
  version: "1",
  issuedAt: now,
  expirationTime: new Date(now.getTime() + 600_000),
});
const signature = await account.signMessage({ message });
const ours = await time("Lodestar: checkSiweMessage + verifyMessage", 300, async () => {
  const c = checkSiweMessage(message, { domain: "localhost:3000", origin: "http://localhost:3000", allowedChainIds: [31337], now });
  if (!(await verifyMessage({ address: c.address, message, signature }))) throw new Error("bad");
});
const viemPipeline = await time("viem: parse + validateSiweMessage + verifyMessage [peer]", 300, async () => {
  const fields = parseSiweMessage(message);
  if (!validateSiweMessage({ message: fields, domain: "localhost:3000", nonce: "a1b2c3d4e5f6a7b8c9", time: now })) throw new Error("invalid");
  if (!(await verifyMessage({ address: account.address, message, signature }))) throw new Error("bad");
});
console.log(`  ratio Lodestar / viem: ${(ours / viemPipeline).toFixed(2)}x (ours also checks URI origin, chain, issuedAt window)`);
