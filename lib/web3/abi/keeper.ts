// What the market keeper (server/services/market-replay.ts) calls besides the V2 router:
// Uniswap V3 SwapRouter's exactInputSingle (with a price limit) and TestToken's owner-only mint.
import { parseAbi } from "viem";

export const v3SwapRouterAbi = parseAbi([
  "struct ExactInputSingleParams { address tokenIn; address tokenOut; uint24 fee; address recipient; uint256 deadline; uint256 amountIn; uint256 amountOutMinimum; uint160 sqrtPriceLimitX96; }",
  "function exactInputSingle(ExactInputSingleParams params) payable returns (uint256 amountOut)",
]);

export const testTokenAbi = parseAbi([
  "function mint(address to, uint256 amount)",
  "function owner() view returns (address)",
]);
