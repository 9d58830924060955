export { DEMO_CONTACT_EMAILS, DEMO_CONTACTS, DEMO_CUSTOMERS } from './catalog';
export { ensureDemoDatabase, type EnsureDemoResult } from './ensure';
export { DemoDatabaseNotEmptyError, generateDemoData, type DemoDataSummary } from './generate';
export { DEFAULT_DEMO_OPTIONS, resolveDemoOptions, type DemoDataOptions } from './options';
