// Where the extensions reach Loyalist: the app's public URL, `application_url` in shopify.app.toml (a unit test
// keeps the two equal; change both when deploying). Extensions run on Shopify's origin, so the app answers with CORS.
export const APP_URL = "https://example.com";
