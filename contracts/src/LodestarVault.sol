// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

interface IVaultWETH9 {
    function deposit() external payable;
    function withdraw(uint256 amount) external;
}

/// The one function of LodestarExecutor the vault calls (contracts/src/LodestarExecutor.sol).
interface ILodestarExecutor {
    struct Hop {
        uint8 kind;
        address pool;
        address tokenIn;
        address tokenOut;
    }

    struct Path {
        uint256 amountIn;
        Hop[] hops;
    }

    function swap(
        address tokenIn,
        address tokenOut,
        uint256 amountIn,
        uint256 minAmountOut,
        address recipient,
        uint256 deadline,
        Path[] calldata paths
    ) external payable returns (uint256 amountOut);
}

/// @title LodestarVault
/// @notice A non-custodial vault for one owner. The owner deposits and withdraws at any time.
///         An automation key (the keeper) may only swap the vault's tokens through Lodestar's
///         executor, with the proceeds paid back into this vault, within limits the owner sets
///         here and the contract enforces: allowed tokens, a maximum input per execution and
///         per UTC day, and a minimum output per unit of input for each pair (price bound).
/// @dev Security reasoning:
///      - The keeper's only entry point is execute(). It cannot choose the spender (the
///        executor is immutable, set by the factory), the recipient (always this vault), or
///        make any other call. Approvals are exactly amountIn and reset afterwards.
///      - The keeper picks the route (pools). A route through a fake or hostile pool either
///        reverts inside the executor (it only pays out what it received) or returns less
///        than the required output, which this contract checks on its own balance; either way
///        the whole transaction reverts and the input never leaves. The worst a compromised
///        keeper can do is trade an allowed amount at the owner's price bound.
///      - Tokens are ERC-20s the owner allows (NATIVE / zero address are refused); ETH is
///        held as WETH.
///      - One reentrancy lock (transient storage) covers every state-changing function, so a
///        pool or token called during execute() cannot re-enter withdraw or execute.
contract LodestarVault is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// Per input token. Packed into two slots.
    struct TokenLimits {
        uint128 maxPerExecution;
        uint128 maxPerDay;
        uint128 spent; // input spent by execute() on `day`
        uint64 day; // block.timestamp / 1 days when `spent` was last written (UTC day)
        bool allowed;
    }

    address private constant NATIVE = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

    address public immutable owner;
    address public immutable executor;
    address public immutable weth;
    address public immutable factory;

    address public keeper;
    mapping(address token => TokenLimits) private _limits;
    /// Minimum output (tokenOut base units) per 1e18 base units of tokenIn; 0 = no bound set,
    /// and then the keeper cannot trade the pair.
    mapping(address tokenIn => mapping(address tokenOut => uint256)) public priceBound;

    event Deposited(address indexed token, uint256 amount);
    event Withdrawn(address indexed token, uint256 amount);
    event KeeperSet(address indexed keeper);
    event KeeperRevoked(address indexed keeper);
    event LimitsSet(address indexed token, bool allowed, uint256 maxPerExecution, uint256 maxPerDay);
    event PriceBoundSet(address indexed tokenIn, address indexed tokenOut, uint256 minOutPerInX18);
    event Executed(address indexed tokenIn, address indexed tokenOut, uint256 amountIn, uint256 amountOut);

    error NotOwner();
    error ZeroAddress();
    error NotKeeper();
    error ZeroAmount();
    error BadToken(address token);
    error TokenNotAllowed(address token);
    error ExceedsPerExecution(uint256 amountIn, uint256 maxPerExecution);
    error ExceedsDailyCap(uint256 amountIn, uint256 remainingToday);
    error NoPriceBound(address tokenIn, address tokenOut);
    error InsufficientOutput(uint256 amountOut, uint256 minAmountOut);
    error PriceBoundNotMet(uint256 amountOut, uint256 boundAmountOut);
    error BadValue();
    error EthTransferFailed();

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    constructor(address owner_, address executor_, address weth_) {
        owner = owner_;
        executor = executor_;
        weth = weth_;
        factory = msg.sender;
    }

    /// @notice Only WETH sends ETH here (unwrapping for withdrawETH).
    receive() external payable {
        if (msg.sender != weth) revert BadValue();
    }

    // ------------------------------------------------------------------ owner: funds

    function deposit(address token, uint256 amount) external onlyOwner nonReentrant {
        _checkToken(token);
        if (amount == 0) revert ZeroAmount();
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        emit Deposited(token, amount);
    }

    /// @notice Wraps the ETH sent into WETH held by the vault.
    function depositETH() external payable onlyOwner nonReentrant {
        if (msg.value == 0) revert ZeroAmount();
        IVaultWETH9(weth).deposit{value: msg.value}();
        emit Deposited(weth, msg.value);
    }

    /// @notice To the owner, at any time, whatever the keeper and limits are.
    function withdraw(address token, uint256 amount) external onlyOwner nonReentrant {
        if (amount == 0) revert ZeroAmount();
        IERC20(token).safeTransfer(owner, amount);
        emit Withdrawn(token, amount);
    }

    /// @notice Unwraps WETH and sends the ETH to the owner.
    function withdrawETH(uint256 amount) external onlyOwner nonReentrant {
        if (amount == 0) revert ZeroAmount();
        IVaultWETH9(weth).withdraw(amount);
        (bool ok,) = owner.call{value: amount}("");
        if (!ok) revert EthTransferFailed();
        emit Withdrawn(weth, amount);
    }

    // ------------------------------------------------------------------ owner: automation

    function setKeeper(address keeper_) external onlyOwner nonReentrant {
        if (keeper_ == address(0)) revert ZeroAddress();
        keeper = keeper_;
        emit KeeperSet(keeper_);
    }

    /// @notice One transaction stops all automation: the keeper can no longer execute.
    function revokeKeeper() external onlyOwner nonReentrant {
        address old = keeper;
        keeper = address(0);
        emit KeeperRevoked(old);
    }

    /// @notice Limits per input token; `allowed` also gates the token as an output.
    function setTokenLimits(address token, bool allowed, uint128 maxPerExecution, uint128 maxPerDay)
        external
        onlyOwner
        nonReentrant
    {
        _checkToken(token);
        TokenLimits storage l = _limits[token];
        (l.allowed, l.maxPerExecution, l.maxPerDay) = (allowed, maxPerExecution, maxPerDay);
        emit LimitsSet(token, allowed, maxPerExecution, maxPerDay);
    }

    function setPriceBound(address tokenIn, address tokenOut, uint256 minOutPerInX18) external onlyOwner nonReentrant {
        _checkToken(tokenIn);
        _checkToken(tokenOut);
        if (tokenIn == tokenOut) revert BadToken(tokenOut);
        priceBound[tokenIn][tokenOut] = minOutPerInX18;
        emit PriceBoundSet(tokenIn, tokenOut, minOutPerInX18);
    }

    // ------------------------------------------------------------------ keeper

    /// @notice Swaps amountIn of tokenIn for tokenOut through the executor along `paths`; the
    ///         output lands in this vault and must be at least max(minOut, price bound).
    function execute(
        address tokenIn,
        address tokenOut,
        uint256 amountIn,
        uint256 minOut,
        uint256 deadline,
        ILodestarExecutor.Path[] calldata paths
    ) external nonReentrant returns (uint256 amountOut) {
        if (msg.sender != keeper || msg.sender == address(0)) revert NotKeeper();
        uint256 boundOut = _consumeLimits(tokenIn, tokenOut, amountIn);
        amountOut = _swap(tokenIn, tokenOut, amountIn, minOut, deadline, paths);
        if (amountOut < minOut) revert InsufficientOutput(amountOut, minOut);
        if (amountOut < boundOut) revert PriceBoundNotMet(amountOut, boundOut);
        emit Executed(tokenIn, tokenOut, amountIn, amountOut);
    }

    // Checks the pair and the caps, books amountIn against today's cap, and returns the
    // minimum output the owner's price bound demands (rounded up, in the owner's favour).
    function _consumeLimits(address tokenIn, address tokenOut, uint256 amountIn) private returns (uint256 boundOut) {
        if (amountIn == 0) revert ZeroAmount();
        TokenLimits storage l = _limits[tokenIn];
        if (!l.allowed) revert TokenNotAllowed(tokenIn);
        if (!_limits[tokenOut].allowed || tokenOut == tokenIn) revert TokenNotAllowed(tokenOut);
        if (amountIn > l.maxPerExecution) revert ExceedsPerExecution(amountIn, l.maxPerExecution);

        uint64 today = uint64(block.timestamp / 1 days);
        uint256 spent = l.day == today ? l.spent : 0;
        uint256 remaining = l.maxPerDay > spent ? l.maxPerDay - spent : 0;
        if (amountIn > remaining) revert ExceedsDailyCap(amountIn, remaining);
        (l.spent, l.day) = (uint128(spent + amountIn), today);

        uint256 bound = priceBound[tokenIn][tokenOut];
        if (bound == 0) revert NoPriceBound(tokenIn, tokenOut);
        boundOut = Math.mulDiv(amountIn, bound, 1e18, Math.Rounding.Ceil);
    }

    // Exact approval to the immutable executor, recipient fixed to this vault, approval reset;
    // returns what actually arrived (the balance change), not what the executor reports.
    function _swap(
        address tokenIn,
        address tokenOut,
        uint256 amountIn,
        uint256 minOut,
        uint256 deadline,
        ILodestarExecutor.Path[] calldata paths
    ) private returns (uint256) {
        uint256 before = IERC20(tokenOut).balanceOf(address(this));
        IERC20(tokenIn).forceApprove(executor, amountIn);
        ILodestarExecutor(executor).swap(tokenIn, tokenOut, amountIn, minOut, address(this), deadline, paths);
        if (IERC20(tokenIn).allowance(address(this), executor) != 0) IERC20(tokenIn).forceApprove(executor, 0);
        return IERC20(tokenOut).balanceOf(address(this)) - before;
    }

    // ------------------------------------------------------------------ views

    /// @notice The token's limits, with `spentToday` already reset when the UTC day changed.
    function tokenLimits(address token)
        external
        view
        returns (bool allowed, uint256 maxPerExecution, uint256 maxPerDay, uint256 spentToday)
    {
        TokenLimits storage l = _limits[token];
        spentToday = l.day == uint64(block.timestamp / 1 days) ? l.spent : 0;
        return (l.allowed, l.maxPerExecution, l.maxPerDay, spentToday);
    }

    function _checkToken(address token) private pure {
        if (token == address(0) || token == NATIVE) revert BadToken(token);
    }
}
