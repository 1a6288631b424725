// The non-custodial vault rail (design doc §3): what a user's vaults hold and allow, their
// registration (verified from the factory's VaultCreated event on chain), and the unsigned
// transactions the user's own wallet signs to create, fund, configure and drain a vault. The
// server never holds or receives a user's key; the keeper (server/chain/keeper.ts) only ever
// calls `execute` (server/services/venues/vault.ts).
//
// Ownership: a vault is the user's when its on-chain owner is one of the user's linked wallets
// and it is genuine (the registry's factory reports it as that owner's vault, or the user
// registered it). Anything else is, to this user, a vault that does not exist (NOT_FOUND).
import {
  BaseError,
  decodeErrorResult,
  encodeFunctionData,
  erc20Abi,
  getAddress,
  parseEventLogs,
  zeroAddress,
  type Address,
  type ContractFunctionParameters,
  type Hex,
} from "viem";
import type { z } from "zod";
import type { DbOrTx as Db } from "@/db/client";
import { findVaultByAddress, findVaultForUser, insertVault, listKeeperTxsForUser, listVaultsForUser, type KeeperTxRow, type VaultRow } from "@/db/queries/vaults";
import { listWalletsForUser } from "@/db/queries/user";
import type {
  buildCreateVaultInput,
  buildSetPriceBoundInput,
  buildSetTokenLimitsInput,
  buildVaultDepositInput,
  buildVaultWithdrawInput,
  keeperTxsInput,
  registerVaultInput,
  vaultRefInput,
  vaultStateInput,
} from "@/lib/schemas/vault";
import { lodestarExecutorAbi, NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import { lodestarVaultAbi, lodestarVaultFactoryAbi } from "@/lib/web3/abi/vault";
import type { ChainRegistry, RegistryToken } from "@/lib/web3/registry/schema";
import { publicClientFor } from "@/server/chain/clients";
import { keeperAddress } from "@/server/chain/keeper";
import { formatTokenAmount } from "@/server/chain/receipts";
import { DomainError, ErrorKind } from "@/server/errors";
import { registryOrThrow } from "@/server/services/defi-quote";

export type VaultTx = { to: Address; data: Hex; value: bigint; chainId: number };
export type VaultStepKind =
  | "createVault"
  | "approve"
  | "deposit"
  | "depositETH"
  | "withdraw"
  | "withdrawETH"
  | "setTokenLimits"
  | "setPriceBound"
  | "setKeeper"
  | "revokeKeeper";
export type VaultTxStep = { kind: VaultStepKind; label: string; tx: VaultTx };
/** Ordered transactions for `account` (the vault owner's wallet) to sign and send. */
export type VaultTxPlan = { chainId: number; account: Address; vault: Address; steps: VaultTxStep[] };

export type VaultTokenView = {
  token: Address;
  symbol: string;
  decimals: number;
  balance: bigint;
  allowed: boolean;
  maxPerExecution: bigint;
  maxPerDay: bigint;
  spentToday: bigint;
};
export type PriceBoundView = { tokenIn: Address; tokenOut: Address; minOutPerInX18: bigint };
export type VaultView = {
  owner: Address;
  /** null: this wallet has no vault yet (buildCreate). */
  address: Address | null;
  vaultId: string | null;
  registered: boolean;
  keeper: Address | null;
  keeperIsOurs: boolean;
  tokens: VaultTokenView[];
  priceBounds: PriceBoundView[];
};
export type VaultState = { chainId: number; factory: Address; ourKeeper: Address | null; block: bigint; vaults: VaultView[] };
export type VaultRecord = { id: string; chainId: number; address: Address; owner: Address; createdTx: Hex | null; createdAt: Date };
export type KeeperTxRecord = {
  id: string;
  key: string;
  chainId: number;
  vault: Address;
  automationId: string | null;
  status: KeeperTxRow["status"];
  hash: Hex | null;
  nonce: number | null;
  tokenIn: Address;
  tokenOut: Address;
  amountIn: bigint;
  minAmountOut: bigint;
  quotedAmountOut: bigint | null;
  amountOut: bigint | null;
  triggerBlock: bigint | null;
  blockNumber: bigint | null;
  error: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
};

const lc = (a: string) => a.toLowerCase();
const isNative = (a: string) => lc(a) === lc(NATIVE_TOKEN);
const notFound = () => new DomainError("vault.NOT_FOUND", ErrorKind.notFound, "Vault not found.");

function unreachable(err: unknown): never {
  if (err instanceof DomainError) throw err;
  throw new DomainError("chain.UNREACHABLE", ErrorKind.unavailable, "The chain is not reachable right now. Try again in a moment.", { cause: err });
}

export function factoryOrThrow(chainId: number): { registry: ChainRegistry; factory: Address } {
  const registry = registryOrThrow(chainId);
  if (!registry.vaultFactory) throw new DomainError("vault.NOT_AVAILABLE", ErrorKind.invalid, `Vaults are not available on chain ${chainId} yet.`);
  return { registry, factory: getAddress(registry.vaultFactory) };
}

async function linkedOwners(db: Db, userId: string): Promise<Address[]> {
  return (await listWalletsForUser(db, userId)).map((w) => getAddress(w.address));
}

function registryToken(registry: ChainRegistry, address: string): RegistryToken {
  const t = registry.tokens.find((x) => lc(x.address) === lc(address));
  if (!t) throw new DomainError("vault.UNKNOWN_TOKEN", ErrorKind.invalid, "This token is not supported on this chain.");
  return t;
}

/** The vault, its owner (a linked wallet of the user) and the chain, or vault.NOT_FOUND. */
export async function resolveVaultOrThrow(db: Db, userId: string, chainId: number, vault: string) {
  const { registry, factory } = factoryOrThrow(chainId);
  const client = publicClientFor(chainId);
  const address = getAddress(vault);
  let owner: Address;
  try {
    const code = await client.getCode({ address });
    if (!code || code === "0x") throw notFound();
    owner = await client.readContract({ address, abi: lodestarVaultAbi, functionName: "owner" });
  } catch (err) {
    if (err instanceof DomainError) throw err;
    // A contract without owner() is not a vault.
    if (err instanceof BaseError && /reverted|returned no data/i.test(err.message)) throw notFound();
    unreachable(err);
  }
  const owners = await linkedOwners(db, userId);
  if (!owners.includes(owner)) throw notFound();
  const row = await findVaultForUser(db, userId, chainId, address);
  if (!row) {
    const fromFactory = await client.readContract({ address: factory, abi: lodestarVaultFactoryAbi, functionName: "vaultOf", args: [owner] }).catch(unreachable);
    if (fromFactory !== address) throw notFound();
  }
  return { registry, factory, client, vault: address, owner, row };
}

// ---------------------------------------------------------------- reading

export async function getVaultState(db: Db, userId: string, input: z.output<typeof vaultStateInput>): Promise<VaultState> {
  const { registry, factory } = factoryOrThrow(input.chainId);
  const client = publicClientFor(input.chainId);
  const linked = await linkedOwners(db, userId);
  const owners = input.owner ? linked.filter((o) => o === getAddress(input.owner!)) : linked;
  if (input.owner && owners.length === 0) throw notFound();
  const rows = await listVaultsForUser(db, userId, input.chainId);
  const ours = keeperAddress(input.chainId);
  try {
    const block = await client.getBlockNumber({ cacheTime: 0 });
    const mc = <T>(contracts: readonly ContractFunctionParameters[]) =>
      client.multicall({ blockNumber: block, multicallAddress: registry.multicall3 as Address, allowFailure: false, contracts }) as Promise<T[]>;
    const addresses = await mc<Address>(owners.map((o) => ({ address: factory, abi: lodestarVaultFactoryAbi, functionName: "vaultOf", args: [o] })));
    const vaults: VaultView[] = [];
    for (const [i, owner] of owners.entries()) {
      const address = addresses[i] === zeroAddress ? null : addresses[i]!;
      const row = address ? rows.find((r) => r.address === lc(address)) : undefined;
      if (!address) {
        vaults.push({ owner, address: null, vaultId: null, registered: false, keeper: null, keeperIsOurs: false, tokens: [], priceBounds: [] });
        continue;
      }
      vaults.push(await readVault(mc, registry, owner, address, row ?? null, ours, input.pairs));
    }
    return { chainId: input.chainId, factory, ourKeeper: ours, block, vaults };
  } catch (err) {
    unreachable(err);
  }
}

type Multicall = <T>(contracts: readonly ContractFunctionParameters[]) => Promise<T[]>;

async function readVault(
  mc: Multicall,
  registry: ChainRegistry,
  owner: Address,
  vault: Address,
  row: VaultRow | null,
  ours: Address | null,
  pairs: { tokenIn: string; tokenOut: string }[] | undefined,
): Promise<VaultView> {
  const tokens = registry.tokens.map((t) => getAddress(t.address));
  const [keeper, ...rest] = await mc<unknown>([
    { address: vault, abi: lodestarVaultAbi, functionName: "keeper" },
    ...tokens.map((t) => ({ address: t, abi: erc20Abi, functionName: "balanceOf", args: [vault] })),
    ...tokens.map((t) => ({ address: vault, abi: lodestarVaultAbi, functionName: "tokenLimits", args: [t] })),
  ]);
  const views: VaultTokenView[] = registry.tokens.map((t, i) => {
    const [allowed, maxPerExecution, maxPerDay, spentToday] = rest[tokens.length + i] as readonly [boolean, bigint, bigint, bigint];
    return { token: tokens[i]!, symbol: t.symbol, decimals: t.decimals, balance: rest[i] as bigint, allowed, maxPerExecution, maxPerDay, spentToday };
  });
  const allowed = views.filter((v) => v.allowed).map((v) => v.token);
  const wanted = pairs
    ? pairs.map((p) => ({ tokenIn: getAddress(p.tokenIn), tokenOut: getAddress(p.tokenOut) }))
    : allowed.flatMap((a) => allowed.filter((b) => b !== a).map((b) => ({ tokenIn: a, tokenOut: b })));
  const bounds = wanted.length
    ? await mc<bigint>(wanted.map((p) => ({ address: vault, abi: lodestarVaultAbi, functionName: "priceBound", args: [p.tokenIn, p.tokenOut] })))
    : [];
  const priceBounds = wanted.map((p, i) => ({ ...p, minOutPerInX18: bounds[i]! })).filter((b) => pairs !== undefined || b.minOutPerInX18 > 0n);
  const k = keeper === zeroAddress ? null : (keeper as Address);
  return { owner, address: vault, vaultId: row?.id ?? null, registered: !!row, keeper: k, keeperIsOurs: !!k && !!ours && k === ours, tokens: views, priceBounds };
}

export async function listKeeperTxs(db: Db, userId: string, input: z.output<typeof keeperTxsInput>): Promise<KeeperTxRecord[]> {
  const rows = await listKeeperTxsForUser(db, userId, { chainId: input.chainId, limit: input.limit });
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    chainId: r.chainId,
    vault: getAddress(r.vaultAddress),
    automationId: r.automationId,
    status: r.status,
    hash: (r.hash as Hex | null) ?? null,
    nonce: r.nonce,
    tokenIn: getAddress(r.tokenIn),
    tokenOut: getAddress(r.tokenOut),
    amountIn: r.amountIn,
    minAmountOut: r.minAmountOut,
    quotedAmountOut: r.quotedAmountOut,
    amountOut: r.amountOut,
    triggerBlock: r.triggerBlock,
    blockNumber: r.blockNumber,
    error: r.error,
    createdAt: r.createdAt,
    confirmedAt: r.confirmedAt,
  }));
}

