// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

interface IWETH9 {
    function deposit() external payable;
    function withdraw(uint256 amount) external;
}

interface IUniswapV2PairLike {
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

interface IUniswapV3PoolLike {
    function swap(address recipient, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96, bytes calldata data)
        external
        returns (int256 amount0, int256 amount1);
}

/// @title LodestarExecutor
/// @notice Executes a routed exact-input swap: the input is split over one or more paths, each
///         a chain of Uniswap V2-style pairs (0.3 % fee) and Uniswap V3 pools, and the summed
///         output goes to the recipient if it reaches minAmountOut. ETH in or out is wrapped or
///         unwrapped through WETH (tokenIn/tokenOut = NATIVE).
/// @dev Holds no funds between transactions: it pulls exactly amountIn from the caller (straight
///      into the first pool of each path), passes intermediate outputs on, and sends out exactly
///      what it received. Anything it had not received would make the final transfer revert, so
///      a wrong pool or token in a route can only fail, never pay out someone else's funds.
///      No owner, no admin, no sweep. Needs EVM cancun (transient storage).
contract LodestarExecutor {
    struct Hop {
        uint8 kind; // 0 = Uniswap V2-style pair (0.3 % fee), 1 = Uniswap V3 pool
        address pool;
        address tokenIn;
        address tokenOut;
    }

    struct Path {
        uint256 amountIn;
        Hop[] hops;
    }

    error Expired();
    error InsufficientOutput(uint256 amountOut, uint256 minAmountOut);
    error BadRoute();
    error BadValue();
    error UnexpectedCallback();
    error IncompleteFill();
    error Reentrancy();
    error TransferFailed();

    event Swapped(
        address indexed sender, address indexed recipient, address indexed tokenIn, address tokenOut, uint256 amountIn, uint256 amountOut
    );

    address private constant NATIVE = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;
    uint8 private constant KIND_V2 = 0;
    uint8 private constant KIND_V3 = 1;
    // TickMath.MIN_SQRT_RATIO + 1 and MAX_SQRT_RATIO - 1: no price limit, so a V3 hop either
    // consumes its whole input or reverts (IncompleteFill).
    uint160 private constant MIN_SQRT_RATIO_PLUS_ONE = 4295128740;
    uint160 private constant MAX_SQRT_RATIO_MINUS_ONE = 1461446703485210103287273052203988822378723970341;

    address public immutable WETH;

    bool private transient _locked;
    // The V3 swap in flight: only this pool may call back, once, and it is paid exactly
    // _cbAmount of _cbToken from _cbPayer. Nothing is taken from the callback's data, which
    // the pool controls.
    address private transient _cbPool;
    address private transient _cbToken;
    address private transient _cbPayer;
    uint256 private transient _cbAmount;

    constructor(address weth) {
        WETH = weth;
    }

    /// @notice Only WETH sends ETH here (when unwrapping the output).
    receive() external payable {
        if (msg.sender != WETH) revert BadValue();
    }

    function swap(
        address tokenIn,
        address tokenOut,
        uint256 amountIn,
        uint256 minAmountOut,
        address recipient,
        uint256 deadline,
        Path[] calldata paths
    ) external payable returns (uint256 amountOut) {
        if (_locked) revert Reentrancy();
        _locked = true;
        if (block.timestamp > deadline) revert Expired();
        if (recipient == address(0) || paths.length == 0) revert BadRoute();

        uint256 total;
        for (uint256 i; i < paths.length; ++i) {
            total += paths[i].amountIn;
        }
        if (total != amountIn) revert BadRoute();

        address payer = msg.sender;
        address first = tokenIn;
        if (tokenIn == NATIVE) {
            if (msg.value != amountIn) revert BadValue();
            IWETH9(WETH).deposit{value: amountIn}();
            (payer, first) = (address(this), WETH);
        } else if (msg.value != 0) {
            revert BadValue();
        }
        address last = tokenOut == NATIVE ? WETH : tokenOut;

        for (uint256 i; i < paths.length; ++i) {
            amountOut += _runPath(paths[i], first, last, payer);
        }
        if (amountOut < minAmountOut) revert InsufficientOutput(amountOut, minAmountOut);

        if (tokenOut == NATIVE) {
            IWETH9(WETH).withdraw(amountOut);
            (bool ok,) = recipient.call{value: amountOut}("");
            if (!ok) revert TransferFailed();
        } else {
            _pay(tokenOut, address(this), recipient, amountOut);
        }
        emit Swapped(msg.sender, recipient, tokenIn, tokenOut, amountIn, amountOut);
        _locked = false;
    }

    /// @notice Uniswap V3 pays out first, then asks for the input here.
    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        if (msg.sender != _cbPool) revert UnexpectedCallback();
        _cbPool = address(0); // one payment per swap
        int256 owed = amount0Delta > 0 ? amount0Delta : amount1Delta;
        if (owed <= 0 || uint256(owed) != _cbAmount) revert IncompleteFill();
        _pay(_cbToken, _cbPayer, msg.sender, uint256(owed));
    }

