/**
 * The one error vocabulary of the service (spec Appendix B). Every failure a client can see is an
 * AppError with one of these codes; the HTTP status comes from the map below, which the compiler
 * checks is complete.
 */
export type ErrorCode =
  | 'InvalidApiKey'
  | 'UnsupportedApiVersion'
  | 'UnsupportedMediaType'
  | 'NotAcceptable'
  | 'MalformedBody'
  | 'PayloadTooLarge'
  | 'ValidationFailed'
  | 'InvalidReference'
  | 'ReferenceRequired'
  | 'ReferenceMismatch'
  | 'RouteNotFound'
  | 'MethodNotAllowed'
  | 'OrderNotFound'
  | 'ConsignmentNotFound'
  | 'PackageNotFound'
  | 'ShippingLocationNotFound'
  | 'ShippingLocationRequired'
  | 'ShippingLocationAlreadyExists'
  | 'AddressTypeRequired'
  | 'DuplicateAddressType'
  | 'AddressTypeAlreadyExists'
  | 'AddressTypeNotFound'
  | 'AddressesRequired'
  | 'InvalidAddress'
  | 'CountryNotFound'
  | 'CountryRequiredForAddress'
  | 'PackagesRequired'
  | 'PackageItemsRequired'
  | 'PackageSizeNotFound'
  | 'PackageSizeAlreadyExists'
  | 'InvalidWeight'
  | 'InvalidDimensions'
  | 'InvalidUnit'
  | 'InvalidQuantity'
  | 'InvalidCurrency'
  | 'InvalidMoney'
  | 'InvalidMetaData'
  | 'DuplicateMetaDataKey'
  | 'InvalidEnumValue'
  | 'InvalidDate'
  | 'InvalidType'
  | 'FieldRequired'
  | 'FieldTooLong'
  | 'PackageMeasurementsRequired'
  | 'PackageValueUnavailable'
  | 'LastPackageCannotBeDeleted'
  | 'ItemNotFound'
  | 'ItemIdentifierRequired'
  | 'ItemIdentifierConflict'
  | 'ItemNotFoundOnOrder'
  | 'QuantityExceedsOutstanding'
  | 'ItemMeasurementsRequired'
  | 'ItemFitsNoPackageSize'
  | 'InvalidConsignmentState'
  | 'ConsignmentBusy'
  | 'TooManyResults'
  | 'InvalidPaging'
  | 'InvalidFilter'
  | 'IdempotencyKeyReused'
  | 'IdempotencyKeyInUse'
  | 'InvalidIdempotencyKey'
  | 'CarrierNotFound'
  | 'CarrierServiceNotFound'
  | 'ServiceGroupNotFound'
  | 'ServiceGroupAlreadyExists'
  | 'NoEligibleService'
  | 'AllocationFailed'
  | 'CarrierBookingFailed'
  | 'CarrierCancelFailed'
  | 'QuoteNotFound'
  | 'QuoteExpired'
  | 'QuoteConsignmentMismatch'
  | 'LabelsNotAvailable'
  | 'InvalidLabelFormat'
  | 'LabelFormatNotSupported'
  | 'CustomsDocumentsNotAvailable'
  | 'CustomsDocumentNotFound'
  | 'InvalidCustomsDocumentType'
  | 'ManifestNotFound'
  | 'InvalidManifestQuery'
  | 'InvalidTrackingEvent'
  | 'KeyNotAllowed'
  | 'WebhookNotFound'
  | 'WebhookEventNotFound'
  | 'ConcurrentModification'
  | 'RateLimited'
  | 'InternalError';

