// The demo tenants' content. Plain data (no imports) so browser tests can import it too.

export const DEMO_TENANTS = [
  {
    slug: "thor",
    name: "Thor",
    branding: { description: "Polls from the halls of Asgard.", accentColor: "#b91c1c", logoUrl: "/brand/thor.svg" },
    polls: [
      { question: "Which weapon should Thor carry into battle?", choices: ["Mjölnir", "Stormbreaker", "Both, obviously"] },
      { question: "Best place in the Nine Realms for a feast?", choices: ["Asgard", "Vanaheim", "Midgard"] },
    ],
  },
  {
    slug: "potter",
    name: "Potter",
    branding: { description: "The Hogwarts common room votes.", accentColor: "#166534", logoUrl: "/brand/potter.svg" },
    polls: [
      { question: "Which house would the Sorting Hat choose for you?", choices: ["Gryffindor", "Hufflepuff", "Ravenclaw", "Slytherin"] },
      { question: "What is the most useful spell at Hogwarts?", choices: ["Accio", "Expelliarmus", "Lumos"] },
    ],
  },
] as const;
