// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LodestarVault} from "./LodestarVault.sol";

interface IExecutorWeth {
    function WETH() external view returns (address);
}

/// @title LodestarVaultFactory
/// @notice Deploys one LodestarVault per owner (CREATE2, salt = owner) bound to Lodestar's
///         executor on this chain. No owner, no admin: the factory only creates vaults.
contract LodestarVaultFactory {
    address public immutable executor;
    address public immutable weth;

    /// The vault of an owner, or the zero address before createVault.
    mapping(address owner => address vault) public vaultOf;

    event VaultCreated(address indexed owner, address indexed vault);

    error VaultExists(address vault);

    constructor(address executor_) {
        executor = executor_;
        weth = IExecutorWeth(executor_).WETH();
    }

    /// @notice Creates the caller's vault (the caller becomes its owner).
    function createVault() external returns (address vault) {
        address existing = vaultOf[msg.sender];
        if (existing != address(0)) revert VaultExists(existing);
        vault = address(new LodestarVault{salt: _salt(msg.sender)}(msg.sender, executor, weth));
        vaultOf[msg.sender] = vault;
        emit VaultCreated(msg.sender, vault);
    }

    /// @notice The address createVault gives (or gave) `owner`.
    function predictVault(address owner) external view returns (address) {
        bytes32 initCodeHash =
            keccak256(abi.encodePacked(type(LodestarVault).creationCode, abi.encode(owner, executor, weth)));
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), _salt(owner), initCodeHash)))));
    }

    function _salt(address owner) private pure returns (bytes32) {
        return bytes32(uint256(uint160(owner)));
    }
}