export const errorStatus = {
  InvalidApiKey: 401,
  UnsupportedApiVersion: 400,
  UnsupportedMediaType: 415,
  NotAcceptable: 406,
  MalformedBody: 400,
  PayloadTooLarge: 413,
  ValidationFailed: 400,
  InvalidReference: 400,
  ReferenceRequired: 400,
  ReferenceMismatch: 400,
  RouteNotFound: 404,
  MethodNotAllowed: 405,
  OrderNotFound: 404,
  ConsignmentNotFound: 404,
  PackageNotFound: 404,
  ShippingLocationNotFound: 400,
  ShippingLocationRequired: 400,
  ShippingLocationAlreadyExists: 400,
  AddressTypeRequired: 400,
  DuplicateAddressType: 400,
  AddressTypeAlreadyExists: 400,
  AddressTypeNotFound: 400,
  AddressesRequired: 400,
  InvalidAddress: 400,
  CountryNotFound: 400,
  CountryRequiredForAddress: 400,
  PackagesRequired: 400,
  PackageItemsRequired: 400,
  PackageSizeNotFound: 400,
  PackageSizeAlreadyExists: 400,
  InvalidWeight: 400,
  InvalidDimensions: 400,
  InvalidUnit: 400,
  InvalidQuantity: 400,
  InvalidCurrency: 400,
  InvalidMoney: 400,
  InvalidMetaData: 400,
  DuplicateMetaDataKey: 400,
  InvalidEnumValue: 400,
  InvalidDate: 400,
  InvalidType: 400,
  FieldRequired: 400,
  FieldTooLong: 400,
  PackageMeasurementsRequired: 400,
  PackageValueUnavailable: 400,
  LastPackageCannotBeDeleted: 400,
  ItemNotFound: 404,
  ItemIdentifierRequired: 400,
  ItemIdentifierConflict: 400,
  ItemNotFoundOnOrder: 400,
  QuantityExceedsOutstanding: 400,
  ItemMeasurementsRequired: 400,
  ItemFitsNoPackageSize: 400,
  InvalidConsignmentState: 400,
  ConsignmentBusy: 409,
  TooManyResults: 400,
  InvalidPaging: 400,
  InvalidFilter: 400,
  IdempotencyKeyReused: 422,
  IdempotencyKeyInUse: 409,
  InvalidIdempotencyKey: 400,
  CarrierNotFound: 404,
  CarrierServiceNotFound: 404,
  ServiceGroupNotFound: 404,
  ServiceGroupAlreadyExists: 400,
  NoEligibleService: 400,
  AllocationFailed: 400,
  CarrierBookingFailed: 400,
  CarrierCancelFailed: 400,
  QuoteNotFound: 404,
  QuoteExpired: 400,
  QuoteConsignmentMismatch: 400,
  LabelsNotAvailable: 400,
  InvalidLabelFormat: 400,
  LabelFormatNotSupported: 400,
  CustomsDocumentsNotAvailable: 400,
  CustomsDocumentNotFound: 404,
  InvalidCustomsDocumentType: 400,
  ManifestNotFound: 404,
  InvalidManifestQuery: 400,
  InvalidTrackingEvent: 400,
  /** A valid key used beyond its scope: a carrier key posting another carrier's events (§9.3). */
  KeyNotAllowed: 403,
  WebhookNotFound: 404,
  WebhookEventNotFound: 404,
  ConcurrentModification: 409,
  RateLimited: 429,
  InternalError: 500,
} as const satisfies Record<ErrorCode, number>;

/** One problem with one field of a request; `Target` is a path such as `Packages[0].Items[1].Sku`. */
export interface ErrorDetail {
  Code: ErrorCode;
  Target: string | null;
  Message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Overrides the mapped status where the spec gives a resource-specific one (404 on a path). */
    status?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = status ?? errorStatus[code];
  }

  /** Several field problems found at once: one 400 listing all of them. */
  static validation(details: ErrorDetail[]): AppError {
    const only = details.length === 1 ? details[0] : undefined;
    if (only) return new AppError(only.Code, only.Message, details);
    return new AppError('ValidationFailed', `The request has ${details.length} problems; see Details.`, details);
  }
}

/** Collects field problems while a request is checked, so every problem is reported, not only the first. */
export class Problems {
  readonly list: ErrorDetail[] = [];
  add(code: ErrorCode, target: string | null, message: string): void {
    this.list.push({ Code: code, Target: target, Message: message });
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  throwIfAny(): void {
    if (this.any) throw AppError.validation(this.list);
  }
}
