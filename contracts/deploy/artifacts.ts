// Contract artifacts: our Solidity compiled with solc-js (cached by a hash of the sources),
// and the official Uniswap/WETH9 builds from their npm packages, used as published (Router02
// embeds the init-code hash of the npm v2-core pair build, so v2-core is never recompiled).
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { keccak256, type Abi, type Hex } from "viem";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const NODE_MODULES = path.join(REPO_ROOT, "node_modules");
const SRC_DIR = path.join(REPO_ROOT, "contracts/src");

// deployedBytecode (runtime code) only for our own contracts (Multicall3 is placed with anvil_setCode).
export type Artifact = { abi: Abi; bytecode: Hex; deployedBytecode?: Hex };

function readJson(file: string): { abi: Abi; bytecode: string; linkReferences?: LinkReferences } {
  return JSON.parse(fs.readFileSync(path.join(NODE_MODULES, file), "utf8"));
}
type LinkReferences = Record<string, Record<string, { start: number; length: number }[]>>;

function withPrefix(code: string): Hex {
  return (code.startsWith("0x") ? code : `0x${code}`) as Hex;
}

function npmArtifact(file: string): Artifact {
  const a = readJson(file);
  return { abi: a.abi, bytecode: withPrefix(a.bytecode) };
}

export function loadNpmArtifacts() {
  const v3p = (p: string) => `@uniswap/v3-periphery/artifacts/contracts/${p}`;
  const descriptor = readJson(v3p("NonfungibleTokenPositionDescriptor.sol/NonfungibleTokenPositionDescriptor.json"));
  return {
    weth9: npmArtifact("@uniswap/v2-periphery/build/WETH9.json"),
    v2Factory: npmArtifact("@uniswap/v2-core/build/UniswapV2Factory.json"),
    v2Pair: npmArtifact("@uniswap/v2-core/build/UniswapV2Pair.json"),
    v2Router: npmArtifact("@uniswap/v2-periphery/build/UniswapV2Router02.json"),
    v3Factory: npmArtifact("@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json"),
    v3Pool: npmArtifact("@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json"),
    swapRouter: npmArtifact(v3p("SwapRouter.sol/SwapRouter.json")),
    quoterV2: npmArtifact(v3p("lens/QuoterV2.sol/QuoterV2.json")),
    nftDescriptorLib: npmArtifact(v3p("libraries/NFTDescriptor.sol/NFTDescriptor.json")),
    positionDescriptor: {
      abi: descriptor.abi,
      // Splices the NFTDescriptor library address in at its link references.
      link(library: Hex): Hex {
        let code = withPrefix(descriptor.bytecode).slice(2);
        for (const refs of Object.values(descriptor.linkReferences ?? {})) {
          for (const offsets of Object.values(refs)) {
            for (const { start, length } of offsets) {
              code = code.slice(0, start * 2) + library.slice(2).toLowerCase() + code.slice((start + length) * 2);
            }
          }
        }
        return `0x${code}` as Hex;
      },
    },
    positionManager: npmArtifact(v3p("NonfungiblePositionManager.sol/NonfungiblePositionManager.json")),
  };
}
export type NpmArtifacts = ReturnType<typeof loadNpmArtifacts>;

export function initCodeHash(artifact: Artifact): Hex {
  return keccak256(artifact.bytecode);
}

type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
};

// Compiles contracts/src/*.sol (imports resolved from node_modules), caching the result in
// <dataDir>/contracts-cache/<hash>.json, keyed by the sources, settings and compiler version.
// Chains deployed in parallel share one compilation.
const compiling = new Map<string, Promise<Record<string, Artifact>>>();
export function compileOwnContracts(dataDir: string): Promise<Record<string, Artifact>> {
  let p = compiling.get(dataDir);
  if (!p) {
    p = compileUncached(dataDir);
    compiling.set(dataDir, p);
    p.catch(() => compiling.delete(dataDir));
  }
  return p;
}

async function compileUncached(dataDir: string): Promise<Record<string, Artifact>> {
  const sources: Record<string, { content: string }> = {};
  for (const f of fs.readdirSync(SRC_DIR).filter((f) => f.endsWith(".sol")).sort()) {
    sources[f] = { content: fs.readFileSync(path.join(SRC_DIR, f), "utf8") };
  }
  const require = createRequire(import.meta.url);
  const solcVersion = (JSON.parse(fs.readFileSync(path.join(NODE_MODULES, "solc/package.json"), "utf8")) as { version: string }).version;
  const ozVersion = (JSON.parse(fs.readFileSync(path.join(NODE_MODULES, "@openzeppelin/contracts/package.json"), "utf8")) as { version: string }).version;
  const settings = {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "cancun",
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
  };
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify({ sources, settings, solcVersion, ozVersion }))
    .digest("hex")
    .slice(0, 24);
  const cacheDir = path.join(dataDir, "contracts-cache");
  const cacheFile = path.join(cacheDir, `${key}.json`);
  if (fs.existsSync(cacheFile)) return JSON.parse(fs.readFileSync(cacheFile, "utf8")) as Record<string, Artifact>;

  const solc = require("solc") as { compile: (input: string, opts: { import: (p: string) => { contents: string } | { error: string } }) => string };
  const findImports = (p: string) => {
    const file = path.join(NODE_MODULES, p);
    return file.startsWith(NODE_MODULES) && fs.existsSync(file) ? { contents: fs.readFileSync(file, "utf8") } : { error: `not found: ${p}` };
  };
  const output = JSON.parse(solc.compile(JSON.stringify({ language: "Solidity", sources, settings }), { import: findImports })) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length) throw new Error(`solc: ${errors.map((e) => e.formattedMessage).join("\n")}`);
  const out: Record<string, Artifact> = {};
  for (const file of Object.keys(sources)) {
    for (const [name, c] of Object.entries(output.contracts?.[file] ?? {})) {
      out[name] = { abi: c.abi, bytecode: withPrefix(c.evm.bytecode.object), deployedBytecode: withPrefix(c.evm.deployedBytecode.object) };
    }
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(out));
  fs.renameSync(tmp, cacheFile);
  return out;
}
