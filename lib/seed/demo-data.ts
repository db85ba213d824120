// The demo tenants' content. Plain data (no imports) so browser tests can import it too.

export const DEMO_TENANTS = [
  {
    slug: "thor",
    name: "Thor",
    polls: [
      { question: "Which weapon should Thor carry into battle?", choices: ["Mjölnir", "Stormbreaker", "Both, obviously"] },
      { question: "Best place in the Nine Realms for a feast?", choices: ["Asgard", "Vanaheim", "Midgard"] },
    ],
  },
  {
    slug: "potter",
    name: "Potter",
    polls: [
      { question: "Which house would the Sorting Hat choose for you?", choices: ["Gryffindor", "Hufflepuff", "Ravenclaw", "Slytherin"] },
      { question: "What is the most useful spell at Hogwarts?", choices: ["Accio", "Expelliarmus", "Lumos"] },
    ],
  },
] as const;
