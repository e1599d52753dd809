export * from "./errors";
export * from "./read";
export * from "./write";
export * from "./inspect";