// ---------------------------------------------------------------- registration

/** Records the vault a createVault transaction made, from its receipt (idempotent). */
export async function registerVault(db: Db, userId: string, input: z.output<typeof registerVaultInput>): Promise<VaultRecord> {
  const { factory } = factoryOrThrow(input.chainId);
  const client = publicClientFor(input.chainId);
  const receipt = await client.getTransactionReceipt({ hash: input.hash }).catch((err: unknown) => {
    if (err instanceof BaseError && /NotFound/.test(err.name)) return null;
    unreachable(err);
  });
  if (!receipt) throw new DomainError("vault.TX_NOT_FOUND", ErrorKind.invalid, "This transaction was not found (or is not mined yet) on the selected network.");
  const created = parseEventLogs({ abi: lodestarVaultFactoryAbi, logs: receipt.logs, eventName: "VaultCreated" }).filter((l) => lc(l.address) === lc(factory));
  const ev = created[0];
  if (receipt.status !== "success" || !ev) throw new DomainError("vault.NOT_A_CREATION", ErrorKind.invalid, "This transaction did not create a Lodestar vault.");
  const owners = await linkedOwners(db, userId);
  if (!owners.includes(getAddress(ev.args.owner))) throw notFound();
  // Still that owner's vault on chain now (the factory never changes it, the chain may have been reset).
  const current = await client.readContract({ address: factory, abi: lodestarVaultFactoryAbi, functionName: "vaultOf", args: [ev.args.owner] }).catch(unreachable);
  if (current !== ev.args.vault) throw new DomainError("vault.NOT_A_CREATION", ErrorKind.invalid, "This vault is no longer on the selected network.");
  const values = { userId, chainId: input.chainId, address: ev.args.vault, owner: ev.args.owner, createdTx: input.hash };
  const row = (await insertVault(db, values)) ?? (await findVaultByAddress(db, input.chainId, ev.args.vault));
  if (!row || row.userId !== userId) throw notFound();
  return toRecord(row);
}

