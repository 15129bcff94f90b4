/** The built-in shop: product lines per category, the locations and the discount codes. Pure data. */
import type { CategoryKey, GeneratedDiscount, GeneratedLocation } from "./types";

export interface VariantSpec {
  title: string;
  factor: number;
}
export interface ProductSpec {
  title: string;
  tags: string[];
  price: [number, number];
  variants?: VariantSpec[];
}
export interface CategorySpec {
  title: string;
  vendor: string;
  skuPrefix: string;
  /** Share of basket picks that land in this category, shop-wide. */
  share: number;
  /** Always in the catalog, most popular first. */
  fixed: ProductSpec[];
  /** Names for further products ("<first> <second>") when more per category are asked for. */
  extra: { first: string[]; second: string[]; tags: string[]; price: [number, number]; variants?: VariantSpec[] };
}

const BAGS: VariantSpec[] = [
  { title: "12 oz", factor: 1 },
  { title: "2 lb", factor: 2.4 },
];
const TINS: VariantSpec[] = [
  { title: "50 g", factor: 1 },
  { title: "100 g", factor: 1.8 },
];
const COLOURS: VariantSpec[] = [
  { title: "White", factor: 1 },
  { title: "Black", factor: 1 },
  { title: "Sage", factor: 1 },
];
const DENOMINATIONS: VariantSpec[] = [
  { title: "$25", factor: 1 },
  { title: "$50", factor: 2 },
  { title: "$100", factor: 4 },
];

export const CATEGORIES: Record<CategoryKey, CategorySpec> = {
  coffee: {
    title: "Coffee",
    vendor: "Loyalist Roasters",
    skuPrefix: "COF",
    share: 0.34,
    fixed: [
      { title: "House Blend", tags: ["beans", "blend"], price: [14, 17], variants: BAGS },
      { title: "Ethiopia Yirgacheffe", tags: ["beans", "single-origin"], price: [18, 22], variants: BAGS },
      { title: "Colombia Huila", tags: ["beans", "single-origin"], price: [16, 20], variants: BAGS },
      { title: "Espresso Forte", tags: ["beans", "espresso", "blend"], price: [15, 18], variants: BAGS },
      { title: "Swiss Water Decaf", tags: ["beans", "decaf"], price: [16, 19], variants: BAGS },
    ],
    extra: {
      first: ["Kenya", "Guatemala", "Brazil", "Sumatra", "Costa Rica", "Rwanda", "Peru", "Honduras", "Burundi", "Panama"],
      second: ["Washed", "Natural", "Honey", "Reserve"],
      tags: ["beans", "single-origin"],
      price: [17, 26],
      variants: BAGS,
    },
  },
  tea: {
    title: "Tea",
    vendor: "Leaf & Kettle",
    skuPrefix: "TEA",
    share: 0.2,
    fixed: [
      { title: "Earl Grey", tags: ["tea", "black-tea"], price: [9, 12], variants: TINS },
      { title: "Sencha", tags: ["tea", "green-tea"], price: [10, 13], variants: TINS },
      { title: "Masala Chai", tags: ["tea", "black-tea", "spiced"], price: [10, 13], variants: TINS },
      { title: "Chamomile", tags: ["tea", "herbal", "caffeine-free"], price: [8, 11], variants: TINS },
      { title: "Jasmine Pearls", tags: ["tea", "green-tea"], price: [14, 18], variants: TINS },
    ],
    extra: {
      first: ["Assam", "Darjeeling", "Oolong", "Rooibos", "Mint", "Ginger", "Hibiscus", "Genmaicha"],
      second: ["Breakfast", "Reserve", "Blend", "Leaf"],
      tags: ["tea"],
      price: [9, 16],
      variants: TINS,
    },
  },
  gear: {
    title: "Brewing gear",
    vendor: "Brewline",
    skuPrefix: "GEA",
    share: 0.12,
    fixed: [
      { title: "Paper Filters (100 pack)", tags: ["filters", "brewing"], price: [6, 8] },
      { title: "Pour-Over Dripper", tags: ["dripper", "brewing"], price: [24, 32] },
      { title: "French Press", tags: ["brewing", "french-press"], price: [30, 45] },
      { title: "Gooseneck Kettle", tags: ["kettle", "brewing"], price: [55, 80] },
      { title: "Burr Grinder", tags: ["grinder", "brewing"], price: [120, 180] },
    ],
    extra: {
      first: ["Glass", "Steel", "Ceramic", "Travel", "Compact"],
      second: ["Carafe", "Scale", "Tamper", "Server"],
      tags: ["brewing"],
      price: [18, 60],
    },
  },
  mugs: {
    title: "Mugs",
    vendor: "Kiln Studio",
    skuPrefix: "MUG",
    share: 0.1,
    fixed: [
      { title: "Classic Diner Mug", tags: ["mug"], price: [14, 18], variants: COLOURS },
      { title: "Stoneware Mug", tags: ["mug", "handmade"], price: [22, 28], variants: COLOURS },
      { title: "Double-Wall Glass", tags: ["mug", "glass"], price: [18, 24] },
      { title: "Travel Tumbler", tags: ["mug", "travel"], price: [26, 34], variants: COLOURS },
    ],
    extra: { first: ["Speckled", "Glazed", "Enamel", "Tall", "Espresso"], second: ["Mug", "Cup"], tags: ["mug"], price: [14, 30], variants: COLOURS },
  },
  giftCards: {
    title: "Gift cards",
    vendor: "Loyalist",
    skuPrefix: "GFT",
    share: 0.05,
    fixed: [
      { title: "Loyalist Gift Card", tags: ["gift-card"], price: [25, 25], variants: DENOMINATIONS },
      { title: "Coffee Lover's E-Gift Card", tags: ["gift-card", "digital"], price: [25, 25], variants: DENOMINATIONS },
    ],
    extra: { first: [], second: [], tags: ["gift-card"], price: [25, 25] },
  },
  snacks: {
    title: "Snacks",
    vendor: "Corner Bakery",
    skuPrefix: "SNK",
    share: 0.14,
    fixed: [
      { title: "Almond Biscotti", tags: ["snack", "baked"], price: [6, 8] },
      { title: "Dark Chocolate Bar", tags: ["snack", "chocolate"], price: [4, 6] },
      { title: "Maple Granola", tags: ["snack"], price: [9, 12] },
      { title: "Shortbread Tin", tags: ["snack", "baked"], price: [11, 14] },
    ],
    extra: { first: ["Salted", "Honey", "Cocoa", "Ginger", "Oat"], second: ["Cookies", "Bar", "Bites", "Crisps"], tags: ["snack"], price: [4, 12] },
  },
};

