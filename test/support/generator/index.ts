/** Deterministic shop data for the sandbox and analytics tests: catalog, customers and a streaming order history. */
export { generateCatalog, type CatalogOptions } from "./catalog";
export { generateCustomers, DEFAULT_PERSONA_SHARES, type CustomerOptions } from "./customers";
export { generateOrders, PERSONA_RATES, LAPSE_WINDOW, type OrderOptions } from "./orders";
export { CO_PURCHASE_RULES, type CoPurchaseRule, type Shopper } from "./basket";
export { DEFAULT_END_DATE, WEEKDAY_FACTORS, STORE_HOURS, periodOf, type Period } from "./calendar";
export { toPlaceOrderInput, toRefundInput, type PlaceOrderData, type RefundData } from "./feed";
export { createRng, type Rng, type Seed } from "./random";
export { generatePlanted, type PlantedDataset, type PlantedOptions, type PlantedTruths } from "./planted";
export type * from "./types";
