// Sends a deployer's transactions back to back with locally managed nonces, without waiting
// for each receipt (anvil mines every transaction on arrival); receipts are checked in one
// batch at the end. Gas limits are fixed per kind so no estimate round trip is needed.
import { waitForReceipt } from "@/lib/web3/wait-receipt";
import {
  createPublicClient,
  encodeDeployData,
  encodeFunctionData,
  getContractAddress,
  http,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";

// anvil's first dev account (mnemonic "test test … junk"): the local deployer.
export const DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80" as const;

export const GAS = { deploy: 12_000_000n, createPool: 6_000_000n, mintPosition: 1_000_000n, call: 400_000n } as const;

export class TxSender {
  readonly account: PrivateKeyAccount;
  readonly client: PublicClient;
  readonly hashes: Hex[] = [];
  private nonce = 0;
  private maxFeePerGas = 0n;

  private constructor(
    readonly rpcUrl: string,
    readonly chainId: number,
  ) {
    this.account = privateKeyToAccount(DEPLOYER_KEY);
    this.client = createPublicClient({ transport: http(rpcUrl, { batch: { batchSize: 200 }, timeout: 30_000, retryCount: 0 }) });
  }

  static async create(rpcUrl: string, chainId: number): Promise<TxSender> {
    const s = new TxSender(rpcUrl, chainId);
    const [nonce, block] = await Promise.all([
      s.client.getTransactionCount({ address: s.account.address, blockTag: "pending" }),
      s.client.getBlock({ blockTag: "latest" }),
    ]);
    s.nonce = nonce;
    // Empty local blocks only lower the base fee, so twice today's (+1 gwei) lasts the deploy.
    s.maxFeePerGas = (block.baseFeePerGas ?? 1_000_000_000n) * 2n + 1_000_000_000n;
    return s;
  }

  get address(): Address {
    return this.account.address;
  }

  async send(tx: { to?: Address; data: Hex; value?: bigint; gas?: bigint }): Promise<Hex> {
    const serialized = await this.account.signTransaction({
      chainId: this.chainId,
      type: "eip1559",
      nonce: this.nonce++,
      to: tx.to ?? null,
      data: tx.data,
      value: tx.value ?? 0n,
      gas: tx.gas ?? GAS.call,
      maxFeePerGas: this.maxFeePerGas,
      maxPriorityFeePerGas: 1n,
    });
    const hash = await this.client.request({ method: "eth_sendRawTransaction", params: [serialized] });
    this.hashes.push(hash);
    return hash;
  }

  // Deploys and returns the address the contract gets (CREATE from the deployer's nonce).
  async deploy(abi: Abi, bytecode: Hex, args: readonly unknown[] = []): Promise<Address> {
    const address = getContractAddress({ from: this.address, nonce: BigInt(this.nonce) });
    await this.send({ data: encodeDeployData({ abi, bytecode, args }), gas: GAS.deploy });
    return address;
  }

  async call(to: Address, abi: Abi, functionName: string, args: readonly unknown[], opts: { value?: bigint; gas?: bigint } = {}): Promise<Hex> {
    return this.send({ to, data: encodeFunctionData({ abi, functionName, args }), ...opts });
  }

  // Throws unless every transaction sent so far was mined and succeeded.
  async confirmAll(): Promise<bigint> {
    const receipts = await Promise.all(this.hashes.map((hash) => waitForReceipt(this.client, hash, { timeoutMs: 60_000 })));
    const failed = receipts.filter((r) => r.status !== "success");
    if (failed.length) throw new Error(`${failed.length} deploy transaction(s) reverted, first ${failed[0]!.transactionHash}`);
    return receipts.reduce((max, r) => (r.blockNumber > max ? r.blockNumber : max), 0n);
  }
}
