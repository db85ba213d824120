// Tailwind CSS v4 runs as a PostCSS plugin inside Next's build; app/globals.css imports it (decision 026).
const config = { plugins: { "@tailwindcss/postcss": {} } };
export default config;