function toRecord(r: VaultRow): VaultRecord {
  return { id: r.id, chainId: r.chainId, address: getAddress(r.address), owner: getAddress(r.owner), createdTx: (r.createdTx as Hex | null) ?? null, createdAt: r.createdAt };
}

// ---------------------------------------------------------------- builders

const vaultCall = (chainId: number, vault: Address, data: Hex, value = 0n): VaultTx => ({ to: vault, data, value, chainId });
const encodeVault = (functionName: string, args: readonly unknown[] = []) => encodeFunctionData({ abi: lodestarVaultAbi, functionName, args } as never) as Hex;

export async function buildCreateVault(db: Db, userId: string, input: z.output<typeof buildCreateVaultInput>): Promise<VaultTxPlan> {
  const { factory } = factoryOrThrow(input.chainId);
  const owner = getAddress(input.owner);
  if (!(await linkedOwners(db, userId)).includes(owner)) throw notFound();
  const client = publicClientFor(input.chainId);
  const [existing, predicted] = await Promise.all([
    client.readContract({ address: factory, abi: lodestarVaultFactoryAbi, functionName: "vaultOf", args: [owner] }),
    client.readContract({ address: factory, abi: lodestarVaultFactoryAbi, functionName: "predictVault", args: [owner] }),
  ]).catch(unreachable);
  if (existing !== zeroAddress) throw new DomainError("vault.EXISTS", ErrorKind.conflict, "This wallet already has a vault on this network.");
  const data = encodeFunctionData({ abi: lodestarVaultFactoryAbi, functionName: "createVault" });
  return { chainId: input.chainId, account: owner, vault: predicted, steps: [{ kind: "createVault", label: "Create your vault", tx: { to: factory, data, value: 0n, chainId: input.chainId } }] };
}

