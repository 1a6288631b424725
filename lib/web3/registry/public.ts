// Public-chain entries of the protocol registry: the real Uniswap V2/V3 and SushiSwap V2
// deployments and the main tokens, so using Lodestar on a public network is configuration
// (an RPC URL), not code. `verified: false` marks addresses written from memory that have
// not yet been checked against the protocol's published deployment list; check them on a
// block explorer before routing real funds through them.
import type { ChainRegistryInput, RegistryToken, RegistryVenue } from "./schema";

const UNI_V2_INIT = "0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f";
const SUSHI_V2_INIT = "0xe18a34eb0e04b04f7a0ac29a6e80748dca96319b42c520a9de5c6b3ae1e2f6e2";
const UNI_V3_INIT = "0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54";
const V3_FEES = [100, 500, 3000, 10000];

// Uniswap V3 at the same addresses on Ethereum, Arbitrum, Optimism and Polygon.
const uniV3Canonical: RegistryVenue = {
  id: "uniswap-v3",
  name: "Uniswap V3",
  kind: "v3",
  factory: "0x1F98431c8aD98523631AE4a59f267346ea31F984",
  router: "0x68b3465833fb72A70ecDF485E0e4C7bD8665Fc45", // SwapRouter02
  quoter: "0x61fFE014bA17989E743c5F6cB21bF9697530B21e", // QuoterV2
  positionManager: "0xC36442b4a4522E871399CD717aBDD847Ab11FE88",
  initCodeHash: UNI_V3_INIT,
  feeTiers: V3_FEES,
  verified: true,
};

// SushiSwap's V2 factory/router at the same addresses on most chains after Ethereum.
const sushiMultichain = (verified: boolean): RegistryVenue => ({
  id: "sushiswap",
  name: "SushiSwap",
  kind: "v2",
  factory: "0xc35DADB65012eC5796536bD9864eD8773aBc74C4",
  router: "0x1b02dA8Cb0d097eB8D57A175b88c7D8b47997506",
  initCodeHash: SUSHI_V2_INIT,
  verified,
});

const uniV2 = (factory: string, router: string, verified: boolean): RegistryVenue => ({
  id: "uniswap-v2",
  name: "Uniswap V2",
  kind: "v2",
  factory,
  router,
  initCodeHash: UNI_V2_INIT,
  verified,
});

const CATEGORY: Record<string, RegistryToken["category"]> = { WETH: "L1", USDC: "stablecoin", USDT: "stablecoin", DAI: "stablecoin", WBTC: "L1" };
const NAMES: Record<string, string> = { WETH: "Wrapped Ether", USDC: "USD Coin", USDT: "Tether USD", DAI: "Dai Stablecoin", WBTC: "Wrapped BTC" };

function tokens(list: [symbol: string, address: string, decimals: number, verified?: boolean][]): RegistryToken[] {
  return list.map(([symbol, address, decimals, verified = true]) => ({
    symbol,
    name: NAMES[symbol] ?? symbol,
    address,
    decimals,
    logo: symbol.toLowerCase(),
    category: CATEGORY[symbol] ?? "DeFi",
    verified,
  }));
}

