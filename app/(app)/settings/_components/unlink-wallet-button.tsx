"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc/client";
import { checksum, shortAddress } from "@/lib/web3/format";
import type { LinkedWallet } from "./wallet-row";

export function UnlinkWalletButton({ wallet }: { wallet: LinkedWallet }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const unlink = useMutation(
    trpc.user.unlinkWallet.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        toast.success("Wallet unlinked", { description: `${shortAddress(wallet.address)} is no longer linked.` });
        await Promise.all([qc.invalidateQueries(trpc.user.wallets.queryFilter()), qc.invalidateQueries(trpc.defi.pathFilter())]);
      },
      onError: (err) => {
        setOpen(false);
        toast.error("Could not unlink the wallet", { description: errorMessage(err) });
      },
    }),
  );

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" data-testid="unlink-wallet">
          Unlink
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Unlink this wallet?</DialogTitle>
          <DialogDescription>
            <span className="font-mono break-all text-foreground">{checksum(wallet.address)}</span> will no longer appear in Lodestar and
            can no longer be used to sign in to this account. You can link it again at any time.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button variant="destructive" disabled={unlink.isPending} onClick={() => unlink.mutate({ walletId: wallet.id })}>
            {unlink.isPending ? <Spinner /> : null}
            Unlink wallet
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
