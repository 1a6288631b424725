import { PiggyBankIcon } from "lucide-react";
import type { Metadata } from "next";
import { ComingNext } from "@/components/shell/coming-next";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Earn" };

export default function EarnPage() {
  return (
    <>
      <PageHeader title="Earn" description="Put idle tokens to work without giving up custody." />
      <ComingNext
        icon={<PiggyBankIcon />}
        title="Lending and liquidity"
        description="Deposit into DeFi protocols directly from your wallet, and see exactly what each position holds and earns."
        items={[
          "Provide liquidity to Uniswap V2 and SushiSwap pools on the local chains, and withdraw it, from your own wallet.",
          "Each position read from the chain: your pool share, the tokens it is worth now and the fees it has earned.",
          "Deposits and withdrawals planned as explicit steps (approve, then deposit), each simulated and then signed by you.",
          "Positions included in your portfolio's value and performance.",
        ]}
      />
    </>
  );
}
