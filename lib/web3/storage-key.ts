// Name of the cookie wagmi's cookie storage writes (`${key}.store`). Kept free of imports
// so server components can read the cookie without pulling in wagmi.
export const WAGMI_STORAGE_KEY = "wagmi";
export const WAGMI_COOKIE = `${WAGMI_STORAGE_KEY}.store`;
