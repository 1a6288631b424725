// OpenZeppelin 5 ERC-20 custom errors (our test tokens revert with these).
import { parseAbi } from "viem";

export const ozErc20ErrorsAbi = parseAbi([
  "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
  "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
  "error ERC20InvalidSender(address sender)",
  "error ERC20InvalidReceiver(address receiver)",
]);