    // Runs one path and returns its output (held by the executor). Each hop's output goes
    // straight to the next pool when that pool is a V2 pair (it is paid before its swap),
    // otherwise to the executor, which pays the next V3 pool in its callback.
    function _runPath(Path calldata path, address first, address last, address payer) private returns (uint256 amount) {
        Hop[] calldata hops = path.hops;
        uint256 n = hops.length;
        amount = path.amountIn;
        if (n == 0 || amount == 0 || hops[0].tokenIn != first || hops[n - 1].tokenOut != last) revert BadRoute();
        if (hops[0].kind == KIND_V2) _pay(first, payer, hops[0].pool, amount);
        for (uint256 i; i < n; ++i) {
            Hop calldata h = hops[i];
            address to = address(this);
            if (i + 1 < n) {
                Hop calldata next = hops[i + 1];
                if (next.tokenIn != h.tokenOut) revert BadRoute();
                if (next.kind == KIND_V2) to = next.pool;
            }
            if (h.kind == KIND_V2) {
                amount = _swapV2(h.pool, h.tokenIn < h.tokenOut, amount, to);
            } else if (h.kind == KIND_V3) {
                amount = _swapV3(h, amount, i == 0 ? payer : address(this), to);
            } else {
                revert BadRoute();
            }
        }
    }

    // The pair has already received amountIn. Output as UniswapV2Library.getAmountOut; the
    // pair's tokens are sorted by address, so tokenIn < tokenOut means tokenIn is token0.
    function _swapV2(address pair, bool zeroForOne, uint256 amountIn, address to) private returns (uint256 out) {
        (uint256 r0, uint256 r1,) = IUniswapV2PairLike(pair).getReserves();
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (r0, r1) : (r1, r0);
        uint256 inWithFee = amountIn * 997;
        out = (inWithFee * reserveOut) / (reserveIn * 1000 + inWithFee);
        (uint256 out0, uint256 out1) = zeroForOne ? (uint256(0), out) : (out, uint256(0));
        IUniswapV2PairLike(pair).swap(out0, out1, to, "");
    }

    function _swapV3(Hop calldata h, uint256 amountIn, address payer, address to) private returns (uint256 out) {
        if (amountIn > uint256(type(int256).max)) revert BadRoute();
        bool zeroForOne = h.tokenIn < h.tokenOut;
        (_cbPool, _cbToken, _cbPayer, _cbAmount) = (h.pool, h.tokenIn, payer, amountIn);
        (int256 d0, int256 d1) = IUniswapV3PoolLike(h.pool).swap(
            to, zeroForOne, int256(amountIn), zeroForOne ? MIN_SQRT_RATIO_PLUS_ONE : MAX_SQRT_RATIO_MINUS_ONE, ""
        );
        (int256 paid, int256 received) = zeroForOne ? (d0, d1) : (d1, d0);
        // A pool that never called back (or a partial fill) leaves the input unpaid.
        if (_cbPool != address(0) || paid != int256(amountIn) || received > 0) revert IncompleteFill();
        out = uint256(-received);
    }

    // ERC-20 transfer (from == this) or transferFrom, accepting tokens that return nothing;
    // reverts TransferFailed on a false return, a revert, or a target without code.
    function _pay(address token, address from, address to, uint256 amount) private {
        bytes memory data = from == address(this)
            ? abi.encodeWithSelector(0xa9059cbb, to, amount)
            : abi.encodeWithSelector(0x23b872dd, from, to, amount);
        bool ok;
        assembly ("memory-safe") {
            ok := call(gas(), token, 0, add(data, 0x20), mload(data), 0, 0x20)
            if ok {
                switch returndatasize()
                case 0 { ok := gt(extcodesize(token), 0) }
                default { ok := and(gt(returndatasize(), 31), eq(mload(0), 1)) }
            }
        }
        if (!ok) revert TransferFailed();
    }
}
