// ABI of contracts/src/LodestarExecutor.sol (kept in step with the Solidity by
// contracts/deploy/executor.int.test.ts, which compares it with the compiler's output).
export const NATIVE_TOKEN = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE" as const;

export const HOP_KIND = { v2: 0, v3: 1 } as const;

export const lodestarExecutorAbi = [
  {
    type: "function",
    name: "swap",
    stateMutability: "payable",
    inputs: [
      { name: "tokenIn", type: "address" },
      { name: "tokenOut", type: "address" },
      { name: "amountIn", type: "uint256" },
      { name: "minAmountOut", type: "uint256" },
      { name: "recipient", type: "address" },
      { name: "deadline", type: "uint256" },
      {
        name: "paths",
        type: "tuple[]",
        components: [
          { name: "amountIn", type: "uint256" },
          {
            name: "hops",
            type: "tuple[]",
            components: [
              { name: "kind", type: "uint8" },
              { name: "pool", type: "address" },
              { name: "tokenIn", type: "address" },
              { name: "tokenOut", type: "address" },
            ],
          },
        ],
      },
    ],
    outputs: [{ name: "amountOut", type: "uint256" }],
  },
  { type: "function", name: "WETH", stateMutability: "view", inputs: [], outputs: [{ name: "", type: "address" }] },
  // Called back by the V3 pool being swapped (only that pool, once per hop); not for clients.
  {
    type: "function",
    name: "uniswapV3SwapCallback",
    stateMutability: "nonpayable",
    inputs: [
      { name: "amount0Delta", type: "int256" },
      { name: "amount1Delta", type: "int256" },
      { name: "", type: "bytes" },
    ],
    outputs: [],
  },
  {
    type: "event",
    name: "Swapped",
    inputs: [
      { name: "sender", type: "address", indexed: true },
      { name: "recipient", type: "address", indexed: true },
      { name: "tokenIn", type: "address", indexed: true },
      { name: "tokenOut", type: "address", indexed: false },
      { name: "amountIn", type: "uint256", indexed: false },
      { name: "amountOut", type: "uint256", indexed: false },
    ],
  },
  { type: "error", name: "Expired", inputs: [] },
  {
    type: "error",
    name: "InsufficientOutput",
    inputs: [
      { name: "amountOut", type: "uint256" },
      { name: "minAmountOut", type: "uint256" },
    ],
  },
  { type: "error", name: "BadRoute", inputs: [] },
  { type: "error", name: "BadValue", inputs: [] },
  { type: "error", name: "UnexpectedCallback", inputs: [] },
  { type: "error", name: "IncompleteFill", inputs: [] },
  { type: "error", name: "Reentrancy", inputs: [] },
  { type: "error", name: "TransferFailed", inputs: [] },
  { type: "receive", stateMutability: "payable" },
] as const;