export const PUBLIC_REGISTRIES: readonly ChainRegistryInput[] = [
  {
    chainId: 1,
    deployedAt: null,
    weth: "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
    tokens: tokens([
      ["WETH", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", 18],
      ["USDC", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", 6],
      ["USDT", "0xdAC17F958D2ee523a2206206994597C13D831ec7", 6],
      ["DAI", "0x6B175474E89094C44Da98b954EedeAC495271d0F", 18],
      ["WBTC", "0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599", 8],
    ]),
    venues: [
      uniV2("0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f", "0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D", true),
      { ...sushiMultichain(true), factory: "0xC0AEe478e3658e2610c5F7A4A2E1777cE9e4f2Ac", router: "0xd9e1cE17f2641f24aE83637ab66a2cca9C378B9F" },
      uniV3Canonical,
    ],
    pools: [],
  },
  {
    chainId: 8453,
    deployedAt: null,
    weth: "0x4200000000000000000000000000000000000006",
    tokens: tokens([
      ["WETH", "0x4200000000000000000000000000000000000006", 18],
      ["USDC", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", 6],
      ["USDT", "0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2", 6, false],
      ["DAI", "0x50c5725949A6F0c72E6C4a641F24049A917DB0Cb", 18],
    ]),
    venues: [
      uniV2("0x8909Dc15e40173Ff4699343b6eB8132c65e18eC6", "0x4752ba5DBc23f44D87826276BF6Fd6b1C372aD24", false),
      { ...sushiMultichain(false), factory: "0x71524B4f93c58fcbF659783284E38825f0622859", router: "0x6BDED42c6DA8FBf0d2bA55B2fa120C5e0c8D7891" },
      {
        ...uniV3Canonical,
        factory: "0x33128a8fC17869897dcE68Ed026d694621f6FDfD",
        router: "0x2626664c2603336E57B271c5C0b26F421741e481",
        quoter: "0x3d4e44Eb1374240CE5F1B871ab261CD16335B76a",
        positionManager: "0x03a520b32C04BF3bEEf7BEb72E919cf822Ed34f1",
      },
    ],
    pools: [],
  },
  {
    chainId: 42161,
    deployedAt: null,
    weth: "0x82aF49447D8a07e3bd95BD0d56f35241523fBab1",
    tokens: tokens([
      ["WETH", "0x82aF49447D8a07e3bd95BD0d56f35241523fBab1", 18],
      ["USDC", "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", 6],
      ["USDT", "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9", 6],
      ["DAI", "0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1", 18],
      ["WBTC", "0x2f2a2543B76A4166549F7aaB2e75Bef0aefC5B0f", 8],
    ]),
    venues: [
      uniV2("0xf1D7CC64Fb4452F05c498126312eBE29f30Fbcf9", "0x4752ba5DBc23f44D87826276BF6Fd6b1C372aD24", false),
      sushiMultichain(true),
      uniV3Canonical,
    ],
    pools: [],
  },
  {
    chainId: 10,
    deployedAt: null,
    weth: "0x4200000000000000000000000000000000000006",
    tokens: tokens([
      ["WETH", "0x4200000000000000000000000000000000000006", 18],
      ["USDC", "0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85", 6],
      ["USDT", "0x94b008aA00579c1307B0EF2c499aD98a8ce58e58", 6],
      ["DAI", "0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1", 18],
      ["WBTC", "0x68f180fcCe6836688e9084f035309E29Bf0A2095", 8],
    ]),
    venues: [
      uniV2("0x0c3c1c532F1e39EdF36BE9Fe0bE1410313E074Bf", "0x4A7b5Da61326A6379179b40d00F57E5bbDC962c2", false),
      { ...sushiMultichain(false), factory: "0xFbc12984689e5f15626Bad03Ad60160Fe98B303C", router: "0x2ABf469074dc0b54d793850807E6eb5Faf2625b1" },
      uniV3Canonical,
    ],
    pools: [],
  },
  {
    chainId: 137,
    deployedAt: null,
    // Polygon's wrapped native token is WPOL (ex-WMATIC); WETH is a bridged ERC-20 there.
    weth: "0x0d500B1d8E8eF31E21C99d1Db9A6444d3ADf1270",
    tokens: tokens([
      ["WETH", "0x7ceB23fD6bC0adD59E62ac25578270cFf1b9f619", 18],
      ["USDC", "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359", 6],
      ["USDT", "0xc2132D05D31c914a87C6611C10748AEb04B58e8F", 6],
      ["DAI", "0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063", 18],
      ["WBTC", "0x1BFD67037B42Cf73acF2047067bd4F2C47D9BfD6", 8],
    ]),
    venues: [
      uniV2("0x9e5A52f57b3038F1B8EeE45F28b3C1967e22799C", "0xedf6066a2b290C185783862C7F4776A2C8077AD1", false),
      sushiMultichain(true),
      uniV3Canonical,
    ],
    pools: [],
  },
];
