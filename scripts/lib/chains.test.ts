import { afterEach, describe, expect, it } from "vitest";
import net from "node:net";
import { localChainSpecs, rpcChainId } from "./chains";

describe("localChainSpecs", () => {
  it("starts anvil for the default loopback RPC URLs, with state under the data dir", () => {
    expect(localChainSpecs("/d", {} as NodeJS.ProcessEnv)).toEqual([
      { chainId: 31337, host: "127.0.0.1", port: 8545, stateFile: "/d/chains/31337.json" },
      { chainId: 31338, host: "127.0.0.1", port: 8546, stateFile: "/d/chains/31338.json" },
    ]);
  });

  it("follows the configured ports and skips chains whose RPC is not on this machine", () => {
    const env = { RPC_URL_31337: "http://localhost:18545", RPC_URL_31338: "https://rpc.example.org" } as unknown as NodeJS.ProcessEnv;
    expect(localChainSpecs("/d", env)).toEqual([{ chainId: 31337, host: "127.0.0.1", port: 18545, stateFile: "/d/chains/31337.json" }]);
  });
});

describe("rpcChainId", () => {
  let server: net.Server | null = null;
  afterEach(() => {
    server?.close();
    server = null;
  });

  it("is null when nothing answers on the port", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, "127.0.0.1", () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    expect(await rpcChainId(port, 300)).toBeNull();
  });

  it("is null when the port answers something that is not JSON-RPC", async () => {
    server = net.createServer((socket) => socket.end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nno"));
    const port = await new Promise<number>((resolve) => server!.listen(0, "127.0.0.1", () => resolve((server!.address() as net.AddressInfo).port)));
    expect(await rpcChainId(port, 500)).toBeNull();
  });
});
