"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangleIcon, CheckCircle2Icon, FileUpIcon, UploadIcon } from "lucide-react";
import { useState } from "react";
import { errorMessage } from "@/components/feedback/errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatQuantity, formatUsd } from "@/lib/portfolio/format";
import type { ImportPreview } from "@/lib/portfolio/types";
import { useTRPC } from "@/lib/trpc/client";
import { NativeSelect } from "./native-select";
import { TxTypeBadge } from "./tx-row";

const FORMATS = [
  ["", "Detect from the header"],
  ["generic", "Lodestar generic CSV"],
  ["binance-trades", "Binance — Trade History"],
  ["binance-statement", "Binance — Transaction History"],
  ["coinbase", "Coinbase — Transaction report"],
] as const;
type Format = "generic" | "binance-trades" | "binance-statement" | "coinbase";
const MAX_BYTES = 5 * 1024 * 1024;

// Preview first (nothing written), then commit the whole file in one transaction.
export function ImportPanel({ portfolioId }: { portfolioId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [format, setFormat] = useState<"" | Format>("");
  const [account, setAccount] = useState("");
  const [fileError, setFileError] = useState<string>();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<{ imported: number; skippedDuplicates: number } | null>(null);

  const input = () => ({
    portfolioId,
    text: file?.text ?? "",
    filename: file?.name,
    format: format || undefined,
    account: account.trim() || undefined,
  });
  const previewM = useMutation(trpc.portfolio.import.preview.mutationOptions({ onSuccess: setPreview }));
  const commitM = useMutation(
    trpc.portfolio.import.commit.mutationOptions({
      onSuccess: async (r) => {
        setResult(r);
        setPreview(null);
        await qc.invalidateQueries(trpc.portfolio.pathFilter());
      },
    }),
  );

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    setPreview(null);
    setResult(null);
    previewM.reset();
    commitM.reset();
    if (!f) return setFile(null);
    if (f.size > MAX_BYTES) {
      setFile(null);
      return setFileError("The file is larger than 5 MB.");
    }
    setFileError(undefined);
    const text = await f.text();
    setFile({ name: f.name, text });
    previewM.mutate({ ...input(), text, filename: f.name });
  }

  const errorLines = new Set(preview?.errors.map((e) => e.line));

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Import a CSV</CardTitle>
          <CardDescription>
            The Lodestar generic format or an unchanged export from Binance or Coinbase (see the import guide). The file is read in your browser and checked before anything is saved; rows already imported are
            skipped.
          </CardDescription>
        </CardHeader>
        <div className="grid gap-4 px-5 pb-5 md:grid-cols-3">
          <Field id="import-file" label="CSV file" error={fileError}>
            <Input id="import-file" data-testid="import-file" type="file" accept=".csv,text/csv,text/plain" onChange={onFile} className="file:mr-3 file:text-sm file:font-medium file:text-foreground" />
          </Field>
          <Field id="import-format" label="Format">
            <NativeSelect id="import-format" data-testid="import-format" value={format} onChange={(e) => setFormat(e.target.value as "" | Format)}>
              {FORMATS.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field id="import-account" label="Account (when the file has none)">
            <Input id="import-account" data-testid="import-account" value={account} onChange={(e) => setAccount(e.target.value)} placeholder="Binance" maxLength={40} />
          </Field>
          <div className="flex flex-wrap gap-2 md:col-span-3">
            <Button variant="outline" disabled={!file || previewM.isPending} onClick={() => previewM.mutate(input())} data-testid="import-preview-button">
              {previewM.isPending ? <Spinner /> : <FileUpIcon aria-hidden="true" />} Preview
            </Button>
            <Button disabled={!preview || !preview.ok || commitM.isPending || previewM.isPending} onClick={() => commitM.mutate(input())} data-testid="import-commit">
              {commitM.isPending ? <Spinner /> : <UploadIcon aria-hidden="true" />} Commit {preview ? `${preview.activities.length - preview.duplicates} row${preview.activities.length - preview.duplicates === 1 ? "" : "s"}` : ""}
            </Button>
          </div>
          {previewM.isError ? (
            <p role="alert" className="text-sm text-negative md:col-span-3">
              {errorMessage(previewM.error)}
            </p>
          ) : null}
          {commitM.isError ? (
            <p role="alert" className="text-sm text-negative md:col-span-3">
              {errorMessage(commitM.error)}
            </p>
          ) : null}
          {result ? (
            <Alert variant="success" role="status" className="md:col-span-3" data-testid="import-result" data-imported={result.imported} data-skipped={result.skippedDuplicates}>
              <CheckCircle2Icon />
              <p className="text-sm">
                Imported <strong>{result.imported}</strong> transaction{result.imported === 1 ? "" : "s"}
                {result.skippedDuplicates ? `; skipped ${result.skippedDuplicates} already imported` : ""}.
              </p>
            </Alert>
          ) : null}
        </div>
      </Card>

      {preview ? (
        <Card data-testid="import-preview" data-ok={preview.ok} data-format={preview.format ?? ""} className="min-w-0">
          <CardHeader>
            <CardTitle className="flex flex-wrap items-center gap-2">
              Preview
              {preview.format ? <Badge variant="secondary">{preview.format}</Badge> : <Badge variant="negative">Unknown format</Badge>}
              {preview.ok ? <Badge variant="positive">Ready to import</Badge> : <Badge variant="negative">{preview.errors.length} problem{preview.errors.length === 1 ? "" : "s"}</Badge>}
            </CardTitle>
            <CardDescription>
              {preview.rows} data row{preview.rows === 1 ? "" : "s"} · {preview.activities.length} activit{preview.activities.length === 1 ? "y" : "ies"} · {preview.duplicates} duplicate
              {preview.duplicates === 1 ? "" : "s"} (skipped)
              {preview.ok ? "" : " · Fix the rows below and choose the file again: nothing is imported while a row is wrong."}
            </CardDescription>
          </CardHeader>
          {preview.errors.length || preview.warnings.length ? (
            <ul className="mx-5 mb-4 grid gap-1.5 text-sm">
              {preview.errors.map((e, i) => (
                <li key={`e${i}`} className="flex items-start gap-2 rounded-md border border-negative/40 bg-negative/10 px-3 py-2" data-testid="import-error" data-line={e.line}>
                  <AlertTriangleIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-negative" />
                  <span>
                    <strong>Line {e.line}:</strong> {e.reason}
                  </span>
                </li>
              ))}
              {preview.warnings.map((w, i) => (
                <li key={`w${i}`} className="flex items-start gap-2 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-muted-foreground" data-testid="import-warning" data-line={w.line}>
                  <span>
                    <strong>Line {w.line}:</strong> {w.reason}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {preview.activities.length ? (
            <div className="max-h-[28rem] overflow-y-auto px-2 pb-3">
              <Table>
                <TableHeader>
                  <TableRow className="hover:bg-transparent">
                    <TableHead className="w-14">Line</TableHead>
                    <TableHead>Date</TableHead>
                    <TableHead>Type</TableHead>
                    <TableHead>Asset</TableHead>
                    <TableHead className="text-right">Quantity</TableHead>
                    <TableHead className="text-right">Price</TableHead>
                    <TableHead />
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {preview.activities.map((a, i) => (
                    <TableRow key={i} data-testid="import-row" data-line={a.line} data-duplicate={a.duplicate} className={a.duplicate ? "opacity-60" : errorLines.has(a.line) ? "bg-negative/10" : undefined}>
                      <TableCell className="tabular font-mono text-xs text-muted-foreground">{a.line}</TableCell>
                      <TableCell className="text-xs whitespace-nowrap">{a.occurredAt.replace("T", " ").replace(/\.000Z$|Z$/, " UTC")}</TableCell>
                      <TableCell>
                        <TxTypeBadge type={a.type} />
                      </TableCell>
                      <TableCell className="font-medium">{a.asset}</TableCell>
                      <TableCell className="tabular text-right font-mono">{formatQuantity(a.quantity)}</TableCell>
                      <TableCell className="tabular text-right font-mono">{a.priceUsd === null ? "–" : formatUsd(a.priceUsd)}</TableCell>
                      <TableCell>{a.duplicate ? <Badge variant="warning">duplicate</Badge> : null}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