export const CATEGORY_KEYS = Object.keys(CATEGORIES) as CategoryKey[];

const everywhere: Record<CategoryKey, number> = { coffee: 1, tea: 1, gear: 1, mugs: 1, giftCards: 1, snacks: 1 };

/** The online warehouse first, then three retail stores with their own assortments (the Austin kiosk stocks no gear or gift cards). */
export const LOCATIONS: Array<Omit<GeneratedLocation, "id">> = [
  { name: "Online Warehouse", city: "Reno", countryCode: "US", kind: "warehouse", fulfillsOnlineOrders: true, categoryWeights: everywhere },
  {
    name: "Pearl District Roastery",
    city: "Portland",
    countryCode: "US",
    kind: "retail",
    fulfillsOnlineOrders: false,
    categoryWeights: { coffee: 1.5, tea: 0.6, gear: 1.4, mugs: 1, giftCards: 1, snacks: 0.8 },
  },
  {
    name: "Brooklyn Tea Bar",
    city: "New York",
    countryCode: "US",
    kind: "retail",
    fulfillsOnlineOrders: false,
    categoryWeights: { coffee: 0.5, tea: 2.4, gear: 0.3, mugs: 1.5, giftCards: 0.8, snacks: 1.4 },
  },
  {
    name: "South Congress Kiosk",
    city: "Austin",
    countryCode: "US",
    kind: "retail",
    fulfillsOnlineOrders: false,
    categoryWeights: { coffee: 1.3, tea: 0.5, gear: 0, mugs: 0.6, giftCards: 0, snacks: 2 },
  },
];

export const DISCOUNTS: GeneratedDiscount[] = [
  { code: "WELCOME10", type: "percentage", value: "10" },
  { code: "SAVE15", type: "percentage", value: "15" },
  { code: "BREW20", type: "percentage", value: "20" },
  { code: "LOYAL5", type: "fixed_amount", value: "5.00" },
];