export async function buildDeposit(db: Db, userId: string, input: z.output<typeof buildVaultDepositInput>): Promise<VaultTxPlan> {
  const { registry, client, vault, owner } = await resolveVaultOrThrow(db, userId, input.chainId, input.vault);
  const plan = { chainId: input.chainId, account: owner, vault };
  if (isNative(input.token)) {
    return { ...plan, steps: [{ kind: "depositETH", label: "Deposit ETH (held as WETH)", tx: vaultCall(input.chainId, vault, encodeVault("depositETH"), input.amount) }] };
  }
  const token = registryToken(registry, input.token);
  const address = getAddress(token.address);
  const current = await client.readContract({ address, abi: erc20Abi, functionName: "allowance", args: [owner, vault] }).catch(unreachable);
  const steps: VaultTxStep[] = [];
  // Exact approvals only; tokens like USDT need a reset to 0 before a new non-zero amount.
  if (current < input.amount) {
    const approve = (amount: bigint): VaultTxStep => ({
      kind: "approve",
      label: amount === 0n ? `Reset the ${token.symbol} allowance` : `Approve ${token.symbol} for the vault`,
      tx: { to: address, data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [vault, amount] }), value: 0n, chainId: input.chainId },
    });
    if (current > 0n && token.symbol === "USDT") steps.push(approve(0n));
    steps.push(approve(input.amount));
  }
  steps.push({ kind: "deposit", label: `Deposit ${token.symbol}`, tx: vaultCall(input.chainId, vault, encodeVault("deposit", [address, input.amount])) });
  return { ...plan, steps };
}

