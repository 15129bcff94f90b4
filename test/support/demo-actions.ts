// One way to earn of every kind, as the admin's Ways to earn form takes them: the sandbox's program and the
// widget's browser test both use this list.
import type { ActionKind } from "~/actions/actions";
import type { ActionFormValues } from "~/actions/action-form";

export const DEMO_ACTIONS: (ActionFormValues & { kind: ActionKind; title: string })[] = [
  { kind: "signup", title: "Welcome bonus", points: "100" },
  { kind: "birthday", title: "Birthday treat", points: "250" },
  { kind: "anniversary", title: "Membership anniversary", points: "150" },
  {
    kind: "social_follow",
    title: "Follow us",
    points: "50",
    limit: "once",
    networks: "instagram | https://instagram.com/loyalistdemo\ntiktok | https://tiktok.com/@loyalistdemo",
  },
  { kind: "social_share", title: "Share the shop", points: "20", limit: "month", networks: "facebook\nx\nwhatsapp" },
  {
    kind: "survey",
    title: "Coffee habits",
    points: "75",
    limit: "once",
    questions: "favourite_category | What do you buy most from us? | Coffee, Tea, Equipment, Gifts\ncups_per_day | How many cups a day? | 0-1, 2-3, 4 or more",
  },
  { kind: "review", title: "Product review", points: "40", limit: "day" },
  { kind: "challenge", title: "Explore the range", points: "300", limit: "once", goal: "categories", target: "3", withinDays: "60" },
  { kind: "challenge", title: "Three orders this quarter", points: "200", limit: "once", goal: "orders", target: "3", withinDays: "90" },
  { kind: "store_visit", title: "Visit the café", points: "10", limit: "week" },
  {
    kind: "poll",
    title: "Next single origin",
    points: "15",
    limit: "once",
    pollQuestion: "Which coffee should we roast next?",
    pollOptions: "ethiopia | Ethiopia Guji\ncolombia | Colombia Huila\nkenya | Kenya Nyeri",
  },
];
