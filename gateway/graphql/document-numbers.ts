/**
 * Maximum length of an invoice, order or ticket number that the gateway
 * looks up. It is above the ERP's number columns (varchar(40)) and
 * Salesforce's CaseNumber (30 characters), so no document has a longer
 * number. A longer one gets the response to a missing number, without a query.
 */
export const MAX_DOCUMENT_NUMBER_LENGTH = 100;