export async function buildWithdraw(db: Db, userId: string, input: z.output<typeof buildVaultWithdrawInput>): Promise<VaultTxPlan> {
  const { registry, client, vault, owner } = await resolveVaultOrThrow(db, userId, input.chainId, input.vault);
  const native = isNative(input.token);
  const token = native ? registryToken(registry, registry.weth) : registryToken(registry, input.token);
  const held = await client.readContract({ address: getAddress(token.address), abi: erc20Abi, functionName: "balanceOf", args: [vault] }).catch(unreachable);
  if (held < input.amount) throw new DomainError("vault.INSUFFICIENT_BALANCE", ErrorKind.invalid, `The vault holds less ${native ? "ETH (WETH)" : token.symbol} than that.`);
  const step: VaultTxStep = native
    ? { kind: "withdrawETH", label: "Withdraw ETH", tx: vaultCall(input.chainId, vault, encodeVault("withdrawETH", [input.amount])) }
    : { kind: "withdraw", label: `Withdraw ${token.symbol}`, tx: vaultCall(input.chainId, vault, encodeVault("withdraw", [getAddress(token.address), input.amount])) };
  return { chainId: input.chainId, account: owner, vault, steps: [step] };
}

export async function buildSetTokenLimits(db: Db, userId: string, input: z.output<typeof buildSetTokenLimitsInput>): Promise<VaultTxPlan> {
  const { registry, vault, owner } = await resolveVaultOrThrow(db, userId, input.chainId, input.vault);
  const token = registryToken(registry, isNative(input.token) ? registry.weth : input.token);
  const data = encodeVault("setTokenLimits", [getAddress(token.address), input.allowed, input.maxPerExecution, input.maxPerDay]);
  const label = input.allowed ? `Allow ${token.symbol} with caps` : `Disallow ${token.symbol}`;
  return { chainId: input.chainId, account: owner, vault, steps: [{ kind: "setTokenLimits", label, tx: vaultCall(input.chainId, vault, data) }] };
}

export async function buildSetPriceBound(db: Db, userId: string, input: z.output<typeof buildSetPriceBoundInput>): Promise<VaultTxPlan> {
  const { registry, vault, owner } = await resolveVaultOrThrow(db, userId, input.chainId, input.vault);
  const tIn = registryToken(registry, isNative(input.tokenIn) ? registry.weth : input.tokenIn);
  const tOut = registryToken(registry, isNative(input.tokenOut) ? registry.weth : input.tokenOut);
  if (tIn.address === tOut.address) throw new DomainError("vault.SAME_TOKEN", ErrorKind.invalid, "Choose two different tokens (ETH is held as WETH).");
  const data = encodeVault("setPriceBound", [getAddress(tIn.address), getAddress(tOut.address), input.minOutPerInX18]);
  return { chainId: input.chainId, account: owner, vault, steps: [{ kind: "setPriceBound", label: `Set the ${tIn.symbol} → ${tOut.symbol} price bound`, tx: vaultCall(input.chainId, vault, data) }] };
}

export async function buildSetKeeper(db: Db, userId: string, input: z.output<typeof vaultRefInput>): Promise<VaultTxPlan> {
  const { vault, owner } = await resolveVaultOrThrow(db, userId, input.chainId, input.vault);
  const keeper = keeperAddress(input.chainId);
  if (!keeper) throw new DomainError("keeper.NOT_CONFIGURED", ErrorKind.unavailable, `Automation is not available on chain ${input.chainId} (no keeper key).`);
  return { chainId: input.chainId, account: owner, vault, steps: [{ kind: "setKeeper", label: "Let Lodestar's keeper trade within your limits", tx: vaultCall(input.chainId, vault, encodeVault("setKeeper", [keeper])) }] };
}

