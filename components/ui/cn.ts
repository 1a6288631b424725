import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

// Merges class lists; later Tailwind utilities win over earlier conflicting ones.
export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}
