/** The shape of a procedure definition file in form-definitions/ (see definition.schema.json). */
export interface LocalizedText {
  ja: string;
  en: string;
}

export type Lang = keyof LocalizedText;

export interface Department {
  id: string;
  name: LocalizedText;
  phone: string;
}

export interface FeeDefinition {
  /** When it is paid: with the submission, or after review once staff set the amount (事後決済). */
  payment: 'on_submission' | 'after_review';
  /** Integer yen (per unit when `per` is set). Required for on_submission; for after_review a guide only. */
  yen?: number;
  /** When the fee is per unit (e.g. per copy): the unit's label and the answer holding the count. */
  per?: { label: LocalizedText; quantityPointer: string };
  /** How the amount is decided (after_review), shown on the procedure page. */
  note?: LocalizedText;
  /** How it is paid when online payment is off (default: at the counter). */
  offline?: OfflinePayment;
}

/** Paying without the online payment: at the counter, or a 定額小為替 sent by post. */
export interface OfflinePayment {
  method: 'counter' | 'postal_order';
  /** What to send or bring, and where. */
  instructions: LocalizedText;
}

/** A JSON Schema (draft-07) node as used by definitions; `x-en` carries the English labels. */
export interface SchemaNode {
  type?: string | string[];
  title?: string;
  description?: string;
  format?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  if?: SchemaNode;
  then?: SchemaNode;
  else?: SchemaNode;
  dependencies?: Record<string, SchemaNode | string[]>;
  const?: unknown;
  enum?: unknown[];
  maxLength?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  'x-en'?: { title?: string; description?: string };
  /** Never kept in browser storage that outlives the tab (bank account numbers; 個人番号 always). */
  'x-sensitive'?: boolean;
  [keyword: string]: unknown;
}

/** 標準処理期間: calendar days, or working days (the city office's open days). */
export interface ProcessingPeriod {
  days: number;
  count: 'calendar' | 'working';
}

export interface ProcedureDefinition {
  $schema?: string;
  id: string;
  version: number;
  published: boolean;
  title: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  eligibility: LocalizedText;
  department: Department;
  category: string;
  nationalPriorityId: string | null;
  fee: FeeDefinition | null;
  prepare: LocalizedText[];
  timeToComplete: LocalizedText;
  processingTime: LocalizedText;
  /** 標準処理期間: how many days a decision may take (docs/form-definitions.md, "Processing period"). */
  processingPeriod?: ProcessingPeriod;
  /** No separate review: staff may approve from 受付 in one step (certificates issued as asked). */
  approveOnReceipt?: boolean;
  keywords?: string[];
  /** Who may file (docs/identity.md): none (default), optional or required (verified sign-in). */
  identity?: 'none' | 'optional' | 'required';
  /** An electronic signature (署名用電子証明書) before filing (docs/signatures.md): none (default) or required. */
  signature?: 'none' | 'required';
  /** A filing period (ISO 8601 with offset): submissions are refused before opensAt and from closesAt. */
  opensAt?: string;
  closesAt?: string;
  /** Filing for someone else: the answer that says who files, and its value for "myself". */
  proxy?: { relation: string; self: string };
  schema: SchemaNode & { properties: Record<string, SchemaNode> };
  uiSchema: Record<string, unknown>;
  examples: Record<string, unknown>[];
}

/** What the API sends the browser for one procedure (the definition plus where its validator is). */
export interface ProcedureView extends Omit<ProcedureDefinition, 'examples' | '$schema'> {
  sha256: string;
  validatorUrl: string;
  /** The fee is paid online with the submission or from the status page (Stripe configured). */
  onlinePayment: boolean;
}

export type ProcedureSummary = Pick<
  ProcedureDefinition,
  'id' | 'version' | 'title' | 'summary' | 'category' | 'department' | 'fee' | 'nationalPriorityId' | 'keywords'
>;
