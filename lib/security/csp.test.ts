import { describe, expect, it } from "vitest";
import { API_CSP, buildPageCsp, originsOf } from "./csp";

function parse(csp: string): Map<string, string[]> {
  return new Map(
    csp.split("; ").map((d) => {
      const [name, ...values] = d.split(" ");
      return [name!, values];
    }),
  );
}

describe("buildPageCsp", () => {
  const prod = parse(buildPageCsp({ nonce: "abc123==", connectSrc: ["http://127.0.0.1:8545", "ws://127.0.0.1:8545"], dev: false }));

  it("lets scripts run only with the request's nonce (plus what they load)", () => {
    expect(prod.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(prod.get("script-src")).not.toContain("'unsafe-inline'");
    expect(prod.get("script-src")).not.toContain("'unsafe-eval'");
  });

  it("allows network only to ourselves and the given endpoints", () => {
    expect(prod.get("connect-src")).toEqual(["'self'", "http://127.0.0.1:8545", "ws://127.0.0.1:8545"]);
    expect(prod.get("default-src")).toEqual(["'self'"]);
  });

  it("forbids plugins, framing by others and foreign form targets", () => {
    expect(prod.get("object-src")).toEqual(["'none'"]);
    expect(prod.get("frame-ancestors")).toEqual(["'none'"]);
    expect(prod.get("form-action")).toEqual(["'self'"]);
    expect(prod.get("base-uri")).toEqual(["'self'"]);
  });

  it("adds eval and websockets only in development (HMR)", () => {
    const dev = parse(buildPageCsp({ nonce: "n", connectSrc: [], dev: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("connect-src")).toEqual(["'self'", "ws:", "wss:"]);
    expect(prod.get("connect-src")).not.toContain("ws:");
  });

  it("lists each source once", () => {
    const csp = parse(buildPageCsp({ nonce: "n", connectSrc: ["'self'", "https://a.example", "https://a.example"], dev: false }));
    expect(csp.get("connect-src")).toEqual(["'self'", "https://a.example"]);
  });
});

describe("API_CSP", () => {
  it("allows nothing", () => {
    expect(parse(API_CSP).get("default-src")).toEqual(["'none'"]);
    expect(parse(API_CSP).get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("originsOf", () => {
  it("maps URLs to origins, with the matching websocket origin", () => {
    expect(originsOf(["http://127.0.0.1:8545/some/path?x=1", "https://rpc.example/v1/key"])).toEqual([
      "http://127.0.0.1:8545",
      "ws://127.0.0.1:8545",
      "https://rpc.example",
      "wss://rpc.example",
    ]);
  });

  it("skips empty and unparsable entries", () => {
    expect(originsOf([null, undefined, "", "not a url", "http://a.example"])).toEqual(["http://a.example", "ws://a.example"]);
  });

  it("adds no websocket origin for other schemes", () => {
    expect(originsOf(["wss://node.example/ws"])).toEqual(["wss://node.example"]);
  });
});
