// Auth.js sign-in failure codes (server/auth AUTH_FAILURE_CODES) -> what the user reads.
export const RATE_LIMITED_MESSAGE = "Too many attempts. Wait a few minutes and try again.";
export const USER_REJECTED_SIGNATURE = "You cancelled the signature request.";

const MESSAGES: Record<string, string> = {
  invalid_credentials: "Wrong email or password.",
  rate_limited: RATE_LIMITED_MESSAGE,
  siwe_nonce_used: "This sign-in request was already used or has expired. Please sign in again.",
  siwe_invalid: "Your wallet's sign-in message was not accepted (wrong site, network, or expired). Please try again.",
  siwe_bad_signature: "The signature does not match the wallet address. Please try again.",
};

export const GENERIC_SIGN_IN_ERROR = "Sign-in failed. Please try again.";

export function signInErrorMessage(result: { code?: string | null; status?: number | null; error?: string | null }): string {
  if (result.status === 429) return RATE_LIMITED_MESSAGE;
  return (result.code && MESSAGES[result.code]) || GENERIC_SIGN_IN_ERROR;
}