export async function buildRevokeKeeper(db: Db, userId: string, input: z.output<typeof vaultRefInput>): Promise<VaultTxPlan> {
  const { vault, owner } = await resolveVaultOrThrow(db, userId, input.chainId, input.vault);
  return { chainId: input.chainId, account: owner, vault, steps: [{ kind: "revokeKeeper", label: "Revoke the keeper (stops all automation)", tx: vaultCall(input.chainId, vault, encodeVault("revokeKeeper")) }] };
}

// ---------------------------------------------------------------- reverts

// Executor errors bubble up through execute(); InsufficientOutput has one signature in both.
const revertAbi = [...lodestarVaultAbi.filter((x) => x.type === "error"), ...lodestarExecutorAbi.filter((x) => x.type === "error" && x.name !== "InsufficientOutput")];

export type VaultRevert = { code: string; reason: string };

/** A readable reason (and a `vault.*` code) for a vault call's revert data. */
export function describeVaultRevert(revertData: Hex | null, registry: ChainRegistry | null, ctx: { tokenIn: string; tokenOut: string }): VaultRevert {
  const meta = (a: string) => registry?.tokens.find((t) => lc(t.address) === lc(a)) ?? null;
  const fmtIn = (raw: bigint) => formatTokenAmount(raw, meta(ctx.tokenIn));
  const fmtOut = (raw: bigint) => formatTokenAmount(raw, meta(ctx.tokenOut));
  const sym = (a: unknown) => meta(String(a))?.symbol ?? String(a);
  let name: string;
  let args: readonly unknown[];
  try {
    if (!revertData || revertData.length < 10) throw new Error("no revert data");
    const decoded = decodeErrorResult({ abi: revertAbi, data: revertData });
    name = decoded.errorName;
    args = (decoded.args ?? []) as readonly unknown[];
  } catch {
    return { code: "vault.REVERTED", reason: "The vault transaction reverted on chain." };
  }
  const a = (i: number) => args[i] as bigint;
  const reasons: Record<string, () => string> = {
    NotKeeper: () => "Lodestar's keeper is not this vault's keeper (it was never set or has been revoked).",
    TokenNotAllowed: () => `The vault does not allow ${sym(args[0])}.`,
    ExceedsPerExecution: () => `${fmtIn(a(0))} exceeds the vault's per-execution cap of ${fmtIn(a(1))}.`,
    ExceedsDailyCap: () => `${fmtIn(a(0))} exceeds what is left of the vault's daily cap today (${fmtIn(a(1))}).`,
    NoPriceBound: () => `The vault has no price bound for ${sym(args[0])} → ${sym(args[1])}; the keeper cannot trade this pair.`,
    PriceBoundNotMet: () => `The vault's price bound stopped the trade: it would have returned ${fmtOut(a(0))}, less than the owner's floor of ${fmtOut(a(1))}.`,
    InsufficientOutput: () => `Price moved beyond the slippage limit: the swap would have returned ${fmtOut(a(0))}, less than the minimum ${fmtOut(a(1))}.`,
    Expired: () => "The deadline passed before the transaction was mined.",
    IncompleteFill: () => "A pool on the route ran out of liquidity.",
    SafeERC20FailedOperation: () => `A token transfer of ${sym(args[0])} failed (does the vault hold enough?).`,
    TransferFailed: () => "A token transfer failed (does the vault hold enough?).",
    ZeroAmount: () => "The amount must be greater than zero.",
  };
  const code = `vault.${name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
  return { code, reason: reasons[name]?.() ?? `The vault transaction reverted (${name}).` };
}

/** Revert data from a viem error (simulation / estimate / call), if it carries any. */
export function revertDataOf(err: unknown): Hex | null {
  if (!(err instanceof BaseError)) return null;
  const withData = err.walk((x) => typeof (x as { data?: unknown }).data === "string" && ((x as { data: string }).data).startsWith("0x")) as { data?: Hex } | null;
  if (withData?.data) return withData.data;
  const raw = err.walk((x) => typeof (x as { raw?: unknown }).raw === "string") as { raw?: Hex } | null;
  return raw?.raw ?? null;
}
