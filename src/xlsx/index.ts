export * from "./errors";
export * from "./read";
export * from "./write";
