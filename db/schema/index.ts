export * from "./auth";
export * from "./user";
export * from "./security";
export * from "./portfolio";
export * from "./social";
export * from "./automation";
export * from "./defi";
export * from "./market";
