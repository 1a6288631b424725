// Audit-log action codes -> readable labels. Unknown codes are shown as they are.
const LABELS: Record<string, string> = {
  "auth.signIn.password": "Signed in with password",
  "auth.signIn.siwe": "Signed in with Ethereum",
  "auth.signOut": "Signed out",
  "user.signUp": "Created account",
  "user.siweNonce": "Requested a wallet signature",
  "user.linkWallet": "Linked a wallet",
  "user.unlinkWallet": "Unlinked a wallet",
  "user.updateProfile": "Updated profile",
  "portfolio.create": "Created a portfolio",
  "portfolio.rename": "Renamed a portfolio",
  "portfolio.delete": "Deleted a portfolio",
  "social.profile.update": "Updated trader profile",
};

export function activityLabel(action: string): string {
  return LABELS[action] ?? action;
}
