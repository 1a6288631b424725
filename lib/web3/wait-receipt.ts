// Waits for a transaction's receipt by asking for it directly, every pollMs, until it exists
// or the timeout passes. viem's waitForTransactionReceipt re-checks only when the block number
// changes; on anvil (which mines each transaction as it arrives) a receipt that was not
// queryable at the first check of the block that contains it was then never seen, and a
// market replay step waited out its whole timeout with the transaction long mined.
import { TransactionReceiptNotFoundError, WaitForTransactionReceiptTimeoutError, type Hash, type TransactionReceipt } from "viem";

type ReceiptReader = { getTransactionReceipt: (args: { hash: Hash }) => Promise<TransactionReceipt> };

export async function waitForReceipt(client: ReceiptReader, hash: Hash, opts: { timeoutMs?: number; pollMs?: number } = {}): Promise<TransactionReceipt> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const pollMs = opts.pollMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await client.getTransactionReceipt({ hash });
    } catch (err) {
      if (!(err instanceof TransactionReceiptNotFoundError)) throw err;
    }
    if (Date.now() + pollMs > deadline) throw new WaitForTransactionReceiptTimeoutError({ hash });
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
