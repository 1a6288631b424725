import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { SidebarFooter } from "./sidebar-footer";
import { SidebarNav } from "./sidebar-nav";

// Desktop sidebar (lg and up). On smaller screens the same navigation opens as a drawer.
export function Sidebar() {
  return (
    <aside className="fixed inset-y-0 left-0 z-30 hidden w-60 flex-col border-r bg-sidebar lg:flex">
      <div className="flex h-14 items-center px-5">
        <Link href="/dashboard" className="rounded-md" aria-label="Lodestar dashboard">
          <Logo />
        </Link>
      </div>
      <div className="flex-1 overflow-y-auto px-3 py-3">
        <SidebarNav />
      </div>
      <SidebarFooter />
    </aside>
  );
}
