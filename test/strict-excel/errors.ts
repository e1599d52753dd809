/**
 * Errors shaped like Office.js's `OfficeExtension.Error`: `code`, `message`, `debugInfo`,
 * `traceMessages`. Messages are Office's own English texts (from the office-js runtime and its
 * resource strings), followed by a "[strict-excel: ...]" detail that says what exactly was wrong.
 */

export type ErrorCode =
  | "InvalidArgument"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "InvalidOperation"
  | "AccessDenied"
  | "GeneralException"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "PropertyNotLoaded"
  | "ValueNotLoaded"
  | "CannotUpdateReadOnlyProperty"
  | "InvalidObjectPath"
  | "InvalidReference"
  | "RunMustReturnPromise"
  | "ApiNotFound"
  | "FormulaLengthExceedsLimit"
  | "NotImplemented";

const MESSAGES: Record<ErrorCode, string> = {
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  ItemAlreadyExists: "A resource with the same name or identifier already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  InvalidOperation: "The operation attempted is invalid on the object.",
  AccessDenied: "You cannot perform the requested operation.",
  GeneralException: "There was an internal error while processing the request.",
  RequestPayloadSizeLimitExceeded:
    'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  ResponsePayloadSizeLimitExceeded:
    'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  CannotUpdateReadOnlyProperty: "The property '{0}' is read-only and it cannot be updated.",
  InvalidObjectPath:
    "The object path '{0}' isn't working for what you're trying to do. If you're using the object across multiple \"context.sync\" calls and outside the sequential execution of a \".run\" batch, please use the \"context.trackedObjects.add()\" and \"context.trackedObjects.remove()\" methods to manage the object's lifetime.",
  InvalidReference: "This reference isn't valid for the current operation.",
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
  ApiNotFound:
    "The API you are trying to use could not be found. It may be available in a newer version of Excel. Please refer to the documentation: \"https://docs.microsoft.com/office/dev/add-ins/reference/requirement-sets/excel-api-requirement-sets\".",
  FormulaLengthExceedsLimit: "The bytecode of the applied formula exceeds the maximum length limit.",
  NotImplemented: "The requested API is not implemented.",
};

export interface DebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
}

/** The error every strict-Excel failure throws or rejects with. */
export class StrictExcelError extends Error {
  readonly code: ErrorCode;
  debugInfo: DebugInfo;
  traceMessages: string[] = [];
  /** What exactly was wrong, without Office's generic text. */
  readonly detail: string;

  constructor(code: ErrorCode, detail: string, arg?: string) {
    const base = MESSAGES[code].replace("{0}", arg ?? "");
    super(detail ? `${base} [strict-excel: ${detail}]` : base);
    this.name = "RichApi.Error";
    this.code = code;
    this.detail = detail;
    this.debugInfo = { code, message: this.message };
  }
}

/** Shorthand for `new StrictExcelError(...)`. */
export function excelError(code: ErrorCode, detail = "", arg?: string): StrictExcelError {
  return new StrictExcelError(code, detail, arg);
}
