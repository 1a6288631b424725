// Prefixed, coloured log lines for the launcher's processes.
const COLORS = [36, 35, 33, 32, 34, 31];
const assigned = new Map<string, number>();
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;

export function prefix(name: string): string {
  if (!assigned.has(name)) assigned.set(name, COLORS[assigned.size % COLORS.length]!);
  const label = `[${name}]`.padEnd(13);
  return useColor ? `\x1b[${assigned.get(name)}m${label}\x1b[0m` : label;
}

export function logger(name: string) {
  return (msg: string) => {
    for (const line of msg.split("\n")) process.stdout.write(`${prefix(name)} ${line}\n`);
  };
}

// Pipes a stream line by line with a prefix.
export function pipeLines(stream: NodeJS.ReadableStream, name: string) {
  let buf = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      process.stdout.write(`${prefix(name)} ${buf.slice(0, i)}\n`);
      buf = buf.slice(i + 1);
    }
  });
  stream.on("end", () => {
    if (buf) process.stdout.write(`${prefix(name)} ${buf}\n`);
  });
}
